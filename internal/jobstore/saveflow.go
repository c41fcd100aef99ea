package jobstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/model"
)

// The save of either kind of job (backup jobs and backup copy jobs) is one
// flow: read again and compare, write the audit intent, PUT, read back and
// compare, write the audit outcome. A kind holds what differs between the
// two: how to read and write one, compare it, and the error types its
// callers tell apart. J is *model.Job or *model.CopyJob.
type kind[J savable] struct {
	noun       string // "job", "copy job": in messages
	id, eTag   func(J) string
	get        func(ctx context.Context, s *Store, id string) (J, error)
	put        func(ctx context.Context, s *Store, id string, body []byte) error
	compare    func(base, current J, v model.APIVersion) []model.FieldChange
	unapplied  func(body []byte, saved J) ([]model.FieldChange, error)
	stale      func(base, current J, theirs []model.FieldChange) error
	notApplied func(saved J, missing []model.FieldChange) error
	unknown    func(base J, err error) error
	// setEnabled and enabled are the Action endpoint that switches a job on
	// or off where the PUT does not carry the switch (backup jobs before
	// v6), and the switch as read; nil for a kind that has none.
	setEnabled func(ctx context.Context, s *Store, id string, enable bool) error
	enabled    func(J) bool
	// pages lists every job of the kind, a page at a time, for the bulk
	// read-back (bulk.go). Jobs that do not decode are left out: they are
	// read back one by one.
	pages func(ctx context.Context, s *Store, each func([]J) error) error
}

var backupKind = &kind[*model.Job]{
	noun: "job",
	id:   func(j *model.Job) string { return j.ID },
	eTag: func(j *model.Job) string { return j.ETag },
	get:  func(ctx context.Context, s *Store, id string) (*model.Job, error) { return s.GetJob(ctx, id) },
	put: func(ctx context.Context, s *Store, id string, body []byte) error {
		return s.client.UpdateJob(ctx, id, body)
	},
	compare:   model.CompareJobs,
	unapplied: model.Unapplied,
	stale: func(base, current *model.Job, theirs []model.FieldChange) error {
		return &model.StaleError{Base: base, Current: current, Theirs: theirs}
	},
	notApplied: func(saved *model.Job, missing []model.FieldChange) error {
		return &model.NotAppliedError{Saved: saved, Missing: missing}
	},
	unknown: func(base *model.Job, err error) error { return &model.UnknownOutcomeError{Job: base, Err: err} },
	setEnabled: func(ctx context.Context, s *Store, id string, enable bool) error {
		return s.client.SetJobEnabled(ctx, id, enable)
	},
	enabled: func(j *model.Job) bool { return j.IsEnabled },
	pages: func(ctx context.Context, s *Store, each func([]*model.Job) error) error {
		return s.ListJobPages(ctx, func(jobs []*model.Job, _ error) error { return each(jobs) })
	},
}

var copyKind = &kind[*model.CopyJob]{
	noun: "copy job",
	id:   func(j *model.CopyJob) string { return j.ID },
	eTag: func(j *model.CopyJob) string { return j.ETag },
	get:  func(ctx context.Context, s *Store, id string) (*model.CopyJob, error) { return s.GetCopyJob(ctx, id) },
	put: func(ctx context.Context, s *Store, id string, body []byte) error {
		return s.client.UpdateCopyJob(ctx, id, body)
	},
	compare:   model.CompareCopyJobs,
	unapplied: model.UnappliedCopy,
	stale: func(base, current *model.CopyJob, theirs []model.FieldChange) error {
		return &model.CopyStaleError{Base: base, Current: current, Theirs: theirs}
	},
	notApplied: func(saved *model.CopyJob, missing []model.FieldChange) error {
		return &model.CopyNotAppliedError{Saved: saved, Missing: missing}
	},
	unknown: func(base *model.CopyJob, err error) error { return &model.CopyUnknownOutcomeError{Job: base, Err: err} },
	pages: func(ctx context.Context, s *Store, each func([]*model.CopyJob) error) error {
		jobs, err := s.ListCopyJobs(ctx)
		if err != nil && len(jobs) == 0 {
			return err
		}
		return each(jobs) // jobs that did not decode are read back one by one
	},
}

