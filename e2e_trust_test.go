package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/drafts"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

// tmuxRun is one tmux server on its own socket, for a terminal test.
type tmuxRun struct {
	t    *testing.T
	sock string
}

func (x tmuxRun) do(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", x.sock}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// waitFor polls the pane until it shows want and returns the screen, so
// each step is asserted before the next key is typed.
func (x tmuxRun) waitFor(pane, want string) string {
	x.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := x.do("capture-pane", "-p", "-t", pane)
		if strings.Contains(screen, want) {
			return screen
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("waiting for %q; the screen shows:\n%s", want, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (x tmuxRun) keys(pane string, k ...string) {
	x.do(append([]string{"send-keys", "-t", pane}, k...)...)
}

// modes is the pane's alternate screen, mouse reporting and cursor
// visibility, as tmux tracks them from what the program wrote.
func (x tmuxRun) modes(pane string) string {
	return strings.TrimSpace(x.do("display", "-p", "-t", pane, "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{cursor_flag}"))
}

// TestEndToEnd_SignalKeepsTheDraftAndRestoresTheTerminal edits a job's
// window and retries in the TUI, ends the process with SIGHUP (a dropped SSH
// session) or SIGTERM, checks the terminal's modes are back to normal,
// starts the TUI again on the same job, restores the draft and saves: the
// PUT carries every edit.
func TestEndToEnd_SignalKeepsTheDraftAndRestoresTheTerminal(t *testing.T) {
	requireTmux(t)
	bin := vboschedBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { signalMidEdit(t, bin, sig) })
	}
}

func signalMidEdit(t *testing.T, bin string, sig syscall.Signal) {
	dir := t.TempDir()
	srv := fakevbo.NewTLSServer()
	defer srv.Close()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	pidFile := filepath.Join(dir, "pid")
	x := tmuxRun{t: t, sock: filepath.Join(dir, "tmux.sock")}
	defer exec.Command("tmux", "-S", x.sock, "kill-server").Run()
	env := "env NO_COLOR=1 HOME=" + dir + " XDG_STATE_HOME=" + state + " VBO_SERVER=" + srv.URL + " VBO_USERNAME='" +
		srv.Username + "' VBO_PASSWORD=" + srv.Password + " VBO_CA_FILE=" + ca + " "
	// sh -c records the pid and execs, so the pid is vbosched's own.
	command := env + "sh -c 'echo $$ >" + pidFile + "; exec " + bin + " --job \"Teams weekends\"'; echo EXITED $?; sleep 60"

	x.do("new-session", "-d", "-s", "first", "-x", "120", "-y", "40", command)
	x.waitFor("first", "Teams weekends · as on the server")
	if got := x.modes("first"); !strings.HasPrefix(got, "1 ") || got == "1 0 0 1" {
		t.Fatalf("modes while the TUI runs = %q, want the alternate screen and mouse reporting on", got)
	}
	x.keys("first", "p", "3")     // nights 20:00-06:00
	x.keys("first", "j", "Space") // Mon 00:00 off
	x.waitFor("first", "unsaved changes")
	x.keys("first", "Tab", "Down", "Down", "Down", "Down", "Down", "Space") // Retry on
	x.keys("first", "Down", "Enter", "C-u", "5", "Enter")
	x.waitFor("first", "Retries         5")

	wantWindow, _ := model.ParseWindow("everyday 20:00-06:00")
	wantWindow.Set(model.Cell{Day: time.Monday, Hour: 0}, false)
	store := drafts.Open(filepath.Join(state, "vbosched", "drafts"))
	waitForDraft := func() drafts.Draft {
		deadline := time.Now().Add(10 * time.Second)
		for {
			list, _ := store.List()
			if len(list) == 1 && list[0].Edit.Policy.BackupWindow.Hours == wantWindow && list[0].Edit.Policy.RetryNumber == 5 && list[0].Edit.Policy.RetryEnabled {
				return list[0]
			}
			if time.Now().After(deadline) {
				t.Fatalf("the draft with every edit never landed: %+v", list)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	draft := waitForDraft()

	pidText, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	if _, err := fmt.Sscan(strings.TrimSpace(string(pidText)), &pid); err != nil {
		t.Fatalf("pid %q: %v", pidText, err)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatal(err)
	}
	wantExit := map[syscall.Signal]string{syscall.SIGHUP: "EXITED 1", syscall.SIGTERM: "EXITED 143"}[sig]
	screen := x.waitFor("first", "EXITED")
	if !strings.Contains(screen, wantExit) || !strings.Contains(screen, "unsaved edits are kept as a draft") {
		t.Errorf("after %v the terminal shows (want %q and the draft's note):\n%s", sig, wantExit, screen)
	}
	if got := x.modes("first"); got != "0 0 0 1" {
		t.Errorf("modes after %v = %q, want \"0 0 0 1\" (alternate screen off, no mouse reporting, cursor shown)", sig, got)
	}

	x.do("new-session", "-d", "-s", "second", "-x", "120", "-y", "40", strings.Replace(command, pidFile, pidFile+"2", 1))
	x.waitFor("second", "unsaved draft")
	x.keys("second", "y")
	x.waitFor("second", "unsaved changes")
	x.waitFor("second", "Retries         5")
	x.keys("second", "C-s")
	x.waitFor("second", "change(s) to Teams weekends")
	x.keys("second", "y")
	x.waitFor("second", "Saved.")

	puts := srv.RequestsFor("PUT", "/Jobs/")
	if len(puts) != 1 {
		t.Fatalf("%d PUTs, want 1", len(puts))
	}
	var body struct {
		SchedulePolicy struct {
			RetryEnabled         bool `json:"retryEnabled"`
			RetryNumber          int  `json:"retryNumber"`
			BackupWindowSettings struct {
				BackupWindow []bool `json:"backupWindow"`
			} `json:"backupWindowSettings"`
		} `json:"schedulePolicy"`
	}
	if err := json.Unmarshal(puts[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	w, err := model.WindowFromBools(body.SchedulePolicy.BackupWindowSettings.BackupWindow)
	if sp := body.SchedulePolicy; err != nil || w != wantWindow || !sp.RetryEnabled || sp.RetryNumber != 5 {
		t.Errorf("PUT window %q (%v), retry %v × %d; want %q and retry on × 5", w, err, sp.RetryEnabled, sp.RetryNumber, wantWindow)
	}
	if w != draft.Edit.Policy.BackupWindow.Hours {
		t.Error("the window saved is not the draft's")
	}
	if list, _ := store.List(); len(list) != 0 {
		t.Errorf("the draft is still there after saving: %+v", list)
	}
}

// TestEndToEnd_SignalDuringASaveSaysItsOutcomeIsUnknown ends the TUI while
// the server holds its answer to the PUT: the program waits a little for
// it, then ends saying the save's outcome is unknown, with the signal's exit
// code, never "unsaved" and never Bubble Tea's own error.
func TestEndToEnd_SignalDuringASaveSaysItsOutcomeIsUnknown(t *testing.T) {
	requireTmux(t)
	bin := vboschedBinary(t)
	for _, tt := range []struct {
		sig      syscall.Signal
		wantExit string
	}{{syscall.SIGTERM, "EXITED 143"}, {syscall.SIGHUP, "EXITED 1"}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			srv := fakevbo.NewTLSServer()
			defer srv.Close()
			// Longer than the program waits for the answer (3 s) after the signal.
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Delay: 5 * time.Second})
			ca := filepath.Join(dir, "ca.pem")
			if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
				t.Fatal(err)
			}
			pidFile := filepath.Join(dir, "pid")
			x := tmuxRun{t: t, sock: filepath.Join(dir, "tmux.sock")}
			defer exec.Command("tmux", "-S", x.sock, "kill-server").Run()
			command := "env NO_COLOR=1 HOME=" + dir + " XDG_STATE_HOME=" + filepath.Join(dir, "state") + " VBO_SERVER=" + srv.URL +
				" VBO_USERNAME='" + srv.Username + "' VBO_PASSWORD=" + srv.Password + " VBO_CA_FILE=" + ca +
				" sh -c 'echo $$ >" + pidFile + "; exec " + bin + " --job \"Teams weekends\"'; echo EXITED $?; sleep 60"
			x.do("new-session", "-d", "-s", "save", "-x", "80", "-y", "24", command)
			x.waitFor("save", "Teams weekends · as on the server")
			x.keys("save", "Space")
			x.waitFor("save", "unsaved changes")
			x.keys("save", "C-s")
			x.waitFor("save", "change(s) to Teams weekends")
			x.keys("save", "y")
			x.waitFor("save", "saving")
			// Wait until the PUT has reached the server, whose answer is held.
			for deadline := time.Now().Add(15 * time.Second); len(srv.RequestsFor("PUT", "/Jobs/")) == 0; time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("no PUT reached the server; the screen shows:\n%s", x.do("capture-pane", "-p", "-t", "save"))
				}
			}
			pidText, err := os.ReadFile(pidFile)
			if err != nil {
				t.Fatal(err)
			}
			var pid int
			fmt.Sscan(strings.TrimSpace(string(pidText)), &pid)
			if err := syscall.Kill(pid, tt.sig); err != nil {
				t.Fatal(err)
			}
			screen := x.waitFor("save", "EXITED")
			if !strings.Contains(screen, tt.wantExit) || !strings.Contains(screen, "its outcome is unknown") ||
				strings.Contains(screen, "program was killed") {
				t.Errorf("after %v during a save the terminal shows (want %q and an unknown outcome):\n%s", tt.sig, tt.wantExit, screen)
			}
			t.Logf("after %v:\n%s", tt.sig, strings.TrimSpace(screen))
		})
	}
}

