package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// The comparisons a save rests on. A PUT replaces every field its body
// carries, so before it the store must know that none of them moved since
// the edit began (CompareJobs), and after it that the server shows every
// value that was sent (Unapplied). Fields vbosched does not model are
// compared as raw JSON: a change to one of them is as much someone else's
// change as a change to the window.

// modelledPolicyKeys are the schedulePolicy fields Settings holds; Changes
// compares them by value, so spellings the server may vary ("daily",
// "true") are not mistaken for changes.
var modelledPolicyKeys = map[string]bool{
	"type": true, "dailyType": true, "dailyTime": true, "periodicallyEvery": true,
	"periodicallyOffsetMinutes": true, "scheduleEnabled": true, "backupWindowEnabled": true,
	"backupWindowSettings": true, "periodicallyWindowEnabled": true, "periodicallyWindowSettings": true,
	"retryEnabled": true, "retryNumber": true, "retryWaitInterval": true,
}

// modelledWindowKeys are the fields of a window settings object WindowSettings holds.
var modelledWindowKeys = map[string]bool{"backupWindow": true, "minuteOffset": true}

// CompareJobs lists what differs from base in current over everything the
// version's PUT body carries: the top-level editable fields (name,
// description, repositoryId, proxyId, backupType as the version sends
// them), isEnabled on every version (before v6 the Action endpoint sets it), the complete schedulePolicy including fields vbosched does
// not model, and from v8 on the eTag, which the server bumps on every change.
// Fields that change on their own (lastRun, nextRun, lastStatus) are not
// compared. An empty list means a PUT built from base overwrites nothing.
func CompareJobs(base, current *Job, v APIVersion) []FieldChange {
	policy := func(bp, cp map[string]json.RawMessage) []FieldChange {
		out := Changes(base.Settings(), current.Settings())
		out = append(out, rawChanges("schedulePolicy.", bp, cp, modelledPolicyKeys)...)
		out = append(out, windowExtras("schedulePolicy.backupWindowSettings", bp, cp)...)
		return append(out, windowExtras("schedulePolicy.periodicallyWindowSettings", bp, cp)...)
	}
	// name, description and isEnabled are compared with the policy, by value.
	return compareDocuments(v, v.editableTopLevel(), map[string]bool{"name": true, "description": true, "isEnabled": true},
		base.document, current.document, policy, base.ETag, current.ETag)
}

// compareDocuments compares two documents of a job over the top-level
// fields keys names: as raw JSON, except those in byValue (the caller's
// policy compares them), the schedulePolicy objects with policy, and from
// v8 on the eTags.
func compareDocuments(v APIVersion, keys []string, byValue map[string]bool, base, current document,
	policy func(basePolicy, currentPolicy map[string]json.RawMessage) []FieldChange, baseETag, currentETag string) []FieldChange {
	var out []FieldChange
	bf, cf := base.fields(), current.fields()
	for _, k := range keys {
		switch {
		case byValue[k]:
		case k == "schedulePolicy":
			out = append(out, policy(objectOf(bf[k]), objectOf(cf[k]))...)
		default:
			if c, ok := rawChange(k, bf[k], cf[k]); ok {
				out = append(out, c)
			}
		}
	}
	if v >= 8 && baseETag != currentETag {
		out = append(out, FieldChange{Field: "eTag", Old: orUnset(baseETag), New: orUnset(currentETag)})
	}
	return out
}

// windowExtras compares a window object's fields other than its hours and
// offset, and whether the object is there at all, in two schedulePolicy
// objects.
func windowExtras(path string, basePolicy, currentPolicy map[string]json.RawMessage) []FieldChange {
	key := path[strings.LastIndex(path, ".")+1:]
	a, b := basePolicy[key], currentPolicy[key]
	if isNull(a) != isNull(b) {
		return []FieldChange{{Field: path, Old: rawWords(a), New: rawWords(b)}}
	}
	return rawChanges(path+".", objectOf(a), objectOf(b), modelledWindowKeys)
}

func objectOf(raw json.RawMessage) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	if !isNull(raw) {
		_ = json.Unmarshal(raw, &m)
	}
	return m
}

