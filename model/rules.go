package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Accepted ranges. The vendor's OpenAPI documents (v6–v8) type these fields
// as int32 and give no bounds; the retry ranges are the vendor's
// PowerShell reference's, and the offset shifts a start "within an hour"
// (OpenAPI v7/v8 wording), so 0–59.
const (
	MinRetryNumber, MaxRetryNumber     = 1, 777
	MinRetryWait, MaxRetryWait         = 1, 999
	MinOffsetMinutes, MaxOffsetMinutes = 0, 59
)

// Every field rule lives in this file, so the form, the command line, the
// save-time checks and the tests refuse the same values with the same words.
// A validator returns a FieldError (field, value, what is accepted) or nil.

// IsBlank reports whether s has nothing but white space: such a name is
// empty to a person even though it is not "" to the server.
func IsBlank(s string) bool { return strings.TrimSpace(s) == "" }

// ValidateName checks a job name: not blank, and no control characters,
// bidi overrides or broken UTF-8, which would reach every terminal that
// lists the job.
func ValidateName(s string) error {
	if IsBlank(s) {
		return FieldError{FieldName, strconv.Quote(s), "is blank: a job needs a name"}
	}
	return checkText(FieldName, s, nil)
}

// ValidateDescription checks a description: any text, line breaks and tabs
// included, but no other control characters, bidi overrides or broken UTF-8.
func ValidateDescription(s string) error {
	return checkText(FieldDescription, s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\t' })
}

func checkText(field, s string, allowed func(rune) bool) error {
	if !utf8.ValidString(s) {
		return FieldError{field, strconv.Quote(s), "is not valid UTF-8"}
	}
	for _, r := range s {
		if unicode.IsControl(r) && (allowed == nil || !allowed(r)) {
			return FieldError{field, strconv.Quote(s), fmt.Sprintf("holds the control character %U: remove it", r)}
		}
		// A bidi override is not a control character to unicode, but it
		// makes the rest of a line read reversed wherever the text shows.
		if unsafeRune(r) {
			return FieldError{field, strconv.Quote(s), fmt.Sprintf("holds the bidirectional control %U, which reorders how the text reads: remove it", r)}
		}
	}
	return nil
}

// ValidateType checks that a schedule type is set.
func ValidateType(t ScheduleType) error {
	if t == ScheduleUnset {
		return FieldError{FieldType, "", "is missing (want one of " + accepted(scheduleTypes) + ")"}
	}
	return nil
}

// ValidateDailyType checks that a Daily job's days are set.
func ValidateDailyType(d DailyType) error {
	if d == DailyUnset {
		return FieldError{FieldDailyType, "", "is missing (want one of " + accepted(dailyTypes) + ")"}
	}
	return nil
}

// ValidateInterval checks that a Periodically job's interval is set.
func ValidateInterval(iv Interval) error {
	if iv == IntervalUnset {
		return FieldError{FieldEvery, "", "is missing (want one of " + accepted(intervals) + ")"}
	}
	return nil
}

func accepted(e enum) string { return strings.Join(e.names[1:], ", ") }

const dailyTimeRange = "00:00–23:59"

// ValidateDailyTime checks that a start time is within the day.
func ValidateDailyTime(c Clock) error {
	switch {
	case c < 0: // Clock.String has no form for it
		return FieldError{FieldDailyTime, fmt.Sprintf("%ds", int(c)), "is out of range " + dailyTimeRange}
	case c >= 24*3600:
		return FieldError{FieldDailyTime, c.String(), "is out of range " + dailyTimeRange}
	}
	return nil
}

// ParseDailyTime reads a typed start time: "HH:MM", two digits each, as
// the console takes it. Seconds are refused: nothing shows them, so a
// start at 07:00:59 would read as 07:00 everywhere.
func ParseDailyTime(s string) (Clock, error) {
	t := strings.TrimSpace(s)
	c, err := ParseClock(t)
	if err != nil || len(t) != len("HH:MM") || t[2] != ':' {
		return 0, FieldError{FieldDailyTime, strconv.Quote(s), "is not a time of day HH:MM (two digits each, no seconds) within " + dailyTimeRange}
	}
	return c, nil
}

// ValidateOffsetMinutes checks periodicallyOffsetMinutes on its own.
func ValidateOffsetMinutes(n int) error {
	return checkRange(FieldOffsetMinutes, n, MinOffsetMinutes, MaxOffsetMinutes, "")
}

// ValidateOffsetInterval checks a new offset against the interval: the
// vendor documents the offset for intervals in hours only. It is for values
// being set; an offset the server already has is kept (see Job.Warnings).
func ValidateOffsetInterval(n int, iv Interval) error {
	if n == 0 || iv.InHours() {
		return nil
	}
	return FieldError{FieldOffsetMinutes, strconv.Itoa(n),
		fmt.Sprintf("applies only to intervals in hours (periodicallyEvery is %s): set it to 0 or pick Hours1 or longer", SchedulePolicy{Every: iv}.EveryText())}
}

// ValidateRetryNumber checks the number of retries.
func ValidateRetryNumber(n int) error {
	return checkRange(FieldRetryNumber, n, MinRetryNumber, MaxRetryNumber, "")
}

// ValidateRetryWait checks the minutes between retries.
func ValidateRetryWait(n int) error {
	return checkRange(FieldRetryWait, n, MinRetryWait, MaxRetryWait, " minutes")
}

func checkRange(field string, n, lo, hi int, unit string) error {
	if n < lo || n > hi {
		return FieldError{field, strconv.Itoa(n), fmt.Sprintf("is out of range %d–%d%s", lo, hi, unit)}
	}
	return nil
}

// ParseWholeNumber reads a number typed for field, so a typo is refused
// with the field's name before any range check.
func ParseWholeNumber(field, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, FieldError{field, strconv.Quote(s), "is not a whole number"}
	}
	return n, nil
}

