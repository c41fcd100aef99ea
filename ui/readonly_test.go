package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// readOnly is a program on the demo jobs whose user may not save.
func readOnly(t *testing.T) (Model, *memBackend) {
	t.Helper()
	b := newMemBackend(t, "v8")
	m := New(Options{Backend: b, Clock: testClock{}, ReadOnly: true})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return run(t, next.(Model), m.loadJobs()), b
}

func TestReadOnly_SaveKeyRefusedAndNothingSent(t *testing.T) {
	m, b := readOnly(t)
	m = press(t, m, "enter", "p", "3", "ctrl+s")
	if !strings.Contains(m.editor.message, "read-only") {
		t.Errorf("ctrl+s message = %q, want it to say read-only", m.editor.message)
	}
	m = press(t, m, "y", "enter") // what would confirm a review, had one opened
	if m.screen != screenEditor {
		t.Errorf("ctrl+s on a read-only session left the editor for screen %v", m.screen)
	}
	if got := b.saves(); len(got) != 0 {
		t.Errorf("a read-only session saved %d time(s)", len(got))
	}
	if !m.editor.dirty() {
		t.Error("the refused save dropped the edit: a read-only user may still review it")
	}
}

func TestReadOnly_HeaderMarkedAndSaveNotOffered(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"editor help line", []string{"enter"}},
		{"help screen", []string{"enter", "?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := readOnly(t)
			v := view(press(t, m, tt.keys...))
			if !strings.Contains(v, "READ-ONLY") {
				t.Errorf("the header does not say READ-ONLY:\n%s", v)
			}
			if strings.Contains(v, "ctrl+s") {
				t.Errorf("the save key is offered to a read-only user:\n%s", v)
			}
			rw, _ := loaded(t, "v8", 80, 24)
			if !strings.Contains(view(press(t, rw, tt.keys...)), "ctrl+s") {
				t.Errorf("the same screen without ReadOnly does not offer ctrl+s either: the test proves nothing")
			}
		})
	}
}
