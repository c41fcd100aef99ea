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

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1 // server, network, or some jobs failed
	ExitUsage  = 2 // usage or validation: nothing was sent
)

// Env is the world a command runs in: streams and environment, so tests run
// commands in-process.
type Env struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
}

// OSEnv is the process's own environment.
func OSEnv() Env { return Env{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv} }

func isTerminal(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// usageError marks errors that are the user's to fix before anything is
// sent: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// failedError marks a run that did its work but some of it failed: exit
// code 1, with the details already printed.
type failedError struct{ msg string }

func (e failedError) Error() string { return e.msg }

// Run executes vbosched with args and returns the exit code.
func Run(ctx context.Context, args []string, env Env, version string) int {
	root := newRootCommand(env, version)
	root.SetArgs(args)
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	err := fang.Execute(ctx, root, fang.WithVersion(version), fang.WithErrorHandler(errorHandler))
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue), strings.HasPrefix(err.Error(), "unknown command"):
		return ExitUsage
	default:
		return ExitFailed
	}
}

// errorHandler prints errors plainly, one "vbosched: " line per error line,
// so they read the same in a terminal, a pipe and a log.
func errorHandler(w io.Writer, _ fang.Styles, err error) {
	var fe failedError
	if errors.As(err, &fe) && fe.msg == "" {
		return
	}
	fmt.Fprintf(w, "vbosched: %v\n", err)
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

With no server configured it runs on a built-in demo server.`,
		Args: cobra.NoArgs,
	}
	conn.addFlags(root)
	root.AddCommand(
		newJobsCommand(conn),
		newShowCommand(conn),
		newSetCommand(conn),
		newExportCommand(conn),
		newApplyCommand(conn),
		newDemoServerCommand(),
	)
	addEditorCommand(root, conn)
	markArgErrorsAsUsage(root)
	return root
}

// markArgErrorsAsUsage makes cobra's argument-count errors exit with 2 like
// flag errors.
func markArgErrorsAsUsage(cmd *cobra.Command) {
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		markArgErrorsAsUsage(sub)
	}
}