// ValidateWindow checks one window: an enabled window must allow an hour.
func ValidateWindow(k WindowKind, ws WindowSettings, enabled bool) error {
	if ws.Problem != "" {
		return nil // kept as read; Job.Validate refuses edits of it
	}
	if enabled && ws.Hours.Count() == 0 {
		return FieldError{k.Field(), "", "allows no hour, so the job could never run (allow some hours or turn the window off)"}
	}
	return nil
}

// ValidateWindowEditable refuses a change to a window the server sent in a
// shape vbosched cannot read (see WindowSettings.Problem): it can be viewed,
// not edited, since an edit would replace hours nobody could see.
func ValidateWindowEditable(k WindowKind, orig, edit SchedulePolicy) error {
	was, _ := orig.Window(k)
	now, _ := edit.Window(k)
	if was.Problem == "" || *was == *now {
		return nil
	}
	return FieldError{k.Field(), "", fmt.Sprintf("cannot be edited here: the server's hours %s; fix the window on the server (Veeam console), then edit it here", was.Problem)}
}

// WindowKind names one of a job's two 7×24 windows.
type WindowKind int

const (
	// BackupWindowKind is backupWindowSettings: outside it a running job
	// is stopped.
	BackupWindowKind WindowKind = iota
	// PeriodicWindowKind is periodicallyWindowSettings (v6+): the hours in
	// which "every N hours" runs may start.
	PeriodicWindowKind
)

// String names the window for people: "backup window".
func (k WindowKind) String() string {
	if k == PeriodicWindowKind {
		return "periodic window"
	}
	return "backup window"
}

// Field is the API path of the window's hours, as errors and changes name it.
func (k WindowKind) Field() string {
	if k == PeriodicWindowKind {
		return FieldPeriodicWindow
	}
	return FieldWindow
}

// EnabledField is the API path of the window's switch.
func (k WindowKind) EnabledField() string {
	if k == PeriodicWindowKind {
		return FieldPeriodicEnabled
	}
	return FieldWindowEnabled
}

// Other is the other window: what a "switch window" key shows next.
func (k WindowKind) Other() WindowKind {
	if k == PeriodicWindowKind {
		return BackupWindowKind
	}
	return PeriodicWindowKind
}

// Window returns the window of kind k and its switch, to read or edit in
// place: the one place that maps a kind to the policy's fields.
func (p *SchedulePolicy) Window(k WindowKind) (ws *WindowSettings, enabled *bool) {
	if k == PeriodicWindowKind {
		return &p.PeriodicWindow, &p.PeriodicWindowEnabled
	}
	return &p.BackupWindow, &p.BackupWindowEnabled
}

// WindowKinds lists the window kinds, backup first.
func WindowKinds() []WindowKind { return []WindowKind{BackupWindowKind, PeriodicWindowKind} }

// checkEdited applies the rules that hold for values being set but not for
// values the server already has: those are kept as read, since refusing
// them would block every save of a job someone configured elsewhere.
func (j *Job) checkEdited(edit Settings) ValidationError {
	var errs ValidationError
	add := errs.add
	if edit.Name != j.Name {
		add(ValidateName(edit.Name))
	}
	if edit.Description != j.Description {
		add(ValidateDescription(edit.Description))
	}
	if edit.Policy.OffsetMinutes != j.Policy.OffsetMinutes {
		add(ValidateOffsetInterval(edit.Policy.OffsetMinutes, edit.Policy.Every))
	}
	for _, k := range WindowKinds() {
		add(ValidateWindowEditable(k, j.Policy, edit.Policy))
	}
	return errs
}

// Warnings lists what is questionable in edit but kept because the server
// already has it: today, an offset on an interval in minutes, which the
// vendor documents for intervals in hours only.
func (j *Job) Warnings(edit Settings) []FieldError {
	p := edit.Policy
	if p.OffsetMinutes != j.Policy.OffsetMinutes {
		return nil // a new value is checked by Validate instead
	}
	if err := ValidateOffsetInterval(p.OffsetMinutes, p.Every); err != nil {
		fe := err.(FieldError)
		fe.Reason = fmt.Sprintf("is kept as the server has it, but the vendor documents it for intervals in hours only (periodicallyEvery is %s)", p.EveryText())
		return []FieldError{fe}
	}
	return nil
}
