package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// CopyBackend is a Backend that also serves backup copy jobs (/vN/CopyJobs,
// API v6 and later); jobstore.Store is one. With it the list shows copy
// jobs after the backup jobs and the editor opens them; without it, or on a
// server before v6, the list has backup jobs only.
type CopyBackend interface {
	Backend
	ListCopyJobs(ctx context.Context) ([]*model.CopyJob, error)
	GetCopyJob(ctx context.Context, id string) (*model.CopyJob, error)
	SaveCopyJob(ctx context.Context, base *model.CopyJob, edit model.CopySettings) (*model.CopyJob, error)
}

// copyJobsLoadedMsg is the server's copy jobs, read after its backup jobs.
type copyJobsLoadedMsg struct {
	jobs []*model.CopyJob
	err  error
}

// copyBackend is the Backend as a CopyBackend when it serves copy jobs on
// its version, else nil.
func (m Model) copyBackend() CopyBackend {
	cb, ok := m.opts.Backend.(CopyBackend)
	if !ok || !cb.APIVersion().HasCopyJobs() {
		return nil
	}
	return cb
}

// loadCopyJobs reads the copy jobs, once the backup jobs are listed (their
// rows name their source backup job), or nothing without copy jobs.
func (m Model) loadCopyJobs() tea.Cmd {
	cb := m.copyBackend()
	if cb == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		jobs, err := cb.ListCopyJobs(ctx)
		return copyJobsLoadedMsg{jobs: jobs, err: err}
	}
}

// copyJobsLoaded puts the copy jobs in the list. While a reload is under
// way they are left out: the reload reads them again once its backup jobs
// are in.
func (m Model) copyJobsLoaded(msg copyJobsLoadedMsg) Model {
	if m.loading {
		return m
	}
	if msg.err != nil {
		m.loadErr = fmt.Errorf("the backup copy jobs could not be read: %w; r reads the list again", msg.err)
	}
	m.list.SetCopyJobs(msg.jobs)
	return m
}
