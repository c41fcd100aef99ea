package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// failingDrafts is a Drafts whose writes fail, as on a full disk or an
// unwritable state directory.
type failingDrafts struct{ *memDrafts }

func (failingDrafts) SaveDraft(*model.Job, model.Settings) error {
	return errors.New("drafts: mkdir /state/vbosched: not a directory")
}

func TestExitNote_HangupSaysWhatBecameOfTheEdits(t *testing.T) {
	for _, tt := range []struct {
		name       string
		drafts     Drafts
		edits      []string
		wantNote   string
		wantFailed bool
	}{
		{"no edits", newMemDrafts(), nil, "", false},
		{"edits written as a draft", newMemDrafts(), []string{"space"}, "unsaved edits are kept as a draft", false},
		{"edits no draft could hold", failingDrafts{newMemDrafts()}, []string{"space"}, "unsaved edits are LOST", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Options{Backend: newMemBackend(t, "v8"), Drafts: tt.drafts})
			next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = drive(t, next.(Model), m.loadJobs())
			m, _ = keys(t, m, append([]string{"enter"}, tt.edits...)...)
			next, cmd := m.Update(HangupMsg{})
			m, quit := drive(t, next.(Model), cmd)
			if !quit {
				t.Fatal("the hangup did not quit")
			}
			if !strings.Contains(m.ExitNote(), tt.wantNote) || tt.wantNote == "" && m.ExitNote() != "" || m.ExitFailed() != tt.wantFailed {
				t.Errorf("note %q, failed %v; want %q, failed %v", m.ExitNote(), m.ExitFailed(), tt.wantNote, tt.wantFailed)
			}
		})
	}
}

// A draft removed behind the editor's back (drafts --clear, another
// editor) is written again before the exit note says it is kept.
func TestExitNote_ADraftRemovedMeanwhileIsWrittenAgainBeforeQuitting(t *testing.T) {
	d := newMemDrafts()
	m, _ := withDrafts(t, d)
	m, _ = keys(t, m, "enter", "space")
	id := m.editor.job.ID
	if err := d.DeleteDraft(id); err != nil {
		t.Fatal(err)
	}
	next, cmd := m.Update(HangupMsg{})
	m, quit := drive(t, next.(Model), cmd)
	if !quit || !strings.Contains(m.ExitNote(), "kept as a draft") {
		t.Fatalf("quit %v, note %q", quit, m.ExitNote())
	}
	if dr, ok := d.get(id); !ok || dr.Edit != m.editor.draft.Settings {
		t.Error("the note says the edits are kept, but no draft holds them")
	}
}

func TestExitNote_HangupDuringASaveSaysItsOutcome(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	m, _ = keys(t, m, "enter", "space", "ctrl+s")
	next, saveCmd := m.Update(keyMsg("y"))
	next, cmd := next.(Model).Update(HangupMsg{})
	m = next.(Model)
	if quits(cmd) {
		t.Fatal("the hangup quit before the save's answer came")
	}
	t.Run("killed before the answer", func(t *testing.T) {
		if !strings.Contains(m.ExitNote(), "its outcome is unknown") || !m.ExitFailed() {
			t.Errorf("note %q, failed %v", m.ExitNote(), m.ExitFailed())
		}
	})
	t.Run("the answer comes", func(t *testing.T) {
		m, quit := drive(t, m, saveCmd)
		if !quit || m.ExitNote() != "the save ended: saved" || m.ExitFailed() {
			t.Errorf("quit %v, note %q, failed %v", quit, m.ExitNote(), m.ExitFailed())
		}
	})
}

func TestQuit_WithoutADraftTheQuestionSaysTheEditsAreLost(t *testing.T) {
	m := New(Options{Backend: newMemBackend(t, "v8"), Drafts: failingDrafts{newMemDrafts()}})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = drive(t, next.(Model), m.loadJobs())
	m, _ = keys(t, m, "enter", "space")
	if !strings.Contains(view(m), "NO DRAFT") || !strings.Contains(view(m), "draft not written") {
		t.Fatalf("the editor does not say the draft could not be written:\n%s", view(m))
	}
	m, quit := keys(t, m, "ctrl+c")
	if quit || !strings.Contains(view(m), "y: quit and LOSE your edits") || strings.Contains(view(m), "stay in a draft") {
		t.Fatalf("the quit question (quit %v):\n%s", quit, view(m))
	}
	m, quit = keys(t, m, "y")
	if !quit || !strings.Contains(m.ExitNote(), "LOST") || !m.ExitFailed() {
		t.Errorf("quit %v, note %q, failed %v", quit, m.ExitNote(), m.ExitFailed())
	}
}

// At 80 columns the quit question's keys are in view.
func TestQuit_TheQuestionShowsItsKeysAt80Columns(t *testing.T) {
	m := New(Options{Backend: newMemBackend(t, "v8"), Drafts: newMemDrafts()})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = drive(t, next.(Model), m.loadJobs())
	m, _ = keys(t, m, "enter", "space", "ctrl+c")
	if v := view(m); !strings.Contains(v, "y: quit, your edits stay in a draft · any other key: keep editing") {
		t.Errorf("the question's keys are not all in view:\n%s", v)
	}
}

// A save reads the job again, sends the PUT and reads the job back; the
// job as read back replaces its row, and the list is not asked for again.
func TestSave_TheSavedJobReplacesItsRowWithoutAListRequest(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v8", 120, 40)
	m = press(t, m, "enter", "tab", "down*6", "enter", "ctrl+u", "5", "enter", "ctrl+s")
	before := len(srv.Requests())
	m = press(t, m, "y")
	if m.screen != screenResult || m.result.err != nil {
		t.Fatalf("save: screen %v, err %v", m.screen, m.result.err)
	}
	var got []string
	for _, r := range srv.Requests()[before:] {
		got = append(got, r.Method+" "+r.Path)
	}
	id := m.editor.job.ID
	want := []string{"GET /v8/Jobs/" + id, "PUT /v8/Jobs/" + id, "GET /v8/Jobs/" + id}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests of a save:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if row := m.list.jobs[slices.IndexFunc(m.list.jobs, func(j *model.Job) bool { return j.ID == id })]; row.Policy.RetryNumber != 5 {
		t.Errorf("the list's row has %d retries, want the saved 5", row.Policy.RetryNumber)
	}
}

// The finding N8: a hang-up at the "restore the draft?" question leaves
// the draft as it was (no rewrite, so its time stays the edit's) and says so.
func TestExitNote_HangupAtTheRestoreQuestionLeavesTheDraftAsItIs(t *testing.T) {
	d := newMemDrafts()
	first, b := withDrafts(t, d)
	first, _ = keys(t, first, "enter", "space") // the edit is kept as a draft
	id := first.editor.job.ID
	before, ok := d.get(id)
	if !ok {
		t.Fatal("no draft to offer")
	}
	writes := d.writes
	m := withDraftsOn(t, b, d) // a later run opens the job
	m, _ = keys(t, m, "enter")
	if m.editor.offer == nil {
		t.Fatalf("the draft is not offered:\n%s", view(m))
	}
	next, cmd := m.Update(HangupMsg{})
	m, quit := drive(t, next.(Model), cmd)
	if !quit {
		t.Fatal("the hangup did not quit")
	}
	if after, _ := d.get(id); d.writes != writes || after != before {
		t.Errorf("the offered draft was written again (%d writes)", d.writes-writes)
	}
	if !strings.Contains(m.ExitNote(), "draft was left as it is") || m.ExitFailed() {
		t.Errorf("note %q, failed %v; want the draft said to be left as it is", m.ExitNote(), m.ExitFailed())
	}
}
