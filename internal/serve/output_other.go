//go:build !darwin && !dragonfly && !freebsd && !linux && !netbsd && !openbsd && !solaris

package serve

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// sessionOutput: here wish's options already write to the session (see
// output_unix.go).
func sessionOutput(ssh.Session) []tea.ProgramOption { return nil }
