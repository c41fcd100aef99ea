//go:build !unix

package audit

import "os"

// freeBytes cannot tell the room left here; the write itself will.
func freeBytes(string) (uint64, bool) { return 0, false }

// lockFile: no flock here; the mutex per path keeps one process's writers
// in turn, and each entry is still one write.
func lockFile(*os.File) error { return nil }
