package model

import (
	"fmt"
	"strings"
)

// A schedule's fields are not all used by every schedule type: a Daily job
// keeps its interval, a periodic job its daily time. A change to such a
// field is stored, but it does not change when the job runs until its type
// is the one that uses it. Front ends say so (IdleNote), so that setting
// the interval of fifty Daily jobs does not read as changing how often
// they run.

// IdleNote says, for a field changed on a job whose schedule, as it will
// be saved, is p, whether p's type leaves the field unused, and then in
// words what the change does: nothing to when the job runs until it runs
// on the type that uses the field. ok is false for a field the type uses
// and for fields that are not the schedule's.
func (p SchedulePolicy) IdleNote(field string) (note string, ok bool) {
	var user ScheduleType
	switch field {
	case FieldDailyType, FieldDailyTime:
		user = Daily
	case FieldEvery, FieldOffsetMinutes, FieldPeriodicEnabled, FieldPeriodicWindow:
		user = Periodically
	default:
		return "", false
	}
	if p.Type == user || p.Type == ScheduleTypeUnknown || p.Type == ScheduleUnset {
		return "", false
	}
	return idleWords(field, p.Type.String(), user.String()), true
}

// IdleNote is SchedulePolicy.IdleNote for a backup copy job's schedule:
// an Immediate copy job uses neither its interval nor its daily time.
func (p CopyPolicy) IdleNote(field string) (note string, ok bool) {
	var user CopyScheduleType
	switch field {
	case FieldDailyType, FieldDailyTime:
		user = DailyAtTime
	case FieldEvery:
		user = CopyPeriodically
	default:
		return "", false
	}
	if p.Type == user || p.Type == CopyScheduleTypeUnknown || p.Type == CopyScheduleUnset {
		return "", false
	}
	return idleWords(field, p.Type.String(), user.String()), true
}

func idleWords(field, runs, user string) string {
	article := "a"
	if strings.ContainsRune("AEIOU", rune(runs[0])) {
		article = "an"
	}
	return fmt.Sprintf("the schedule is unaffected: %s %s job does not use %q; it is kept for when the job's type is %s",
		article, runs, FieldLabel(field), user)
}
