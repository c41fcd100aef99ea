package model

import (
	"fmt"
	"strings"
)

// enum is the shared machinery of the schedule's string enums: canonical
// spellings indexed by value (0 = unset), read case-insensitively.
type enum struct {
	field string
	names []string // names[0] is the unset value's display form
}

func (e enum) parse(s string) (int, error) {
	for i := 1; i < len(e.names); i++ {
		if strings.EqualFold(s, e.names[i]) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s %q is not one of %s", e.field, s, strings.Join(e.names[1:], ", "))
}

// values lists an enum's set values, 1 … n, as T.
func values[T ~int](e enum) []T {
	out := make([]T, 0, len(e.names)-1)
	for i := 1; i < len(e.names); i++ {
		out = append(out, T(i))
	}
	return out
}

func (e enum) name(i int) string {
	if i <= 0 || i >= len(e.names) {
		return e.names[0]
	}
	return e.names[i]
}

// ScheduleType is how a job is started.
type ScheduleType int

const (
	ScheduleUnset ScheduleType = iota
	Daily
	Periodically
	ManualOnly // v6 and later

	// ScheduleTypeUnknown is a type the server sent that vbosched does not
	// know (a newer server's); SchedulePolicy.Unknown keeps its spelling.
	ScheduleTypeUnknown ScheduleType = -1
)

var scheduleTypes = enum{"type", []string{"", "Daily", "Periodically", "ManualOnly"}}

func (t ScheduleType) String() string { return scheduleTypes.name(int(t)) }

// ParseScheduleType reads Daily, Periodically or ManualOnly, in any case.
func ParseScheduleType(s string) (ScheduleType, error) {
	i, err := scheduleTypes.parse(s)
	return ScheduleType(i), err
}

// ScheduleTypes lists the accepted values, for completion and forms.
func ScheduleTypes() []ScheduleType { return values[ScheduleType](scheduleTypes) }

// DailyType is the days a Daily job runs on.
type DailyType int

const (
	DailyUnset DailyType = iota
	Everyday
	Workdays
	Weekends
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
	Sunday

	// DailyTypeUnknown is a dailyType vbosched does not know; see
	// SchedulePolicy.Unknown.
	DailyTypeUnknown DailyType = -1
)

var dailyTypes = enum{"dailyType", []string{"", "Everyday", "Workdays", "Weekends",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}}

func (t DailyType) String() string { return dailyTypes.name(int(t)) }

// ParseDailyType reads Everyday, Workdays, Weekends or a day name, in any case.
func ParseDailyType(s string) (DailyType, error) {
	i, err := dailyTypes.parse(s)
	return DailyType(i), err
}

// DailyTypes lists the accepted values.
func DailyTypes() []DailyType { return values[DailyType](dailyTypes) }

// Interval is the time between the runs of a Periodically job.
type Interval int

const (
	IntervalUnset Interval = iota
	Minutes5
	Minutes10
	Minutes15
	Minutes30
	Hours1
	Hours2
	Hours4
	Hours8
	Hours12 // v8 and later

	// IntervalUnknown is a periodicallyEvery vbosched does not know (say
	// "Hours24" from a newer server); see SchedulePolicy.Unknown.
	IntervalUnknown Interval = -1
)

var intervals = enum{"periodicallyEvery", []string{"", "Minutes5", "Minutes10", "Minutes15",
	"Minutes30", "Hours1", "Hours2", "Hours4", "Hours8", "Hours12"}}

func (iv Interval) String() string { return intervals.name(int(iv)) }

// ParseInterval reads Minutes5 … Hours12, in any case.
func ParseInterval(s string) (Interval, error) {
	i, err := intervals.parse(s)
	return Interval(i), err
}

// Intervals lists the accepted values.
func Intervals() []Interval { return values[Interval](intervals) }

// InHours reports whether the interval is counted in hours, the case in which
// the API applies the periodic window and the offset minutes.
func (iv Interval) InHours() bool { return iv >= Hours1 }

// Words is the interval for people: "5 minutes", "4 hours".
func (iv Interval) Words() string {
	name := iv.String()
	switch {
	case iv == IntervalUnknown:
		return "an interval unknown to vbosched"
	case name == "":
		return "an unset interval"
	case name == "Hours1":
		return "hour"
	case strings.HasPrefix(name, "Hours"):
		return strings.TrimPrefix(name, "Hours") + " hours"
	default:
		return strings.TrimPrefix(name, "Minutes") + " minutes"
	}
}

// UnknownEnums keeps, as the server spelled them, the enum values vbosched
// does not know, so they can be shown as they are and sent back unchanged
// instead of making the whole job unreadable. Empty means known.
type UnknownEnums struct {
	Type      string // schedulePolicy.type, when Type is ScheduleTypeUnknown
	DailyType string // when DailyType is DailyTypeUnknown
	Every     string // when Every is IntervalUnknown
}

// TypeText is the schedule type for people: its name, or the unknown value
// as read (made terminal-safe).
func (p SchedulePolicy) TypeText() string {
	return enumText(p.Type.String(), p.Type == ScheduleTypeUnknown, p.Unknown.Type)
}

// DailyTypeText is the days for people, an unknown value as read.
func (p SchedulePolicy) DailyTypeText() string {
	return enumText(p.DailyType.String(), p.DailyType == DailyTypeUnknown, p.Unknown.DailyType)
}

// EveryText is the interval for people, an unknown value as read.
func (p SchedulePolicy) EveryText() string {
	return enumText(p.Every.String(), p.Every == IntervalUnknown, p.Unknown.Every)
}

func enumText(name string, unknown bool, raw string) string {
	switch {
	case unknown && raw == "": // a caller that has only the constant
		return "a value unknown to vbosched"
	case unknown:
		return fmt.Sprintf("%q (unknown to vbosched)", SafeText(raw))
	}
	return orUnset(name)
}
