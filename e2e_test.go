package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/model"
)

// TestEndToEnd builds the binary, runs the TUI in tmux against a fake
// server, paints Mon-Fri 20:00-06:00, sets Daily/Workdays/22:00, saves, and
// checks the one PUT the server received.
func TestEndToEnd(t *testing.T) {
	requireTmux(t)
	bin := vboschedBinary(t)
	dir := t.TempDir()
	srv, env := fakeServer(t, dir)
	id := srv.JobID("Teams weekends")
	before := srv.Job(id)["schedulePolicy"].(map[string]any)

	session := "vbosched-e2e-" + filepath.Base(dir)
	tmux, _ := tmuxOn(t, dir)
	tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", env+bin+" --mouse=false; sleep 30")

	waitFor := func(want string) string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			screen := tmux("capture-pane", "-p", "-t", session)
			if strings.Contains(screen, want) {
				return screen
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %q; the screen shows:\n%s", want, screen)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	keys := func(k ...string) { tmux(append([]string{"send-keys", "-t", session}, k...)...) }

	waitFor("Teams weekends")
	keys("j", "j", "j", "Enter")
	waitFor("Teams weekends · as on the server")
	keys("p", "2") // never
	waitFor("Backup window off (not enforced): never")
	keys("j")
	for range 20 {
		keys("l")
	}
	keys("v", "j", "j", "j", "j", "l", "l", "l", "a")                               // Mon-Fri 20:00-24:00
	keys("0", "k", "k", "k", "v", "j", "j", "j", "j", "l", "l", "l", "l", "l", "a") // Tue-Sat 00:00-06:00
	waitFor("never: Mon-Fri 20:00-06:00"[len("never: "):])
	keys("Tab", "Down", "Left") // Days: Weekends → Workdays
	waitFor("Workdays")
	keys("Down", "Enter", "C-u", "22:00", "Enter")
	keys("Down", "Space") // the window on
	waitFor("Backup window on: Mon-Fri 20:00-06:00")
	keys("C-s")
	waitFor("4 change(s) to Teams weekends")
	keys("y")
	screen := waitFor("Saved.")
	if !strings.Contains(screen, "Daily at 22:00 on Workdays") || !strings.Contains(screen, "Mon-Fri 20:00-06:00") {
		t.Errorf("the result screen:\n%s", screen)
	}

	puts := srv.RequestsFor("PUT", "/Jobs/")
	if len(puts) != 1 {
		t.Fatalf("%d PUTs, want 1", len(puts))
	}
	var body struct{ SchedulePolicy map[string]any }
	if err := json.Unmarshal(puts[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	sp := body.SchedulePolicy
	var ws struct{ BackupWindow []bool }
	b, _ := json.Marshal(sp["backupWindowSettings"])
	_ = json.Unmarshal(b, &ws)
	w, err := model.WindowFromBools(ws.BackupWindow)
	if err != nil || w.String() != "Mon-Fri 20:00-06:00" {
		t.Errorf("PUT window %q (%v), want Mon-Fri 20:00-06:00", w, err)
	}
	if sp["type"] != "Daily" || sp["dailyType"] != "Workdays" || sp["dailyTime"] != "22:00:00" || sp["backupWindowEnabled"] != true {
		t.Errorf("PUT schedule: %v", sp)
	}
	for k, v := range before {
		switch k {
		case "type", "dailyType", "dailyTime", "backupWindowEnabled", "backupWindowSettings":
			continue
		}
		a, _ := json.Marshal(v)
		b, _ := json.Marshal(sp[k])
		if string(a) != string(b) {
			t.Errorf("schedulePolicy.%s changed: %s → %s", k, a, b)
		}
	}
	keys("q")
	waitFor("jobs")
	keys("q")
}
