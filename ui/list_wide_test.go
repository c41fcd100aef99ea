package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Wide names (CJK, emoji) take two cells a rune: the list pads and cuts
// them by cells, so the columns after them stay where the header says.
func TestList_WideNamesKeepTheColumnsInPlace(t *testing.T) {
	for _, name := range []string{"日本語のジョブ名前テスト長い", "📦📦 Backups 🚀", "短い"} {
		t.Run(name, func(t *testing.T) {
			b := newMemBackend(t, "v8")
			serverChanges(t, b, b.jobs[1].ID, func(doc map[string]any) { doc["name"] = name })
			m := New(Options{Backend: b})
			next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			m, _ = drive(t, next.(Model), m.loadJobs())
			lines := strings.Split(view(m), "\n")
			var header string
			for _, l := range lines {
				if strings.Contains(l, "NAME") && strings.Contains(l, "LAST") {
					header = l
				}
			}
			if header == "" {
				t.Fatalf("no header:\n%s", view(m))
			}
			last := ansi.StringWidth(header[:strings.Index(header, "LAST")])
			rows := 0
			for _, l := range lines {
				if ansi.StringWidth(l) > 80 {
					t.Errorf("a line wider than the screen: %q", l)
				}
				for _, status := range []string{"Success", "Warning", "Failed", "Stopped", "Running"} {
					if i := strings.Index(l, status); i >= 0 {
						rows++
						if at := ansi.StringWidth(l[:i]); at != last {
							t.Errorf("LAST at cell %d, header at %d: %q", at, last, l)
						}
					}
				}
			}
			if rows != len(b.jobs) {
				t.Errorf("%d rows show their LAST status, want %d:\n%s", rows, len(b.jobs), view(m))
			}
		})
	}
}