// rawChanges compares the keys of two objects that skip does not name, in
// key order.
func rawChanges(prefix string, a, b map[string]json.RawMessage, skip map[string]bool) []FieldChange {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		if !skip[k] {
			sorted = append(sorted, k)
		}
	}
	sort.Strings(sorted)
	var out []FieldChange
	for _, k := range sorted {
		if c, ok := rawChange(prefix+k, a[k], b[k]); ok {
			out = append(out, c)
		}
	}
	return out
}

func rawChange(field string, a, b json.RawMessage) (FieldChange, bool) {
	if bytes.Equal(canonicalJSON(a), canonicalJSON(b)) {
		return FieldChange{}, false
	}
	return FieldChange{Field: field, Old: rawWords(a), New: rawWords(b)}, true
}

// canonicalJSON re-encodes a value with sorted keys and no spaces; a
// missing value and null are the same.
func canonicalJSON(raw json.RawMessage) []byte {
	if isNull(raw) {
		return []byte("null")
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return raw
	}
	b, _ := json.Marshal(v)
	return b
}

// rawWords shows a raw value in a change list: JSON as it is, "(unset)"
// when missing.
func rawWords(raw json.RawMessage) string {
	if isNull(raw) {
		return "(unset)"
	}
	return string(canonicalJSON(raw))
}

// Unapplied lists every field of a PUT body that the job read back after
// the PUT (saved) does not show: Old is what was sent, New what the server
// shows. Values compare by meaning where the server may spell them its own
// way: enum names ignoring case, booleans sent as strings, windows hour by
// hour.
func Unapplied(body []byte, saved *Job) ([]FieldChange, error) {
	return unapplied(body, saved.document)
}

func unappliedObject(prefix string, sent, shown map[string]json.RawMessage) []FieldChange {
	var out []FieldChange
	for _, k := range sortedKeys(sent) {
		if strings.HasSuffix(k, "WindowSettings") && !isNull(sent[k]) {
			out = append(out, unappliedObject(prefix+k+".", objectOf(sent[k]), objectOf(shown[k]))...)
			continue
		}
		if c, ok := unappliedValue(prefix+k, sent[k], shown[k]); ok {
			out = append(out, c)
		}
	}
	return out
}

func unappliedValue(field string, sent, shown json.RawMessage) (FieldChange, bool) {
	if sameMeaning(sent, shown) {
		return FieldChange{}, false
	}
	if strings.HasSuffix(field, ".backupWindow") {
		return FieldChange{Field: field, Old: windowWords(sent), New: windowWords(shown)}, true
	}
	return FieldChange{Field: field, Old: rawWords(sent), New: rawWords(shown)}, true
}

func windowWords(raw json.RawMessage) string {
	var bools []bool
	if isNull(raw) || json.Unmarshal(raw, &bools) != nil {
		return rawWords(raw)
	}
	w, err := WindowFromBools(bools)
	if err != nil {
		return fmt.Sprintf("(%d hours, not a week)", len(bools))
	}
	return w.String()
}

// sameMeaning compares a sent value with the value shown: equal JSON, or
// the same string ignoring case, or a boolean and its string form.
func sameMeaning(sent, shown json.RawMessage) bool {
	a, b := canonicalJSON(sent), canonicalJSON(shown)
	if bytes.Equal(a, b) {
		return true
	}
	var as, bs string
	if json.Unmarshal(a, &as) != nil {
		as = string(a)
	}
	if json.Unmarshal(b, &bs) != nil {
		bs = string(b)
	}
	return strings.EqualFold(as, bs)
}

// CarriedDocument is the part of the job document a save on version v
// changes (the PUT's fields and isEnabled), with its id and eTag: enough to
// decode the job again, compare it with CompareJobs and build a PUT from
// it, without the selected items and run state a record of the edit has no
// use for.
func (j *Job) CarriedDocument(v APIVersion) json.RawMessage {
	return j.carried(append([]string{"id", "eTag", "isEnabled"}, v.editableTopLevel()...))
}
