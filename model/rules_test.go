package model

import (
	"errors"
	"testing"
)

// check compares a validator's answer with want: "" for accepted, else the
// whole message, which also names the field and the value.
func check(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: refused: %v", name, err)
	case want != "" && err == nil:
		t.Errorf("%s: accepted, want %q", name, want)
	case want != "" && err.Error() != want:
		t.Errorf("%s:\n got %q\nwant %q", name, err, want)
	case err != nil && !errors.As(err, new(FieldError)):
		t.Errorf("%s: %T is not a FieldError", name, err)
	}
}

func TestValidateIntFields_RangeEdges(t *testing.T) {
	tests := []struct {
		name     string
		validate func(int) error
		n        int
		want     string
	}{
		{"retries below 1", ValidateRetryNumber, 0, "schedulePolicy.retryNumber 0 is out of range 1–777"},
		{"retries at 1", ValidateRetryNumber, 1, ""},
		{"retries at 777", ValidateRetryNumber, 777, ""},
		{"retries above 777", ValidateRetryNumber, 778, "schedulePolicy.retryNumber 778 is out of range 1–777"},
		{"wait below 1", ValidateRetryWait, 0, "schedulePolicy.retryWaitInterval 0 is out of range 1–999 minutes"},
		{"wait at 1", ValidateRetryWait, 1, ""},
		{"wait at 999", ValidateRetryWait, 999, ""},
		{"wait above 999", ValidateRetryWait, 1000, "schedulePolicy.retryWaitInterval 1000 is out of range 1–999 minutes"},
		{"offset negative", ValidateOffsetMinutes, -1, "schedulePolicy.periodicallyOffsetMinutes -1 is out of range 0–59"},
		{"offset at 0", ValidateOffsetMinutes, 0, ""},
		{"offset at 59", ValidateOffsetMinutes, 59, ""},
		{"offset at 60", ValidateOffsetMinutes, 60, "schedulePolicy.periodicallyOffsetMinutes 60 is out of range 0–59"},
	}
	for _, tt := range tests {
		check(t, tt.name, tt.validate(tt.n), tt.want)
	}
}

func TestParseWholeNumber_RefusesWhatIsNotANumber(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"12", 12, ""},
		{" 12 ", 12, ""},
		{"-3", -3, ""}, // a number; its range is the field validator's business
		{"", 0, `schedulePolicy.retryNumber "" is not a whole number`},
		{"1.5", 0, `schedulePolicy.retryNumber "1.5" is not a whole number`},
		{"three", 0, `schedulePolicy.retryNumber "three" is not a whole number`},
	}
	for _, tt := range tests {
		n, err := ParseWholeNumber(FieldRetryNumber, tt.in)
		check(t, tt.in, err, tt.want)
		if n != tt.n {
			t.Errorf("%q read as %d, want %d", tt.in, n, tt.n)
		}
	}
}

func TestValidateName_BlankControlAndBidiCharacters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Exchange nightly", ""},
		{"Archiv Geschäftsführung", ""},
		{"", `name "" is blank: a job needs a name`},
		{"   ", `name "   " is blank: a job needs a name`},
		{"\t\n", `name "\t\n" is blank: a job needs a name`},
		{"a\x1b[2J", `name "a\x1b[2J" holds the control character U+001B: remove it`},
		{"two\nlines", `name "two\nlines" holds the control character U+000A: remove it`},
		{"bad \xff", `name "bad \xff" is not valid UTF-8`},
		{"\u202eabc", `name "\u202eabc" holds the bidirectional control U+202E, which reorders how the text reads: remove it`},
		{"a\u2066b", `name "a\u2066b" holds the bidirectional control U+2066, which reorders how the text reads: remove it`},
		{"עברית Finance", ""},
	}
	for _, tt := range tests {
		check(t, tt.in, ValidateName(tt.in), tt.want)
	}
}

