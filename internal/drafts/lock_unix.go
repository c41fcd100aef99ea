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

// processAlive: a process on this host is alive if signal 0 reaches it
// (EPERM: it exists, as another user's). A process on another host cannot
// be looked at, so it counts as alive: a take-over wins until it is taken
// over again.
func processAlive(o Owner) bool {
	if host, err := os.Hostname(); err != nil || host != o.Host {
		return true
	}
	err := syscall.Kill(o.PID, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
