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
// can clobber each other: keep the log local. The check for a torn last
// line and the write are made under a lock (a mutex per file within the
// process, and an exclusive flock on Unix across processes), so a writer
// never sees another's line half written and starts its own entry with an
// empty line. A crash in the middle of a write leaves a torn last line;
// readers skip it with a Warning, and the next Append starts on a fresh
// line.
package audit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
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
	// PartlySaved: some of the fields edited show on the job read back and
	// others do not (before v6, the PUT and the switch's action are two
	// requests, and one may land without the other); Detail names both.
	PartlySaved Outcome = "partly-saved"
	// Unknown: the PUT was sent and no answer came back (or the read-back
	// failed): the job may or may not have changed. Read also gives it to
	// a Sending line that no outcome line followed.
	Unknown Outcome = "unknown"
	// Sending is the intent line written just before the PUT; the outcome
	// line with the same SaveID follows it. A process killed while the PUT
	// is in flight leaves only this line, so the save still leaves a trace.
	Sending Outcome = "sending"
)

// Entry is one save.
type Entry struct {
	Time    time.Time `json:"time"` // RFC 3339, UTC
	Server  string    `json:"server"`
	APIUser string    `json:"apiUser"`
	JobID   string    `json:"jobId"`
	JobName string    `json:"jobName"` // as read before the save
	// Kind is KindCopy for a backup copy job's save, empty for a backup
	// job's (every line written before copy jobs existed).
	Kind       string `json:"kind,omitempty"`
	ETagBefore string `json:"eTagBefore,omitempty"`
	ETagAfter  string `json:"eTagAfter,omitempty"`
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
	// SaveID pairs a Sending line with its outcome line; entries written
	// in one line (nothing was sent) have none.
	SaveID string `json:"saveId,omitempty"`
	// JobAfterPatch is JobAfter in an outcome line, written as an RFC 7386
	// merge patch of its intent's JobBefore: what the save changed, not a
	// second complete job. Read turns it back into JobAfter.
	JobAfterPatch json.RawMessage `json:"jobAfterPatch,omitempty"`
}

// KindCopy marks an entry about a backup copy job (/vN/CopyJobs).
const KindCopy = "copy"

// NewSaveID returns a random id for a save's pair of lines.
func NewSaveID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// OutcomeOf is the outcome line of a save begun with the intent line
// intent: only what the outcome adds, since the intent holds the rest.
func OutcomeOf(intent Entry, outcome Outcome, detail, eTagAfter string, jobAfter json.RawMessage) Entry {
	e := Entry{SaveID: intent.SaveID, Server: intent.Server, APIUser: intent.APIUser,
		JobID: intent.JobID, JobName: intent.JobName, Kind: intent.Kind,
		Outcome: outcome, Detail: detail, ETagAfter: eTagAfter, JobAfter: jobAfter}
	if patch, ok := mergePatch(intent.JobBefore, jobAfter); ok {
		e.JobAfter, e.JobAfterPatch = nil, patch
	}
	return e
}

// mergePatch is the RFC 7386 merge patch from before to after, when
// applying it to before gives after back exactly (a null value in after
// cannot be told from a removal, and then the whole after is kept).
func mergePatch(before, after json.RawMessage) (json.RawMessage, bool) {
	if len(before) == 0 || len(after) == 0 {
		return nil, false
	}
	b, errB := decodeObject(before)
	a, errA := decodeObject(after)
	if errB != nil || errA != nil {
		return nil, false
	}
	patch, err := json.Marshal(diffObjects(b, a))
	if err != nil {
		return nil, false
	}
	back, err := applyMergePatch(before, patch)
	if err != nil || !jsonEqual(back, after) {
		return nil, false
	}
	return patch, true
}

func decodeObject(raw json.RawMessage) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // numbers as written, never rounded through float64
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

func diffObjects(before, after map[string]any) map[string]any {
	patch := map[string]any{}
	for k, av := range after {
		bv, ok := before[k]
		bm, bIsObj := bv.(map[string]any)
		am, aIsObj := av.(map[string]any)
		switch {
		case ok && bIsObj && aIsObj:
			if sub := diffObjects(bm, am); len(sub) > 0 {
				patch[k] = sub
			}
		case !ok || !sameValue(bv, av):
			patch[k] = av
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			patch[k] = nil
		}
	}
	return patch
}

