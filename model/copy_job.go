package model

import (
	"encoding/json"
)

// Backup copy jobs (/vN/CopyJobs, v6 and later) copy a backup job's restore
// points to archive storage on their own schedule and their own 7×24 copy
// window. They are a type of their own rather than a kind of Job: their
// policy has other types (Immediate, DailyAtTime), no retries, no periodic
// window and its window under other keys, so a shared struct would carry
// fields that mean nothing for one kind or the other. What they share with
// backup jobs is the machinery: the field reader, the enums for days and
// intervals, Clock, WindowSettings, the window body editor and the raw
// comparisons of job_compare.go.

// CopyScheduleType is how a backup copy job is started.
type CopyScheduleType int

const (
	CopyScheduleUnset CopyScheduleType = iota
	Immediate                          // after each new restore point of the source backup job
	CopyPeriodically
	DailyAtTime

	// CopyScheduleTypeUnknown is a type vbosched does not know; CopyPolicy.Unknown.Type keeps it.
	CopyScheduleTypeUnknown CopyScheduleType = -1
)

var copyScheduleTypes = enum{"type", []string{"", "Immediate", "Periodically", "DailyAtTime"}}

func (t CopyScheduleType) String() string { return copyScheduleTypes.name(int(t)) }

// ParseCopyScheduleType reads Immediate, Periodically or DailyAtTime, in any case.
func ParseCopyScheduleType(s string) (CopyScheduleType, error) {
	i, err := copyScheduleTypes.parse(s)
	return CopyScheduleType(i), err
}

// CopyScheduleTypes lists the accepted values.
func CopyScheduleTypes() []CopyScheduleType { return values[CopyScheduleType](copyScheduleTypes) }

// Field paths of a copy job, as the API names them.
const (
	FieldCopyWindowEnabled = "schedulePolicy.backupCopyWindowEnabled"
	FieldCopyWindow        = "schedulePolicy.backupCopyWindowSettings.backupWindow"
)

// CopyPolicy is the API's RESTCopyJobSchedulePolicy.
type CopyPolicy struct {
	Type          CopyScheduleType
	Every         Interval  // Periodically
	DailyType     DailyType // DailyAtTime
	DailyTime     Clock     // DailyAtTime
	WindowEnabled bool      // backupCopyWindowEnabled
	Window        WindowSettings
	Unknown       UnknownEnums
}

// CopySettings is what a user edits on a copy job.
type CopySettings struct {
	IsEnabled bool
	Policy    CopyPolicy
}

// CopyJob is a backup copy job as the server sent it, its document kept as
// read for the same reasons as Job's.
type CopyJob struct {
	ID             string
	Name           string
	IsEnabled      bool
	BackupJobID    string // the source backup job
	OrganizationID string // v8 only
	RepositoryID   string
	LastStatus     string
	LastRun        string
	NextRun        string
	ETag           string
	Policy         CopyPolicy

	document
}

// Settings returns the copy job's editable settings as read.
func (j *CopyJob) Settings() CopySettings {
	return CopySettings{IsEnabled: j.IsEnabled, Policy: j.Policy}
}

// Raw returns the document as read, re-encoded with sorted keys.
func (j *CopyJob) Raw() json.RawMessage { return j.raw() }

// Label names the copy job in messages.
func (j *CopyJob) Label() string { return label("copy job", j.Name, j.ID) }

// DecodeCopyJob reads a copy job document with DecodeJob's rules: unknown
// enum values and windows of the wrong shape are kept as read, anything
// else it cannot read exactly is an error naming the job and the field.
func DecodeCopyJob(data []byte) (*CopyJob, error) {
	j := &CopyJob{}
	own := func(r *reader, _ *docFields) { j.BackupJobID = r.str("backupJobId") }
	doc, f, p, err := readDocument(data, "copy job", own, decodeCopyPolicy)
	if err != nil {
		return nil, err
	}
	j.document, j.Policy = doc, p
	f.scan(&j.ID, &j.Name, &j.IsEnabled, &j.LastStatus, &j.LastRun, &j.NextRun, &j.OrganizationID, &j.RepositoryID, &j.ETag)
	return j, nil
}

func decodeCopyPolicy(data json.RawMessage) (CopyPolicy, error) {
	var p CopyPolicy
	r, err := policyReader(data)
	if err != nil {
		return p, err
	}
	p.Type = CopyScheduleType(r.enum("type", copyScheduleTypes, &p.Unknown.Type))
	p.DailyType = DailyType(r.enum("dailyType", dailyTypes, &p.Unknown.DailyType))
	p.DailyTime = r.clock("dailyTime")
	p.Every = Interval(r.enum("periodicallyEvery", intervals, &p.Unknown.Every))
	p.WindowEnabled = r.boolean("backupCopyWindowEnabled")
	p.Window = r.window("backupCopyWindowSettings")
	return p, r.err
}

// Problems lists what of the copy job vbosched could not read exactly.
func (j *CopyJob) Problems() []string {
	return append(j.Policy.Unknown.problems(), windowProblem(FieldCopyWindow, j.Policy.Window)...)
}

// Describe is the copy schedule for people, in a backup job's words where
// the schedule is one: "after each new restore point", "every 4 hours",
// "workdays at 22:00".
func (p CopyPolicy) Describe() string {
	switch p.Type {
	case Immediate:
		return "after each new restore point"
	case CopyPeriodically, DailyAtTime:
		return p.AsSchedule().Describe()
	case CopyScheduleTypeUnknown:
		return enumText("", true, p.Unknown.Type)
	}
	return "(no schedule type)"
}
