package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestEndToEnd_CtrlCAtThePromptExits130 runs `set` in a real terminal
// (tmux), waits for the y/N question and presses ctrl+c: the terminal sends
// SIGINT, main's signal.NotifyContext cancels the command, and the prompt
// gives up at once with exit code 130 and nothing sent.
func TestEndToEnd_CtrlCAtThePromptExits130(t *testing.T) {
	requireTmux(t)
	bin := vboschedBinary(t)
	dir := t.TempDir()
	srv, env := fakeServer(t, dir)
	tmux, sock := tmuxOn(t, dir)
	code := filepath.Join(dir, "code")
	// The shell ignores SIGINT so that it lives to record the exit code; Go
	// installs its own handler over an inherited ignore when main asks for
	// SIGINT, so vbosched still gets it.
	script := "trap '' INT; " + env + bin + " set 'Teams weekends' --retry-number 5; echo $? > " + code + "; tmux -S " + sock + " wait-for -S exited; sleep 30"
	tmux("new-session", "-d", "-s", "prompt", "-x", "100", "-y", "30", script)

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

// TestEndToEnd_SIGTERMAtThePromptExits143 is the same question ended by a
// supervisor's SIGTERM instead of ctrl+c: the code must say which (143, not
// 130), as the editor's does.
func TestEndToEnd_SIGTERMAtThePromptExits143(t *testing.T) {
	requireTmux(t)
	bin := vboschedBinary(t)
	dir := t.TempDir()
	srv, env := fakeServer(t, dir)
	tmux, sock := tmuxOn(t, dir)
	code, pidFile := filepath.Join(dir, "code"), filepath.Join(dir, "pid")
	// The inner shell writes its pid and becomes vbosched (exec), so the
	// test signals exactly the process it started.
	script := env + "sh -c 'echo $$ > " + pidFile + "; exec " + bin + " set \"Teams weekends\" --retry-number 5'; echo $? > " + code +
		"; tmux -S " + sock + " wait-for -S exited; sleep 30"
	tmux("new-session", "-d", "-s", "term", "-x", "100", "-y", "30", script)
	for screen := ""; !strings.Contains(screen, "[y/N]"); screen = tmux("capture-pane", "-p", "-t", "term") {
		if _, err := os.Stat(code); err == nil {
			t.Fatalf("vbosched set ended without asking; the screen shows:\n%s", screen)
		}
	}
	raw, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatalf("pid file %q: %v", raw, err)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	tmux("wait-for", "exited")
	got, err := os.ReadFile(code)
	if err != nil || strings.TrimSpace(string(got)) != "143" {
		t.Errorf("exit code %q (%v), want 143; the screen shows:\n%s", got, err, tmux("capture-pane", "-p", "-t", "term"))
	}
	if n := len(srv.RequestsFor("PUT", "/Jobs/")); n != 0 {
		t.Errorf("%d PUTs after SIGTERM at the prompt, want 0", n)
	}
}
