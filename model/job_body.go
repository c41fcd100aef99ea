package model

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Validate checks edited settings for the job on the given API version: the
// policy's own rules plus what that version can hold. It returns a
// ValidationError listing every problem, or nil.
func (j *Job) Validate(edit Settings, v APIVersion) error {
	var errs ValidationError
	if err := edit.Policy.Validate(); err != nil {
		errs = append(errs, err.(ValidationError)...)
	}
	errs = append(errs, j.checkEdited(edit)...)
	p, orig := edit.Policy, j.Policy
	if p.Type == ManualOnly && !v.HasManualOnly() {
		errs = append(errs, FieldError{FieldType, "ManualOnly", fmt.Sprintf("needs API v6 or later (this server speaks %s)", v)})
	}
	if p.Type == Periodically && p.Every == Hours12 && !v.HasHours12() {
		errs = append(errs, FieldError{FieldEvery, "Hours12", fmt.Sprintf("needs API v8 or later (this server speaks %s)", v)})
	}
	if p.OffsetMinutes != orig.OffsetMinutes && !v.HasOffsetMinutes() {
		errs = append(errs, FieldError{FieldOffsetMinutes, fmt.Sprint(p.OffsetMinutes), fmt.Sprintf("needs API v6 or later (this server speaks %s)", v)})
	}
	if p.PeriodicWindow != orig.PeriodicWindow && !v.HasPeriodicWindow() {
		errs = append(errs, FieldError{FieldPeriodicWindow, "", fmt.Sprintf("needs API v6 or later (this server speaks %s)", v)})
	}
	if p.PeriodicWindowEnabled != orig.PeriodicWindowEnabled && !v.HasPeriodicWindowSwitch() {
		errs = append(errs, FieldError{FieldPeriodicEnabled, fmt.Sprint(p.PeriodicWindowEnabled), fmt.Sprintf("needs API v7 or later (this server speaks %s)", v)})
	}
	return errs.orNil()
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func orUnset(s string) string {
	if s == "" {
		return "(unset)"
	}
	return s
}

// PutBody assembles the body of PUT /vN/Jobs/{id} for the edited settings.
// It starts from the document as read, keeps only the top-level fields the
// version's edit body takes, and sends the complete schedulePolicy as read
// (fields vbosched does not know included) with only the edited values
// changed. Enum values are written in their canonical spelling, and type is
// always sent, as v2–v5 require whenever dailyType, dailyTime or
// periodicallyEvery is. isEnabled goes in the body from v6 on; before, the
// store switches the job with the Action endpoint (see EnabledInPut). It
// validates first and sends nothing invalid.
func (j *Job) PutBody(edit Settings, v APIVersion) ([]byte, error) {
	if err := j.Validate(edit, v); err != nil {
		return nil, fmt.Errorf("%s: %w", j.Label(), err)
	}
	body := j.pick(v.editableTopLevel())
	set := func(m map[string]json.RawMessage, k string, val any) {
		b, err := json.Marshal(val)
		if err != nil {
			panic(err) // only plain values are marshalled here
		}
		m[k] = b
	}
	if edit.Name != j.Name {
		set(body, "name", edit.Name)
	}
	if edit.Description != j.Description {
		set(body, "description", edit.Description)
	}
	if edit.IsEnabled != j.IsEnabled && v.EnabledInPut() {
		set(body, "isEnabled", edit.IsEnabled)
	}
	if bt, ok := canonicalBackupType(j.BackupType); ok {
		set(body, "backupType", bt)
	}
	body["schedulePolicy"] = j.policyBody(edit.Policy, set)
	return json.Marshal(body)
}

// SwitchRequest is the request that follows the PUT when edit switches
// the job on or off on a version whose PUT does not carry isEnabled (v2–v5):
// `POST /v2/Jobs/{id}/Action {"disable": null}`; "" when none does.
func (j *Job) SwitchRequest(edit Settings, v APIVersion) string {
	if edit.IsEnabled == j.IsEnabled || v.EnabledInPut() {
		return ""
	}
	action := "disable"
	if edit.IsEnabled {
		action = "enable"
	}
	return fmt.Sprintf(`POST /%s/Jobs/%s/Action {"%s": null}`, v, j.ID, action)
}

func canonicalBackupType(s string) (string, bool) {
	for _, c := range []string{"EntireOrganization", "SelectedItems"} {
		if s != "" && strings.EqualFold(s, c) {
			return c, true
		}
	}
	return "", false
}

func (j *Job) policyBody(p SchedulePolicy, set func(map[string]json.RawMessage, string, any)) json.RawMessage {
	orig := j.Policy
	out := j.policy()
	// An unknown enum value (< 0) left as read stays in out untouched.
	if p.Type > ScheduleUnset {
		set(out, "type", p.Type.String())
	}
	// Canonical spelling for enums as read, new values for edited ones, and
	// always the fields the chosen type needs.
	if p.DailyType > DailyUnset && (p.DailyType != orig.DailyType || !isNull(out["dailyType"]) || p.Type == Daily) {
		set(out, "dailyType", p.DailyType.String())
	}
	if p.Type == Daily && (p.DailyTime != orig.DailyTime || isNull(out["dailyTime"])) {
		set(out, "dailyTime", p.DailyTime.APIString())
	}
	if p.Every > IntervalUnset && (p.Every != orig.Every || !isNull(out["periodicallyEvery"]) || p.Type == Periodically) {
		set(out, "periodicallyEvery", p.Every.String())
	}
	setIf := func(changed bool, k string, val any) {
		if changed {
			set(out, k, val)
		}
	}
	setIf(p.OffsetMinutes != orig.OffsetMinutes, "periodicallyOffsetMinutes", p.OffsetMinutes)
	setIf(p.ScheduleEnabled != orig.ScheduleEnabled, "scheduleEnabled", p.ScheduleEnabled)
	setIf(p.BackupWindowEnabled != orig.BackupWindowEnabled, "backupWindowEnabled", p.BackupWindowEnabled)
	setIf(p.PeriodicWindowEnabled != orig.PeriodicWindowEnabled, "periodicallyWindowEnabled", p.PeriodicWindowEnabled)
	setIf(p.RetryEnabled != orig.RetryEnabled, "retryEnabled", p.RetryEnabled)
	setIf(p.RetryNumber != orig.RetryNumber, "retryNumber", p.RetryNumber)
	setIf(p.RetryWaitMinutes != orig.RetryWaitMinutes, "retryWaitInterval", p.RetryWaitMinutes)
	if p.BackupWindow != orig.BackupWindow {
		out["backupWindowSettings"] = windowBody(out["backupWindowSettings"], p.BackupWindow, orig.BackupWindow, set)
	}
	if p.PeriodicWindow != orig.PeriodicWindow {
		out["periodicallyWindowSettings"] = windowBody(out["periodicallyWindowSettings"], p.PeriodicWindow, orig.PeriodicWindow, set)
	}
	b, _ := json.Marshal(out)
	return b
}

// windowBody edits a window settings object in place, keeping any field of
// it that vbosched does not know.
func windowBody(raw json.RawMessage, ws, orig WindowSettings, set func(map[string]json.RawMessage, string, any)) json.RawMessage {
	m := map[string]json.RawMessage{}
	if !isNull(raw) {
		_ = json.Unmarshal(raw, &m) // it decoded when the job was read
	}
	if ws.Hours != orig.Hours || m["backupWindow"] == nil {
		set(m, "backupWindow", ws.Hours.Bools())
	}
	if ws.MinuteOffset != orig.MinuteOffset || m["minuteOffset"] == nil {
		set(m, "minuteOffset", ws.MinuteOffset)
	}
	b, _ := json.Marshal(m)
	return b
}
