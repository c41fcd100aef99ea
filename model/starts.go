package model

import (
	"fmt"
	"time"
)

// What a schedule will actually do: the hours of the week in which it
// starts a job, and the next start times once the backup window has had its
// say. Everything here works on the server's local wall clock, the clock the
// windows' hours are in; nothing reads the system clock.
//
// The model of Veeam's scheduler these functions assume, from the vendor's
// documents where they say it and inferred where they do not:
//
//   - Daily: one start on each of the days dailyType names (Workdays =
//     Mon–Fri, Weekends = Sat and Sun) at dailyTime.
//   - Periodically every N minutes: starts at every multiple of N minutes
//     from :00 of every hour, around the clock. The server ignores
//     periodicallyOffsetMinutes and the periodic window for minute
//     intervals (the vendor documents both for intervals in hours only).
//   - Periodically every N hours: starts every N hours counted from midnight,
//     shifted by periodicallyOffsetMinutes (0–59; anything else is taken as
//     0), so Hours4 with offset 15 starts at 00:15, 04:15, 08:15 … 20:15.
//     When the periodic window is in effect, a start whose hour it denies
//     does not happen at all (inferred: the window says when periodic runs
//     may start).
//   - ManualOnly: no starts.
//   - Backup window (when enabled): Veeam does not start a job in an hour the
//     window denies; the start waits and happens at the top of the next
//     allowed hour. Starts that wait for the same hour make one run.
//     Running jobs are terminated when the window closes.
//
// How long a run lasts, retries and whether the job is enabled are outside
// this model: a start while the previous run still runs is listed anyway.

const (
	daySeconds  = 24 * 3600
	weekSeconds = Days * daySeconds
)

// Starts is where in the week a schedule starts a job, before the backup
// window delays anything: for the start marks on the grid and the planner's
// counts.
type Starts struct {
	// Counts is the number of starts in each hour of the week (index
	// day*24+hour, as Window): 1 for a Daily day, up to 12 for every 5
	// minutes.
	Counts [WindowHours]int
	// Denied marks the hours with a start that the backup window denies
	// (always empty when the backup window is off): those starts wait.
	Denied Window
}

// At is the number of starts in hour c.
func (s Starts) At(c Cell) int { return s.Counts[c.Index()] }

// Hours is the hours with at least one start.
func (s Starts) Hours() Window {
	var w Window
	for i, n := range s.Counts {
		w[i] = n > 0
	}
	return w
}

// Total is the number of starts in a week.
func (s Starts) Total() int {
	t := 0
	for _, n := range s.Counts {
		t += n
	}
	return t
}

// StartHours returns where in the week p starts a job on an API v server
// (the version decides whether the periodic window applies; see
// PeriodicWindowApplies).
func StartHours(p SchedulePolicy, v APIVersion) Starts {
	var s Starts
	for _, sec := range scheduledStarts(p, v) {
		i := hourIndex(sec)
		s.Counts[i]++
		if p.BackupWindowEnabled && !p.BackupWindow.Hours[i] {
			s.Denied[i] = true
		}
	}
	return s
}

// PeriodicWindowApplies reports whether the periodic window limits p's
// starts on an API v server: only for Periodically jobs every N hours, only
// where the document has the window, and from v7 on only when its switch is
// on. v6 has the window but no switch; like DescribeWindowWords, this takes
// the window to apply there (inferred: no document says otherwise).
func (p SchedulePolicy) PeriodicWindowApplies(v APIVersion) bool {
	if p.Type != Periodically || !p.Every.InHours() || !p.HasPeriodicWindow || !v.HasPeriodicWindow() {
		return false
	}
	return p.PeriodicWindowEnabled || !v.HasPeriodicWindowSwitch()
}

// Seconds is the interval's length in seconds, 0 when unset.
func (iv Interval) Seconds() int {
	switch iv {
	case Minutes5:
		return 5 * 60
	case Minutes10:
		return 10 * 60
	case Minutes15:
		return 15 * 60
	case Minutes30:
		return 30 * 60
	case Hours1:
		return 3600
	case Hours2:
		return 2 * 3600
	case Hours4:
		return 4 * 3600
	case Hours8:
		return 8 * 3600
	case Hours12:
		return 12 * 3600
	}
	return 0
}

