package jobstore

import (
	"context"
	"encoding/json"
	"errors"

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
	return saveOne(ctx, s, copyKind, &saving[*model.CopyJob]{base: base, body: body, entry: copyEntry(s, base, edit, v)}, v)
}

// copyEntry is the audit entry of a copy job's save, before it is sent.
func copyEntry(s *Store, base *model.CopyJob, edit model.CopySettings, v model.APIVersion) audit.Entry {
	return audit.Entry{
		Server: s.label, APIUser: s.user, Kind: audit.KindCopy,
		JobID: base.ID, JobName: base.Name, ETagBefore: base.ETag,
		Changes:      model.CopyChanges(base.Settings(), edit),
		PolicyBefore: policyOfCopy(base),
		JobBefore:    base.CarriedDocument(v),
	}
}

func policyOfCopy(j *model.CopyJob) json.RawMessage {
	var doc map[string]json.RawMessage
	_ = json.Unmarshal(j.Raw(), &doc)
	return doc["schedulePolicy"]
}
