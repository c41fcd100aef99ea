package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The description is edited in a text area, where ctrl+j breaks a line
// and enter keeps the text; the form shows it on one line with ⏎ marks,
// so a long or multi-line text never changes the form's layout.
func TestForm_DescriptionTakesLineBreaksAndStaysOnOneLine(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, _ := loaded(t, "v8", size[0], size[1])
		m = press(t, m, "enter", "tab", "down*9", "enter")
		if !m.editor.form.multiline {
			t.Fatalf("enter on the description did not open the text area (focus %q)", m.editor.form.fields[m.editor.form.focus].label)
		}
		editing := view(m)
		if !strings.Contains(editing, "ctrl+j new line") || strings.Count(editing, "\n") != size[1]-1 {
			t.Errorf("%v: the text area breaks the screen:\n%s", size, editing)
		}
		for range 3 {
			next, _ := m.Update(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
			m = next.(Model)
			m = press(t, m, "x")
		}
		m = press(t, m, "enter")
		if got, want := m.editor.draft.Description, "All mailboxes\nx\nx\nx"; got != want {
			t.Fatalf("%v: description %q, want %q", size, got, want)
		}
		screen := view(m)
		if !strings.Contains(screen, "All mailboxes⏎x⏎x⏎x") {
			t.Errorf("%v: the description is not on one line:\n%s", size, screen)
		}
		if n := strings.Count(screen, "\n"); n != size[1]-1 {
			t.Errorf("%v: the screen has %d lines, want %d:\n%s", size, n+1, size[1], screen)
		}
	}
}
