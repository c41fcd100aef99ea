package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// document is a job document (a backup job's or a copy job's) as the
// server sent it: the bytes alone, a copy no one else holds and no one
// writes. A list of thousands of jobs keeps only these and the typed
// fields it shows; the document's fields are decoded again where a save,
// a comparison or an export needs them, which is one job at a time.
type document struct {
	data []byte
}

// fields decodes the document's top-level fields; nil for a job that was
// not read from a document.
func (d document) fields() map[string]json.RawMessage {
	if len(d.data) == 0 {
		return nil
	}
	var m map[string]json.RawMessage
	_ = json.Unmarshal(d.data, &m) // it decoded when the job was read
	return m
}

// policy decodes the document's schedulePolicy object.
func (d document) policy() map[string]json.RawMessage {
	return objectOf(d.fields()["schedulePolicy"])
}

// raw is the document re-encoded with sorted keys.
func (d document) raw() json.RawMessage {
	b, _ := json.Marshal(d.fields())
	return b
}

// pick is the document's fields that keys names, those it has.
func (d document) pick(keys []string) map[string]json.RawMessage {
	all := d.fields()
	out := make(map[string]json.RawMessage, len(keys))
	for _, k := range keys {
		if val, ok := all[k]; ok {
			out[k] = val
		}
	}
	return out
}

// carried is pick, encoded: the part of the document a record of an edit keeps.
func (d document) carried(keys []string) json.RawMessage {
	b, _ := json.Marshal(d.pick(keys))
	return b
}

// docFields are the fields every kind of job document has, read alike.
type docFields struct {
	ID, Name, LastStatus, LastRun, NextRun, OrganizationID, RepositoryID, ETag string
	IsEnabled                                                                  bool
}

// label names a job of the kind in messages: its name, or its id without one.
func label(kind, name, id string) string {
	if name != "" {
		return fmt.Sprintf("%s %q", kind, name)
	}
	return fmt.Sprintf("%s %s", kind, id)
}

// scan copies the fields to a job's own.
func (f docFields) scan(id, name *string, enabled *bool, lastStatus, lastRun, nextRun, org, repo, eTag *string) {
	*id, *name, *enabled = f.ID, f.Name, f.IsEnabled
	*lastStatus, *lastRun, *nextRun = f.LastStatus, f.LastRun, f.NextRun
	*org, *repo, *eTag = f.OrganizationID, f.RepositoryID, f.ETag
}

// readDocument reads a job document of the kind named ("job", "copy job"):
// the fields all kinds have, then the kind's own with own and, while all is
// well, its schedulePolicy with policy. An error names the job and the
// first field it could not read; a document without an id is an error too.
// The document it returns holds a copy of data.
func readDocument[P any](data []byte, kind string, own func(r *reader, f *docFields), policy func(json.RawMessage) (P, error)) (doc document, f docFields, p P, err error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return doc, f, p, fmt.Errorf("%s document is not a JSON object: %w", kind, err)
	}
	if raw == nil {
		return doc, f, p, fmt.Errorf("%s document is null", kind)
	}
	r := reader{raw: raw}
	f.ID = r.str("id")
	f.Name = r.str("name")
	f.IsEnabled = r.boolean("isEnabled")
	f.LastStatus = r.str("lastStatus")
	f.LastRun = r.str("lastRun")
	f.NextRun = r.str("nextRun")
	if e := raw["eTag"]; !isNull(e) {
		f.ETag = strings.Trim(string(e), `"`) // an integer from v8 on
	}
	f.OrganizationID = r.str("organizationId")
	f.RepositoryID = r.str("repositoryId")
	own(&r, &f)
	if r.err == nil {
		p, r.err = policy(raw["schedulePolicy"])
	}
	if r.err != nil {
		return doc, f, p, fmt.Errorf("%s: %w", label(kind, f.Name, f.ID), r.err)
	}
	if f.ID == "" {
		return doc, f, p, fmt.Errorf("%s: the document has no id", label(kind, f.Name, f.ID))
	}
	// The value Decode read, without what may follow it, in a slice of its own.
	return document{data: bytes.Clone(data[:dec.InputOffset()])}, f, p, nil
}

// policyReader reads a schedulePolicy object for its fields.
func policyReader(data json.RawMessage) (*reader, error) {
	if isNull(data) {
		return nil, fmt.Errorf("schedulePolicy is missing")
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("schedulePolicy is not an object: %w", err)
	}
	return &reader{raw: raw, prefix: "schedulePolicy."}, nil
}

