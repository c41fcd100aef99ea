package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Warning is a consequence of a schedule that a Veeam admin should know
// before saving it: not an error (the server takes the schedule), but
// something it will do that the settings alone do not show.
type Warning struct {
	// Code names the kind of warning, stable across releases, for tests,
	// lint output and anyone who wants to filter: one of the Warn… codes.
	Code string
	// Field is the API path of the field the warning is about, as
	// FieldError and Change name fields.
	Field string
	// Text says what will happen, in the console's words.
	Text string
}

func (w Warning) String() string { return w.Text }

// Warning codes.
const (
	// WarnBackupWindowEmpty: the backup window is on and allows no hour.
	WarnBackupWindowEmpty = "backup-window-empty"
	// WarnStartDelayed: a scheduled start falls in an hour the backup
	// window denies, so the job starts later.
	WarnStartDelayed = "start-delayed"
	// WarnShortRun: on some day a run gets less than MinRunTime before the
	// backup window closes and Veeam terminates it.
	WarnShortRun = "short-run"
	// WarnOffsetIgnored: periodicallyOffsetMinutes is set on an interval
	// in minutes, where the server ignores it.
	WarnOffsetIgnored = "offset-ignored"
	// WarnPeriodicWindowEmpty: the periodic window applies and allows no hour.
	WarnPeriodicWindowEmpty = "periodic-window-empty"
	// WarnPeriodicWindowMissesStarts: on some day the periodic window
	// allows hours, but none in which the interval starts the job.
	WarnPeriodicWindowMissesStarts = "periodic-window-misses-starts"
	// WarnPeriodicWindowIgnored: the periodic window is switched on for an
	// interval in minutes, which the server does not limit by it.
	WarnPeriodicWindowIgnored = "periodic-window-ignored"
	// WarnJobDisabled: the job is disabled (isEnabled false), so Veeam
	// does not run it on its schedule, whatever the schedule says.
	WarnJobDisabled = "job-disabled"
	// WarnStartDisabled: the save disables the job and asks to start it
	// right after: Veeam does not start a disabled job on its schedule,
	// and a start by hand of one the same save switched off is most
	// likely a mistake.
	WarnStartDisabled = "start-disabled"
	// WarnWindowOff: the save changes the hours of a window that is off,
	// so they are not enforced until the window is switched on.
	WarnWindowOff = "window-off"
	// WarnKeptAsRead: a value Job.Warnings reports as kept because the
	// server already has it (see Job.EditWarnings).
	WarnKeptAsRead = "kept-as-read"
)

// MinRunTime is how long a run should have before the backup window closes.
// Veeam terminates a job still running when the window closes, so a run
// with less time is cut short whenever the backup takes longer. Two hours is
// our choice, not a vendor figure: enough for a routine incremental backup
// of a mid-size organization, and short enough that a window granting less
// is almost always a mistake rather than a plan.
const MinRunTime = 2 * time.Hour

// Consequences lists what p will do that its settings do not show, on an
// API v server, in the order the editor shows them: windows that allow
// nothing, starts the backup window holds back, runs it cuts short, and
// settings the server ignores. None for a schedule with no such surprise.
func Consequences(p SchedulePolicy, v APIVersion) []Warning {
	var out []Warning
	if p.BackupWindowEnabled && p.BackupWindow.Hours.Count() == 0 {
		out = append(out, Warning{WarnBackupWindowEmpty, FieldWindow,
			"The backup window is on but allows no hour, so Veeam never starts the job on its schedule. Allow some hours or turn the window off."})
	}
	out = append(out, periodicWindowWarnings(p, v)...)
	if p.BackupWindowEnabled && p.BackupWindow.Hours.Count() > 0 {
		if w, ok := delayedStarts(p, v); ok {
			out = append(out, w)
		}
		if w, ok := shortRuns(p, v); ok {
			out = append(out, w)
		}
	}
	if p.Type == Periodically && ValidateOffsetInterval(p.OffsetMinutes, p.Every) != nil {
		out = append(out, Warning{WarnOffsetIgnored, FieldOffsetMinutes, fmt.Sprintf(
			"The %d-minute start offset does nothing: Veeam applies it only to intervals of an hour or more, and this job runs every %s from :00.",
			p.OffsetMinutes, p.Every.Words())})
	}
	return out
}

