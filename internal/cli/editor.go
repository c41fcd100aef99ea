package cli

import (
	"errors"
	"fmt"
	"io"
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
		// The program ends on a signal only through ui.HangupMsg (quitOnSignal),
		// so it gets no context (main cancels it on SIGTERM) and no Bubble Tea
		// signal handler: either would kill it at once, with the draft
		// unwritten and a save's outcome unsaid.
		p := tea.NewProgram(m, tea.WithoutSignalHandler(), tea.WithInput(conn.env.In), tea.WithOutput(conn.env.Out))
		signalled := quitOnSignal(p)
		final, err := p.Run()
		return editorExit(conn.env.Err, final, err, signalled())
	}
}

// editorExit is the editor's exit: its note, printed by the caller once the
// terminal is back, and its code. SIGHUP exits 1, SIGTERM 143 (128 + 15, as
// shells and supervisors expect of a terminated program), an external
// SIGINT 130; quitting with a save's outcome unknown or edits lost exits 1.
func editorExit(stderr io.Writer, final tea.Model, runErr error, sig os.Signal) error {
	note, lost := "", false
	if m, ok := final.(ui.Model); ok {
		note, lost = m.ExitNote(), m.ExitFailed()
	}
	if sig != nil {
		what := map[os.Signal]string{syscall.SIGHUP: "the terminal hung up (SIGHUP)", syscall.SIGTERM: "vbosched was told to end (SIGTERM)",
			os.Interrupt: "vbosched was interrupted (SIGINT)"}[sig]
		code := map[os.Signal]int{syscall.SIGHUP: ExitFailed, syscall.SIGTERM: ExitTerminated, os.Interrupt: ExitInterrupted}[sig]
		if note == "" {
			note = "nothing was unsaved"
		}
		return &ExitError{Code: code, Err: errors.New(what + "; " + note)}
	}
	if runErr != nil {
		return fmt.Errorf("the editor ended: %w", runErr)
	}
	if note == "" {
		return nil
	}
	if lost {
		return &ExitError{Code: ExitFailed, Err: errors.New(note)}
	}
	fmt.Fprintln(stderr, "vbosched: "+note)
	return nil
}

// quitOnSignal quits the program on SIGHUP (a dropped SSH session, a
// closed terminal window), SIGTERM (kill, a supervisor) or a SIGINT from
// outside (in the terminal ctrl+c is a key) instead of letting the signal
// kill the process, so that Bubble Tea's shutdown restores the terminal
// where there still is one: alternate screen off, mouse reporting off,
// cursor shown. The program quits once the latest draft is on disk and a
// save in flight has its answer (ui.HangupMsg); if that takes more than a
// few seconds (a write to a terminal that is gone can block, a server can
// be slow), it is killed, which skips the last frame but still restores
// the terminal, and the model then says the save's outcome is unknown.
// signalled reports the signal that came, or nil.
func quitOnSignal(p *tea.Program) (signalled func() os.Signal) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	got := make(chan os.Signal, 1)
	go func() {
		s, ok := <-sig
		if !ok {
			return
		}
		got <- s
		time.AfterFunc(3*time.Second, p.Kill)
		p.Send(ui.HangupMsg{})
	}()
	return func() os.Signal {
		signal.Stop(sig)
		select {
		case s := <-got:
			return s
		default:
			close(sig)
			return nil
		}
	}
}
