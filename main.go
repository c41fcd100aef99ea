// Command vbosched edits the schedule and backup window of Veeam Backup for
// Microsoft 365 backup jobs, as a terminal UI or one command at a time.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/vbosched/vbosched/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signalContext()
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv(), version)
	stop()
	os.Exit(code)
}

// signalContext is cancelled by ctrl+c or SIGTERM with the signal as its
// cause (signal.NotifyContext's cause is only text), so the exit code can
// be 130 for one and 143 for the other. Once it is cancelled, further
// signals are still caught until stop: the command finishes its shutdown
// (an audit line, a draft) instead of dying halfway.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			cancel(cli.Signalled{Signal: s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}
