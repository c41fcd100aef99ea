package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

func mustWindow(t *testing.T, spec string) model.Window {
	t.Helper()
	w, err := model.ParseWindow(spec)
	if err != nil {
		t.Fatalf("window %q: %v", spec, err)
	}
	return w
}

// editing opens Exchange nightly (v8) at w×h and puts p in the draft, as
// the form and grid would, then lets Update settle.
func editing(t *testing.T, p model.SchedulePolicy, w, h int) Model {
	t.Helper()
	m, _ := loaded(t, "v8", w, h)
	m = press(t, m, "enter")
	// What p leaves unset stays as the job has it.
	cur := m.editor.draft.Policy
	p.HasPeriodicWindow, p.ScheduleEnabled = cur.HasPeriodicWindow, cur.ScheduleEnabled
	if !p.PeriodicWindowEnabled && p.PeriodicWindow == (model.WindowSettings{}) {
		p.PeriodicWindowEnabled, p.PeriodicWindow = cur.PeriodicWindowEnabled, cur.PeriodicWindow
	}
	if !p.BackupWindowEnabled && p.BackupWindow == (model.WindowSettings{}) {
		p.BackupWindow = cur.BackupWindow // hours changed while off would warn too (WindowOffWarnings)
	}
	m.editor.draft.Policy = p
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

func TestEditor_ShowsEachWarning(t *testing.T) {
	daily := func(dt model.DailyType, at int) model.SchedulePolicy {
		return model.SchedulePolicy{Type: model.Daily, DailyType: dt, DailyTime: model.Clock(at * 3600)}
	}
	every := func(iv model.Interval, offset int) model.SchedulePolicy {
		return model.SchedulePolicy{Type: model.Periodically, Every: iv, OffsetMinutes: offset}
	}
	backup := func(p model.SchedulePolicy, w model.Window) model.SchedulePolicy {
		p.BackupWindowEnabled, p.BackupWindow.Hours = true, w
		return p
	}
	periodic := func(p model.SchedulePolicy, w model.Window) model.SchedulePolicy {
		p.PeriodicWindowEnabled, p.PeriodicWindow.Hours = true, w
		return p
	}
	tests := []struct {
		name   string
		p      model.SchedulePolicy
		code   string
		review bool // the draft can be saved, so the review lists it too
	}{
		{"start in a denied hour", backup(daily(model.Workdays, 22), mustWindow(t, "everyday 23:00-22:00")), model.WarnStartDelayed, true},
		{"window shorter than a run", backup(daily(model.Workdays, 22), mustWindow(t, "Mon-Fri 22:00-23:00")), model.WarnShortRun, true},
		{"offset on a minute interval", every(model.Minutes30, 10), model.WarnOffsetIgnored, false},
		{"backup window allows nothing", backup(daily(model.Workdays, 22), model.Window{}), model.WarnBackupWindowEmpty, false},
		{"periodic window allows nothing", periodic(every(model.Hours2, 0), model.Window{}), model.WarnPeriodicWindowEmpty, false},
		{"periodic window misses the starts", periodic(every(model.Hours4, 15), mustWindow(t, "Mon-Fri 08:00-20:00; Sat 09:00-11:00")), model.WarnPeriodicWindowMissesStarts, true},
		{"periodic window on a minute interval", periodic(every(model.Minutes30, 0), mustWindow(t, "Mon-Fri 08:00-20:00")), model.WarnPeriodicWindowIgnored, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := editing(t, tt.p, 120, 40)
			ws := m.editor.sum.warnings
			if len(ws) == 0 || ws[0].Code != tt.code {
				t.Fatalf("warnings %+v, want %s first", ws, tt.code)
			}
			screen := view(m)
			if !strings.Contains(screen, "⚠ "+ws[0].Text[:40]) {
				t.Errorf("the editor does not show %q:\n%s", ws[0].Text, screen)
			}
			if !tt.review {
				return
			}
			m = press(t, m, "ctrl+s")
			if m.screen != screenReview {
				t.Fatalf("ctrl+s: %s", m.editor.message)
			}
			screen = view(m)
			for _, w := range ws {
				if !strings.Contains(screen, "⚠ "+w.Text[:40]) {
					t.Errorf("the review does not show %q:\n%s", w.Text, screen)
				}
			}
		})
	}
}

