package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestEndToEnd_CtrlCAtThePromptExits130 runs `set` in a real terminal
// (tmux), waits for the y/N question and presses ctrl+c: the terminal sends
// SIGINT, main's signal.NotifyContext cancels the command, and the prompt
// gives up at once with exit code 130 and nothing sent.
func TestEndToEnd_CtrlCAtThePromptExits130(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "vbosched")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	srv := fakevbo.NewTLSServer()
	defer srv.Close()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	code := filepath.Join(dir, "code")
	// The shell ignores SIGINT so that it lives to record the exit code; Go
	// installs its own handler over an inherited ignore when main asks for
	// SIGINT, so vbosched still gets it.
	script := "trap '' INT; env NO_COLOR=1 HOME=" + dir + " VBO_SERVER=" + srv.URL + " VBO_USERNAME='" + srv.Username +
		"' VBO_PASSWORD=" + srv.Password + " VBO_CA_FILE=" + ca + " " + bin +
		" set 'Teams weekends' --retry-number 5; echo $? > " + code + "; tmux -S " + sock + " wait-for -S exited; sleep 30"
	tmux("new-session", "-d", "-s", "prompt", "-x", "100", "-y", "30", script)
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()

	// Look at the screen until the question is there; each look is a round
	// trip through tmux, so this waits on the program, not on a clock. If
	// the command ends without asking, fail rather than look forever.
	for screen := ""; !strings.Contains(screen, "[y/N]"); screen = tmux("capture-pane", "-p", "-t", "prompt") {
		if _, err := os.Stat(code); err == nil {
			t.Fatalf("vbosched set ended without asking; the screen shows:\n%s", screen)
		}
	}
	tmux("send-keys", "-t", "prompt", "C-c")
	tmux("wait-for", "exited")
	got, err := os.ReadFile(code)
	if err != nil || strings.TrimSpace(string(got)) != "130" {
		t.Errorf("exit code %q (%v), want 130; the screen shows:\n%s", got, err, tmux("capture-pane", "-p", "-t", "prompt"))
	}
	if screen := tmux("capture-pane", "-p", "-t", "prompt"); !strings.Contains(screen, "interrupted at the prompt: nothing was saved") {
		t.Errorf("the screen shows:\n%s", screen)
	}
	if n := len(srv.RequestsFor("PUT", "/Jobs/")); n != 0 {
		t.Errorf("%d PUTs after ctrl+c at the prompt, want 0", n)
	}
}
