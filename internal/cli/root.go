// Package cli is vbosched's command line: flags, environment and profiles,
// the subcommands, and the wiring of the TUI to a server or the demo.
package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/model"
)

// Exit codes.
const (
	ExitOK          = 0
	ExitFailed      = 1   // server, network, or some jobs failed
	ExitUsage       = 2   // usage or validation: nothing was sent
	ExitInterrupted = 130 // ctrl+c (SIGINT) stopped the command: 128 + SIGINT, as shells report it
	ExitTerminated  = 143 // SIGTERM stopped the command (the editor after it kept the draft): 128 + SIGTERM
)

// Signalled is the cause the caller of Run cancels the context with when a
// signal arrives, so the exit code can tell a supervisor's SIGTERM (143)
// from an operator's ctrl+c (130). A context cancelled without it exits 130.
type Signalled struct{ Signal os.Signal }

func (s Signalled) Error() string { return s.Signal.String() + " signal received" }

// Env is the world a command runs in: streams and environment, so tests run
// commands in-process.
type Env struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// Environ lists the environment as KEY=value, to warn of VBO_
	// variables vbosched does not read; nil skips the check.
	Environ func() []string
	// Now tells the time, for `show`'s next runs; nil is time.Now.
	Now func() time.Time
}

func (e Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// OSEnv is the process's own environment.
func OSEnv() Env {
	return Env{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, Environ: os.Environ}
}

func isTerminal(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// ExitError is an error that decides the exit code: Run finds it with
// errors.As, however deeply it is wrapped. An error without one exits 1.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil { // a caller that forgot the reason still gets a line
		return fmt.Sprintf("failed with exit code %d", e.Code)
	}
	return e.Err.Error()
}
func (e *ExitError) Unwrap() error { return e.Err }

// usage marks an error as the user's to fix before anything is sent: exit
// code 2.
func usage(err error) error { return &ExitError{Code: ExitUsage, Err: err} }

func usagef(format string, args ...any) error { return usage(fmt.Errorf(format, args...)) }

// failed marks a run that did its work but some of it failed: exit code 1.
func failed(format string, args ...any) error {
	return &ExitError{Code: ExitFailed, Err: fmt.Errorf(format, args...)}
}

// interrupted is how a command stops when ctrl+c cancelled its context.
func interrupted(what string) error {
	return &ExitError{Code: ExitInterrupted, Err: fmt.Errorf("interrupted %s", what)}
}

// Run executes vbosched with args and returns the exit code.
func Run(ctx context.Context, args []string, env Env, version string) int {
	root := newRootCommand(env, version)
	root.SetArgs(args)
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usage(err) })
	// fang's man command is hidden and doubles short flags: newManCommand
	// replaces it.
	err := fang.Execute(ctx, root, fang.WithVersion(version), fang.WithErrorHandler(errorHandler), fang.WithoutManpage())
	return exitCode(ctx, err)
}

// exitCode maps a command's error to the exit code. Once ctx is cancelled
// (ctrl+c, SIGTERM), whatever the command was doing failed because of it:
// 130, or 143 when the cause was SIGTERM.
func exitCode(ctx context.Context, err error) int {
	var ee *ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee) && ee.Code == ExitTerminated:
		return ee.Code // the editor ended on SIGTERM, which also cancelled ctx, and said how
	case ctx.Err() != nil:
		var sig Signalled
		if errors.As(context.Cause(ctx), &sig) && sig.Signal == syscall.SIGTERM {
			return ExitTerminated
		}
		return ExitInterrupted
	case errors.As(err, &ee):
		return ee.Code
	}
	return ExitFailed
}

// errorHandler prints errors plainly, one "vbosched: " line per error line,
// so they read the same in a terminal, a pipe and a log. Errors quote the
// server (job names, messages), so each line goes through model.SafeText.
func errorHandler(w io.Writer, _ fang.Styles, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintf(w, "vbosched: %s\n", model.SafeText(line))
	}
	var unknownCA x509.UnknownAuthorityError
	if errors.As(err, &unknownCA) {
		fmt.Fprintln(w, "vbosched: the server's certificate is not trusted here: pass --ca-file with the server's certificate (PEM),")
		fmt.Fprintln(w, "          or --pin-sha256 with its fingerprint (openssl x509 -noout -fingerprint -sha256 -in cert.pem)")
	}
}

func newRootCommand(env Env, version string) *cobra.Command {
	conn := &connection{env: env, userAgent: "vbosched/" + version}
	root := &cobra.Command{
		Use:   "vbosched",
		Short: "Edit the schedule and backup window of Veeam Backup for Microsoft 365 jobs",
		Long: `vbosched edits the schedule and the 7×24 backup window of Veeam Backup for
Microsoft 365 backup jobs through the REST API: as a terminal UI (run it with
no command), or one command at a time for scripts and quick fixes.

With nothing configured for a server, the bare vbosched runs on a built-in
demo server (marked DEMO); every other command then needs --server or
VBO_SERVER, or --demo.`,
		Args: cobra.NoArgs,
	}
	conn.addFlags(root)
	root.AddCommand(
		newJobsCommand(conn),
		newShowCommand(conn),
		newSetCommand(conn),
		newExportCommand(conn),
		newApplyCommand(conn),
		newLogCommand(conn),
		newRevertCommand(conn),
		newPlanCommand(conn),
		newLintCommand(conn),
		newDemoServerCommand(),
		newDraftsCommand(env),
		newManCommand(),
		newServeCommand(conn),
	)
	addEditorCommand(root, conn)
	// Cobra adds its completion command only when it runs; adding it now
	// lets markArgErrorsAsUsage reach it (cobra then keeps this one).
	root.InitDefaultCompletionCmd()
	markArgErrorsAsUsage(root)
	return root
}

// markArgErrorsAsUsage makes cobra's argument errors exit with 2 like flag
// errors. Cobra reports an unknown command through the same validators
// (cobra.NoArgs on a command with subcommands), so those exit 2 too.
func markArgErrorsAsUsage(cmd *cobra.Command) {
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usage(err)
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		markArgErrorsAsUsage(sub)
	}
}