// savable is what the flow needs of a job of either kind.
type savable interface {
	comparable
	Label() string
	CarriedDocument(model.APIVersion) json.RawMessage
}

// saving is one save on its way: what is sent, its audit entry, and how it
// ended so far.
type saving[J comparable] struct {
	base  J
	body  []byte
	entry audit.Entry
	// note is set when the save stood although the server answered an
	// error; it replaces the audit Detail.
	note string
	// enable, when not nil, is the switch to set with the kind's Action
	// endpoint after the PUT (backup jobs before v6); actionErr is that
	// action's error, told with the read-back when the switch did not take.
	enable    *bool
	actionErr error
	// The outcome, once known.
	saved   J
	outcome audit.Outcome
	err     error
}

// saveOne is the whole save of one job: send, read back, record.
func saveOne[J savable](ctx context.Context, s *Store, k *kind[J], sv *saving[J], v model.APIVersion) (J, error) {
	if k.send(ctx, s, sv, v) {
		rctx, done := settleContext(ctx)
		after, err := k.get(rctx, s, k.id(sv.base))
		done()
		k.confirm(sv, after, err)
	}
	k.finish(s, sv, v)
	return sv.saved, sv.err
}

// send reads the job again, refuses a stale edit, writes the audit intent
// and PUTs the body. It returns true when the server accepted the PUT and
// the job must be read back (confirm); otherwise sv holds the outcome.
func (k *kind[J]) send(ctx context.Context, s *Store, sv *saving[J], v model.APIVersion) (accepted bool) {
	base := sv.base
	current, err := k.get(ctx, s, k.id(base))
	if err != nil {
		sv.outcome, sv.err = audit.NotSent, &model.NotSentError{Err: fmt.Errorf("reading %s again before saving: %w", base.Label(), err)}
		return false
	}
	if theirs := k.compare(base, current, v); len(theirs) > 0 {
		sv.outcome, sv.err = audit.RefusedStale, k.stale(base, current, theirs)
		return false
	}
	if err := ctx.Err(); err != nil { // cancelled during the read: still nothing sent
		sv.outcome, sv.err = audit.NotSent, &model.NotSentError{Err: fmt.Errorf("saving %s: %w", base.Label(), err)}
		return false
	}
	if err := s.begin(&sv.entry); err != nil {
		sv.outcome, sv.err = audit.NotSent, err
		return false
	}
	if sv.enable != nil {
		if edits, err := k.unapplied(sv.body, base); err == nil && len(edits) == 0 {
			// Only the switch changes (before v6): the PUT would re-write
			// every field as read for nothing, so only the action is sent;
			// the read-back says whether it took.
			sv.actionErr = k.setEnabled(ctx, s, k.id(base), *sv.enable)
			return true
		}
	}
	// From here the save is under way: a ctrl+c lets the PUT in flight be
	// answered and settled (within settleGrace) rather than cut it off
	// with its outcome unknown.
	ctx, done := settleContext(ctx)
	defer done()
	if err := k.put(ctx, s, k.id(base), sv.body); err != nil {
		var ae *apiclient.APIError
		if errors.As(err, &ae) {
			k.readBackAfterError(ctx, s, sv, v, ae, err)
		} else {
			sv.outcome, sv.err = audit.Unknown, k.unknown(base, err)
		}
		return false
	}
	if sv.enable != nil {
		// The schedule is stored; whatever the action's answer, the
		// read-back says whether the switch is.
		sv.actionErr = k.setEnabled(ctx, s, k.id(base), *sv.enable)
	}
	return true
}

// settleGrace is how long a PUT already sent, and the reads that settle
// it (the read-back), may still take once ctx is cancelled (ctrl+c in the
// middle of a bulk save): long enough to hear the answer and read back what
// the server stored, short enough that the command still ends soon.
var settleGrace = 10 * time.Second

