//go:build unix

package audit

import "syscall"

// freeBytes is the room left for an unprivileged writer on the file
// system that holds path; ok is false when it cannot be told.
func freeBytes(path string) (free uint64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}
