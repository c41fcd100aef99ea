package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// marksOnScreen reads the start marks off an 80-column editor screen, as
// "Mon 22" (hour h of day d is at column 5+2h+h/6, see cellAt).
func marksOnScreen(t *testing.T, screen string) []string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	var marks []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		_, y := cellAt(d, 0)
		row := []rune(lines[y])
		for h := range model.HoursPerDay {
			x, _ := cellAt(d, h)
			if strings.ContainsRune("▸▹!", row[x]) {
				marks = append(marks, d.String()[:3]+" "+[]string{"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
					"12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23"}[h])
			}
		}
	}
	return marks
}

// The marks come from the draft, so they follow the form as it is edited.
// Exchange nightly starts on workdays at 22:00.
func TestGrid_StartMarksFollowTheForm(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want []string
	}{
		{"as read: workdays at 22:00", nil, []string{"Mon 22", "Tue 22", "Wed 22", "Thu 22", "Fri 22"}},
		{"the time changed to 06:30", []string{"tab", "down*2", "enter", "ctrl+u", "0", "6", ":", "3", "0", "enter"},
			[]string{"Mon 06", "Tue 06", "Wed 06", "Thu 06", "Fri 06"}},
		{"the days changed to weekends", []string{"tab", "down", "right"}, []string{"Sun 22", "Sat 22"}},
		{"manual only", []string{"tab", "left"}, nil},
		{"undone", []string{"tab", "down", "right", "u"}, []string{"Mon 22", "Tue 22", "Wed 22", "Thu 22", "Fri 22"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 80, 24)
			m = press(t, m, append([]string{"enter"}, tt.keys...)...)
			if got := marksOnScreen(t, view(m)); !slices.Equal(got, tt.want) {
				t.Errorf("marks %v, want %v (policy: %s)\n%s", got, tt.want, m.editor.draft.Policy.Describe(), view(m))
			}
		})
	}
}

// A start in an hour the backup window denies waits: its mark is "!!", not
// the start mark, so it reads without colour. With the window off nothing
// waits, and a start in an hour the grid shows denied is drawn "▹".
func TestGrid_StartMarkKinds(t *testing.T) {
	daily := model.SchedulePolicy{Type: model.Daily, DailyType: model.Monday, DailyTime: model.Clock(22*3600 + 30*60),
		BackupWindow: model.WindowSettings{Hours: mustWindow(t, "Mon 23:00-24:00")}}
	tests := []struct {
		name     string
		windowOn bool
		hours    string
		want     string // Monday's 22:00 as drawn
	}{
		{"in an allowed hour", true, "Mon 22:00-24:00", "▸█"},
		{"in a denied hour, the start waits", true, "Mon 23:00-24:00", "!!"},
		{"in a denied hour of a window that is off", false, "Mon 23:00-24:00", "▹·"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := daily
			p.BackupWindowEnabled, p.BackupWindow.Hours = tt.windowOn, mustWindow(t, tt.hours)
			m := press(t, editing(t, p, 80, 24), "tab") // the grid's cursor is not drawn
			x, y := cellAt(time.Monday, 22)
			if got := string([]rune(strings.Split(view(m), "\n")[y])[x : x+2]); got != tt.want {
				t.Errorf("Mon 22:00 drawn %q, want %q\n%s", got, tt.want, view(m))
			}
		})
	}
}

// The grid grows with the terminal: 2 columns an hour at 80 and 120, 3 at
// 140, 4 at 160, each with its start marks, guides and hour labels.
func TestGoldenGridWidths(t *testing.T) {
	waits := model.SchedulePolicy{Type: model.Daily, DailyType: model.Everyday, DailyTime: model.Clock(5*3600 + 30*60),
		BackupWindowEnabled: true, RetryEnabled: true, RetryNumber: 3, RetryWaitMinutes: 10,
		BackupWindow: model.WindowSettings{Hours: mustWindow(t, "Mon-Fri 20:00-05:00; Sat-Sun")}}
	screens := []struct {
		name string
		p    *model.SchedulePolicy
		keys []string
	}{
		{"daily-workdays", nil, []string{"enter", "tab"}},
		{"periodic-offset-window", nil, []string{"down*4", "enter", "w", "tab"}},
		{"daily-start-waits", &waits, []string{"tab"}},
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {140, 40}, {160, 50}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				var m Model
				if sc.p != nil {
					m = editing(t, *sc.p, sz[0], sz[1])
				} else {
					m, _ = loaded(t, "v8", sz[0], sz[1])
				}
				golden.RequireEqual(t, view(press(t, m, sc.keys...)))
			})
		}
	}
}

// The finding G5: the cursor draws over a start mark, so the status line
// says what mark its hour has.
func TestEditor_StatusLineSaysTheStartUnderTheCursor(t *testing.T) {
	tests := []struct {
		name string
		keys []string // from Sun 00:00 of the demo job: daily at 22:00 on workdays
		want string
		lack string
	}{
		{"Mon 22:00: the job starts", []string{"j", "l*22"}, "Mon allowed 22:00-23:00 · the job starts here", ""},
		{"Mon 21:00: no start", []string{"j", "l*21"}, "Mon allowed 21:00-22:00", "start"},
		{"a denied start waits", []string{"j", "l*22", "space"}, "Mon  denied 22:00-23:00 · a start waits here", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 120, 40)
			m = press(t, m, "enter")
			m = press(t, m, tt.keys...)
			if !strings.Contains(m.editor.status, tt.want) {
				t.Errorf("status %q, want %q", m.editor.status, tt.want)
			}
			if tt.lack != "" && strings.Contains(m.editor.status, tt.lack) {
				t.Errorf("status %q says %q", m.editor.status, tt.lack)
			}
			if !strings.Contains(view(m), tt.want) {
				t.Errorf("the screen lacks %q:\n%s", tt.want, view(m))
			}
		})
	}
}
