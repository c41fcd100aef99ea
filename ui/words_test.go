package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

// A job switched to Periodically gets the console's default interval, not
// a form that opens on "is missing".
func TestForm_SwitchingToPeriodicallyChoosesEveryHour(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "tab", "right") // Exchange nightly: Daily → Periodically
	p := m.editor.draft.Policy
	if p.Type != model.Periodically || p.Every != model.Hours1 {
		t.Fatalf("type %v every %v, want Periodically every Hours1", p.Type, p.Every)
	}
	screen := view(m)
	if strings.Contains(screen, "is missing") || !strings.Contains(screen, "Every hour") {
		t.Errorf("the form after switching to Periodically:\n%s", screen)
	}
}

// The form, the review and the saved screen speak the console's words;
// API names appear only in the JSON body.
func TestScreens_UseTheConsolesWords(t *testing.T) {
	tests := []struct {
		name      string
		keys      []string
		want, not []string
	}{
		{"form", []string{"enter"}, []string{"Run the job", "Daily at", "Workdays", "[x] terminate job"}, []string{"Minutes10", "ManualOnly", "Window          [x] on"}},
		{"review", []string{"enter", "tab", "right", "ctrl+s"}, []string{"Run the job: Daily at → Periodically every", "Periodically every: not set → Every hour"}, []string{"schedulePolicy", "periodicallyEvery"}},
		{"json", []string{"enter", "tab", "right", "ctrl+s", "J"}, []string{`"schedulePolicy": {`}, nil},
		{"saved", []string{"enter", "tab", "right", "ctrl+s", "y"}, []string{"Periodically every hour", "Retry failed job   3 times, wait 10 minutes before each attempt"}, []string{"retry true", " × "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 120, 40)
			screen := view(press(t, m, tt.keys...))
			for _, w := range tt.want {
				if !strings.Contains(screen, w) {
					t.Errorf("lacks %q:\n%s", w, screen)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(screen, n) {
					t.Errorf("shows %q:\n%s", n, screen)
				}
			}
		})
	}
}

// At 80 columns every editor screen says how to save, get help and go
// back, and the presets prompt shows all six choices.
func TestHelpLine_KeepsTheEssentialsAt80Columns(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want []string
	}{
		{"grid", []string{"enter"}, []string{"ctrl+s save", "? help", "q back"}},
		{"form", []string{"enter", "tab"}, []string{"ctrl+s save", "? help", "q back"}},
		{"review", []string{"enter", "space", "ctrl+s"}, []string{"y/enter send", "n/esc back to editor", "? help"}},
		{"json", []string{"enter", "space", "ctrl+s", "J"}, []string{"y/enter send", "? help", "pgup page up"}},
		{"presets", []string{"enter", "p"}, []string{"1 always", "2 never", "3 nights 20:00–06:00", "4 weekends only", "5 outside business hours", "6 invert"}},
		{"full help", []string{"enter", "?"}, []string{"ctrl+s save", "ctrl+c quit (asks first)", "z      view in my time zone", "Grid: ██ allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 80, 24)
			screen := view(press(t, m, tt.keys...))
			for _, w := range tt.want {
				if !strings.Contains(screen, w) {
					t.Errorf("lacks %q:\n%s", w, screen)
				}
			}
			for i, line := range strings.Split(screen, "\n") {
				if w := lipglossWidth(line); w > 80 {
					t.Errorf("line %d is %d wide: %q", i, w, line)
				}
			}
		})
	}
}

// The JSON body pages on a viewport and says where the view is.
func TestReview_JSONPages(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "space", "ctrl+s", "J")
	vp := m.review.json
	total, page := vp.TotalLineCount(), vp.Height()
	tests := []struct {
		key      string
		wantLine int // the first line shown, from 1
	}{
		{"pgdown", 1 + page},
		{"pgdown", 1 + 2*page},
		{"pgup", 1 + page},
		{"down", 2 + page},
		{"G", total - page + 1},
		{"g", 1},
		{"end", total - page + 1},
		{"home", 1},
	}
	for _, tt := range tests {
		m = press(t, m, tt.key)
		want := fmt.Sprintf("lines %d–%d of %d", tt.wantLine, tt.wantLine+page-1, total)
		if screen := view(m); !strings.Contains(screen, want) {
			t.Fatalf("after %s, want %q:\n%s", tt.key, want, screen)
		}
	}
	if screen := view(press(t, m, "G")); !strings.Contains(screen, "100%") {
		t.Errorf("at the end the position is not 100%%:\n%s", screen)
	}
}

func TestEditor_NamesFieldsAsTheConsoleInMessages(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"the focused switch says what it does", []string{"enter", "tab", "down*3"}, "Backup window: Terminate job if it exceeds allowed backup window"},
		{"a refused save names the field", []string{"enter", "p", "2", "ctrl+s"}, "cannot save: Backup window hours "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 120, 40)
			screen := view(press(t, m, tt.keys...))
			if !strings.Contains(screen, tt.want) {
				t.Errorf("lacks %q:\n%s", tt.want, screen)
			}
			if strings.Contains(screen, "schedulePolicy.") {
				t.Errorf("an API path on screen:\n%s", screen)
			}
		})
	}
}
