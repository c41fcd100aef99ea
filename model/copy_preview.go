package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a backup copy job's schedule shares with a backup job's, for the
// screens that show both: the copy window in words, and the copy schedule
// as a backup job's schedule policy, so the start marks and the next runs
// are worked out by the one code that does it for backup jobs.

// DescribeWindow is the copy window in words: its text form, or "off".
func (p CopyPolicy) DescribeWindow() string {
	return p.AsSchedule().DescribeWindow()
}

// AsSchedule is the copy schedule as a backup job's schedule policy:
// Periodically and DailyAtTime start as a backup job's Periodically and
// Daily do, and the copy window stands in the backup window's place. An
// Immediate copy job follows its source job's restore points, which no
// schedule of its own says: it comes out as ManualOnly, starting nowhere on
// its own (CopyJob.WhyNoRuns says why in its words).
func (p CopyPolicy) AsSchedule() SchedulePolicy {
	s := SchedulePolicy{
		DailyType: p.DailyType, DailyTime: p.DailyTime, Every: p.Every,
		ScheduleEnabled: true, BackupWindowEnabled: p.WindowEnabled, BackupWindow: p.Window,
		Unknown: p.Unknown,
	}
	switch p.Type {
	case CopyPeriodically:
		s.Type = Periodically
	case DailyAtTime:
		s.Type = Daily
	case Immediate:
		s.Type = ManualOnly
	case CopyScheduleTypeUnknown:
		s.Type = ScheduleTypeUnknown
	}
	return s
}

// ImmediateNoRuns is what CopyJob.WhyNoRuns says of an Immediate copy job.
const ImmediateNoRuns = "the copy job starts after each new restore point of its source backup job, not on a clock"

// CopyDisabledNoRuns is what CopyJob.WhyNoRuns says of a disabled copy job.
const CopyDisabledNoRuns = "the copy job is disabled, so Veeam does not start it on its schedule"

// WhyNoRuns says why the copy job, with policy p, never starts on a clock
// of its own on an API v server, or "" when it does.
func (j *CopyJob) WhyNoRuns(edit CopySettings, v APIVersion) string {
	switch {
	case !edit.IsEnabled:
		return CopyDisabledNoRuns
	case edit.Policy.Type == Immediate:
		return ImmediateNoRuns
	case edit.Policy.WindowEnabled && edit.Policy.Window.Problem == "" && edit.Policy.Window.Hours.Count() == 0:
		return "the backup copy window allows no hour, so Veeam never starts the copy job (allow some hours or turn the window off)"
	}
	return WhyNoRuns(edit.Policy.AsSchedule(), v)
}

// Words is the copy schedule type as the console's choice reads.
func (t CopyScheduleType) Words() string {
	switch t {
	case Immediate:
		return "Immediately"
	case CopyPeriodically:
		return "Periodically every"
	case DailyAtTime:
		return "Daily at"
	case CopyScheduleUnset:
		return "not set"
	}
	return "a type unknown to vbosched"
}

// EditWarnings is what the copy job, with edit, warns of in show and
// lint's words: disabled, a copy window that allows no hour, a daily start
// the copy window holds back. A backup job's EditWarnings says the same
// of its own fields.
func (j *CopyJob) EditWarnings(edit CopySettings, v APIVersion) []Warning {
	var out []Warning
	if !edit.IsEnabled {
		out = append(out, Warning{WarnJobDisabled, FieldIsEnabled, upperFirst(CopyDisabledNoRuns) + "."})
	}
	p := edit.Policy
	if p.WindowEnabled && p.Window.Problem == "" && p.Window.Hours.Count() == 0 {
		out = append(out, Warning{WarnBackupWindowEmpty, FieldCopyWindow,
			"The backup copy window is on and allows no hour, so Veeam never starts the backup copy job: allow some hours or turn the window off."})
	} else if text := copyStartsDelayed(p, v); text != "" {
		out = append(out, Warning{WarnStartDelayed, FieldCopyWindow, upperFirst(text)})
	}
	return out
}

// upperFirst starts s with a capital letter, for a clause said as a
// sentence of its own.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// DescribeWindowWords is the backup copy window in a backup window's
// words (its title with the time zone, its hours), named as the copy
// window.
func (p CopyPolicy) DescribeWindowWords(v APIVersion) WindowWords {
	w := p.AsSchedule().DescribeWindowWords(BackupWindowKind, v)
	w.Title = "Backup copy window" + strings.TrimPrefix(w.Title, "Backup window")
	return w
}