func TestEditor_NoWarningSaysSo(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	if screen := view(press(t, m, "enter")); !strings.Contains(screen, "No warnings: the job runs as scheduled.") {
		t.Errorf("no all-clear:\n%s", screen)
	}
}

// The preview against hand-computed runs. The tests' clock is Wed
// 2026-11-25 10:30 UTC+01:00, 09:30 UTC; the demo server says no zone
// (minuteOffset 0), so the preview reads the server's hours as UTC's.
func TestEditor_PreviewsTheNextFiveRuns(t *testing.T) {
	daily := model.SchedulePolicy{Type: model.Daily, DailyType: model.Workdays, DailyTime: model.Clock(22 * 3600),
		BackupWindowEnabled: true, BackupWindow: model.WindowSettings{Hours: mustWindow(t, "everyday 23:00-22:00")}}
	hours4 := model.SchedulePolicy{Type: model.Periodically, Every: model.Hours4, OffsetMinutes: 15,
		PeriodicWindowEnabled: true, PeriodicWindow: model.WindowSettings{Hours: mustWindow(t, "Mon-Fri 08:00-18:00")}}
	offset := daily
	offset.BackupWindow.MinuteOffset = 120 // 11:30 on the server's clock: the same runs, now in UTC+02:00
	tests := []struct {
		name string
		p    model.SchedulePolicy
		want string
	}{
		{"daily 22:00 on workdays, 22:00–23:00 denied",
			daily, "Next runs (server's time): Wed 23:00 (held from 22:00), Thu 23:00 (held from 22:00), Fri 23:00 (held from 22:00), Mon 23:00 (held from 22:00), Tue 23:00 (held from 22:00)"},
		{"every 4 hours at :15 in a periodic window Mon–Fri 08–18",
			hours4, "Next runs (server's time): Wed 12:15, Wed 16:15, Thu 08:15, Thu 12:15, Thu 16:15"},
		{"on a server in UTC+02:00",
			offset, "Next runs (server's time): Wed 23:00 (held from 22:00), Thu 23:00"},
		{"manual only",
			model.SchedulePolicy{Type: model.ManualOnly}, "No runs: manual only: the job starts only when someone starts it"},
		{"weekly on Friday: the runs share their slot and carry their dates",
			model.SchedulePolicy{Type: model.Daily, DailyType: model.Friday, DailyTime: model.Clock(23 * 3600)},
			"Next runs (server's time): Fri 23:00 on 27 Nov, 4 Dec, 11 Dec, 18 Dec, 25 Dec"},
		{"weekly on Wednesday: next week's run is not today's",
			model.SchedulePolicy{Type: model.Daily, DailyType: model.Wednesday, DailyTime: model.Clock(8 * 3600)},
			"Next runs (server's time): Wed 08:00 on 2 Dec, 9 Dec, 16 Dec, 23 Dec, 30 Dec"},
		{"every 4 hours on Wednesdays only: a date once a day",
			model.SchedulePolicy{Type: model.Periodically, Every: model.Hours4, OffsetMinutes: 15,
				PeriodicWindowEnabled: true, PeriodicWindow: model.WindowSettings{Hours: mustWindow(t, "Wed 08:00-18:00")}},
			"Next runs (server's time): Wed 25 Nov 12:15, 16:15, Wed 2 Dec 08:15, 12:15, 16:15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := editing(t, tt.p, 200, 40)
			if screen := view(m); !strings.Contains(screen, tt.want) {
				t.Errorf("want %q in:\n%s", tt.want, screen)
			}
		})
	}
}

// The run preview is the Model's clock's, moved on only by Update.
func TestEditor_RunsFollowTheClock(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	m = press(t, m, "enter")
	first := m.editor.sum.runs[0].At
	m.opts.Clock = fixedClock(first.Add(time.Minute))
	m = press(t, m, "j")
	if got := m.editor.sum.runs[0].At; !got.After(first) {
		t.Errorf("after the first run passed, the preview still starts at %v", got)
	}
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

func TestGrid_StatusLineNamesTheCursorsHour(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"an allowed hour", []string{"enter"}, "Sun allowed 00:00-01:00"},
		{"a denied hour", []string{"enter", "j*2", "l*14"}, "Tue  denied 14:00-15:00"},
		{"a selection", []string{"enter", "j", "l*4", "v", "j", "l*4"}, "Mon-Tue 04:00-09:00 · 2 of 10 h allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 80, 24)
			if screen := view(press(t, m, tt.keys...)); !strings.Contains(screen, tt.want) {
				t.Errorf("want %q in:\n%s", tt.want, screen)
			}
		})
	}
}

