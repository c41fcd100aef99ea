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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv(), version)
	stop()
	os.Exit(code)
}
