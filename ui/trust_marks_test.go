package ui

import (
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

func TestHeader_InsecureMarkStaysForTheSession(t *testing.T) {
	for _, insecure := range []bool{false, true} {
		m := New(Options{Backend: newMemBackend(t, "v8"), Insecure: insecure})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 140, Height: 30})
		m = run(t, next.(Model), m.loadJobs())
		screens := []string{ansi.Strip(m.View().Content)}
		next, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		screens = append(screens, ansi.Strip(next.(Model).View().Content))
		for i, screen := range screens {
			if got := strings.Contains(screen, "INSECURE"); got != insecure {
				t.Errorf("insecure %v, screen %d: INSECURE shown %v:\n%s", insecure, i, got, screen)
			}
		}
	}
}

func TestList_MarksAJobItCannotFullyReadAndShowsTheOthers(t *testing.T) {
	b := newMemBackend(t, "v8")
	doc, err := json.Marshal(fakevbo.HostileJob())
	if err != nil {
		t.Fatal(err)
	}
	b.jobs = append(b.jobs, decodeJob(t, doc))
	m := start(t, b, 200, 40)
	screen := m.View().Content
	if strings.ContainsAny(screen, "\x07\x00") || strings.Contains(screen, "\x1b[2J") || strings.Contains(screen, "\x1b]8") {
		t.Errorf("the hostile name reached the screen raw:\n%q", screen)
	}
	plain := ansi.Strip(screen)
	for _, want := range []string{"Exchange nightly", `! Evil \x1b]8;;`, `! schedulePolicy.periodicallyEvery "Hours24" is unknown`} {
		if !strings.Contains(plain, want) {
			t.Errorf("list lacks %q:\n%s", want, plain)
		}
	}
}

func TestEditor_RefusesTheGridOfAnUnreadableWindow(t *testing.T) {
	b := newMemBackend(t, "v8")
	doc, err := json.Marshal(fakevbo.HostileJob())
	if err != nil {
		t.Fatal(err)
	}
	hostile := decodeJob(t, doc)
	b.jobs = append(b.jobs, hostile)
	m := New(Options{Backend: b, JobRef: hostile.ID})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m = run(t, next.(Model), m.loadJobs())
	for _, k := range []tea.KeyPressMsg{{Code: tea.KeySpace, Text: " "}, {Code: 'a', Text: "a"}} {
		next, _ = m.Update(k)
		m = next.(Model)
		screen := ansi.Strip(m.View().Content)
		if !strings.Contains(screen, "backup window cannot be edited: the server's hours has 167 entries") {
			t.Errorf("key %q: no refusal on screen:\n%s", k.Text, screen)
		}
	}
	if m.editor.draft.Policy != hostile.Policy {
		t.Errorf("the unreadable window was edited: %+v", m.editor.draft.Policy.BackupWindow)
	}
}

func TestForm_ShowsAnUnknownValueAsTheServerSentIt(t *testing.T) {
	b := newMemBackend(t, "v8")
	doc := fakevbo.HostileJob()
	p := doc["schedulePolicy"].(map[string]any)
	p["backupWindowSettings"] = map[string]any{"backupWindow": model.AllowAll().Bools(), "minuteOffset": 0}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	job := decodeJob(t, data)
	b.jobs = append(b.jobs, job)
	m := New(Options{Backend: b, JobRef: job.ID})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m = run(t, next.(Model), m.loadJobs())
	if screen := ansi.Strip(m.View().Content); !strings.Contains(screen, `"Hours24" (unknown to vbosched)`) {
		t.Errorf("the form does not show the unknown interval:\n%s", screen)
	}
}
