package cli

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/ui"
)

// addEditorCommand makes the bare command open the editor.
func addEditorCommand(root *cobra.Command, conn *connection) {
	var jobRef string
	var mouse bool
	root.Flags().StringVar(&jobRef, "job", "", "open this job's editor directly (id or exact name)")
	root.Flags().BoolVar(&mouse, "mouse", true, "use the mouse on the grid (--mouse=false to keep the terminal's own selection)")
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		warned := &strings.Builder{}
		sess, err := conn.openWarningsTo(cmd.Context(), warned)
		if err != nil {
			return err
		}
		defer sess.close()
		// The full screen hides what was printed before it: the header
		// keeps a mark, and the warnings are printed again after it.
		mark := ""
		if warned.Len() > 0 {
			mark = "WARNINGS (shown on exit)"
			defer fmt.Fprint(conn.env.Err, warned.String())
		}
		store, err := openDraftStore(sess, conn.env)
		if err != nil {
			return err
		}
		m := ui.New(ui.Options{Backend: sess.store, JobRef: jobRef, Mouse: mouse, Drafts: store, Insecure: sess.insecure, Mark: mark})
		p := tea.NewProgram(m, tea.WithContext(cmd.Context()), tea.WithInput(conn.env.In), tea.WithOutput(conn.env.Out))
		hungUp := quitOnHangup(p)
		final, err := p.Run()
		if m, ok := final.(ui.Model); ok && m.ExitNote() != "" {
			fmt.Fprintln(conn.env.Err, "vbosched: "+m.ExitNote())
		}
		if hungUp() {
			return failed("the terminal hung up (SIGHUP); unsaved edits are kept as a draft, offered when the job is opened again")
		}
		return err
	}
}

// quitOnHangup quits the program on SIGHUP (a dropped SSH session, a
// closed terminal window) instead of letting the signal kill the process,
// so that Bubble Tea's shutdown restores the terminal where there still is
// one: alternate screen off, mouse reporting off, cursor shown. Bubble Tea
// itself handles only SIGINT and SIGTERM. The program quits once the latest
// draft is on disk (ui.HangupMsg); if that takes more than a few seconds (a
// write to a terminal that is gone can block), it is killed, which skips the
// last frame but still restores the terminal. hungUp reports whether it
// happened.
func quitOnHangup(p *tea.Program) (hungUp func() bool) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	got := make(chan struct{})
	go func() {
		if _, ok := <-sig; !ok {
			return
		}
		close(got)
		time.AfterFunc(3*time.Second, p.Kill)
		p.Send(ui.HangupMsg{})
	}()
	return func() bool {
		signal.Stop(sig)
		select {
		case <-got:
			return true
		default:
			close(sig)
			return false
		}
	}
}
