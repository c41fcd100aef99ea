package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// openCopy opens the first backup copy job of the list (the ninth row:
// "Exchange nightly – archive", daily at 23:00 on workdays, copy window on).
func openCopy(t testing.TB, w, h int) (Model, *memBackend) {
	t.Helper()
	m, b := loadedWithCopies(t, w, h)
	m = press(t, m, "j*8", "enter")
	if m.screen != screenEditor || m.editor.copyJob == nil || m.editor.copyJob.Name != "Exchange nightly – archive" {
		t.Fatalf("enter on a copy job's row did not open it:\n%s", view(m))
	}
	return m, b
}

func TestCopyEditor_OpensWithTheCopyJobsOwnForm(t *testing.T) {
	m, _ := openCopy(t, 120, 40)
	v := view(m)
	for _, want := range []string{"Exchange nightly – archive · copy of Exchange nightly", "Backup copy window on: Mon-Fri 20:00-06:00",
		"Run the job", "Daily at", "Days", "Time", "23:00", "Copy window", "Enabled"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in the copy job's editor:\n%s", want, v)
		}
	}
	for _, not := range []string{"Retry failed", "Periodic window", "Start minute", "Run after save", "Description", "Name "} {
		if strings.Contains(v, not) {
			t.Errorf("%q, which a copy job does not have, in its editor:\n%s", not, v)
		}
	}
	if m = press(t, m, "w"); !strings.Contains(m.editor.message, "one window") {
		t.Errorf("w on a copy job: %q", m.editor.message)
	}
}

func TestCopyEditor_EditsTypeAndWindowThenSaves(t *testing.T) {
	m, b := openCopy(t, 120, 40)
	// The grid: Sun 00:00 is allowed; deny it. The form: DailyAtTime ←
	// Periodically (every hour, the console's default when none is set).
	m = press(t, m, "d", "tab", "left")
	d := toCopy(m.editor.draft)
	if d.Policy.Type != model.CopyPeriodically || d.Policy.Window.Hours.At(model.Cell{}) {
		t.Fatalf("after the edits: type %v, Sun 00:00 %v", d.Policy.Type, d.Policy.Window.Hours.At(model.Cell{}))
	}
	m = press(t, m, "ctrl+s")
	v := view(m)
	for _, want := range []string{"change(s) to Exchange nightly – archive · copy of Exchange nightly", "Run the job: Daily at → Periodically every",
		"Backup copy window: +0 h added, -1 h removed", "Backup copy window hours"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in the review:\n%s", want, v)
		}
	}
	if m = press(t, m, "J"); !strings.Contains(view(m), `"backupJobId"`) || !strings.Contains(view(m), `"backupCopyWindowSettings"`) {
		t.Errorf("the JSON view is not the copy job's PUT body:\n%s", view(m))
	}
	m = press(t, m, "J", "y")
	if m.screen != screenResult || m.result.err != nil || !strings.Contains(view(m), "Saved.") {
		t.Fatalf("after y: %v\n%s", m.result.err, view(m))
	}
	if saves := b.copySaved; len(saves) != 1 || saves[0] != d {
		t.Errorf("the backend saved %+v, want the one edit %+v", saves, d)
	}
	if m.editor.dirty() || m.editor.copyJob.Policy.Type != model.CopyPeriodically {
		t.Error("the saved copy job is not the editor's new base")
	}
	if row := m.list.entries[8]; !strings.Contains(row.sched, "every hour") {
		t.Errorf("the list's row was not replaced by the saved copy job: %q", row.sched)
	}
}

func TestCopyEditor_RulesUndoAndPresets(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		check func(t *testing.T, m Model)
	}{
		{"an enabled copy window that allows no hour cannot be saved", []string{"p", "2", "ctrl+s"}, func(t *testing.T, m Model) {
			if m.screen != screenEditor || !strings.Contains(m.editor.message, "cannot save") || !strings.Contains(m.editor.message, "could never run") {
				t.Errorf("screen %v, message %q", m.screen, m.editor.message)
			}
		}},
		{"undo takes an edit back, redo makes it again", []string{"space", "u"}, func(t *testing.T, m Model) {
			if m.editor.dirty() {
				t.Error("dirty after undo")
			}
			if m = press(t, m, "ctrl+r"); !m.editor.dirty() {
				t.Error("clean after redo")
			}
		}},
		{"a preset fills the copy window", []string{"p", "1"}, func(t *testing.T, m Model) {
			if n := toCopy(m.editor.draft).Policy.Window.Hours.Count(); n != model.WindowHours {
				t.Errorf("%d hours allowed after always", n)
			}
		}},
		{"a typed time is checked by the model's rule", []string{"tab", "down*2", "enter", "ctrl+u", "2", "5", ":", "0", "0", "enter"}, func(t *testing.T, m Model) {
			if !m.editor.form.editing || !strings.Contains(m.editor.form.inputErr, "25:00") {
				t.Errorf("25:00 accepted: editing %v, %q", m.editor.form.editing, m.editor.form.inputErr)
			}
		}},
		{"nothing to save without a change", []string{"ctrl+s"}, func(t *testing.T, m Model) {
			if m.screen != screenEditor || !strings.Contains(m.editor.message, "nothing to save") {
				t.Errorf("screen %v, message %q", m.screen, m.editor.message)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := openCopy(t, 120, 40)
			tt.check(t, press(t, m, tt.keys...))
		})
	}
}

func TestGoldenCopyEditor(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"editor", nil},
		{"review", []string{"d", "tab", "left", "ctrl+s"}},
		{"help", []string{"?"}},                      // G23: the copy job's keys and words only
		{"periodic", []string{"tab", "left", "l*3"}}, // G1: no "!!" where no warning says a start waits
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				m, _ := openCopy(t, sz[0], sz[1])
				golden.RequireEqual(t, view(press(t, m, sc.keys...)))
			})
		}
	}
}

// At 80 columns a copy job's title ("NAME · copy of SOURCE") is longer
// than the header has room for: the name is cut, never the state mark.
func TestCopyEditor_TheStateMarkOutlivesALongTitle(t *testing.T) {
	m, _ := openCopy(t, 80, 24)
	m = press(t, m, "space")
	header := strings.SplitN(view(m), "\n", 2)[0]
	if !strings.HasSuffix(strings.TrimRight(header, " "), "● unsaved changes") {
		t.Errorf("the header lost its unsaved mark:\n%s", header)
	}
}