// settleContext is ctx for settling a PUT the server has answered or may
// have acted on: cancelling ctx does not cancel it at once, only
// settleGrace later, so an interrupted save still finds out what it stored
// instead of reporting every answered PUT as unknown. done releases it.
func settleContext(ctx context.Context) (rctx context.Context, done func()) {
	rctx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.NewTimer(settleGrace)
		defer t.Stop()
		select {
		case <-t.C:
			cancel(fmt.Errorf("interrupted (%w), and the read-back did not end within %s", context.Cause(ctx), settleGrace))
		case <-rctx.Done():
		}
	})
	return rctx, func() { stop(); cancel(nil) }
}

// readBack splits what the job read back after a save (after) shows:
// saved, the fields this save edited that show (as read → as saved);
// missing, those that do not (sent → shown); theirs, fields the save did
// not edit (sent as read) that the server shows otherwise: someone else
// changed them after the check before the save. The switch sent with the
// action (before v6) counts as an edited field when withSwitch.
func (k *kind[J]) readBack(sv *saving[J], after J, withSwitch bool) (saved, missing, theirs []model.FieldChange, err error) {
	shown, err := k.unapplied(sv.body, after)
	if err != nil {
		return nil, nil, nil, err
	}
	// The fields edited are those the body sends otherwise than as read.
	edits, err := k.unapplied(sv.body, sv.base)
	if err != nil {
		return nil, nil, nil, err
	}
	edited := make(map[string]bool, len(edits))
	for _, c := range edits {
		edited[c.Field] = true
	}
	notShown := make(map[string]bool, len(shown))
	for _, c := range shown {
		notShown[c.Field] = true
		if edited[c.Field] {
			missing = append(missing, c)
		} else {
			theirs = append(theirs, c)
		}
	}
	for _, c := range edits {
		if !notShown[c.Field] {
			saved = append(saved, model.FieldChange{Field: c.Field, Old: c.New, New: c.Old})
		}
	}
	if withSwitch && sv.enable != nil {
		want, got := *sv.enable, k.enabled(after)
		if got == want {
			saved = append(saved, model.FieldChange{Field: model.FieldIsEnabled, Old: fmt.Sprint(!want), New: fmt.Sprint(want)})
		} else {
			c := model.FieldChange{Field: model.FieldIsEnabled, Old: fmt.Sprint(want), New: fmt.Sprint(got)}
			if sv.actionErr != nil {
				c.New += fmt.Sprintf(" (the %s action answered: %v)", model.EnabledWords(want), sv.actionErr)
			}
			missing = append(missing, c)
		}
	}
	return saved, missing, theirs, nil
}

