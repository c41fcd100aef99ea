package model

import (
	"fmt"
	"strconv"
	"strings"
)

// The console's words. A Veeam admin knows the job schedule page of the
// Veeam Backup for Microsoft 365 console ("Run the job: Daily at 22:00 on
// Workdays", "Terminate job if it exceeds allowed backup window", "Retry
// failed job 3 times, wait 10 minutes"), not the REST API's field names, so
// every screen but the JSON body names fields and values as the console does.

// fieldLabels are the console's labels by API field.
var fieldLabels = map[string]string{
	FieldType:            "Run the job",
	FieldDailyType:       "Days",
	FieldDailyTime:       "Daily at",
	FieldEvery:           "Periodically every",
	FieldOffsetMinutes:   "Start time within an hour",
	FieldScheduleEnabled: "Run the job automatically",
	FieldWindowEnabled:   "Terminate job if it exceeds allowed backup window",
	FieldWindow:          "Backup window hours",
	FieldWindowOffset:    "Backup window time zone",
	FieldPeriodicEnabled: "Periodic window",
	FieldPeriodicWindow:  "Periodic window hours",
	FieldPeriodicOffset:  "Periodic window time zone",
	FieldRetryEnabled:    "Retry failed job",
	FieldRetryNumber:     "Retries",
	FieldRetryWait:       "Wait before each attempt",
	FieldName:            "Name",
	FieldDescription:     "Description",
	FieldIsEnabled:       "Enabled",

	FieldCopyWindowEnabled: "Backup copy window",
	FieldCopyWindow:        "Backup copy window hours",
	FieldCopyWindowOffset:  "Backup copy window time zone",
}

// FieldLabel is an API field as the console labels it; a field the console
// has no label for keeps its API name.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}

var typeWords = map[ScheduleType]string{
	ScheduleUnset: "not set",
	Daily:         "Daily at",
	Periodically:  "Periodically every",
	ManualOnly:    "Manually only",
}

// Words is the schedule type as the console's "Run the job" choice reads.
func (t ScheduleType) Words() string {
	if w, ok := typeWords[t]; ok {
		return w
	}
	return "a type unknown to vbosched"
}

var dailyWords = map[DailyType]string{
	DailyUnset: "not set",
	Everyday:   "Everyday",
	Workdays:   "Workdays",
	Weekends:   "Weekends",
}

// Words is the days as the console lists them: Everyday, Workdays,
// Weekends or a day's name.
func (t DailyType) Words() string {
	if w, ok := dailyWords[t]; ok {
		return w
	}
	if t < 0 {
		return "days unknown to vbosched"
	}
	return t.String()
}

// ConsoleWords is the interval as the console's list shows it: "Every 10
// minutes", "Every hour", "Every 4 hours".
func (iv Interval) ConsoleWords() string {
	if iv <= IntervalUnset {
		return iv.Words()
	}
	return "Every " + iv.Words()
}

// OnOff is a switch in the console's words.
func OnOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// EnabledWords is a job's on/off switch as the console shows it.
func EnabledWords(b bool) string {
	if b {
		return "Enabled"
	}
	return "Disabled"
}

// MinutesWords is a count of minutes: "1 minute", "10 minutes".
func MinutesWords(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", n)
}

// ZoneWords says which clock a window's hours are on, from its
// minuteOffset (the server's offset from UTC in minutes): "times in
// UTC+02:00, the server's zone", or "times in the server's local time" when
// the offset is 0, which servers also send when they do not say.
func ZoneWords(minuteOffset int) string {
	if minuteOffset == 0 {
		return "times in the server's local time"
	}
	return "times in " + UTCOffset(minuteOffset) + ", the server's zone"
}

// UTCOffset is an offset from UTC in minutes as "UTC+02:00" or "UTC-05:30".
func UTCOffset(minutes int) string {
	sign := "+"
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, minutes/60, minutes%60)
}

// ChangeWords is a change as the console would name it: the field's label
// and its old and new values in the console's words. API names appear only
// in the JSON body.
func ChangeWords(c FieldChange) (label, old, new string) {
	return FieldLabel(c.Field), ValueWords(c.Field, c.Old), ValueWords(c.Field, c.New)
}

// ValueWords turns a value as FieldChange shows it into the console's words;
// a value it does not recognise (say an unknown enum, already quoted) stays.
func ValueWords(field, v string) string {
	if v == orUnset("") {
		return "not set"
	}
	switch field {
	case FieldType:
		if t, err := ParseScheduleType(v); err == nil {
			return t.Words()
		}
		if t, err := ParseCopyScheduleType(v); err == nil {
			return t.Words() // a backup copy job's
		}
	case FieldDailyType:
		if t, err := ParseDailyType(v); err == nil {
			return t.Words()
		}
	case FieldEvery:
		if iv, err := ParseInterval(v); err == nil {
			return iv.ConsoleWords()
		}
	case FieldOffsetMinutes:
		if n, err := strconv.Atoi(v); err == nil {
			return fmt.Sprintf(":%02d past the hour", n)
		}
	case FieldRetryWait:
		if n, err := strconv.Atoi(v); err == nil {
			return MinutesWords(n)
		}
	case FieldRetryNumber:
		if n, err := strconv.Atoi(v); err == nil {
			return fmt.Sprintf("%d times", n)
		}
	case FieldIsEnabled:
		if b, err := strconv.ParseBool(v); err == nil {
			return EnabledWords(b)
		}
	case FieldScheduleEnabled, FieldWindowEnabled, FieldPeriodicEnabled, FieldRetryEnabled, FieldCopyWindowEnabled:
		if b, err := strconv.ParseBool(v); err == nil {
			return OnOff(b)
		}
	case FieldWindowOffset, FieldPeriodicOffset, FieldCopyWindowOffset:
		if n, err := strconv.Atoi(v); err == nil {
			return strings.TrimPrefix(ZoneWords(n), "times in ")
		}
	}
	return v
}

// RetryWords is the retry setting as the console reads it: "3 times, wait
// 10 minutes before each attempt", or "off".
func (p SchedulePolicy) RetryWords() string {
	if !p.RetryEnabled {
		return "off"
	}
	return fmt.Sprintf("%d times, wait %s before each attempt", p.RetryNumber, MinutesWords(p.RetryWaitMinutes))
}

// ScheduleWords is the schedule as the console's "Run the job" line reads:
// "Daily at 22:00 on Workdays", "Periodically every 4 hours at :15",
// "Manually only".
func (p SchedulePolicy) ScheduleWords() string {
	switch p.Type {
	case Daily:
		return fmt.Sprintf("Daily at %s on %s", p.DailyTime, p.DailyType.Words())
	case Periodically:
		return "Periodically " + p.everyWords()
	case ManualOnly:
		return "Manually only"
	}
	return p.Describe()
}

// BackupWindowWords is the backup window as the console's checkbox reads.
func (p SchedulePolicy) BackupWindowWords() string {
	if !p.BackupWindowEnabled {
		return "off: the job runs at any hour"
	}
	return "terminate the job outside " + p.DescribeWindow()
}
