package model

import (
	"encoding/json"
	"path"
	"strings"
)

// Job is a backup job as the server sent it. It keeps the document exactly
// as read, beside typed access to the fields vbosched edits, so a PUT can
// carry every field it does not know through untouched and so the as-read
// state is at hand to compare with the server's state later. The document
// is kept as its bytes and decoded again only where it is needed (a save,
// a comparison, an export), so a list of thousands of jobs stays small.
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

	document
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
	_, ok := j.fields()["isEnabled"]
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
func (j *Job) Raw() json.RawMessage { return j.raw() }

// Label names the job in messages: its name, or its id without one.
func (j *Job) Label() string { return label("job", j.Name, j.ID) }

// DecodeJob reads a job document. An enum value vbosched does not know and a
// window of the wrong length are kept as read and listed by Problems; other
// things it cannot read exactly (a malformed time, a string where a number
// belongs) are an error naming the job and the field: never silently "fixed".
// The job keeps a copy of data, not data itself.
func DecodeJob(data []byte) (*Job, error) {
	j := &Job{}
	own := func(r *reader, f *docFields) {
		j.Description = r.str("description")
		j.BackupType = r.str("backupType")
		if f.OrganizationID == "" {
			f.OrganizationID = linkID(r.raw, "organization")
		}
		if f.RepositoryID == "" { // before v6 only the link names it
			f.RepositoryID = linkID(r.raw, "backupRepository")
		}
	}
	doc, f, p, err := readDocument(data, "job", own, decodePolicy)
	if err != nil {
		return nil, err
	}
	j.document, j.Policy = doc, p
	f.scan(&j.ID, &j.Name, &j.IsEnabled, &j.LastStatus, &j.LastRun, &j.NextRun, &j.OrganizationID, &j.RepositoryID, &j.ETag)
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

func decodePolicy(data json.RawMessage) (SchedulePolicy, error) {
	var p SchedulePolicy
	r, err := policyReader(data)
	if err != nil {
		return p, err
	}
	p.Type = ScheduleType(r.enum("type", scheduleTypes, &p.Unknown.Type))
	p.DailyType = DailyType(r.enum("dailyType", dailyTypes, &p.Unknown.DailyType))
	p.DailyTime = r.clock("dailyTime")
	p.Every = Interval(r.enum("periodicallyEvery", intervals, &p.Unknown.Every))
	p.OffsetMinutes = r.integer("periodicallyOffsetMinutes")
	p.ScheduleEnabled = r.boolean("scheduleEnabled")
	p.BackupWindowEnabled = r.boolean("backupWindowEnabled")
	p.BackupWindow = r.window("backupWindowSettings")
	p.PeriodicWindowEnabled = r.boolean("periodicallyWindowEnabled")
	p.PeriodicWindow = r.window("periodicallyWindowSettings")
	p.HasPeriodicWindow = !isNull(r.raw["periodicallyWindowSettings"])
	p.RetryEnabled = r.boolean("retryEnabled")
	p.RetryNumber = r.integer("retryNumber")
	p.RetryWaitMinutes = r.integer("retryWaitInterval")
	return p, r.err
}

// Problems lists what of the job vbosched could not read exactly: enum
// values it does not know and windows of the wrong shape, each naming the
// field, terminal-safe. Lists mark the job with them; the job stays
// editable in its other fields.
func (j *Job) Problems() []string {
	out := j.Policy.Unknown.problems()
	for _, k := range WindowKinds() {
		ws, _ := j.Policy.Window(k)
		out = append(out, windowProblem(k.Field(), *ws)...)
	}
	return out
}
