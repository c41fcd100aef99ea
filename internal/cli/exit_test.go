package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// vboschedCtx is vbosched with a context, for the commands ctrl+c stops.
func vboschedCtx(t *testing.T, ctx context.Context, srv *fakevbo.Server, args ...string) run {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password,
		"VBO_CA_FILE": ca, "HOME": t.TempDir()}
	var out, errOut bytes.Buffer
	code := Run(ctx, args, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }}, "test")
	return run{code, out.String(), errOut.String()}
}

func TestExitCodes(t *testing.T) {
	srv := newServer(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		fault  *fakevbo.Fault
		args   []string
		want   int
		stderr string
	}{
		{name: "a command that works", args: []string{"jobs"}, want: ExitOK},
		{name: "a server error", fault: &fakevbo.Fault{Method: http.MethodGet, Path: "/Jobs", Status: 500}, args: []string{"jobs"}, want: ExitFailed, stderr: "Internal Server Error"},
		{name: "an unknown command", args: []string{"frob"}, want: ExitUsage, stderr: `unknown command "frob"`},
		{name: "an argument to a command that takes none", args: []string{"jobs", "extra"}, want: ExitUsage},
		{name: "an argument to cobra's completion command", args: []string{"completion", "zsh", "extra"}, want: ExitUsage},
		{name: "an unknown flag", args: []string{"jobs", "--frob"}, want: ExitUsage, stderr: "unknown flag: --frob"},
		{name: "a flag value out of range", args: []string{"set", "Exchange nightly", "--retry-number", "0"}, want: ExitUsage},
		{name: "a missing argument", args: []string{"show"}, want: ExitUsage},
		{name: "an unknown job", args: []string{"show", "nope"}, want: ExitUsage, stderr: "vbosched jobs"},
		{name: "ctrl+c before the server answered", ctx: cancelled, args: []string{"set", "--all", "--retry-number", "5", "--yes"}, want: ExitInterrupted},
		{name: "SIGTERM before the server answered", ctx: signalledCtx(syscall.SIGTERM), args: []string{"set", "--all", "--retry-number", "5", "--yes"}, want: ExitTerminated},
		{name: "SIGTERM before the job list", ctx: signalledCtx(syscall.SIGTERM), args: []string{"jobs"}, want: ExitTerminated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fault != nil {
				srv.InjectFault(*tt.fault)
			}
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			r := vboschedCtx(t, ctx, srv, tt.args...)
			if r.code != tt.want || !strings.Contains(r.err, tt.stderr) {
				t.Errorf("vbosched %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), r.code, tt.want, r.err)
			}
		})
	}
	if n := len(puts(srv)); n != 0 {
		t.Errorf("%d PUTs were sent; none of these commands should save", n)
	}
}

func TestExitCode_FromTheErrorType(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want int
	}{
		{"no error", context.Background(), nil, ExitOK},
		{"a plain error", context.Background(), errors.New("boom"), ExitFailed},
		{"a usage error wrapped twice", context.Background(), fmt.Errorf("a: %w", fmt.Errorf("b: %w", usagef("bad"))), ExitUsage},
		{"an error whose text says unknown command is not usage", context.Background(), errors.New("unknown command from the server"), ExitFailed},
		{"any error after ctrl+c", cancelled, fmt.Errorf("saving: %w", context.Canceled), ExitInterrupted},
		{"any error after SIGINT", signalledCtx(os.Interrupt), fmt.Errorf("saving: %w", context.Canceled), ExitInterrupted},
		{"any error after SIGTERM", signalledCtx(syscall.SIGTERM), fmt.Errorf("saving: %w", context.Canceled), ExitTerminated},
		{"an interrupted prompt after SIGTERM", signalledCtx(syscall.SIGTERM), interrupted("at the prompt"), ExitTerminated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.ctx, tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	tests := []struct {
		name, answer string
		want         bool
	}{
		{"y is yes", "y\n", true},
		{"YES in capitals is yes", " YES \n", true},
		{"n is no", "n\n", false},
		{"Enter alone is no", "\n", false},
		{"end of input is no", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got, err := confirm(context.Background(), strings.NewReader(tt.answer), &out, "Save? [y/N] ")
			if got != tt.want || err != nil {
				t.Errorf("confirm(%q) = %v, %v; want %v", tt.answer, got, err, tt.want)
			}
			if out.String() != "Save? [y/N] " {
				t.Errorf("prompt %q", out.String())
			}
		})
	}
}

