//go:build unix

package drafts

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes f's exclusive flock without waiting; false means another
// open file (another session) holds it. The lock goes when f is closed or
// the process ends, however it ends.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
