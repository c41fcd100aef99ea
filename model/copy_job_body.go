package model

import (
	"encoding/json"
	"fmt"
)

// copyEditableTopLevel lists the top-level fields a copy job's PUT body
// carries: v8's RESTEditCopyJob, and for v6 and v7 the RESTCopyJob document
// without its run state (lastRun, nextRun, lastBackup, lastStatus) and
// links, which the server reports and a PUT has no business setting.
func (v APIVersion) copyEditableTopLevel() []string {
	if v >= 8 {
		return []string{"backupJobId", "schedulePolicy", "organizationId", "repositoryId", "isEnabled"}
	}
	return []string{"id", "name", "backupJobId", "schedulePolicy", "repositoryId", "isEnabled"}
}

// PutBody assembles the body of PUT /vN/CopyJobs/{id}: the fields the
// version takes, as read, and the complete schedulePolicy as read (fields
// vbosched does not know included) with only the edited values changed.
// It validates first and sends nothing invalid.
func (j *CopyJob) PutBody(edit CopySettings, v APIVersion) ([]byte, error) {
	if err := j.Validate(edit, v); err != nil {
		return nil, fmt.Errorf("%s: %w", j.Label(), err)
	}
	body := j.pick(v.copyEditableTopLevel())
	if edit.IsEnabled != j.IsEnabled || isNull(body["isEnabled"]) {
		setJSON(body, "isEnabled", edit.IsEnabled)
	}
	body["schedulePolicy"] = j.policyBody(edit.Policy)
	return json.Marshal(body)
}

func setJSON(m map[string]json.RawMessage, k string, val any) {
	b, err := json.Marshal(val)
	if err != nil {
		panic(err) // only plain values are marshalled here
	}
	m[k] = b
}

func (j *CopyJob) policyBody(p CopyPolicy) json.RawMessage {
	orig := j.Policy
	out := j.policy()
	// An unknown enum value (< 0) left as read stays in out untouched; the
	// fields the chosen type needs are always sent, in canonical spelling.
	if p.Type > CopyScheduleUnset {
		setJSON(out, "type", p.Type.String())
	}
	if p.DailyType > DailyUnset && (p.DailyType != orig.DailyType || !isNull(out["dailyType"]) || p.Type == DailyAtTime) {
		setJSON(out, "dailyType", p.DailyType.String())
	}
	if p.Type == DailyAtTime && (p.DailyTime != orig.DailyTime || isNull(out["dailyTime"])) {
		setJSON(out, "dailyTime", p.DailyTime.APIString())
	}
	if p.Every > IntervalUnset && (p.Every != orig.Every || !isNull(out["periodicallyEvery"]) || p.Type == CopyPeriodically) {
		setJSON(out, "periodicallyEvery", p.Every.String())
	}
	if p.WindowEnabled != orig.WindowEnabled {
		setJSON(out, "backupCopyWindowEnabled", p.WindowEnabled)
	}
	if p.Window != orig.Window {
		out["backupCopyWindowSettings"] = windowBody(out["backupCopyWindowSettings"], p.Window, orig.Window, setJSON)
	}
	b, _ := json.Marshal(out)
	return b
}

// modelledCopyPolicyKeys are the schedulePolicy fields CopyPolicy holds.
var modelledCopyPolicyKeys = map[string]bool{
	"type": true, "dailyType": true, "dailyTime": true, "periodicallyEvery": true,
	"backupCopyWindowEnabled": true, "backupCopyWindowSettings": true,
}

// CopyChanges lists what differs between two copy job settings, by value.
func CopyChanges(base, other CopySettings) []FieldChange {
	var out []FieldChange
	add := func(field, a, b string) {
		if a != b {
			out = append(out, FieldChange{Field: field, Old: a, New: b})
		}
	}
	bp, op := base.Policy, other.Policy
	add(FieldIsEnabled, fmt.Sprint(base.IsEnabled), fmt.Sprint(other.IsEnabled))
	add(FieldType, bp.TypeText(), op.TypeText())
	add(FieldDailyType, bp.DailyTypeText(), op.DailyTypeText())
	add(FieldDailyTime, bp.DailyTime.String(), op.DailyTime.String())
	add(FieldEvery, bp.EveryText(), op.EveryText())
	add(FieldCopyWindowEnabled, fmt.Sprint(bp.WindowEnabled), fmt.Sprint(op.WindowEnabled))
	// The window compares as backup jobs' windows do, hours added and removed.
	wf := windowField[CopySettings]{FieldCopyWindow, FieldCopyWindowOffset, func(s *CopySettings) *WindowSettings { return &s.Policy.Window }}
	out = append(out, wf.changes(&base, &other)...)
	return out
}

// FieldCopyWindowOffset is the copy window's minuteOffset.
const FieldCopyWindowOffset = "schedulePolicy.backupCopyWindowSettings.minuteOffset"

// TypeText is the copy schedule type for people, an unknown value as read.
func (p CopyPolicy) TypeText() string {
	return enumText(p.Type.String(), p.Type == CopyScheduleTypeUnknown, p.Unknown.Type)
}

// DailyTypeText is the days for people, an unknown value as read.
func (p CopyPolicy) DailyTypeText() string {
	return enumText(p.DailyType.String(), p.DailyType == DailyTypeUnknown, p.Unknown.DailyType)
}

// EveryText is the interval for people, an unknown value as read.
func (p CopyPolicy) EveryText() string {
	return enumText(p.Every.String(), p.Every == IntervalUnknown, p.Unknown.Every)
}

// CompareCopyJobs is CompareJobs for copy jobs: everything the version's
// PUT body carries, the complete schedulePolicy with fields vbosched does not
// model, and from v8 on the eTag. Run state is not compared.
func CompareCopyJobs(base, current *CopyJob, v APIVersion) []FieldChange {
	policy := func(bp, cp map[string]json.RawMessage) []FieldChange {
		out := CopyChanges(base.Settings(), current.Settings())
		out = append(out, rawChanges("schedulePolicy.", bp, cp, modelledCopyPolicyKeys)...)
		return append(out, windowExtras("schedulePolicy.backupCopyWindowSettings", bp, cp)...)
	}
	// isEnabled is compared with the policy, by value.
	return compareDocuments(v, v.copyEditableTopLevel(), map[string]bool{"isEnabled": true},
		base.document, current.document, policy, base.ETag, current.ETag)
}

// UnappliedCopy is Unapplied for copy jobs: every field of the PUT body
// that the copy job read back after the PUT does not show.
func UnappliedCopy(body []byte, saved *CopyJob) ([]FieldChange, error) {
	return unapplied(body, saved.document)
}

// CarriedDocument is the part of the copy job document a PUT on version v
// carries, with its id, name and eTag.
func (j *CopyJob) CarriedDocument(v APIVersion) json.RawMessage {
	return j.carried(append([]string{"id", "name", "eTag"}, v.copyEditableTopLevel()...))
}
