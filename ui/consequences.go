package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/vbosched/vbosched/model"
)

// What the editor shows of the schedule's effect, under the grid: the
// cursor's hour, which clock the hours are on, the warnings of
// model.Job.EditWarnings and the next runs of model.NextRuns. All of it is
// worked out in Update (editor.settle) from the draft and the Model's
// clock, so View reads strings and never calls time.Now.

// nextRunsShown is how many runs the editor and the review preview.
const nextRunsShown = 5

// serverOffset is the server's offset from UTC in minutes as the shown
// window's minuteOffset gives it, falling back to the other window's; 0
// means the server does not say.
func serverOffset(p model.SchedulePolicy, k model.WindowKind) int {
	ws, _ := p.Window(k)
	if ws.MinuteOffset != 0 {
		return ws.MinuteOffset
	}
	other, _ := p.Window(k.Other())
	return other.MinuteOffset
}

// serverZone is the server's clock for the run preview. With no offset
// from the server its hours are taken as UTC's: the preview's times of day
// are still the server's, only which run comes next may be off.
func serverZone(offset int) *time.Location {
	return time.FixedZone(model.UTCOffset(offset), offset*60)
}

// localShift is how many hours the terminal's clock at now is ahead of the
// server's, for the z view; ok is false when the server does not say its
// zone or the two differ by a part of an hour, which a grid of whole hours
// cannot show.
func localShift(now time.Time, offset int) (hours int, ok bool) {
	if offset == 0 {
		return 0, false
	}
	_, local := now.Zone()
	diff := local - offset*60
	if diff%3600 != 0 {
		return 0, false
	}
	return diff / 3600, true
}

// runsLine is the next runs on one line: "Next runs (server's time): Mon
// 22:00, Tue 23:00 (held from 22:00), …", with dates when weekdays alone
// would be ambiguous (see runWords). now is the clock the runs were worked
// out from.
func runsLine(runs []model.Run, noRuns string, now time.Time) string {
	if noRuns != "" {
		return "No runs: " + noRuns
	}
	return "Next runs (server's time): " + runWords(runs, now)
}

// runWords names the runs as briefly as stays unambiguous. Weekdays alone
// while no weekday stands for two dates (today counted: next Wednesday's
// run must not read as today's); else a weekly job's runs share their slot,
// "Fri 23:00 on 27 Nov, 4 Dec, 11 Dec", and other runs carry their date
// once a day, "Mon 30 Nov 08:15, 12:15, Tue 1 Dec 08:15": five dated runs
// spelt out in full would not fit 80 columns.
func runWords(runs []model.Run, now time.Time) string {
	if len(runs) == 0 {
		return ""
	}
	if !needDates(runs, now) {
		parts := make([]string, len(runs))
		for i, r := range runs {
			parts[i] = r.At.Format("Mon 15:04") + heldWords(r)
		}
		return strings.Join(parts, ", ")
	}
	dates := make([]string, len(runs))
	for i, r := range runs {
		dates[i] = r.At.Format("2 Jan")
	}
	if slot, ok := sharedSlot(runs); ok {
		return slot + " on " + strings.Join(dates, ", ")
	}
	parts := make([]string, len(runs))
	for i, r := range runs {
		parts[i] = r.At.Format("15:04") + heldWords(r)
		if i == 0 || dates[i] != dates[i-1] {
			parts[i] = r.At.Format("Mon ") + dates[i] + " " + parts[i]
		}
	}
	return strings.Join(parts, ", ")
}

// needDates reports whether a weekday among now's and the runs' stands for
// two different dates.
func needDates(runs []model.Run, now time.Time) bool {
	seen := map[time.Weekday]string{}
	times := []time.Time{now.In(runs[0].At.Location())}
	for _, r := range runs {
		times = append(times, r.At)
	}
	for _, t := range times {
		date := t.Format(time.DateOnly)
		if d, ok := seen[t.Weekday()]; ok && d != date {
			return true
		}
		seen[t.Weekday()] = date
	}
	return false
}

// sharedSlot is the weekday and time (and hold) every run has, if they all
// have the same: a weekly job's.
func sharedSlot(runs []model.Run) (string, bool) {
	slot := runs[0].At.Format("Mon 15:04") + heldWords(runs[0])
	for _, r := range runs[1:] {
		if r.At.Format("Mon 15:04")+heldWords(r) != slot {
			return "", false
		}
	}
	return slot, true
}