// confirm settles a PUT the server accepted by the job as read back (after),
// or by the failure to read it (err).
func (k *kind[J]) confirm(sv *saving[J], after J, err error) {
	var none J
	if err != nil {
		// The server said yes, but without the read-back nobody can say
		// what it stored: the audit outcome is unknown, and the error says
		// the PUT was answered.
		sv.saved, sv.outcome, sv.err = none, audit.Unknown, &model.NotReadBackError{Label: sv.base.Label(), Noun: k.noun, Err: err, Unknown: k.unknown(sv.base, err)}
		return
	}
	sv.saved = after
	saved, missing, theirs, err := k.readBack(sv, after, true)
	label := sv.base.Label()
	switch {
	case err != nil:
		sv.outcome, sv.err = audit.Unknown, k.unknown(sv.base, err)
	case len(missing) == 0 && len(theirs) == 0:
		sv.outcome, sv.err = audit.Saved, nil
	case len(missing) == 0:
		sv.outcome, sv.err = audit.Saved, &model.ChangedSinceError{Label: label, Theirs: theirs}
	case len(saved) > 0 && sv.enable != nil:
		// The PUT and the action are two requests: one landed.
		sv.outcome, sv.err = audit.PartlySaved, &model.PartlySavedError{Label: label, ID: k.id(sv.base), Saved: saved, Missing: missing, Theirs: theirs}
	case sv.actionErr != nil && len(missing) == 1 && missing[0].Field == model.FieldIsEnabled:
		// Only the switch was edited, and its action was refused: the
		// server said no, and the job shows it.
		sv.outcome, sv.err = audit.Failed, fmt.Errorf("saving %s: the %s action answered: %w; the %s read back still shows %s %s: nothing was saved",
			label, model.EnabledWords(*sv.enable), sv.actionErr, k.noun, model.FieldIsEnabled, fmt.Sprint(k.enabled(after)))
		sv.saved = none
	default:
		sv.outcome, sv.err = audit.NotApplied, k.notApplied(after, missing)
	}
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
func (k *kind[J]) readBackAfterError(ctx context.Context, s *Store, sv *saving[J], v model.APIVersion, ae *apiclient.APIError, err error) {
	base := sv.base
	if ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != 408 {
		sv.outcome, sv.err = audit.Failed, fmt.Errorf("saving %s: %w; nothing was saved", base.Label(), err)
		return
	}
	after, rerr := k.get(ctx, s, k.id(base))
	if rerr != nil {
		sv.outcome, sv.err = audit.Unknown, k.unknown(base,
			fmt.Errorf("the server answered %w, and reading the %s back to see what it stored failed: %w", err, k.noun, rerr))
		return
	}
	changed := len(k.compare(base, after, v)) > 0
	if saved, missing, theirs, uerr := k.readBack(sv, after, false); uerr == nil && len(missing) == 0 && changed {
		if sv.enable != nil && k.enabled(after) != *sv.enable {
			// The PUT stood despite its error answer; the action was
			// never sent.
			notSent := []model.FieldChange{{Field: model.FieldIsEnabled, Old: fmt.Sprint(*sv.enable),
				New: fmt.Sprint(k.enabled(after)) + " (not sent: the PUT before it answered an error)"}}
			sv.saved, sv.outcome, sv.err = after, audit.PartlySaved, &model.PartlySavedError{Label: base.Label(), ID: k.id(base), Saved: saved, Missing: notSent, Theirs: theirs}
			return
		}
		sv.note = fmt.Sprintf("the server answered the save of %s with an error (%v), but the %s read back shows the change: it was saved", base.Label(), err, k.noun)
		if len(theirs) > 0 {
			sv.note += "; " + (&model.ChangedSinceError{Theirs: theirs}).Note()
		}
		if s.warn != nil {
			s.warn(errors.New(sv.note))
		}
		sv.saved, sv.outcome, sv.err = after, audit.Saved, nil
		return
	}
	if !changed {
		sv.outcome, sv.err = audit.Failed, fmt.Errorf("saving %s: %w; the %s read back is unchanged: nothing was saved", base.Label(), err, k.noun)
		return
	}
	sv.saved, sv.outcome, sv.err = after, audit.Unknown, k.unknown(base,
		fmt.Errorf("the server answered %w, and the %s read back shows neither the change nor the state before it", err, k.noun))
}

// finish writes the save's outcome line: after an intent line, its outcome;
// a save that ended before the PUT, one line for the whole of it (none when
// the audit log itself refused the save).
func (k *kind[J]) finish(s *Store, sv *saving[J], v model.APIVersion) {
	var none J
	var jobAfter json.RawMessage
	var eTagAfter, detail string
	if sv.saved != none {
		jobAfter, eTagAfter = sv.saved.CarriedDocument(v), k.eTag(sv.saved)
	}
	if sv.err != nil {
		detail = sv.err.Error()
	}
	if sv.note != "" {
		detail = sv.note
	}
	entry := sv.entry
	if entry.SaveID != "" {
		s.record(audit.OutcomeOf(entry, sv.outcome, detail, eTagAfter, jobAfter))
	} else if !errors.Is(sv.err, errAuditRefused) {
		entry.Outcome, entry.Detail, entry.ETagAfter, entry.JobAfter = sv.outcome, detail, eTagAfter, jobAfter
		s.record(entry)
	}
}
