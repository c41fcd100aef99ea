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

// ListCopyJobs returns every backup copy job (none before v6). Copy jobs
// that do not decode are left out and reported together as *DecodeError
// values joined with errors.Join; the others are still returned.
func (s *Store) ListCopyJobs(ctx context.Context) ([]*model.CopyJob, error) {
	raws, err := s.client.ListCopyJobs(ctx)
	if err != nil {
		return nil, err
	}
	jobs := make([]*model.CopyJob, 0, len(raws))
	var errs []error
	for _, raw := range raws {
		j, err := model.DecodeCopyJob(raw)
		if err != nil {
			errs = append(errs, peekDecodeError(raw, err))
			continue
		}
		jobs = append(jobs, j)
	}
	return jobs, errors.Join(errs...)
}

// GetCopyJob reads one backup copy job.
func (s *Store) GetCopyJob(ctx context.Context, id string) (*model.CopyJob, error) {
	raw, err := s.client.GetCopyJob(ctx, id)
	if err != nil {
		return nil, err
	}
	return model.DecodeCopyJob(raw)
}

// SaveCopyJob saves edit, made to base, with SaveJob's checks: the copy job
// is read again and compared over everything the PUT carries
// (*model.CopyStaleError, nothing sent); a PUT without an answer is a
// *model.CopyUnknownOutcomeError; an error answer other than a 4xx refusal
// is settled by reading the copy job back; after success it is read back and
// a field sent that it does not show is a *model.CopyNotAppliedError. The
// audit log gets the same intent and outcome lines, with Kind "copy".
func (s *Store) SaveCopyJob(ctx context.Context, base *model.CopyJob, edit model.CopySettings) (*model.CopyJob, error) {
	v := s.APIVersion()
	body, err := base.PutBody(edit, v)
	if err != nil {
		return nil, err
	}
	entry := audit.Entry{
		Server: s.label, APIUser: s.user, Kind: audit.KindCopy,
		JobID: base.ID, JobName: base.Name, ETagBefore: base.ETag,
		Changes:      model.CopyChanges(base.Settings(), edit),
		PolicyBefore: policyOfCopy(base),
		JobBefore:    base.CarriedDocument(v),
	}
	var note string
	saved, outcome, err := s.saveCopyOnce(ctx, base, body, v, &entry, &note)
	var jobAfter json.RawMessage
	var eTagAfter, detail string
	if saved != nil {
		jobAfter, eTagAfter = saved.CarriedDocument(v), saved.ETag
	}
	if err != nil {
		detail = err.Error()
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

func policyOfCopy(j *model.CopyJob) json.RawMessage {
	var doc map[string]json.RawMessage
	_ = json.Unmarshal(j.Raw(), &doc)
	return doc["schedulePolicy"]
}

func (s *Store) saveCopyOnce(ctx context.Context, base *model.CopyJob, body []byte, v model.APIVersion, entry *audit.Entry, note *string) (*model.CopyJob, audit.Outcome, error) {
	current, err := s.GetCopyJob(ctx, base.ID)
	if err != nil {
		return nil, audit.NotSent, fmt.Errorf("reading %s again before saving: %w; nothing was sent", base.Label(), err)
	}
	if theirs := model.CompareCopyJobs(base, current, v); len(theirs) > 0 {
		return nil, audit.RefusedStale, &model.CopyStaleError{Base: base, Current: current, Theirs: theirs}
	}
	if err := ctx.Err(); err != nil {
		return nil, audit.NotSent, fmt.Errorf("saving %s: %w; nothing was sent", base.Label(), err)
	}
	if err := s.begin(entry); err != nil {
		return nil, audit.NotSent, err
	}
	if err := s.client.UpdateCopyJob(ctx, base.ID, body); err != nil {
		var ae *apiclient.APIError
		if !errors.As(err, &ae) {
			return nil, audit.Unknown, &model.CopyUnknownOutcomeError{Job: base, Err: err}
		}
		// As readBackAfterError: a 4xx but 408 is a refusal before storing.
		if ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != 408 {
			return nil, audit.Failed, fmt.Errorf("saving %s: %w; nothing was saved", base.Label(), err)
		}
		after, rerr := s.GetCopyJob(ctx, base.ID)
		if rerr != nil {
			return nil, audit.Unknown, &model.CopyUnknownOutcomeError{Job: base,
				Err: fmt.Errorf("the server answered %w, and reading the copy job back to see what it stored failed: %w", err, rerr)}
		}
		changed := len(model.CompareCopyJobs(base, after, v)) > 0
		if missing, uerr := model.UnappliedCopy(body, after); uerr == nil && len(missing) == 0 && changed {
			*note = fmt.Sprintf("the server answered the save of %s with an error (%v), but the copy job read back shows the change: it was saved", base.Label(), err)
			if s.warn != nil {
				s.warn(errors.New(*note))
			}
			return after, audit.Saved, nil
		}
		if !changed {
			return nil, audit.Failed, fmt.Errorf("saving %s: %w; the copy job read back is unchanged: nothing was saved", base.Label(), err)
		}
		return after, audit.Unknown, &model.CopyUnknownOutcomeError{Job: base,
			Err: fmt.Errorf("the server answered %w, and the copy job read back shows neither the change nor the state before it", err)}
	}
	saved, err := s.GetCopyJob(ctx, base.ID)
	if err != nil {
		return nil, audit.Unknown, &model.CopyUnknownOutcomeError{Job: base,
			Err: fmt.Errorf("the server accepted the PUT, but reading the copy job back failed: %w", err)}
	}
	missing, err := model.UnappliedCopy(body, saved)
	if err != nil {
		return saved, audit.Unknown, &model.CopyUnknownOutcomeError{Job: base, Err: err}
	}
	if len(missing) > 0 {
		return saved, audit.NotApplied, &model.CopyNotAppliedError{Saved: saved, Missing: missing}
	}
	return saved, audit.Saved, nil
}
