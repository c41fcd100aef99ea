// Package audit keeps a log of the saves vbosched makes: one JSON line per
// save, with who saved what on which server, what changed, the complete
// schedule policy as it was before, and how it ended. The log answers "who
// changed this job's window, and what was it before?" and holds what is
// needed to put a schedule back.
//
// The file is $XDG_STATE_HOME/vbosched/audit.jsonl by default
// (~/.local/state/vbosched/audit.jsonl), or any path a caller chooses.
//
// What concurrent writers can rely on: each entry is one write of the whole
// line to the file opened with O_APPEND. POSIX makes every such write land at
// the end of the file, so two vbosched processes never overwrite each other's
// lines. That the bytes of two lines never interleave is what local file
// systems give in practice on Linux, macOS and Windows (a regular-file write
// is not split between writers, whatever its length); POSIX promises that
// only for pipes and writes up to PIPE_BUF, and lines here are often longer,
// so it is not the guarantee relied on. On NFS and other network file
// systems the client emulates O_APPEND and lines written from two machines
// can clobber each other: keep the log local. There is no lock. A crash in
// the middle of a write leaves a torn last line; readers skip it with a
// Warning, and the next Append starts on a fresh line.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/vbosched/vbosched/model"
)

// Outcome is how a save ended.
type Outcome string

const (
	// Saved: the server accepted the PUT.
	Saved Outcome = "saved"
	// Failed: the PUT was sent and the server answered with an error:
	// nothing was stored (Detail says why).
	Failed Outcome = "failed"
	// NotSent: nothing was sent, because the job had changed on the server
	// since it was read, or the edit did not validate.
	NotSent Outcome = "not-sent"
	// RefusedStale: nothing was sent because the job had changed on the
	// server since the edit started from it.
	RefusedStale Outcome = "refused-stale"
	// NotApplied: the server accepted the PUT but the job read back does not
	// show every field that was sent.
	NotApplied Outcome = "not-applied"
	// Unknown: the PUT was sent and no answer came back (or the read-back
	// failed): the job may or may not have changed.
	Unknown Outcome = "unknown"
)

// Entry is one save.
type Entry struct {
	Time       time.Time `json:"time"` // RFC 3339, UTC
	Server     string    `json:"server"`
	APIUser    string    `json:"apiUser"`
	JobID      string    `json:"jobId"`
	JobName    string    `json:"jobName"` // as read before the save
	ETagBefore string    `json:"eTagBefore,omitempty"`
	ETagAfter  string    `json:"eTagAfter,omitempty"`
	// Changes is what the save changed (model.Changes of the job as read
	// and the edit).
	Changes []model.FieldChange `json:"changes"`
	// PolicyBefore is the job's schedulePolicy as the server sent it before
	// the save, complete, fields vbosched does not model included.
	PolicyBefore json.RawMessage `json:"schedulePolicyBefore"`
	// JobBefore is the job the save started from and JobAfter the job as
	// read back after it (saved or not applied), each the part of the
	// document a PUT carries (model.Job.CarriedDocument). Revert builds on
	// them: the job must still be JobAfter, and goes back to JobBefore's
	// settings.
	JobBefore json.RawMessage `json:"jobBefore,omitempty"`
	JobAfter  json.RawMessage `json:"jobAfter,omitempty"`
	Outcome   Outcome         `json:"outcome"`
	Detail    string          `json:"detail,omitempty"` // the error, when not saved
}

// NewEntry describes a save of edit to job as read, before the outcome is
// known: the caller sets Outcome, Detail and ETagAfter.
func NewEntry(server, apiUser string, job *model.Job, edit model.Settings) Entry {
	return Entry{
		Server: server, APIUser: apiUser,
		JobID: job.ID, JobName: job.Name, ETagBefore: job.ETag,
		Changes:      model.Changes(job.Settings(), edit),
		PolicyBefore: policyOf(job),
	}
}

// policyOf takes the schedulePolicy from the document as read; DecodeJob
// only accepts documents that have one.
func policyOf(job *model.Job) json.RawMessage {
	var doc map[string]json.RawMessage
	_ = json.Unmarshal(job.Raw(), &doc)
	return doc["schedulePolicy"]
}

// Log is an audit file.
type Log struct {
	path string
	// Now stamps entries that have no time; nil means time.Now.
	Now func() time.Time
}

// Open returns the log at path; the file and its directory are made on the
// first Append.
func Open(path string) *Log { return &Log{path: path} }

// DefaultPath is $XDG_STATE_HOME/vbosched/audit.jsonl, or
// ~/.local/state/vbosched/audit.jsonl when XDG_STATE_HOME is unset or not an
// absolute path.
func DefaultPath() (string, error) {
	state := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(state) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("audit: no state directory: set XDG_STATE_HOME or HOME, or give the audit file's path (%w)", err)
		}
		state = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(state, "vbosched", "audit.jsonl"), nil
}

// Path is the file's path.
func (l *Log) Path() string { return l.path }

// Append adds the entry as one line and returns its id. An entry without a
// time is stamped now. A new file is made 0600 (in a 0700 directory if that
// is new too); an existing file keeps its mode.
func (l *Log) Append(e Entry) (string, error) {
	if e.Time.IsZero() {
		e.Time = l.now()
	}
	e.Time = e.Time.UTC()
	line, err := json.Marshal(e) // compact: RawMessage is compacted too, so no newline inside
	if err != nil {
		return "", fmt.Errorf("audit: entry for job %s: %w", e.JobID, err)
	}
	id := lineID(line)
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	if tornTail(f) {
		line = append([]byte{'\n'}, line...)
	}
	line = append(line, '\n')
	_, werr := f.Write(line) // one write: see the package doc
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return "", fmt.Errorf("audit: writing the entry for job %s to %s: %w", e.JobID, l.path, err)
	}
	return id, nil
}

func (l *Log) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// tornTail reports whether the file ends inside a line, as a crash during a
// write leaves it. Another writer may finish a line between this check and
// the write; then the entry starts with an empty line, which readers skip.
func tornTail(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return false
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], fi.Size()-1); err != nil && err != io.EOF {
		return false
	}
	return last[0] != '\n'
}