func TestConfirm_CtrlCWhileWaitingExits130(t *testing.T) {
	in, w := io.Pipe() // nobody ever answers
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := confirm(ctx, in, &out, "Save? [y/N] ")
		done <- err
	}()
	cancel()
	err := <-done
	if got := exitCode(context.Background(), err); got != ExitInterrupted {
		t.Errorf("confirm cancelled: %v, exit %d, want %d", err, got, ExitInterrupted)
	}
	if !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("error %q does not say nothing was saved", err)
	}
}

func TestServerTextNeverReachesTheTerminalRaw(t *testing.T) {
	const evil = "evil\x1b]0;pwned\a\x1b[2J"
	srv := newServer(t)
	id := srv.JobID("Exchange nightly")
	srv.ChangeJob(id, func(j map[string]any) { j["name"] = evil; j["lastStatus"] = "Failed\x1b[31m" })
	tests := []struct {
		name  string
		fault *fakevbo.Fault
		args  []string
		want  string // what shows instead, escaped
	}{
		{name: "jobs", args: []string{"jobs"}, want: `evil\x1b]0;pwned\x07\x1b[2J`},
		{name: "show", args: []string{"show", id}, want: `evil\x1b]0;pwned\x07\x1b[2J`},
		{name: "set output", args: []string{"set", id, "--retry-number", "5", "--yes"}, want: `changed    evil\x1b]0;pwned`},
		{name: "an error message from the server", args: []string{"jobs"},
			fault: &fakevbo.Fault{Method: http.MethodGet, Path: "/Jobs", Status: 500, Body: `{"message":"down \u001b[2J for maintenance"}`},
			want:  `down \x1b[2J for maintenance`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fault != nil {
				srv.InjectFault(*tt.fault)
			}
			r := vbosched(t, srv, "", tt.args...)
			if strings.ContainsAny(r.out+r.err, "\x1b\a") {
				t.Errorf("output holds a raw control character:\n%q\n%q", r.out, r.err)
			}
			if !strings.Contains(r.out+r.err, tt.want) {
				t.Errorf("output lacks %q:\n%s\n%s", tt.want, r.out, r.err)
			}
		})
	}
	r := vbosched(t, srv, "", "jobs", "--json")
	if !strings.Contains(r.out, `evil\u001b]0;pwned\u0007\u001b[2J`) {
		t.Errorf("jobs --json does not keep JSON's escapes:\n%s", r.out)
	}
}

func TestExitCode_CtrlCDuringABulkRunExits130(t *testing.T) {
	srv := newServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The first PUT presses ctrl+c, as a user would while the jobs are saved.
	srv.InjectFault(fakevbo.Fault{Method: http.MethodPut, Hook: cancel})
	r := vboschedCtx(t, ctx, srv, "set", "--all", "--retry-number", "5", "--yes")
	if r.code != ExitInterrupted {
		t.Errorf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", r.code, ExitInterrupted, r.out, r.err)
	}
	if !strings.Contains(r.out, " not sent") || strings.Contains(r.out, "no answer came back") {
		t.Errorf("the summary does not show the jobs that were not sent, or calls a PUT in flight unanswered:\n%s", r.out)
	}
}

// TestExitCode_CtrlCDuringAOneJobSaveExits130: the save in flight is let
// finish and reported changed, and the exit is 130 as over many jobs.
func TestExitCode_CtrlCDuringAOneJobSaveExits130(t *testing.T) {
	srv := newServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv.InjectFault(fakevbo.Fault{Method: http.MethodPut, Hook: cancel})
	r := vboschedCtx(t, ctx, srv, "set", "Exchange nightly", "--retry-number", "5", "--yes")
	if r.code != ExitInterrupted || !strings.Contains(r.out, "1 changed") {
		t.Errorf("exit %d, want %d with the job reported changed; stdout:\n%s\nstderr:\n%s", r.code, ExitInterrupted, r.out, r.err)
	}
}

// signalledCtx is the context main hands Run after sig arrived.
func signalledCtx(sig os.Signal) context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(Signalled{Signal: sig})
	return ctx
}
