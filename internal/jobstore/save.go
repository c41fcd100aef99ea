package jobstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/model"
)

// SaveJob saves edit, made to base (the job as the edit started from it),
// and returns the job as the server shows it afterwards: the new baseline.
//
// The API has no conditional PUT, so the store does what it can around one:
//   - It reads the job again and compares everything the PUT would carry
//     (model.CompareJobs, the eTag too on v8). Any difference is a
//     *model.StaleError and nothing is sent. A change landing between that
//     read and the PUT cannot be seen.
//   - A PUT whose answer never came (connection dropped, ctx cancelled or
//     timed out mid-flight) is a *model.UnknownOutcomeError: the server may
//     have stored it.
//   - An error answer is not proof that nothing was stored: a proxy or load
//     balancer answers 502/504 when its backend is slow after doing the
//     work, and a 500 may come after the write. So the job is read back
//     after any error answer except a 4xx other than 408 (a refusal the
//     server makes before storing anything: validation, auth, not found,
//     conflict); see readBackAfterError.
//   - After a success it reads the job back; a field sent that the server
//     does not show is a *model.NotAppliedError.
//   - Before v6 the PUT does not carry isEnabled (model.APIVersion.
//     EnabledInPut): an edit of the switch is sent after a successful PUT
//     with the Action endpoint, and the read-back checks it like a field
//     sent.
//
// To save over someone else's change (a merge, or overwriting theirs), call
// it again with base = StaleError.Current: the body is built from base, so
// their isEnabled, repositoryId and unknown fields are kept.
//
// With an audit log (WithAudit), an intent line is appended just before the
// PUT and an outcome line after it, so a process killed in between still
// leaves a trace (read as unknown). A log that cannot be written refuses
// the save before anything is sent (*AuditError). Saves that end before
// the PUT are recorded in one line.
func (s *Store) SaveJob(ctx context.Context, base *model.Job, edit model.Settings) (*model.Job, error) {
	v := s.APIVersion()
	sv, err := s.jobSaving(base, edit, v)
	if err != nil {
		return nil, err
	}
	return saveOne(ctx, s, backupKind, sv, v)
}

// jobSaving builds a backup job's save: the body, the audit entry, and the
// switch to send with the Action endpoint where the PUT does not carry it.
func (s *Store) jobSaving(base *model.Job, edit model.Settings, v model.APIVersion) (*saving[*model.Job], error) {
	body, err := base.PutBody(edit, v)
	if err != nil {
		return nil, err
	}
	entry := audit.NewEntry(s.label, s.user, base, edit)
	entry.JobBefore = base.CarriedDocument(v)
	sv := &saving[*model.Job]{base: base, body: body, entry: entry}
	if edit.IsEnabled != base.IsEnabled && !v.EnabledInPut() {
		sv.enable = &edit.IsEnabled
	}
	return sv, nil
}

// AuditError is a save refused before anything was sent because its audit
// record could not be kept.
type AuditError struct {
	Path string // "" when no log could be located at all
	Err  error
}

func (e *AuditError) Error() string {
	// Err names the file when there is one (the audit package's errors do).
	return fmt.Sprintf("%v; nothing was sent: give a writable log with --audit-log PATH, or pass --no-audit to save without a record", e.Err)
}

func (e *AuditError) Unwrap() []error { return []error{e.Err, errAuditRefused} }

var errAuditRefused = errors.New("audit log refused")

// begin writes the save's intent line, or refuses the save when the store
// wants a log and has none that can be written. The first call also checks
// the file's permissions, once.
func (s *Store) begin(e *audit.Entry) error {
	if s.warn == nil && s.audit == nil {
		return nil // no audit wanted (--no-audit, tests, the demo)
	}
	if s.audit == nil {
		return &AuditError{Err: errNoAuditLog}
	}
	s.mode.mu.Lock()
	checked := s.mode.checked
	s.mode.checked = true
	s.mode.mu.Unlock()
	if !checked {
		loose, err := s.audit.CheckWritable()
		if err != nil {
			s.mode.mu.Lock()
			s.mode.checked = false
			s.mode.mu.Unlock()
			return &AuditError{Path: s.audit.Path(), Err: err}
		}
		if loose != 0 && s.warn != nil {
			s.warn(fmt.Errorf("the audit log %s is readable or writable by others (mode %04o): it names the server, the user and every job's schedule; chmod 600 %s unless it is shared on purpose",
				s.audit.Path(), loose, s.audit.Path()))
		}
	}
	intent := *e
	intent.SaveID = audit.NewSaveID()
	intent.Outcome = audit.Sending
	if _, err := s.audit.Append(intent); err != nil {
		return &AuditError{Path: s.audit.Path(), Err: err}
	}
	e.SaveID = intent.SaveID
	return nil
}

func (s *Store) record(e audit.Entry) {
	if s.warn == nil && s.audit == nil {
		return // no audit wanted (--no-audit, tests, the demo)
	}
	err := errNoAuditLog
	if s.audit != nil {
		_, err = s.audit.Append(e)
	}
	if err != nil && s.warn != nil {
		s.warn(&UnrecordedError{JobID: e.JobID, Outcome: e.Outcome, Err: err})
	}
}

// UnrecordedError is an audit line that could not be written after the PUT
// was sent: the save (whatever its outcome) happened, but the log lacks how
// it ended. Callers must not report such a save as clean.
type UnrecordedError struct {
	JobID   string
	Outcome audit.Outcome
	Err     error
}

func (e *UnrecordedError) Error() string {
	return fmt.Sprintf("the save of job %s happened (%s), but its outcome is not in the audit log: %v", e.JobID, e.Outcome, e.Err)
}

func (e *UnrecordedError) Unwrap() error { return e.Err }

var errNoAuditLog = errors.New("there is no audit log")
