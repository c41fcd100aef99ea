package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestHeader_KeepsTheMarkTheCommandLineGave(t *testing.T) {
	b := newMemBackend(t, "v8")
	m := New(Options{Backend: b, Clock: testClock{}, Mark: "WARNINGS (shown on exit)"})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = run(t, next.(Model), m.loadJobs())
	if first, _, _ := strings.Cut(view(m), "\n"); !strings.Contains(first, "WARNINGS (shown on exit)") {
		t.Errorf("the header %q lacks the mark", first)
	}
}
