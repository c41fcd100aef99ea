package model

import (
	"fmt"
	"strings"
)

// When a backup copy job starts, on the same model of Veeam's scheduler as
// a backup job's (starts.go), with its backup copy window in the backup
// window's place:
//
//   - DailyAtTime: one start on each of its days at its time, as Daily.
//   - Periodically every N: every N from 00:00, around the clock, as a
//     backup job every N with no offset and no periodic window.
//   - Immediate: after each new restore point of the source backup job. A
//     restore point comes at the end of a source run, which this model
//     cannot time, so the copy is placed in the hour the source run starts
//     (the earliest it can start). Without the source job its starts are
//     unknown.
//   - The backup copy window (when enabled) holds every start as the backup
//     window holds a backup job's: it waits for the top of the next allowed
//     hour, and starts that wait for the same hour make one run (inferred:
//     the vendor's documents say the copy job runs within the window, not
//     what becomes of a start outside it). So "every N within the window"
//     is every N in allowed hours plus one start when the window opens.

// copySchedule is the backup job schedule that starts the way p does, for
// the machinery of starts.go: the same days, time and interval, the backup
// copy window as backup window. Immediate has no such schedule (its starts
// come from the source job): only its window is carried.
func copySchedule(p CopyPolicy) SchedulePolicy {
	s := SchedulePolicy{DailyType: p.DailyType, DailyTime: p.DailyTime, Every: p.Every,
		BackupWindowEnabled: p.WindowEnabled, BackupWindow: p.Window}
	switch p.Type {
	case DailyAtTime:
		s.Type = Daily
	case CopyPeriodically:
		s.Type = Periodically
	}
	return s
}

// copyMayRun is the hours a copy job may run: its backup copy window when
// enabled, else every hour.
func copyMayRun(p CopyPolicy) Window { return mayRun(copySchedule(p)) }

// copyRuns lists a copy job's starts in a week, held by its copy window.
// source is its source backup job, nil when not known. why says why there
// are none ("" when there are), unknown whether that is because the starts
// cannot be told rather than because there are none.
func copyRuns(j *CopyJob, source *Job, v APIVersion) (runs []weekRun, why string, unknown bool) {
	p := j.Policy
	s := copySchedule(p)
	if p.Type == CopyScheduleTypeUnknown {
		return nil, whyCopyNoRuns(p), true
	}
	if p.Type == Immediate {
		switch {
		case source == nil:
			return nil, fmt.Sprintf("it copies each new restore point of its source backup job, which is not in the job list (id %s), so when it starts is unknown", orUnset(j.BackupJobID)), true
		case !source.IsEnabled:
			return nil, fmt.Sprintf("its source backup job %q is disabled, so no new restore point comes to copy", source.Name), false
		}
		sourceRuns := actualStarts(source.Policy, v)
		scheduled := make([]int, 0, len(sourceRuns))
		for _, r := range sourceRuns {
			scheduled = append(scheduled, r.at)
		}
		if len(scheduled) == 0 {
			return nil, fmt.Sprintf("its source backup job %q never starts on its own (%s), so no new restore point comes to copy unless someone runs that job",
				source.Name, strings.TrimSuffix(WhyNoRuns(source.Policy, v), " (allow some hours or turn the window off)")), false
		}
		if runs = holdStarts(s, scheduled); len(runs) == 0 {
			return nil, whyCopyNoRuns(p), false
		}
		return runs, "", false
	}
	if runs = actualStarts(s, v); len(runs) == 0 {
		return nil, whyCopyNoRuns(p), false
	}
	return runs, "", false
}

// whyCopyNoRuns says why a policy that is not Immediate, or an Immediate
// one whose source does start, never starts the copy job.
func whyCopyNoRuns(p CopyPolicy) string {
	switch {
	case p.Type == CopyScheduleUnset:
		return "no schedule type is set, so the backup copy job never starts on its own"
	case p.Type == CopyScheduleTypeUnknown:
		return fmt.Sprintf("its schedule type %q is unknown to vbosched, so when it starts cannot be told", p.Unknown.Type)
	case p.Type == DailyAtTime && p.DailyType == DailyUnset:
		return "the daily schedule names no days, so the backup copy job never starts on its own"
	case p.Type == DailyAtTime && ValidateDailyTime(p.DailyTime) != nil:
		return "the daily start time is not a time of day, so the backup copy job never starts on its own"
	case p.Type == CopyPeriodically && p.Every == IntervalUnset:
		return "the periodic schedule has no interval, so the backup copy job never starts on its own"
	case p.WindowEnabled && p.Window.Hours.Count() == 0:
		return "the backup copy window allows no hour, so Veeam never starts the backup copy job"
	}
	return "the backup copy job never starts on its own"
}

// WhyCopyNoRuns says, in a Veeam admin's words, why the copy job j never
// starts on its own on an API v server, or "" when it does. source is its
// source backup job (BackupJobID), nil when the caller does not have it:
// an Immediate copy job's starts are then unknown, and the text says so.
// A disabled copy job is planned as if enabled; this does not say it.
func WhyCopyNoRuns(j *CopyJob, source *Job, v APIVersion) string {
	_, why, _ := copyRuns(j, source, v)
	return why
}

// CopyStartHours is the hours of the week in which the copy job j really
// starts (after its copy window has held its starts back), and whether
// they can be told at all: not for an Immediate copy job without its
// source job.
func CopyStartHours(j *CopyJob, source *Job, v APIVersion) (hours Window, known bool) {
	runs, _, unknown := copyRuns(j, source, v)
	for _, r := range runs {
		hours[hourIndex(r.at)] = true
	}
	return hours, !unknown
}

// CopyStarts is where in the week the copy job j starts, for the start
// marks, by the rule copyStartsDelayed warns by: a DailyAtTime start the
// copy window denies waits (marked in Denied, as a backup job's), while a
// Periodically or Immediate copy job's window is what limits it by
// design, so its starts are the hours it really starts (every N in
// allowed hours and one when the window opens, or after its source job's
// runs), none of them waiting. source is its source backup job, nil when
// not known: an Immediate copy job's starts are then unknown (none).
func CopyStarts(j *CopyJob, source *Job, v APIVersion) Starts {
	if j.Policy.Type == DailyAtTime {
		return StartHours(copySchedule(j.Policy), v)
	}
	var s Starts
	runs, _, _ := copyRuns(j, source, v)
	for _, r := range runs {
		s.Counts[hourIndex(r.at)]++
	}
	return s
}
