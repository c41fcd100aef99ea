package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// Job is a backup job as the server sent it. It keeps the document exactly
// as read, beside typed access to the fields vbosched edits, so a PUT can
// carry every field it does not know through untouched and so the as-read
// state is at hand to compare with the server's state later.
type Job struct {
	ID             string
	Name           string
	Description    string
	IsEnabled      bool
	BackupType     string
	LastStatus     string
	LastRun        string
	NextRun        string
	OrganizationID string
	RepositoryID   string // where the job keeps its backups: the planner groups by it
	ETag           string // v8's change counter, as text
	Policy         SchedulePolicy

	raw       map[string]json.RawMessage
	rawPolicy map[string]json.RawMessage
}

// Settings is what a user edits on a job.
type Settings struct {
	Name        string
	Description string
	IsEnabled   bool // the job's on/off switch (the console's Enable and Disable)
	Policy      SchedulePolicy
}

// Settings returns the job's editable settings as read.
func (j *Job) Settings() Settings {
	return Settings{Name: j.Name, Description: j.Description, IsEnabled: j.IsEnabled, Policy: j.Policy}
}

// HasEnabled says whether the document as read carries isEnabled. Every
// job the server sends does; records written before vbosched carried the
// switch (a v2–v5 audit entry's or export file's job document) do not, and
// there the switch is unknown rather than off: see WithEnabledOf.
func (j *Job) HasEnabled() bool {
	_, ok := j.raw["isEnabled"]
	return ok
}

// WithEnabledOf is j, or, when j's document does not carry isEnabled, a
// copy of j with other's switch: a record that never knew the switch must
// not read as "disabled" and so turn a job off or look like a change to it.
func (j *Job) WithEnabledOf(other *Job) *Job {
	if j.HasEnabled() || other == nil {
		return j
	}
	c := *j
	c.IsEnabled = other.IsEnabled
	return &c
}

// Raw returns the document as read, re-encoded with sorted keys.
func (j *Job) Raw() json.RawMessage {
	b, _ := json.Marshal(j.raw)
	return b
}

// Label names the job in messages: its name, or its id without one.
func (j *Job) Label() string {
	if j.Name != "" {
		return fmt.Sprintf("job %q", j.Name)
	}
	return fmt.Sprintf("job %s", j.ID)
}

// DecodeJob reads a job document. An enum value vbosched does not know and a
// window of the wrong length are kept as read and listed by Problems; other
// things it cannot read exactly (a malformed time, a string where a number
// belongs) are an error naming the job and the field: never silently "fixed".
func DecodeJob(data []byte) (*Job, error) {
	j := &Job{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&j.raw); err != nil {
		return nil, fmt.Errorf("job document is not a JSON object: %w", err)
	}
	if j.raw == nil {
		return nil, fmt.Errorf("job document is null")
	}
	r := reader{raw: j.raw}
	j.ID = r.str("id")
	j.Name = r.str("name")
	j.Description = r.str("description")
	j.IsEnabled = r.boolean("isEnabled")
	j.BackupType = r.str("backupType")
	j.LastStatus = r.str("lastStatus")
	j.LastRun = r.str("lastRun")
	j.NextRun = r.str("nextRun")
	if e := j.raw["eTag"]; !isNull(e) {
		j.ETag = strings.Trim(string(e), `"`) // an integer from v8 on
	}
	j.OrganizationID = r.str("organizationId")
	if j.OrganizationID == "" {
		j.OrganizationID = linkID(j.raw, "organization")
	}
	j.RepositoryID = r.str("repositoryId")
	if j.RepositoryID == "" { // before v6 only the link names it
		j.RepositoryID = linkID(j.raw, "backupRepository")
	}
	if r.err == nil {
		j.rawPolicy, j.Policy, r.err = decodePolicy(j.raw["schedulePolicy"])
	}
	if r.err != nil {
		return nil, fmt.Errorf("%s: %w", j.Label(), r.err)
	}
	if j.ID == "" {
		return nil, fmt.Errorf("%s: the document has no id", j.Label())
	}
	return j, nil
}

// linkID takes the id from the end of a _links href ("…/Organizations/{id}");
// hrefs may be relative or carry another version, so only the last segment
// is trusted.
func linkID(raw map[string]json.RawMessage, rel string) string {
	var links map[string]struct {
		Href string `json:"href"`
	}
	if json.Unmarshal(raw["_links"], &links) != nil {
		return ""
	}
	href := strings.TrimRight(links[rel].Href, "/")
	if href == "" {
		return ""
	}
	return path.Base(href)
}

func decodePolicy(data json.RawMessage) (map[string]json.RawMessage, SchedulePolicy, error) {
	var p SchedulePolicy
	var raw map[string]json.RawMessage
	if len(data) == 0 || string(data) == "null" {
		return nil, p, fmt.Errorf("schedulePolicy is missing")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, p, fmt.Errorf("schedulePolicy is not an object: %w", err)
	}
	r := reader{raw: raw, prefix: "schedulePolicy."}
	p.Type = ScheduleType(r.enum("type", scheduleTypes, &p.Unknown.Type))
	p.DailyType = DailyType(r.enum("dailyType", dailyTypes, &p.Unknown.DailyType))
	if s := r.str("dailyTime"); s != "" && r.err == nil {
		c, err := ParseClock(s)
		if err != nil {
			r.fail("dailyTime", err.Error())
		}
		p.DailyTime = c
	}
	p.Every = Interval(r.enum("periodicallyEvery", intervals, &p.Unknown.Every))
	p.OffsetMinutes = r.integer("periodicallyOffsetMinutes")
	p.ScheduleEnabled = r.boolean("scheduleEnabled")
	p.BackupWindowEnabled = r.boolean("backupWindowEnabled")
	p.BackupWindow = r.window("backupWindowSettings")
	p.PeriodicWindowEnabled = r.boolean("periodicallyWindowEnabled")
	p.PeriodicWindow = r.window("periodicallyWindowSettings")
	p.HasPeriodicWindow = !isNull(raw["periodicallyWindowSettings"])
	p.RetryEnabled = r.boolean("retryEnabled")
	p.RetryNumber = r.integer("retryNumber")
	p.RetryWaitMinutes = r.integer("retryWaitInterval")
	return raw, p, r.err
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

// Problems lists what of the job vbosched could not read exactly: enum
// values it does not know and windows of the wrong shape, each naming the
// field, terminal-safe. Lists mark the job with them; the job stays
// editable in its other fields.
func (j *Job) Problems() []string {
	p := j.Policy
	var out []string
	unknown := func(field, raw string) {
		if raw != "" {
			out = append(out, fmt.Sprintf("%s %q is unknown to vbosched (kept as the server has it)", field, SafeText(raw)))
		}
	}
	unknown(FieldType, p.Unknown.Type)
	unknown(FieldDailyType, p.Unknown.DailyType)
	unknown(FieldEvery, p.Unknown.Every)
	for _, k := range WindowKinds() {
		if ws, _ := p.Window(k); ws.Problem != "" {
			out = append(out, fmt.Sprintf("%s %s: it can be viewed, not edited", k.Field(), ws.Problem))
		}
	}
	return out
}
