//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package serve

import (
	"os"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// sessionOutput makes the program write straight to the session's
// channel instead of through the PTY. wish's options point the program's
// output at the PTY, whose bytes the SSH library copies to the client on
// a goroutine of its own, while the session is closed as soon as the
// handler returns: the program's last writes (leave the alternate screen,
// show the cursor) were still in the PTY when the channel closed, and the
// client was left with the last frame. A write to the channel is on its
// way to the client when it returns, so everything the program wrote is
// sent before the exit note and the close.
//
// The program still reads from the PTY, which it puts in raw mode; with
// OPOST off there the PTY passed the program's bytes through unchanged,
// so bypassing it changes nothing the client sees. The output keeps the
// PTY's descriptor, so the program still takes it for a terminal: its
// size and colour profile are read from it as before.
func sessionOutput(sess ssh.Session) []tea.ProgramOption {
	pty, _, ok := sess.Pty()
	if !ok || pty.Slave == nil {
		return nil // wish's options already write to the session
	}
	return []tea.ProgramOption{tea.WithOutput(ptyOutput{File: pty.Slave, session: sess})}
}

// ptyOutput is the PTY for everything but writes, which go to the session.
type ptyOutput struct {
	*os.File
	session ssh.Session
}

func (o ptyOutput) Write(p []byte) (int, error) { return o.session.Write(p) }