// TestEndToEnd_TwoEditorsOfOneJob opens a job in one editor and edits it,
// opens it in a second editor, which says who has it and discards nothing;
// drafts --clear leaves that draft; a hang-up of the first editor keeps
// its edits as the draft it says it keeps.
func TestEndToEnd_TwoEditorsOfOneJob(t *testing.T) {
	requireTmux(t)
	dir := t.TempDir()
	bin := vboschedBinary(t)
	srv := fakevbo.NewTLSServer()
	defer srv.Close()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state")
	env := "env NO_COLOR=1 HOME=" + dir + " XDG_STATE_HOME=" + state + " VBO_SERVER=" + srv.URL + " VBO_USERNAME='" +
		srv.Username + "' VBO_PASSWORD=" + srv.Password + " VBO_CA_FILE=" + ca + " "
	editor := func(pidFile string) string {
		return env + "sh -c 'echo $$ >" + pidFile + "; exec " + bin + " --job \"Teams weekends\"'; echo EXITED $?; sleep 60"
	}
	x := tmuxRun{t: t, sock: filepath.Join(dir, "tmux.sock")}
	defer exec.Command("tmux", "-S", x.sock, "kill-server").Run()

	x.do("new-session", "-d", "-s", "A", "-x", "80", "-y", "24", editor(filepath.Join(dir, "pidA")))
	x.waitFor("A", "Teams weekends · as on the server")
	x.keys("A", "Space", "l", "Space")
	x.waitFor("A", "unsaved changes")
	store := drafts.Open(filepath.Join(state, "vbosched", "drafts"))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if list, _ := store.List(); len(list) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first editor's draft never landed")
		}
	}

	x.do("new-session", "-d", "-s", "B", "-x", "80", "-y", "24", editor(filepath.Join(dir, "pidB")))
	x.waitFor("B", "being edited in another vbosched session")
	x.keys("B", "n", "y")
	x.keys("B", "Escape")
	x.waitFor("B", "enter open job")
	x.keys("B", "q")
	x.waitFor("B", "EXITED 0")

	out, err := exec.Command("sh", "-c", env+bin+" drafts --clear").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "removed 0 draft(s)") || !strings.Contains(string(out), "open in another vbosched session") {
		t.Fatalf("drafts --clear with the job open: %v\n%s", err, out)
	}

	pidText, err := os.ReadFile(filepath.Join(dir, "pidA"))
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	fmt.Sscan(strings.TrimSpace(string(pidText)), &pid)
	if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	screen := x.waitFor("A", "EXITED")
	if !strings.Contains(screen, "unsaved edits are kept as a draft") {
		t.Errorf("the first editor's exit:\n%s", screen)
	}
	if list, _ := store.List(); len(list) != 1 {
		t.Errorf("after the hang-up %d drafts, want the first editor's", len(list))
	}
}
