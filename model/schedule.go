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
	RetryNumber      int  // retryNumber (ValidateRetryNumber)
	RetryWaitMinutes int  // retryWaitInterval (ValidateRetryWait)

	// Unknown keeps enum values vbosched does not know, as read, so the job
	// stays readable and they go back to the server unchanged.
	Unknown UnknownEnums
}

// WindowSettings is the API's backupWindowSettings: the hours, and the
// minuteOffset that the server reports beside them (kept as read).
type WindowSettings struct {
	Hours        Window
	MinuteOffset int
	// Problem says why the server's hours could not be read (a window that
	// is not 7×24 hours); Hours is then empty. Such a window is shown as an
	// error and sent back as read, never edited: there is no telling what
	// the server meant by it.
	Problem string
}

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

// Unwrap lets errors.As find a FieldError among the problems.
func (v ValidationError) Unwrap() []error {
	out := make([]error, len(v))
	for i, e := range v {
		out[i] = e
	}
	return out
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

// add keeps a validator's refusal; every validator returns a FieldError.
func (v *ValidationError) add(err error) {
	if err != nil {
		*v = append(*v, err.(FieldError))
	}
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
	add := errs.add
	switch p.Type {
	case Daily:
		add(ValidateDailyType(p.DailyType))
		add(ValidateDailyTime(p.DailyTime))
	case Periodically:
		add(ValidateInterval(p.Every))
	case ManualOnly:
	default:
		add(ValidateType(p.Type))
	}
	add(ValidateOffsetMinutes(p.OffsetMinutes))
	if p.RetryEnabled {
		add(ValidateRetryNumber(p.RetryNumber))
		add(ValidateRetryWait(p.RetryWaitMinutes))
	}
	for _, k := range WindowKinds() {
		ws, enabled := p.Window(k)
		add(ValidateWindow(k, *ws, *enabled))
	}
	return errs.orNil()
}

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
		case DailyTypeUnknown:
			days = p.DailyTypeText()
		default:
			days = p.DailyType.String() + "s"
		}
		return days + " at " + p.DailyTime.String()
	case Periodically:
		return p.everyWords()
	case ManualOnly:
		return "manual only"
	case ScheduleTypeUnknown:
		return "schedule type " + p.TypeText()
	}
	return "no schedule"
}

// everyWords is a periodic schedule's interval and start minute:
// "every 4 hours at :15" (an offset counts only with hours).
func (p SchedulePolicy) everyWords() string {
	if p.Every == IntervalUnknown {
		return "every " + p.EveryText()
	}
	s := "every " + p.Every.Words()
	if p.OffsetMinutes != 0 && p.Every.InHours() {
		s += fmt.Sprintf(" at :%02d", p.OffsetMinutes)
	}
	return s
}

// DescribeWindow is the backup window in words: its text form, or "off".
func (p SchedulePolicy) DescribeWindow() string {
	if p.BackupWindow.Problem != "" {
		return "unreadable: " + p.BackupWindow.Problem
	}
	if !p.BackupWindowEnabled {
		return "off"
	}
	return p.BackupWindow.Hours.String()
}