// FieldIsEnabled is the job's on/off switch (the console's Enable and
// Disable), of backup and backup copy jobs alike.
const FieldIsEnabled = "isEnabled"

// disabledText is what a disabled job's warning says, first of all: the
// schedule's other consequences are only what would happen once enabled.
const disabledText = "The job is disabled: Veeam does not run it on its schedule. Switch Enabled on for this schedule to apply."

// EditWarnings is every warning about edit on an API v server, for the
// editor, the review and `show`: that the job is disabled, then the
// schedule's Consequences, then what Job.Warnings keeps as read, leaving
// out a field a consequence already covers (an offset on a minute interval
// is both; one warning is enough).
func (j *Job) EditWarnings(edit Settings, v APIVersion) []Warning {
	var out []Warning
	if !edit.IsEnabled {
		out = append(out, Warning{WarnJobDisabled, FieldIsEnabled, disabledText})
	}
	out = append(out, Consequences(edit.Policy, v)...)
	for _, fe := range j.Warnings(edit) {
		if !slices.ContainsFunc(out, func(w Warning) bool { return w.Field == fe.Field }) {
			out = append(out, Warning{WarnKeptAsRead, fe.Field, fe.Error()})
		}
	}
	return out
}

func periodicWindowWarnings(p SchedulePolicy, v APIVersion) []Warning {
	if p.Type == Periodically && p.Every != IntervalUnset && !p.Every.InHours() &&
		p.PeriodicWindowEnabled && v.HasPeriodicWindowSwitch() && p.PeriodicWindow.Hours != AllowAll() {
		return []Warning{{WarnPeriodicWindowIgnored, FieldPeriodicEnabled, fmt.Sprintf(
			"The periodic window is on but does not limit this job: Veeam applies it only to intervals of an hour or more, and this job runs every %s around the clock.",
			p.Every.Words())}}
	}
	if !p.PeriodicWindowApplies(v) {
		return nil
	}
	if p.PeriodicWindow.Hours.Count() == 0 {
		return []Warning{{WarnPeriodicWindowEmpty, FieldPeriodicWindow,
			"The periodic window allows no hour, so the job never starts on its schedule. Allow some hours or turn the periodic window off."}}
	}
	starts := StartHours(p, v)
	var missed []time.Weekday
	allowedDays := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		allowed, started := 0, 0
		for h := range HoursPerDay {
			if p.PeriodicWindow.Hours.At(Cell{d, h}) {
				allowed++
			}
			started += starts.At(Cell{d, h})
		}
		if allowed > 0 {
			allowedDays++
			if started == 0 {
				missed = append(missed, d)
			}
		}
	}
	times := startTimesOfDay(p)
	switch {
	case len(missed) == 0:
		return nil
	case len(missed) == allowedDays:
		return []Warning{{WarnPeriodicWindowMissesStarts, FieldPeriodicWindow, fmt.Sprintf(
			"The periodic window allows no hour the job starts in (every %s: %s), so the job never starts on its schedule.",
			p.Every.Words(), times)}}
	}
	return []Warning{{WarnPeriodicWindowMissesStarts, FieldPeriodicWindow, fmt.Sprintf(
		"On %s the periodic window allows hours, but none the job starts in (every %s: %s), so the job does not run on %s.",
		dayList(missed), p.Every.Words(), times, pluralDays(missed))}}
}

// startTimesOfDay lists when an hour interval starts within a day:
// "00:15, 04:15, 08:15, 12:15, 16:15, 20:15"; long lists keep their ends.
func startTimesOfDay(p SchedulePolicy) string {
	var times []string
	for sec := 0; sec < daySeconds; sec += p.Every.Seconds() {
		times = append(times, Clock(sec+p.OffsetMinutes*60).String())
	}
	if len(times) > 6 {
		times = []string{times[0], times[1], "…", times[len(times)-1]}
	}
	return strings.Join(times, ", ")
}

