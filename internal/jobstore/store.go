// Package jobstore gives the TUI and the commands model-level operations on
// a server's jobs: list, read, save and start, on top of apiclient. Saving
// reads the job again first and refuses to overwrite a change someone else
// made since it was read, reads it back afterwards to see that the server
// shows what was sent, and writes an audit entry either way (save.go).
package jobstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/model"
)

// Store reads and writes the jobs of one server.
type Store struct {
	client *apiclient.Client
	label  string
	orgs   *orgNames // shared by the copies WithUser makes
	// lookups are the repositories and proxies (lookups.go), shared too.
	lookups *lookups
	audit   *audit.Log
	user    string // the API user, for the audit log
	warn    func(error)
	// hosted: the store saves for people who cannot change how it was
	// started (vbosched serve's SSH operators): an audit log that fails is
	// told to them without host paths or flags (AuditError.Hosted).
	hosted bool
	mode   *auditMode // shared by the copies WithUser makes, like the log
}

// auditMode remembers that the audit log's permissions were checked: one
// warning a process, not one a save.
type auditMode struct {
	mu      sync.Mutex
	checked bool
}

// Option configures a Store.
type Option func(*Store)

// WithAudit makes every save append an entry to log, naming apiUser as who
// saved. warn receives an audit write that failed: the save itself stands,
// so the failure must not replace its outcome, but it must not go unseen.
// With a nil log every save is reported to warn as not audited.
func WithAudit(log *audit.Log, apiUser string, warn func(error)) Option {
	return func(s *Store) { s.audit, s.user, s.warn = log, apiUser, warn }
}

// New wraps a client; label names the server in the UI ("DEMO", a host).
func New(client *apiclient.Client, label string, opts ...Option) *Store {
	s := &Store{client: client, label: label, orgs: &orgNames{}, lookups: newLookups(client), mode: &auditMode{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// WithUser is a view of the store whose saves are audited as user's: the
// same client, session, audit log and organization names, another "who".
// vbosched serve gives each SSH key one, over the one logged-in client.
func (s *Store) WithUser(user string) *Store {
	c := *s
	c.user = user
	return &c
}

// Hosted returns a copy of the store that saves for people who cannot
// change how it was started (vbosched serve's SSH operators): a save its
// audit log refuses tells them to ask the admin, not to pass flags; the
// error still carries the file and the cause (AuditError.Err) for the
// host's own log.
func (s *Store) Hosted() *Store {
	c := *s
	c.hosted = true
	return &c
}

// Label names the server for people.
func (s *Store) Label() string { return s.label }

// APIVersion is the version in use (known after the first call).
func (s *Store) APIVersion() model.APIVersion { return model.APIVersion(s.client.APIVersion()) }

// DecodeError is a job the server sent that vbosched cannot read exactly.
// ID, Name and OrganizationID are what could still be read of it (each ""
// when it could not), so a selection can tell whether the job might be in
// it and a report can name it.
type DecodeError struct {
	Err                      error
	ID, Name, OrganizationID string
}

// peekDecodeError reads what it can of a job that does not decode.
func peekDecodeError(raw json.RawMessage, err error) *DecodeError {
	de := &DecodeError{Err: err}
	var doc struct {
		ID             any `json:"id"`
		Name           any `json:"name"`
		OrganizationID any `json:"organizationId"`
	}
	if json.Unmarshal(raw, &doc) == nil {
		de.ID, _ = doc.ID.(string)
		de.Name, _ = doc.Name.(string)
		de.OrganizationID, _ = doc.OrganizationID.(string)
	}
	return de
}

func (e *DecodeError) Error() string { return e.Err.Error() }

// UnreadableJob names the job as far as it could be read, for the editor's
// list (ui.UnreadableJob), which shows it as a marked row.
func (e *DecodeError) UnreadableJob() (id, name, organizationID string) {
	return e.ID, e.Name, e.OrganizationID
}
func (e *DecodeError) Unwrap() error { return e.Err }

// ListJobs returns every job. A job with values vbosched does not know is
// listed, with model.Job.Problems saying what. Jobs that do not decode at
// all (a string where a number belongs) are left out and
// reported together in the error, which is then a *DecodeError list joined
// with errors.Join; the jobs that did decode are still returned.
func (s *Store) ListJobs(ctx context.Context) ([]*model.Job, error) {
	var jobs []*model.Job
	var errs []error
	err := s.ListJobPages(ctx, func(page []*model.Job, unreadable error) error {
		jobs = append(jobs, page...)
		if unreadable != nil {
			errs = append(errs, unreadable)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return jobs, errors.Join(errs...)
}

// ListJobPages calls each with every page of jobs as it arrives, in the
// server's order, so a list can be shown before the last page is read and
// a command need not hold every document at once. Jobs of a page that do
// not decode are left out of it and reported in unreadable (*DecodeError
// values joined with errors.Join). An error from each stops the listing and
// is returned; so is a failure to list.
func (s *Store) ListJobPages(ctx context.Context, each func(jobs []*model.Job, unreadable error) error) error {
	return s.client.ListJobPages(ctx, func(raws []json.RawMessage) error {
		jobs := make([]*model.Job, 0, len(raws))
		var errs []error
		for _, raw := range raws {
			j, err := model.DecodeJob(raw)
			if err != nil {
				errs = append(errs, peekDecodeError(raw, err))
				continue
			}
			jobs = append(jobs, j)
		}
		return each(jobs, errors.Join(errs...))
	})
}

// GetJob reads one job.
func (s *Store) GetJob(ctx context.Context, id string) (*model.Job, error) {
	raw, err := s.client.GetJob(ctx, id)
	if err != nil {
		return nil, err
	}
	return model.DecodeJob(raw)
}

// JobByID reads the job ref names when ref is a job id the server has: one
// GET /Jobs/{id}, no list, however many jobs the server holds. ok is false
// when ref is not shaped like an id or no job has it; the caller then looks
// ref up by name in the list.
func (s *Store) JobByID(ctx context.Context, ref string) (job *model.Job, ok bool, err error) {
	if !model.LooksLikeJobID(ref) {
		return nil, false, nil
	}
	raw, err := s.client.GetJob(ctx, ref)
	if apiclient.IsNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	j, err := model.DecodeJob(raw)
	if err != nil {
		return nil, false, peekDecodeError(raw, fmt.Errorf("job %s: %w", model.SafeText(ref), err))
	}
	return j, true, nil
}

// LookupOrganization returns the organization's name as the server has
// it, and false when the names cannot be had: for output where a name must
// be a name (jobs --json), never a short form of the id.
func (s *Store) LookupOrganization(ctx context.Context, id string) (string, bool) {
	names, _ := s.orgs.get(ctx, s.client)
	name, ok := names[strings.ToLower(id)]
	return name, ok
}

// StartJob starts a job now.
func (s *Store) StartJob(ctx context.Context, id string) error { return s.client.StartJob(ctx, id) }

// StartCopyJob starts a backup copy job now.
func (s *Store) StartCopyJob(ctx context.Context, id string) error {
	return s.client.StartCopyJob(ctx, id)
}

// OrganizationName returns the organization's name, or a short form of its
// id when the names cannot be had (they are for display only). Names are
// read from the server once; after a failure the next call asks again.
func (s *Store) OrganizationName(ctx context.Context, id string) string {
	if name, ok := s.LookupOrganization(ctx, id); ok {
		return name
	}
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}
