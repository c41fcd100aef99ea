package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// Where the terminal shows colour, an allowed hour is spaces on a green
// background (1 byte a column where █ is 3: issue #9's bytes per step);
// with NO_COLOR or on a monochrome terminal (the Ascii profile) the grid
// keeps its glyphs, so the state is never told by colour alone. Either way
// denied hours keep their dots and the cursor is marked on both states.
func TestGrid_ColourProfileChoosesTheGlyphs(t *testing.T) {
	tests := []struct {
		name    string
		profile colorprofile.Profile
		// Sunday (allowed all day in the demo job), the cursor on 01:00; and
		// Monday 00:00-06:00 (denied), the cursor on 01:00.
		allowedRow, deniedRow string
	}{
		{"no colour", colorprofile.Ascii, "██[]████████", "··<>········"}, // G6: bracketed, never merged into ██
		{"16 colours", colorprofile.ANSI, "  <>        ", "··<>········"},
		{"true colour", colorprofile.TrueColor, "  <>        ", "··<>········"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 120, 40)
			next, _ := m.Update(tea.ColorProfileMsg{Profile: tt.profile})
			m = press(t, next.(Model), "enter", "l")
			if got := gridRowStart(t, m, "Sun"); got != tt.allowedRow {
				t.Errorf("an allowed day with the cursor: %q, want %q", got, tt.allowedRow)
			}
			m = press(t, m, "j")
			if got := gridRowStart(t, m, "Mon"); got != tt.deniedRow {
				t.Errorf("a denied morning with the cursor: %q, want %q", got, tt.deniedRow)
			}
		})
	}
}

// gridRowStart is the first six hours of a day's row in the grid, as text.
func gridRowStart(t *testing.T, m Model, day string) string {
	t.Helper()
	for _, line := range strings.Split(ansi.Strip(m.View().Content), "\n") {
		if rest, ok := strings.CutPrefix(line, day+"  "); ok {
			r := []rune(rest)
			return string(r[:min(len(r), 12)])
		}
	}
	t.Fatalf("no row for %s in:\n%s", day, ansi.Strip(m.View().Content))
	return ""
}
