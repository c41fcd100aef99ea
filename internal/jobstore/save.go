package jobstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vbosched/vbosched/apiclient"
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
	body, err := base.PutBody(edit, v)
	if err != nil {
		return nil, err
	}
	entry := audit.NewEntry(s.label, s.user, base, edit)
	entry.JobBefore = base.CarriedDocument(v)
	var enable *bool
	if edit.IsEnabled != base.IsEnabled && !v.EnabledInPut() {
		enable = &edit.IsEnabled
	}
	saved, outcome, note, err := s.save(ctx, base, body, enable, v, &entry)
	var jobAfter json.RawMessage
	if saved != nil {
		jobAfter = saved.CarriedDocument(v)
	}
	var detail string
	if err != nil {
		detail = err.Error()
	}
	var eTagAfter string
	if saved != nil {
		eTagAfter = saved.ETag
	}
	if note != "" {
		detail = note
	}
	if entry.SaveID != "" {
		s.record(audit.OutcomeOf(entry, outcome, detail, eTagAfter, jobAfter))
	} else if !errors.Is(err, errAuditRefused) {
		entry.Outcome, entry.Detail, entry.ETagAfter, entry.JobAfter = outcome, detail, eTagAfter, jobAfter
		s.record(entry)
	}
	return saved, err
}

// save does the work of SaveJob and says how it ended for the audit log.
// The job read back is returned with a NotAppliedError too, for the log.
// entry gets its SaveID once its intent line is written.
// note is set when the save stood although the server answered an error.
func (s *Store) save(ctx context.Context, base *model.Job, body []byte, enable *bool, v model.APIVersion, entry *audit.Entry) (saved *model.Job, outcome audit.Outcome, note string, err error) {
	saved, outcome, err = s.saveOnce(ctx, base, body, enable, v, entry, &note)
	return saved, outcome, note, err
}

// enable, when not nil, is the switch to set with the Action endpoint after
// the PUT (before v6).
func (s *Store) saveOnce(ctx context.Context, base *model.Job, body []byte, enable *bool, v model.APIVersion, entry *audit.Entry, note *string) (*model.Job, audit.Outcome, error) {
	current, err := s.GetJob(ctx, base.ID)
	if err != nil {
		return nil, audit.NotSent, fmt.Errorf("reading %s again before saving: %w; nothing was sent", base.Label(), err)
	}
	if theirs := model.CompareJobs(base, current, v); len(theirs) > 0 {
		return nil, audit.RefusedStale, &model.StaleError{Base: base, Current: current, Theirs: theirs}
	}
	if err := ctx.Err(); err != nil { // cancelled during the read: still nothing sent
		return nil, audit.NotSent, fmt.Errorf("saving %s: %w; nothing was sent", base.Label(), err)
	}
	if err := s.begin(entry); err != nil {
		return nil, audit.NotSent, err
	}
	if err := s.client.UpdateJob(ctx, base.ID, body); err != nil {
		var ae *apiclient.APIError
		if errors.As(err, &ae) {
			saved, outcome, err := s.readBackAfterError(ctx, base, body, v, ae, err, note)
			if err == nil && enable != nil && saved.IsEnabled != *enable {
				// The PUT stood despite its error answer; the action was
				// never sent.
				return saved, audit.NotApplied, &model.NotAppliedError{Saved: saved, Missing: []model.FieldChange{
					{Field: model.FieldIsEnabled, Old: fmt.Sprint(*enable), New: fmt.Sprint(saved.IsEnabled) + " (not sent: the PUT before it answered an error)"}}}
			}
			return saved, outcome, err
		}
		return nil, audit.Unknown, &model.UnknownOutcomeError{Job: base, Err: err}
	}
	var actionErr error
	if enable != nil {
		// The schedule is stored; whatever the action's answer, the
		// read-back below says whether the switch is.
		actionErr = s.client.SetJobEnabled(ctx, base.ID, *enable)
	}
	saved, err := s.GetJob(ctx, base.ID)
	if err != nil {
		// The server said yes, but without the read-back nobody can say
		// what it stored.
		return nil, audit.Unknown, &model.UnknownOutcomeError{Job: base,
			Err: fmt.Errorf("the server accepted the PUT, but reading the job back failed: %w", err)}
	}
	missing, err := model.Unapplied(body, saved)
	if err != nil {
		return saved, audit.Unknown, &model.UnknownOutcomeError{Job: base, Err: err}
	}
	if enable != nil && saved.IsEnabled != *enable {
		c := model.FieldChange{Field: model.FieldIsEnabled, Old: fmt.Sprint(*enable), New: fmt.Sprint(saved.IsEnabled)}
		if actionErr != nil {
			c.New += fmt.Sprintf(" (the %s action answered: %v)", model.EnabledWords(*enable), actionErr)
		}
		missing = append(missing, c)
	}
	if len(missing) > 0 {
		return saved, audit.NotApplied, &model.NotAppliedError{Saved: saved, Missing: missing}
	}
	return saved, audit.Saved, nil
}

// readBackAfterError decides what an error answer to the PUT means by what
// the server shows. A 4xx other than 408 is taken at its word without a
// read-back: the server (or a proxy in front of it) refused the request
// before acting on it, and the vendor's validation answers (400
// ParameterValidationFailure, 409, 422) are of this kind. Anything else
// (5xx, 408, an odd status) may come after the write:
//   - the job shows every field sent: saved, with a note that the server
//     answered an error (the store's warn hook and the audit Detail);
//   - the job is still exactly base: not saved, the APIError as it came;
//   - anything else, or the read-back failing: unknown.
func (s *Store) readBackAfterError(ctx context.Context, base *model.Job, body []byte, v model.APIVersion, ae *apiclient.APIError, err error, note *string) (*model.Job, audit.Outcome, error) {
	if ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != 408 {
		return nil, audit.Failed, fmt.Errorf("saving %s: %w; nothing was saved", base.Label(), err)
	}
	after, rerr := s.GetJob(ctx, base.ID)
	if rerr != nil {
		return nil, audit.Unknown, &model.UnknownOutcomeError{Job: base,
			Err: fmt.Errorf("the server answered %w, and reading the job back to see what it stored failed: %w", err, rerr)}
	}
	if missing, uerr := model.Unapplied(body, after); uerr == nil && len(missing) == 0 && len(model.CompareJobs(base, after, v)) > 0 {
		*note = fmt.Sprintf("the server answered the save of %s with an error (%v), but the job read back shows the change: it was saved", base.Label(), err)
		if s.warn != nil {
			s.warn(errors.New(*note))
		}
		return after, audit.Saved, nil
	}
	if len(model.CompareJobs(base, after, v)) == 0 {
		return nil, audit.Failed, fmt.Errorf("saving %s: %w; the job read back is unchanged: nothing was saved", base.Label(), err)
	}
	return after, audit.Unknown, &model.UnknownOutcomeError{Job: base,
		Err: fmt.Errorf("the server answered %w, and the job read back shows neither the change nor the state before it", err)}
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