// problems lists the enum values vbosched does not know, each naming its field.
func (u UnknownEnums) problems() []string {
	var out []string
	for _, f := range []struct{ field, raw string }{{FieldType, u.Type}, {FieldDailyType, u.DailyType}, {FieldEvery, u.Every}} {
		if f.raw != "" {
			out = append(out, fmt.Sprintf("%s %q is unknown to vbosched (kept as the server has it)", f.field, SafeText(f.raw)))
		}
	}
	return out
}

func windowProblem(field string, ws WindowSettings) []string {
	if ws.Problem == "" {
		return nil
	}
	return []string{fmt.Sprintf("%s %s: it can be viewed, not edited", field, ws.Problem)}
}

// unapplied lists every field of a PUT body that the document read back
// after the PUT (saved) does not show: Old is what was sent, New what the
// server shows.
func unapplied(body []byte, saved document) ([]FieldChange, error) {
	var sent map[string]json.RawMessage
	if err := json.Unmarshal(body, &sent); err != nil {
		return nil, fmt.Errorf("the PUT body is not a JSON object: %w", err)
	}
	shown := saved.fields()
	var out []FieldChange
	for _, k := range sortedKeys(sent) {
		if k == "schedulePolicy" {
			out = append(out, unappliedObject("schedulePolicy.", objectOf(sent[k]), objectOf(shown[k]))...)
			continue
		}
		if c, ok := unappliedValue(k, sent[k], shown[k]); ok {
			out = append(out, c)
		}
	}
	return out, nil
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isNull(m json.RawMessage) bool { return len(m) == 0 || string(m) == "null" }

// reader pulls typed fields out of a raw object, keeping the first error.
type reader struct {
	raw    map[string]json.RawMessage
	prefix string
	err    error
}

func (r *reader) fail(field, msg string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s%s: %s", r.prefix, field, msg)
	}
}

func (r *reader) str(field string) string {
	v := r.raw[field]
	if isNull(v) {
		return ""
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		r.fail(field, fmt.Sprintf("%s is not a string", v))
	}
	return s
}

func (r *reader) boolean(field string) bool {
	v := r.raw[field]
	if isNull(v) {
		return false
	}
	var b bool
	if json.Unmarshal(v, &b) == nil {
		return b
	}
	// Old documents show booleans as strings ("retryEnabled": "true").
	switch strings.ToLower(strings.Trim(string(v), `"`)) {
	case "true":
		return true
	case "false":
		return false
	}
	r.fail(field, fmt.Sprintf("%s is not true or false", v))
	return false
}

func (r *reader) integer(field string) int {
	v := r.raw[field]
	if isNull(v) {
		return 0
	}
	var n int
	if err := json.Unmarshal(v, &n); err != nil {
		r.fail(field, fmt.Sprintf("%s is not a whole number", v))
	}
	return n
}

// clock reads a time of day ("22:00:00"); unset is midnight.
func (r *reader) clock(field string) Clock {
	var c Clock
	if s := r.str(field); s != "" && r.err == nil {
		var err error
		if c, err = ParseClock(s); err != nil {
			r.fail(field, err.Error())
		}
	}
	return c
}

// enum reads an enum field. A value vbosched does not know (a newer
// server's) is no reason to give up on the job: it is kept as read in
// *unknown and the value is -1, the enums' Unknown constant, so it is shown
// as it is and sent back unchanged.
func (r *reader) enum(field string, e enum, unknown *string) int {
	s := r.str(field)
	if s == "" || r.err != nil {
		return 0
	}
	i, err := e.parse(s)
	if err != nil {
		*unknown = s
		return -1
	}
	return i
}

// window reads a window settings object: its 168 hours and minuteOffset.
func (r *reader) window(field string) WindowSettings {
	var ws WindowSettings
	v := r.raw[field]
	if isNull(v) || r.err != nil {
		return ws
	}
	var doc struct {
		BackupWindow *[]bool `json:"backupWindow"`
		MinuteOffset *int    `json:"minuteOffset"`
	}
	if err := json.Unmarshal(v, &doc); err != nil {
		r.fail(field, "is not a window: "+err.Error())
		return ws
	}
	if doc.BackupWindow == nil {
		r.fail(field+".backupWindow", "is missing")
		return ws
	}
	w, err := WindowFromBools(*doc.BackupWindow)
	if err != nil {
		// Readable as an error, not editable: see WindowSettings.Problem.
		ws.Problem = err.Error()
	} else {
		ws.Hours = w
	}
	if doc.MinuteOffset != nil {
		ws.MinuteOffset = *doc.MinuteOffset
	}
	return ws
}
