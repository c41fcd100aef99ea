// Package jobstore gives the TUI and the commands model-level operations on
// a server's jobs: list, read, save and start, on top of apiclient. Saving
// reads the job again first and refuses to overwrite a change someone else
// made since it was read.
package jobstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/model"
)

// Store reads and writes the jobs of one server.
type Store struct {
	client *apiclient.Client
	label  string
	orgs   orgNames
}

// New wraps a client; label names the server in the UI ("DEMO", a host).
func New(client *apiclient.Client, label string) *Store {
	return &Store{client: client, label: label}
}

// Label names the server for people.
func (s *Store) Label() string { return s.label }

// APIVersion is the version in use (known after the first call).
func (s *Store) APIVersion() model.APIVersion { return model.APIVersion(s.client.APIVersion()) }

// DecodeError is a job the server sent that vbosched cannot read exactly.
type DecodeError struct{ Err error }

func (e *DecodeError) Error() string { return e.Err.Error() }
func (e *DecodeError) Unwrap() error { return e.Err }

// ListJobs returns every job. A job with values vbosched does not know is
// listed, with model.Job.Problems saying what. Jobs that do not decode at
// all (a string where a number belongs) are left out and
// reported together in the error, which is then a *DecodeError list joined
// with errors.Join; the jobs that did decode are still returned.
func (s *Store) ListJobs(ctx context.Context) ([]*model.Job, error) {
	raws, err := s.client.ListJobs(ctx)
	if err != nil {
		return nil, err
	}
	jobs := make([]*model.Job, 0, len(raws))
	var errs []error
	for _, raw := range raws {
		j, err := model.DecodeJob(raw)
		if err != nil {
			errs = append(errs, &DecodeError{err})
			continue
		}
		jobs = append(jobs, j)
	}
	return jobs, errors.Join(errs...)
}

// GetJob reads one job.
func (s *Store) GetJob(ctx context.Context, id string) (*model.Job, error) {
	raw, err := s.client.GetJob(ctx, id)
	if err != nil {
		return nil, err
	}
	return model.DecodeJob(raw)
}

// ConflictError says the job changed on the server since it was read.
type ConflictError struct {
	Job     *model.Job // as read before the edit
	Current *model.Job // as the server has it now
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s was changed on the server since it was read; nothing was sent (reload it and apply your edit again)", e.Job.Label())
}

// SaveJob sends the edit of job (as read) and returns the job read back.
// It reads the job again first: if the server's copy changed meanwhile it
// returns a *ConflictError and sends nothing.
func (s *Store) SaveJob(ctx context.Context, job *model.Job, edit model.Settings) (*model.Job, error) {
	body, err := job.PutBody(edit, s.APIVersion())
	if err != nil {
		return nil, err
	}
	current, err := s.GetJob(ctx, job.ID)
	if err != nil {
		return nil, fmt.Errorf("reading %s again before saving: %w", job.Label(), err)
	}
	if !job.SameSettings(current) {
		return nil, &ConflictError{Job: job, Current: current}
	}
	if err := s.client.UpdateJob(ctx, job.ID, body); err != nil {
		return nil, fmt.Errorf("saving %s: %w", job.Label(), err)
	}
	saved, err := s.GetJob(ctx, job.ID)
	if err != nil {
		return nil, fmt.Errorf("%s was saved, but reading it back failed: %w", job.Label(), err)
	}
	return saved, nil
}

// StartJob starts a job now.
func (s *Store) StartJob(ctx context.Context, id string) error { return s.client.StartJob(ctx, id) }

// OrganizationName returns the organization's name, or a short form of its
// id when the names cannot be had (they are for display only). Names are
// read from the server once; after a failure the next call asks again.
func (s *Store) OrganizationName(ctx context.Context, id string) string {
	names, _ := s.orgs.get(ctx, s.client)
	if name, ok := names[strings.ToLower(id)]; ok {
		return name
	}
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}
