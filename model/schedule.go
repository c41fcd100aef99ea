package model

import (
	"fmt"
	"strings"
)

// SchedulePolicy is the schedule of a backup job: when it starts, within which
// hours it may run, and how it retries. Field comments name the API field.
type SchedulePolicy struct {
	Type      ScheduleType // type
	DailyType DailyType    // dailyType
	DailyTime Clock        // dailyTime
	Every     Interval     // periodicallyEvery
	// OffsetMinutes shifts periodic runs within the hour (v6+).
	OffsetMinutes   int  // periodicallyOffsetMinutes
	ScheduleEnabled bool // scheduleEnabled (v6+)

	BackupWindowEnabled bool           // backupWindowEnabled
	BackupWindow        WindowSettings // backupWindowSettings

	// The window for "every N hours" runs; the document has it from v6 on.
	PeriodicWindowEnabled bool           // periodicallyWindowEnabled (v7+)
	PeriodicWindow        WindowSettings // periodicallyWindowSettings
	HasPeriodicWindow     bool           // whether the job document carries it

	RetryEnabled     bool // retryEnabled
	RetryNumber      int  // retryNumber, 1–777
	RetryWaitMinutes int  // retryWaitInterval, 1–999
}

// WindowSettings is the API's backupWindowSettings: the hours, and the
// minuteOffset that the server reports beside them (kept as read).
type WindowSettings struct {
	Hours        Window
	MinuteOffset int
}

// Accepted ranges, from the vendor's PowerShell reference.
const (
	MinRetryNumber, MaxRetryNumber = 1, 777
	MinRetryWait, MaxRetryWait     = 1, 999
	MaxOffsetMinutes               = 59
)

// FieldError is one problem with one field: the field's API path, the value
// and what is accepted.
type FieldError struct {
	Field  string
	Value  string
	Reason string
}

func (e FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("%s %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("%s %s %s", e.Field, e.Value, e.Reason)
}

// ValidationError holds every problem found, so a user fixes them all at once.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// For returns the problems of one field.
func (v ValidationError) For(field string) []FieldError {
	var out []FieldError
	for _, e := range v {
		if e.Field == field {
			out = append(out, e)
		}
	}
	return out
}

func (v ValidationError) orNil() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// Field names as the API spells them, for errors and change lists.
const (
	FieldType            = "schedulePolicy.type"
	FieldDailyType       = "schedulePolicy.dailyType"
	FieldDailyTime       = "schedulePolicy.dailyTime"
	FieldEvery           = "schedulePolicy.periodicallyEvery"
	FieldOffsetMinutes   = "schedulePolicy.periodicallyOffsetMinutes"
	FieldScheduleEnabled = "schedulePolicy.scheduleEnabled"
	FieldWindowEnabled   = "schedulePolicy.backupWindowEnabled"
	FieldWindow          = "schedulePolicy.backupWindowSettings.backupWindow"
	FieldWindowOffset    = "schedulePolicy.backupWindowSettings.minuteOffset"
	FieldPeriodicEnabled = "schedulePolicy.periodicallyWindowEnabled"
	FieldPeriodicWindow  = "schedulePolicy.periodicallyWindowSettings.backupWindow"
	FieldPeriodicOffset  = "schedulePolicy.periodicallyWindowSettings.minuteOffset"
	FieldRetryEnabled    = "schedulePolicy.retryEnabled"
	FieldRetryNumber     = "schedulePolicy.retryNumber"
	FieldRetryWait       = "schedulePolicy.retryWaitInterval"
	FieldName            = "name"
	FieldDescription     = "description"
)

// Validate returns every problem of the policy as a ValidationError, or nil.
// It checks what any API version requires; Job.Validate adds the checks of
// one version.
func (p SchedulePolicy) Validate() error {
	var errs ValidationError
	add := func(field, value, reason string) { errs = append(errs, FieldError{field, value, reason}) }
	switch p.Type {
	case Daily:
		if p.DailyType == DailyUnset {
			add(FieldDailyType, "", "is missing (want one of "+acceptedDailyTypes()+")")
		}
		if p.DailyTime < 0 || p.DailyTime >= 24*3600 {
			add(FieldDailyTime, p.DailyTime.String(), "is out of range 00:00–23:59")
		}
	case Periodically:
		if p.Every == IntervalUnset {
			add(FieldEvery, "", "is missing (want one of "+strings.Join(intervals.names[1:], ", ")+")")
		}
	case ManualOnly:
	default:
		add(FieldType, "", "is missing (want Daily, Periodically or ManualOnly)")
	}
	if p.OffsetMinutes < 0 || p.OffsetMinutes > MaxOffsetMinutes {
		add(FieldOffsetMinutes, fmt.Sprint(p.OffsetMinutes), "is out of range 0–59")
	}
	if p.RetryEnabled {
		if p.RetryNumber < MinRetryNumber || p.RetryNumber > MaxRetryNumber {
			add(FieldRetryNumber, fmt.Sprint(p.RetryNumber), "is out of range 1–777")
		}
		if p.RetryWaitMinutes < MinRetryWait || p.RetryWaitMinutes > MaxRetryWait {
			add(FieldRetryWait, fmt.Sprint(p.RetryWaitMinutes), "is out of range 1–999 minutes")
		}
	}
	if p.BackupWindowEnabled && p.BackupWindow.Hours.Count() == 0 {
		add(FieldWindow, "", "allows no hour, so the job could never run (allow some hours or turn the window off)")
	}
	if p.PeriodicWindowEnabled && p.PeriodicWindow.Hours.Count() == 0 {
		add(FieldPeriodicWindow, "", "allows no hour, so the job could never run (allow some hours or turn the window off)")
	}
	return errs.orNil()
}

func acceptedDailyTypes() string { return strings.Join(dailyTypes.names[1:], ", ") }

// Describe is the schedule in words: "workdays at 22:00", "every 4 hours".
func (p SchedulePolicy) Describe() string {
	switch p.Type {
	case Daily:
		var days string
		switch p.DailyType {
		case Everyday:
			days = "every day"
		case Workdays:
			days = "workdays"
		case Weekends:
			days = "weekends"
		case DailyUnset:
			days = "daily"
		default:
			days = p.DailyType.String() + "s"
		}
		return days + " at " + p.DailyTime.String()
	case Periodically:
		s := "every " + p.Every.Words()
		if p.OffsetMinutes != 0 && p.Every.InHours() {
			s += fmt.Sprintf(" at :%02d", p.OffsetMinutes)
		}
		return s
	case ManualOnly:
		return "manual only"
	}
	return "no schedule"
}

// DescribeWindow is the backup window in words: its text form, or "off".
func (p SchedulePolicy) DescribeWindow() string {
	if !p.BackupWindowEnabled {
		return "off"
	}
	return p.BackupWindow.Hours.String()
}
