//go:build unix

package audit

import (
	"os"
	"syscall"
)

// freeBytes is the room left for an unprivileged writer on the file
// system that holds path; ok is false when it cannot be told.
func freeBytes(path string) (free uint64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}

// lockFile takes f's exclusive flock, waiting for other processes that
// hold it; closing f releases it.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