func heldWords(r model.Run) string {
	if !r.Delayed() {
		return ""
	}
	if r.Scheduled.YearDay() != r.At.YearDay() {
		// Held over a night or a weekend: the day it was due says how long.
		return " (held from " + r.Scheduled.Format("Mon 15:04") + ")"
	}
	return " (held from " + r.Scheduled.Format("15:04") + ")"
}

// warningsLine is the warnings on one line: the first, and how many more
// the review lists.
func warningsLine(ws []model.Warning) string {
	switch len(ws) {
	case 0:
		return "No warnings: the job runs as scheduled."
	case 1:
		return "⚠ " + ws[0].Text
	}
	return fmt.Sprintf("⚠ %d warnings (ctrl+s lists all): %s", len(ws), ws[0].Text)
}

// cursorStatus describes the grid's target for the status line:
// "Tue  denied 14:00-15:00", "Mon-Tue 04:00-09:00 · 2 of 10 h allowed".
// The window's total is on the line above; repeating it here would make
// every cursor move rewrite the end of this line too (see the README's
// bytes per move).
//
// The cursor's hour is laid out for the bytes a move rewrites (issue #9):
// the day, then the state, then the hours, each in a field of fixed width.
// A move down the week changes the day and perhaps the state, a move
// along a day the hours and perhaps the state: each a short run, the state
// beside both. The state is right-aligned, so "allowed" and " denied"
// share their last two letters.
func cursorStatus(w model.Window, target model.Rect, shift int, local bool) string {
	r := target.Normalized()
	allowed := 0
	for d := r.Day0; d <= r.Day1; d++ {
		for h := r.Hour0; h <= r.Hour1; h++ {
			if w.At(model.Cell{Day: d, Hour: h}) {
				allowed++
			}
		}
	}
	var where string
	if local {
		c := model.CellAt(model.Cell{Day: r.Day0, Hour: r.Hour0}.Index() - shift)
		where = " your time (" + shortDay(c.Day) + fmt.Sprintf(" %02d:00 server's)", c.Hour)
	}
	if r.Cells() == 1 {
		state := "allowed"
		if allowed == 0 {
			state = " denied"
		}
		return fmt.Sprintf("%s %s %02d:00-%02d:00", shortDay(r.Day0), state, r.Hour0, r.Hour0+1) + where
	}
	// A selection: its rectangle, then what it holds.
	state := " allowed"
	switch {
	case allowed == 0:
		state = " denied"
	case allowed < r.Cells():
		state = fmt.Sprintf(" · %d of %d h allowed", allowed, r.Cells())
	}
	return rectWords(r) + where + state
}

// startWords says what start mark the cursor's hour c has, which the
// cursor hides by drawing over it (finding G5): "" when it has none.
func startWords(marks StartMarks, w model.Window, c model.Cell) string {
	switch {
	case !marks.Starts.At(c):
		return ""
	case marks.Waits.At(c):
		return " · a start waits here"
	case w.At(c):
		return " · the job starts here"
	}
	return " · a start, window off"
}

// rectWords is "Tue 14:00-15:00", or "Mon-Wed 08:00-12:00" for a selection:
// hyphens, as the window in words has them, and one byte each where an
// en dash is three (the status line is redrawn on every move).
func rectWords(r model.Rect) string {
	days := shortDay(r.Day0)
	if r.Day1 != r.Day0 {
		days += "-" + shortDay(r.Day1)
	}
	return fmt.Sprintf("%s %02d:00-%02d:00", days, r.Hour0, r.Hour1+1)
}

func shortDay(d time.Weekday) string { return d.String()[:3] }

// problemWords is a validation error with each field named as the console
// names it ("Periodically every is missing"), not by its API path.
func problemWords(err error) string {
	verr, ok := err.(model.ValidationError)
	if !ok {
		return oneLine(err)
	}
	parts := make([]string, len(verr))
	for i, fe := range verr {
		parts[i] = model.FieldLabel(fe.Field) + " " + fe.Reason
	}
	return model.SafeText(strings.Join(parts, "; "))
}

// fieldHint is the console's full label of the focused form field, shown
// while the form has the focus: the form's labels are short to fit 80
// columns, the console's say what the switch does.
func (e *editor) fieldHint() string {
	fld := e.form.fields[e.form.focus]
	if full := model.FieldLabel(fld.apiField); fld.apiField != "" && full != fld.label {
		return fld.label + ": " + full
	}
	return ""
}