// delayedStarts describes the starts the backup window holds back.
func delayedStarts(p SchedulePolicy, v APIVersion) (Warning, bool) {
	type hold struct{ days, at int } // days later, time of day
	var held []int
	var groups []hold
	byGroup := map[hold][]time.Weekday{}
	starts := scheduledStarts(p, v)
	for _, sec := range starts {
		at, _ := heldUntil(p, sec)
		if at == sec {
			continue
		}
		held = append(held, sec)
		g := hold{floorDiv(at, daySeconds) - floorDiv(sec, daySeconds), mod(at, daySeconds)}
		if _, seen := byGroup[g]; !seen {
			groups = append(groups, g)
		}
		byGroup[g] = append(byGroup[g], time.Weekday(sec/daySeconds))
	}
	if len(held) == 0 {
		return Warning{}, false
	}
	if p.Type == Periodically {
		first, _ := heldUntil(p, held[0])
		return Warning{WarnStartDelayed, FieldWindow, fmt.Sprintf(
			"%d of %d starts a week (%s) fall in hours the backup window denies: Veeam holds each until the window opens and then starts the job once, %d runs a week in all. For example the %s start waits until %s.",
			len(held), len(starts), p.Describe(), runsPerWeek(p, v), weekTime(held[0]), weekTime(first))}, true
	}
	var when []string
	for _, g := range groups {
		s := fmt.Sprintf("at %s %s", Clock(g.at), daysLater(g.days))
		if len(groups) > 1 {
			s = fmt.Sprintf("%s %s", onDays(byGroup[g]), s)
		}
		when = append(when, s)
	}
	var days []time.Weekday
	for _, sec := range held {
		days = append(days, time.Weekday(sec/daySeconds))
	}
	return Warning{WarnStartDelayed, FieldWindow, fmt.Sprintf(
		"The %s start %s falls in an hour the backup window denies: Veeam waits and starts the job %s.",
		p.DailyTime, onDays(days), strings.Join(when, "; "))}, true
}

// runsPerWeek counts a week's runs, counting once the last run of a week
// that waits into the first run of the next.
func runsPerWeek(p SchedulePolicy, v APIVersion) int {
	runs := actualStarts(p, v)
	n := len(runs)
	if n > 1 && runs[n-1].at-weekSeconds == runs[0].at {
		n--
	}
	return n
}

// shortRuns describes the days on which every run gets less than
// MinRunTime before the backup window closes.
func shortRuns(p SchedulePolicy, v APIVersion) (Warning, bool) {
	type day struct{ start, room, allowed int }
	best := map[time.Weekday]day{}
	for _, r := range actualStarts(p, v) {
		d := time.Weekday(mod(r.at, weekSeconds) / daySeconds)
		room := roomAfter(p.BackupWindow.Hours, r.at)
		if cur, seen := best[d]; !seen || room > cur.room {
			best[d] = day{mod(r.at, daySeconds), room, allowedOnDay(p.BackupWindow.Hours, d)}
		}
	}
	var groups []day
	byGroup := map[day][]time.Weekday{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		b, seen := best[d]
		if !seen || time.Duration(b.room)*time.Second >= MinRunTime {
			continue
		}
		if _, ok := byGroup[b]; !ok {
			groups = append(groups, b)
		}
		byGroup[b] = append(byGroup[b], d)
	}
	if len(groups) == 0 {
		return Warning{}, false
	}
	var parts []string
	for _, g := range groups {
		days := byGroup[g]
		parts = append(parts, fmt.Sprintf("%s a run starting at %s gets only %s before the window closes at %s (the window allows %d h on %s)",
			onDays(days), Clock(g.start), duration(g.room), Clock(mod(g.start+g.room, daySeconds)), g.allowed, pluralDays(days)))
	}
	return Warning{WarnShortRun, FieldWindow, fmt.Sprintf(
		"Veeam terminates the job when the backup window closes: %s. That is less than %s; a backup that takes longer is cut short.",
		strings.Join(parts, "; "), duration(int(MinRunTime/time.Second)))}, true
}