func sameValue(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

// applyMergePatch applies an RFC 7386 merge patch to the object doc.
func applyMergePatch(doc, patch json.RawMessage) (json.RawMessage, error) {
	d, err := decodeObject(doc)
	if err != nil {
		return nil, err
	}
	p, err := decodeObject(patch)
	if err != nil {
		return nil, err
	}
	return json.Marshal(mergeInto(d, p))
}

func mergeInto(doc, patch map[string]any) map[string]any {
	for k, pv := range patch {
		switch pv := pv.(type) {
		case nil:
			delete(doc, k)
		case map[string]any:
			sub, _ := doc[k].(map[string]any)
			if sub == nil {
				sub = map[string]any{}
			}
			doc[k] = mergeInto(sub, pv)
		default:
			doc[k] = pv
		}
	}
	return doc
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
	e.JobBefore = withoutPolicy(e.JobBefore, e.PolicyBefore)
	line, err := json.Marshal(e) // compact: RawMessage is compacted too, so no newline inside
	if err != nil {
		return "", fmt.Errorf("audit: entry for job %s: %w", e.JobID, err)
	}
	// Operators read this file with tail, grep and less, on a terminal: a
	// job name with C1 controls or bidi overrides must not reach it raw.
	// The escapes decode to the same runes, so the line means the same.
	line = model.SafeJSON(line)
	id := lineID(line)
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	mu := fileLock(l.path)
	mu.Lock()
	defer mu.Unlock()
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	// Closing f releases the flock.
	if err := lockFile(f); err != nil {
		f.Close()
		return "", fmt.Errorf("audit: locking %s to write the entry for job %s: %w", l.path, e.JobID, err)
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

// fileLocks holds one mutex per audit file path: the goroutines of one
// process (a bulk save's parallel workers) take turns at it, since a flock
// taken through another open file of the same process would not exclude
// them everywhere flock is emulated.
var fileLocks sync.Map // cleaned path → *sync.Mutex

func fileLock(path string) *sync.Mutex {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	mu, _ := fileLocks.LoadOrStore(filepath.Clean(path), new(sync.Mutex))
	return mu.(*sync.Mutex)
}

// tornTail reports whether the file ends inside a line, as a crash during a
// write leaves it. Callers hold the file's lock, so no other vbosched
// writer is in the middle of a line.
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

// withoutPolicy drops the schedulePolicy from a JobBefore that holds the same
// bytes as PolicyBefore: the policy is then stored once a line, not twice
// (a bulk set over 10,000 jobs otherwise writes tens of megabytes of
// copies). Read puts it back (withPolicy).
func withoutPolicy(job, policy json.RawMessage) json.RawMessage {
	if len(job) == 0 || len(policy) == 0 {
		return job
	}
	var doc map[string]json.RawMessage
	if json.Unmarshal(job, &doc) != nil || !jsonEqual(doc["schedulePolicy"], policy) {
		return job
	}
	delete(doc, "schedulePolicy")
	out, err := json.Marshal(doc)
	if err != nil {
		return job
	}
	return out
}

// withPolicy restores the schedulePolicy withoutPolicy took out.
func withPolicy(job, policy json.RawMessage) json.RawMessage {
	if len(job) == 0 || len(policy) == 0 {
		return job
	}
	var doc map[string]json.RawMessage
	if json.Unmarshal(job, &doc) != nil {
		return job
	}
	if _, ok := doc["schedulePolicy"]; ok {
		return job
	}
	doc["schedulePolicy"] = policy
	out, err := json.Marshal(doc)
	if err != nil {
		return job
	}
	return out
}

// jsonEqual compares two JSON values whatever their spacing and key order
// (numbers as written).
func jsonEqual(a, b json.RawMessage) bool {
	ca, errA := canonical(a)
	cb, errB := canonical(b)
	return errA == nil && errB == nil && bytes.Equal(ca, cb)
}

func canonical(raw json.RawMessage) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v) // map keys come out sorted
}

// minFree is the room an audit log needs to count as writable: a few
// hundred entries.
const minFree = 1 << 20

// CheckWritable opens the log for appending (making it, and its directory,
// as Append would) without writing, so a save can be refused before it is
// sent when its record could not be kept. The error names the file.
//
// loose is set when an existing file can be read or written by group or
// others: the log holds the server, the user, job ids and every policy.
// The caller warns rather than chmod-ing: the file may have been shared on
// purpose (a team's auditors), and a tool quietly changing permissions on a
// file it did not make would surprise whoever set them.
func (l *Log) CheckWritable() (loose os.FileMode, err error) {
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return 0, fmt.Errorf("audit: the log %s cannot be made: %w", l.path, err)
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return 0, fmt.Errorf("audit: the log %s cannot be written: %w", l.path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("audit: the log %s: %w", l.path, err)
	}
	// Opening is not writing: a device (/dev/full), a file of /proc or a
	// full disk opens for appending and fails at the first entry.
	if !fi.Mode().IsRegular() {
		return 0, fmt.Errorf("audit: the log %s is not a regular file (%s)", l.path, fi.Mode().Type())
	}
	if free, ok := freeBytes(l.path); ok && free < minFree {
		return 0, fmt.Errorf("audit: the log %s cannot grow: its file system has %d bytes free", l.path, free)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fi.Mode().Perm(), nil
	}
	return 0, nil
}