// Days lists the weekdays a Daily job runs on, Sunday first; none when unset.
func (t DailyType) Days() []time.Weekday {
	switch t {
	case DailyUnset:
		return nil
	case Everyday:
		return []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	case Workdays:
		return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	case Weekends:
		return []time.Weekday{time.Sunday, time.Saturday}
	case Sunday:
		return []time.Weekday{time.Sunday}
	}
	// Monday … Saturday follow Weekends in the enum, in week order.
	return []time.Weekday{time.Weekday(t-Monday) + time.Monday}
}

// scheduledStarts lists p's starts as seconds after Sunday 00:00, in order,
// before the backup window delays any.
func scheduledStarts(p SchedulePolicy, v APIVersion) []int {
	var out []int
	switch p.Type {
	case Daily:
		if ValidateDailyTime(p.DailyTime) != nil {
			return nil
		}
		for _, d := range p.DailyType.Days() {
			out = append(out, int(d)*daySeconds+int(p.DailyTime))
		}
	case Periodically:
		step := p.Every.Seconds()
		if step == 0 {
			return nil
		}
		first := 0
		if p.Every.InHours() && ValidateOffsetMinutes(p.OffsetMinutes) == nil {
			first = p.OffsetMinutes * 60
		}
		periodic := p.PeriodicWindowApplies(v)
		for sec := first; sec < weekSeconds; sec += step {
			if periodic && !p.PeriodicWindow.Hours[hourIndex(sec)] {
				continue
			}
			out = append(out, sec)
		}
	}
	return out
}

// hourIndex is the window index of the hour holding sec, which may lie
// outside the week [0, weekSeconds): the week repeats.
func hourIndex(sec int) int { return mod(floorDiv(sec, 3600), WindowHours) }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// heldUntil is when a start scheduled at sec actually happens: sec itself
// when the backup window is off or allows that hour, else the top of the
// next allowed hour. ok is false when the window allows no hour at all.
func heldUntil(p SchedulePolicy, sec int) (at int, ok bool) {
	w := p.BackupWindow.Hours
	if !p.BackupWindowEnabled || w[hourIndex(sec)] {
		return sec, true
	}
	hour := floorDiv(sec, 3600)
	for k := 1; k <= WindowHours; k++ {
		if w[mod(hour+k, WindowHours)] {
			return (hour + k) * 3600, true
		}
	}
	return 0, false
}

// weekRun is one actual start in week seconds: at may pass the week's end
// when a late start waits into the next week.
type weekRun struct{ scheduled, at int }

// actualStarts applies the backup window to the starts of one week: each
// start moves to when Veeam really starts the job, and starts that wait for
// the same hour become one run, which keeps the earliest scheduled time.
func actualStarts(p SchedulePolicy, v APIVersion) []weekRun {
	return holdStarts(p, scheduledStarts(p, v))
}

// holdStarts is actualStarts for starts scheduled elsewhere (a backup copy
// job's, from its source job's runs): p's backup window holds each start
// in sec, which must be in order.
func holdStarts(p SchedulePolicy, scheduled []int) []weekRun {
	runs := make([]weekRun, 0, len(scheduled))
	for _, sec := range scheduled {
		at, ok := heldUntil(p, sec)
		if !ok {
			return nil
		}
		if n := len(runs); n > 0 && runs[n-1].at == at {
			continue
		}
		runs = append(runs, weekRun{sec, at})
	}
	return runs
}

// Run is one start of a job, as Veeam will make it.
type Run struct {
	// At is when the job starts.
	At time.Time
	// Scheduled is the schedule's start this run comes from: equal to At,
	// or earlier when the backup window denied that hour and the start
	// waited (the earliest, when several waited for the same hour).
	Scheduled time.Time
}

