package model

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// The JSON form of Settings, for edits kept on disk (drafts) and read back
// exactly. It is shaped and spelled like the API's job document so a person
// can read it, but it is not a PUT body: Job.PutBody builds that. Enums are
// their canonical names ("" when unset), dailyTime is "HH:MM:SS" and windows
// are the API's 168 booleans, so that a future change to a Go constant's
// value cannot change what a stored edit means.

type settingsJSON struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	// IsEnabled is absent from edits stored before vbosched edited the
	// switch: see UnmarshalJSON.
	IsEnabled *bool      `json:"isEnabled,omitempty"`
	Policy    policyJSON `json:"schedulePolicy"`
}

type policyJSON struct {
	Type                  string     `json:"type"`
	DailyType             string     `json:"dailyType"`
	DailyTime             string     `json:"dailyTime"`
	Every                 string     `json:"periodicallyEvery"`
	OffsetMinutes         int        `json:"periodicallyOffsetMinutes"`
	ScheduleEnabled       bool       `json:"scheduleEnabled"`
	BackupWindowEnabled   bool       `json:"backupWindowEnabled"`
	BackupWindow          windowJSON `json:"backupWindowSettings"`
	PeriodicWindowEnabled bool       `json:"periodicallyWindowEnabled"`
	PeriodicWindow        windowJSON `json:"periodicallyWindowSettings"`
	HasPeriodicWindow     bool       `json:"hasPeriodicWindow"`
	RetryEnabled          bool       `json:"retryEnabled"`
	RetryNumber           int        `json:"retryNumber"`
	RetryWaitMinutes      int        `json:"retryWaitInterval"`
	// Unknown holds enum values vbosched does not know, as the server
	// spelled them (the enum fields above are then ""), so a draft of such a
	// job restores them exactly.
	Unknown *UnknownEnums `json:"unknownValues,omitempty"`
}

type windowJSON struct {
	BackupWindow []bool `json:"backupWindow"`
	MinuteOffset int    `json:"minuteOffset"`
	Problem      string `json:"problem,omitempty"` // WindowSettings.Problem
}

// MarshalJSON writes the settings in the form described above. A dailyTime
// outside the day is an error rather than a text that would read back as
// another time.
func (s Settings) MarshalJSON() ([]byte, error) {
	p := s.Policy
	var unknown *UnknownEnums
	if p.Unknown != (UnknownEnums{}) {
		unknown = &p.Unknown
	}
	if p.DailyTime < 0 || p.DailyTime >= 24*3600 {
		return nil, fmt.Errorf("settings: %s %d seconds is outside 00:00–23:59:59 and has no text form", FieldDailyTime, int(p.DailyTime))
	}
	return json.Marshal(settingsJSON{
		Name: s.Name, Description: s.Description, IsEnabled: &s.IsEnabled,
		Policy: policyJSON{
			Type: p.Type.String(), DailyType: p.DailyType.String(), DailyTime: p.DailyTime.APIString(),
			Every: p.Every.String(), OffsetMinutes: p.OffsetMinutes, ScheduleEnabled: p.ScheduleEnabled,
			BackupWindowEnabled: p.BackupWindowEnabled, BackupWindow: windowToJSON(p.BackupWindow),
			PeriodicWindowEnabled: p.PeriodicWindowEnabled, PeriodicWindow: windowToJSON(p.PeriodicWindow),
			HasPeriodicWindow: p.HasPeriodicWindow,
			RetryEnabled:      p.RetryEnabled, RetryNumber: p.RetryNumber, RetryWaitMinutes: p.RetryWaitMinutes,
			Unknown: unknown,
		},
	})
}

func windowToJSON(ws WindowSettings) windowJSON {
	return windowJSON{BackupWindow: ws.Hours.Bools(), MinuteOffset: ws.MinuteOffset, Problem: ws.Problem}
}

// UnmarshalJSON reads what MarshalJSON wrote. Unknown fields, unknown enum
// names and windows of the wrong length are errors naming the field: a stored
// edit is restored exactly or not at all. The one field that may be missing
// is isEnabled, which edits stored before vbosched edited the switch do not
// have: then s.IsEnabled stays as it was, so decode onto the settings of the
// job the edit was made to (Job.Settings) and an old edit keeps the job's
// switch rather than turning the job off.
func (s *Settings) UnmarshalJSON(data []byte) error {
	var doc settingsJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	d := doc.Policy
	p := SchedulePolicy{
		OffsetMinutes: d.OffsetMinutes, ScheduleEnabled: d.ScheduleEnabled,
		BackupWindowEnabled: d.BackupWindowEnabled, PeriodicWindowEnabled: d.PeriodicWindowEnabled,
		HasPeriodicWindow: d.HasPeriodicWindow,
		RetryEnabled:      d.RetryEnabled, RetryNumber: d.RetryNumber, RetryWaitMinutes: d.RetryWaitMinutes,
	}
	var errs ValidationError
	fail := func(field, value string, err error) {
		errs = append(errs, FieldError{field, value, err.Error()})
	}
	var err error
	if p.Type, err = optionalEnum(d.Type, ParseScheduleType); err != nil {
		fail(FieldType, "", err)
	}
	if p.DailyType, err = optionalEnum(d.DailyType, ParseDailyType); err != nil {
		fail(FieldDailyType, "", err)
	}
	if p.Every, err = optionalEnum(d.Every, ParseInterval); err != nil {
		fail(FieldEvery, "", err)
	}
	if p.DailyTime, err = ParseClock(d.DailyTime); err != nil {
		fail(FieldDailyTime, "", err)
	}
	if p.BackupWindow, err = windowFromJSON(d.BackupWindow); err != nil {
		fail(FieldWindow, "", err)
	}
	if p.PeriodicWindow, err = windowFromJSON(d.PeriodicWindow); err != nil {
		fail(FieldPeriodicWindow, "", err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("settings: %w", errs)
	}
	if u := d.Unknown; u != nil {
		p.Unknown = *u
		p.Type = unknownOr(p.Type, u.Type, ScheduleTypeUnknown)
		p.DailyType = unknownOr(p.DailyType, u.DailyType, DailyTypeUnknown)
		p.Every = unknownOr(p.Every, u.Every, IntervalUnknown)
	}
	enabled := s.IsEnabled
	if doc.IsEnabled != nil {
		enabled = *doc.IsEnabled
	}
	*s = Settings{Name: doc.Name, Description: doc.Description, IsEnabled: enabled, Policy: p}
	return nil
}

func optionalEnum[T ~int](s string, parse func(string) (T, error)) (T, error) {
	if s == "" {
		return 0, nil
	}
	return parse(s)
}

// unknownOr is the unknown constant when the stored value was unknown and
// has not been replaced by a known one.
func unknownOr[T ~int](v T, raw string, unknown T) T {
	if raw != "" && v == 0 {
		return unknown
	}
	return v
}

func windowFromJSON(w windowJSON) (WindowSettings, error) {
	hours, err := WindowFromBools(w.BackupWindow)
	return WindowSettings{Hours: hours, MinuteOffset: w.MinuteOffset, Problem: w.Problem}, err
}