func TestValidateDescription_AllowsLinesRefusesEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"line one\r\nline two\tend", ""},
		{"bell\a", `description "bell\a" holds the control character U+0007: remove it`},
		{"\u009b31m", `description "\u009b31m" holds the control character U+009B: remove it`},
		{"x\u202dy", `description "x\u202dy" holds the bidirectional control U+202D, which reorders how the text reads: remove it`},
	}
	for _, tt := range tests {
		check(t, tt.in, ValidateDescription(tt.in), tt.want)
	}
}

func TestParseDailyTime_Edges(t *testing.T) {
	tests := []struct {
		in   string
		c    Clock
		want string
	}{
		{"00:00", 0, ""},
		{"23:59", 23*3600 + 59*60, ""},
		// Seconds are refused (nothing shows them), and so are short forms.
		{"23:59:59", 0, `schedulePolicy.dailyTime "23:59:59" is not a time of day HH:MM (two digits each, no seconds) within 00:00–23:59`},
		{"7:5", 0, `schedulePolicy.dailyTime "7:5" is not a time of day HH:MM (two digits each, no seconds) within 00:00–23:59`},
		{"24:00", 0, `schedulePolicy.dailyTime "24:00" is not a time of day HH:MM (two digits each, no seconds) within 00:00–23:59`},
		{"8", 0, `schedulePolicy.dailyTime "8" is not a time of day HH:MM (two digits each, no seconds) within 00:00–23:59`},
		{"", 0, `schedulePolicy.dailyTime "" is not a time of day HH:MM (two digits each, no seconds) within 00:00–23:59`},
	}
	for _, tt := range tests {
		c, err := ParseDailyTime(tt.in)
		check(t, tt.in, err, tt.want)
		if c != tt.c {
			t.Errorf("%q read as %v, want %v", tt.in, c, tt.c)
		}
	}
	check(t, "clock -1", ValidateDailyTime(-1), "schedulePolicy.dailyTime -1s is out of range 00:00–23:59")
	check(t, "clock 24:00", ValidateDailyTime(24*3600), "schedulePolicy.dailyTime 24:00 is out of range 00:00–23:59")
	check(t, "clock 23:59:59", ValidateDailyTime(24*3600-1), "")
}

func TestValidateEnums_Unset(t *testing.T) {
	check(t, "type unset", ValidateType(ScheduleUnset), "schedulePolicy.type is missing (want one of Daily, Periodically, ManualOnly)")
	check(t, "type set", ValidateType(ManualOnly), "")
	check(t, "days unset", ValidateDailyType(DailyUnset),
		"schedulePolicy.dailyType is missing (want one of Everyday, Workdays, Weekends, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday)")
	check(t, "days set", ValidateDailyType(Sunday), "")
	check(t, "interval unset", ValidateInterval(IntervalUnset),
		"schedulePolicy.periodicallyEvery is missing (want one of Minutes5, Minutes10, Minutes15, Minutes30, Hours1, Hours2, Hours4, Hours8, Hours12)")
	check(t, "interval set", ValidateInterval(Hours12), "")
}

func TestValidateOffsetInterval_HoursOnly(t *testing.T) {
	tests := []struct {
		name string
		n    int
		iv   Interval
		want string
	}{
		{"no offset on minutes", 0, Minutes5, ""},
		{"offset on one hour", 15, Hours1, ""},
		{"offset on twelve hours", 59, Hours12, ""},
		{"offset on 30 minutes", 15, Minutes30,
			"schedulePolicy.periodicallyOffsetMinutes 15 applies only to intervals in hours (periodicallyEvery is Minutes30): set it to 0 or pick Hours1 or longer"},
		{"offset without interval", 1, IntervalUnset,
			"schedulePolicy.periodicallyOffsetMinutes 1 applies only to intervals in hours (periodicallyEvery is (unset)): set it to 0 or pick Hours1 or longer"},
	}
	for _, tt := range tests {
		check(t, tt.name, ValidateOffsetInterval(tt.n, tt.iv), tt.want)
	}
}