// z shows the grid on the terminal's clock (UTC+01:00 in the tests) as a
// view only; the server's hours are what stays in the draft.
func TestEditor_LocalZoneIsAViewOnly(t *testing.T) {
	p := model.SchedulePolicy{Type: model.Daily, DailyType: model.Workdays, DailyTime: model.Clock(22 * 3600),
		BackupWindowEnabled: true, BackupWindow: model.WindowSettings{Hours: mustWindow(t, "Mon 08:00-09:00"), MinuteOffset: 120}}
	m := editing(t, p, 80, 24)
	if screen := view(m); !strings.Contains(screen, "times in UTC+02:00, the server's zone") {
		t.Fatalf("the grid does not say whose hours it shows:\n%s", screen)
	}
	m = press(t, m, "j", "l*8", "z") // the cursor on Mon 08:00 server's time
	if !m.editor.localView || m.editor.grid.Cursor != (model.Cell{Day: time.Monday, Hour: 7}) {
		t.Fatalf("z: local view %v, cursor %v; want Mon 07:00 (an hour behind the server)", m.editor.localView, m.editor.grid.Cursor)
	}
	if got, want := m.editor.shownWindow(), mustWindow(t, "Mon 07:00-08:00"); got != want {
		t.Errorf("the local grid shows %s, want %s", got, want)
	}
	if screen := view(m); !strings.Contains(screen, "Mon allowed 07:00-08:00 your time (Mon 08:00 server's)") {
		t.Errorf("status line in the local view:\n%s", screen)
	}
	before := m.editor.draft
	m = press(t, m, "space", "a", "d", "p")
	if m.editor.draft != before || m.editor.presets {
		t.Error("an editing key changed the window in the local view")
	}
	if !strings.Contains(m.editor.message, "view only") {
		t.Errorf("refused edit not explained: %q", m.editor.message)
	}
	m = press(t, m, "z")
	if m.editor.localView || m.editor.grid.Cursor != (model.Cell{Day: time.Monday, Hour: 8}) {
		t.Errorf("z back: local view %v, cursor %v; want Mon 08:00", m.editor.localView, m.editor.grid.Cursor)
	}
}

func TestEditor_LocalZoneNeedsTheServersZone(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "z")
	if m.editor.localView || !strings.Contains(view(m), "does not say its zone") {
		t.Errorf("z with minuteOffset 0:\n%s", view(m))
	}
}

// A weekly job's five runs at 80 columns: all five dates on the line.
func TestEditor_WeeklyRunsFitEightyColumns(t *testing.T) {
	m := editing(t, model.SchedulePolicy{Type: model.Daily, DailyType: model.Friday, DailyTime: model.Clock(23 * 3600)}, 80, 24)
	if screen := view(m); !strings.Contains(screen, "Fri 23:00 on 27 Nov, 4 Dec, 11 Dec, 18 Dec, 25 Dec") {
		t.Errorf("the five runs' dates are not all on the line:\n%s", screen)
	}
}

func TestEditor_DisabledJobSaysItDoesNotRun(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	i := slices.IndexFunc(m.list.shown, func(k int) bool { return !m.list.jobs[k].IsEnabled })
	if i < 0 {
		t.Fatal("the demo has no disabled job to open")
	}
	m.list.cursor = i
	m = press(t, m, "enter")
	if ws := m.editor.sum.warnings; len(ws) == 0 || ws[0].Code != model.WarnJobDisabled {
		t.Fatalf("warnings %+v, want %s first", ws, model.WarnJobDisabled)
	}
	screen := view(m)
	for _, want := range []string{"⚠ The job is disabled", "No runs: the job is disabled"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the editor lacks %q:\n%s", want, screen)
		}
	}
}