// roomAfter is how many seconds a run starting at sec has before the window
// closes; a window that never closes gives a week.
func roomAfter(w Window, sec int) int {
	hour := floorDiv(sec, 3600)
	for k := 1; k <= WindowHours; k++ {
		if !w[mod(hour+k, WindowHours)] {
			return (hour+k)*3600 - sec
		}
	}
	return weekSeconds
}

func allowedOnDay(w Window, d time.Weekday) int {
	n := 0
	for h := range HoursPerDay {
		if w.At(Cell{d, h}) {
			n++
		}
	}
	return n
}

// weekTime is a time of the week in words: "Sun 00:15".
func weekTime(sec int) string {
	sec = mod(sec, weekSeconds)
	return shortDay(time.Weekday(sec/daySeconds)) + " " + Clock(sec%daySeconds).String()
}

func daysLater(n int) string {
	switch n {
	case 0:
		return "the same day"
	case 1:
		return "the next day"
	}
	return fmt.Sprintf("%d days later", n)
}

// duration is seconds in words: "1 h", "1 h 30 min", "45 min".
func duration(sec int) string {
	h, m := sec/3600, sec%3600/60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// onDays is "every day" for all seven days, else "on " and their dayList:
// for a sentence that says when something happens.
func onDays(days []time.Weekday) string {
	if len(slices.Compact(slices.Sorted(slices.Values(days)))) == 7 {
		return "every day"
	}
	return "on " + dayList(days)
}

// dayList names days in week order, runs of three or more as a range:
// "Mon–Fri", "Sun, Sat", "Mon, Tue".
func dayList(days []time.Weekday) string {
	days = slices.Clone(days)
	slices.Sort(days)
	days = slices.Compact(days)
	var parts []string
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && days[j+1] == days[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, shortDay(days[i])+"–"+shortDay(days[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, shortDay(days[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func pluralDays(days []time.Weekday) string {
	if len(slices.Compact(slices.Clone(days))) == 1 {
		return "that day"
	}
	return "those days"
}

// StartAfterSaveWarnings is what a save that also starts the job (the
// editor's "Run after save") warns of: starting a job that edit leaves
// disabled.
func StartAfterSaveWarnings(edit Settings, start bool) []Warning {
	if !start || edit.IsEnabled {
		return nil
	}
	return []Warning{{WarnStartDisabled, FieldIsEnabled,
		"The job is started right after this save, which disables it: switch Enabled on, or Run after save off, unless one run of a disabled job is what you want."}}
}

// WindowOffWarnings says of each window whose hours edit changes from
// read while the window is off that its hours take effect only once it is
// switched on: the grid edits them all the same, the review must say so.
// The periodic window counts as off only where the API has its switch.
func WindowOffWarnings(read, edit SchedulePolicy, v APIVersion) []Warning {
	var out []Warning
	if !edit.BackupWindowEnabled && read.BackupWindow.Hours != edit.BackupWindow.Hours {
		out = append(out, windowOff(FieldWindow, "backup window"))
	}
	if edit.HasPeriodicWindow && v.HasPeriodicWindowSwitch() && !edit.PeriodicWindowEnabled && read.PeriodicWindow.Hours != edit.PeriodicWindow.Hours {
		out = append(out, windowOff(FieldPeriodicWindow, "periodic window"))
	}
	return out
}

// WindowOffWarnings is the copy job's: its backup copy window's hours
// changed while it is off.
func (j *CopyJob) WindowOffWarnings(edit CopySettings) []Warning {
	if edit.Policy.WindowEnabled || j.Policy.Window.Hours == edit.Policy.Window.Hours {
		return nil
	}
	return []Warning{windowOff(FieldCopyWindow, "backup copy window")}
}

func windowOff(field, name string) Warning {
	return Warning{WarnWindowOff, field, fmt.Sprintf(
		"The %s is off: the hours you changed are not enforced until it is switched on.", name)}
}