// Delayed reports whether the backup window held the start back.
func (r Run) Delayed() bool { return r.At.After(r.Scheduled) }

// String is "Mon 23:00", with "(waited from Mon 22:00)" for a held start.
func (r Run) String() string {
	const layout = "Mon 15:04"
	if r.Delayed() {
		return fmt.Sprintf("%s (waited from %s)", r.At.Format(layout), r.Scheduled.Format(layout))
	}
	return r.At.Format(layout)
}

// NextRuns returns the next n starts of p after now, on an API v server,
// with both windows applied. now must be on the server's wall clock (for
// example now.In(serverZone)): its weekday, hour and minute are read as the
// windows' hours, and the runs are in now's location. A start that was
// scheduled before now but waits for the backup window until after now is
// included, since the job is waiting for it. Fewer than n runs (none) come
// back only when p never starts on its own; WhyNoRuns says why.
func NextRuns(p SchedulePolicy, v APIVersion, now time.Time, n int) []Run {
	week := actualStarts(p, v)
	if n <= 0 || len(week) == 0 {
		return nil
	}
	y, m, d := now.Date()
	sunday := d - int(now.Weekday())
	at := func(sec int) time.Time {
		// time.Date normalises the overflowing seconds on the wall clock.
		return time.Date(y, m, sunday, 0, 0, sec, 0, now.Location())
	}
	var runs []Run
	// Start a week back: a start from then may still be waiting. Every week
	// holds at least one run, so n+2 weeks always suffice.
	for k := -1; k <= n+1; k++ {
		for _, r := range week {
			run := Run{At: at(k*weekSeconds + r.at), Scheduled: at(k*weekSeconds + r.scheduled)}
			if !run.At.After(now) {
				continue
			}
			if last := len(runs) - 1; last >= 0 && runs[last].At.Equal(run.At) {
				continue // the end of one week's starts waited into the next's first
			}
			if len(runs) == n {
				return runs
			}
			runs = append(runs, run)
		}
	}
	return runs
}

// JobDisabledNoRuns is what Job.WhyNoRuns says of a disabled job.
const JobDisabledNoRuns = "the job is disabled, so Veeam does not start it on its schedule"

// WhyNoRuns says why the job, with the edited settings, never starts on its
// own on an API v server, or "" when it does: a disabled job never does,
// whatever its policy says; otherwise as the package's WhyNoRuns.
func (j *Job) WhyNoRuns(edit Settings, v APIVersion) string {
	if !edit.IsEnabled {
		return JobDisabledNoRuns
	}
	return WhyNoRuns(edit.Policy, v)
}

// WhyNoRuns says, in a Veeam admin's words, why p never starts a job on its
// own on an API v server, or "" when it does.
func WhyNoRuns(p SchedulePolicy, v APIVersion) string {
	switch {
	case p.Type == ManualOnly:
		return "manual only: the job starts only when someone starts it"
	case p.Type == ScheduleUnset:
		return "no schedule type is set, so the job never starts on its own"
	case p.Type == Daily && p.DailyType == DailyUnset:
		return "the daily schedule names no days, so the job never starts on its own"
	case p.Type == Daily && ValidateDailyTime(p.DailyTime) != nil:
		return "the daily start time is not a time of day, so the job never starts on its own"
	case p.Type == Periodically && p.Every == IntervalUnset:
		return "the periodic schedule has no interval, so the job never starts on its own"
	case p.BackupWindowEnabled && p.BackupWindow.Hours.Count() == 0:
		return "the backup window allows no hour, so Veeam never starts the job (allow some hours or turn the window off)"
	case p.PeriodicWindowApplies(v) && p.PeriodicWindow.Hours.Count() == 0:
		return "the periodic window allows no hour, so the job never starts on its own (allow some hours or turn the window off)"
	case len(scheduledStarts(p, v)) == 0:
		return fmt.Sprintf("the periodic window allows none of the hours the job starts in (%s), so it never starts on its own", p.Describe())
	}
	return ""
}
