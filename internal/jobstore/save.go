package jobstore

import (
	"context"
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
//     have stored it. A clean error answer stays an *apiclient.APIError:
//     nothing was stored.
//   - After a success it reads the job back; a field sent that the server
//     does not show is a *model.NotAppliedError.
//
// To save over someone else's change (a merge, or overwriting theirs), call
// it again with base = StaleError.Current: the body is built from base, so
// their isEnabled, repositoryId and unknown fields are kept.
//
// Every call that gets as far as a valid edit appends one audit entry when
// the store has a log (WithAudit), whatever the outcome.
func (s *Store) SaveJob(ctx context.Context, base *model.Job, edit model.Settings) (*model.Job, error) {
	v := s.APIVersion()
	body, err := base.PutBody(edit, v)
	if err != nil {
		return nil, err
	}
	entry := audit.NewEntry(s.label, s.user, base, edit)
	entry.JobBefore = base.CarriedDocument(v)
	saved, outcome, err := s.save(ctx, base, body, v)
	if saved != nil {
		entry.ETagAfter = saved.ETag
		entry.JobAfter = saved.CarriedDocument(v)
	}
	entry.Outcome = outcome
	if err != nil {
		entry.Detail = err.Error()
	}
	s.record(entry)
	return saved, err
}

// save does the work of SaveJob and says how it ended for the audit log.
// The job read back is returned with a NotAppliedError too, for the log.
func (s *Store) save(ctx context.Context, base *model.Job, body []byte, v model.APIVersion) (*model.Job, audit.Outcome, error) {
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
	if err := s.client.UpdateJob(ctx, base.ID, body); err != nil {
		var ae *apiclient.APIError
		if errors.As(err, &ae) {
			return nil, audit.Failed, fmt.Errorf("saving %s: %w; nothing was saved", base.Label(), err)
		}
		return nil, audit.Unknown, &model.UnknownOutcomeError{Job: base, Err: err}
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
	if len(missing) > 0 {
		return saved, audit.NotApplied, &model.NotAppliedError{Saved: saved, Missing: missing}
	}
	return saved, audit.Saved, nil
}

func (s *Store) record(e audit.Entry) {
	if s.warn == nil && s.audit == nil {
		return // no audit wanted (tests, the demo)
	}
	err := errNoAuditLog
	if s.audit != nil {
		_, err = s.audit.Append(e)
	}
	if err != nil && s.warn != nil {
		s.warn(fmt.Errorf("the save of job %s is not in the audit log: %w", e.JobID, err))
	}
}

var errNoAuditLog = errors.New("there is no audit log")