func TestValidateWindow_EnabledNeedsAnHour(t *testing.T) {
	var none, one WindowSettings
	one.Hours.Set(Cell{Day: 1, Hour: 3}, true)
	const never = "allows no hour, so the job could never run (allow some hours or turn the window off)"
	check(t, "backup off, empty", ValidateWindow(BackupWindowKind, none, false), "")
	check(t, "backup on, one hour", ValidateWindow(BackupWindowKind, one, true), "")
	check(t, "backup on, empty", ValidateWindow(BackupWindowKind, none, true), FieldWindow+" "+never)
	check(t, "periodic on, empty", ValidateWindow(PeriodicWindowKind, none, true), FieldPeriodicWindow+" "+never)
}

func TestSchedulePolicyWindow_KindPicksFields(t *testing.T) {
	var p SchedulePolicy
	for _, k := range WindowKinds() {
		ws, enabled := p.Window(k)
		ws.MinuteOffset = int(k) + 1
		*enabled = true
	}
	if p.BackupWindow.MinuteOffset != 1 || !p.BackupWindowEnabled {
		t.Errorf("backup window kind did not reach the backup window: %+v", p)
	}
	if p.PeriodicWindow.MinuteOffset != 2 || !p.PeriodicWindowEnabled {
		t.Errorf("periodic window kind did not reach the periodic window: %+v", p)
	}
	if BackupWindowKind.EnabledField() != FieldWindowEnabled || PeriodicWindowKind.EnabledField() != FieldPeriodicEnabled ||
		BackupWindowKind.Field() != FieldWindow || PeriodicWindowKind.Field() != FieldPeriodicWindow {
		t.Error("a window kind names another window's field")
	}
	if BackupWindowKind.Other() != PeriodicWindowKind || PeriodicWindowKind.Other() != BackupWindowKind {
		t.Error("Other does not switch between the two windows")
	}
}

func TestJobValidate_StoredValuesAreKeptNewOnesChecked(t *testing.T) {
	j, _ := readJob(t, "job-v8.json")
	j.Name = "   " // as if the server had such a name
	j.Policy.Type, j.Policy.Every, j.Policy.OffsetMinutes = Periodically, Minutes30, 10
	tests := []struct {
		name     string
		change   func(*Settings)
		want     string // "" for valid
		warnings int
	}{
		{"unchanged stored offset and name", func(*Settings) {}, "", 1},
		{"another field edited", func(s *Settings) { s.Policy.RetryNumber = 5 }, "", 1},
		{"offset changed on minutes", func(s *Settings) { s.Policy.OffsetMinutes = 20 },
			"schedulePolicy.periodicallyOffsetMinutes 20 applies only to intervals in hours (periodicallyEvery is Minutes30): set it to 0 or pick Hours1 or longer", 0},
		{"offset cleared", func(s *Settings) { s.Policy.OffsetMinutes = 0 }, "", 0},
		{"interval moved to hours", func(s *Settings) { s.Policy.Every = Hours2 }, "", 0},
		{"renamed blank", func(s *Settings) { s.Name = " " }, `name " " is blank: a job needs a name`, 1},
		{"renamed", func(s *Settings) { s.Name = "Mail" }, "", 1},
		{"description with escape", func(s *Settings) { s.Description = "\x1b]0;x\a" },
			`description "\x1b]0;x\a" holds the control character U+001B: remove it`, 1},
	}
	for _, tt := range tests {
		edit := j.Settings()
		tt.change(&edit)
		check(t, tt.name, j.Validate(edit, 8), tt.want)
		if n := len(j.Warnings(edit)); n != tt.warnings {
			t.Errorf("%s: %d warnings, want %d: %v", tt.name, n, tt.warnings, j.Warnings(edit))
		}
	}
}
