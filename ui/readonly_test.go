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

// The finding G13: a read-only key may review (README: "may browse and
// review but not save"): ctrl+s opens the review with its changes and J,
// which says it cannot send, and y or enter there sends nothing.
func TestReadOnly_SaveKeyOpensAReviewThatCannotSend(t *testing.T) {
	m, b := readOnly(t)
	m = press(t, m, "enter", "p", "3", "ctrl+s")
	if m.screen != screenReview {
		t.Fatalf("ctrl+s on a read-only session: screen %v, want the review:\n%s", m.screen, view(m))
	}
	v := view(m)
	for _, want := range []string{"change(s) to Exchange nightly", "READ-ONLY: this key may review edits but not save them"} {
		if !strings.Contains(v, want) {
			t.Errorf("the review lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "y/enter") || strings.Contains(v, "send") && !strings.Contains(v, "nothing is sent") {
		t.Errorf("the read-only review offers to send:\n%s", v)
	}
	if j := press(t, m, "J"); !strings.Contains(view(j), `"schedulePolicy"`) {
		t.Errorf("J in the read-only review does not show the body:\n%s", view(j))
	}
	m = press(t, m, "y", "enter")
	if m.screen != screenReview {
		t.Errorf("y in a read-only review left it for screen %v", m.screen)
	}
	if got := b.saves(); len(got) != 0 {
		t.Errorf("a read-only session saved %d time(s)", len(got))
	}
	if m = press(t, m, "esc"); m.screen != screenEditor || !m.editor.dirty() {
		t.Errorf("esc from the read-only review: screen %v, edits kept %v", m.screen, m.editor.dirty())
	}
}

func TestReadOnly_HeaderMarkedAndSaveOfferedAsReview(t *testing.T) {
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
			if strings.Contains(v, "ctrl+s save") || !strings.Contains(v, "ctrl+s review (cannot save)") {
				t.Errorf("the save key is offered to a read-only user as saving:\n%s", v)
			}
			rw, _ := loaded(t, "v8", 80, 24)
			if !strings.Contains(view(press(t, rw, tt.keys...)), "ctrl+s save") {
				t.Errorf("the same screen without ReadOnly does not offer ctrl+s either: the test proves nothing")
			}
		})
	}
}
