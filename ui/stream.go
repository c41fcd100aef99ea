package ui

import (
	"context"
	"errors"
	"maps"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// PagedBackend is a Backend that can hand the jobs over page by page as
// the server sends them (jobstore.Store does). The list then shows the
// first page at once and fills in the rest, which with thousands of jobs is
// the difference between a second and many; a Backend without it is
// listed in one piece with ListJobs.
type PagedBackend interface {
	Backend
	// ListJobPages calls each with every page of jobs in the server's
	// order; unreadable reports the jobs of that page that were left out.
	ListJobPages(ctx context.Context, each func(jobs []*model.Job, unreadable error) error) error
}

// jobsPageMsg is one page of a listing that arrived. The messages of one
// listing share a stream; next waits for the following one.
type jobsPageMsg struct {
	stream *pageStream
	jobs   []*model.Job
	bad    []UnreadableJob   // the page's jobs that could not be read: rows, marked
	orgs   map[string]string // every organization named so far; a new map each time
	first  bool              // the listing's first message: its jobs replace the list's
	done   bool              // the last message; err is then the listing's outcome
	err    error
	next   tea.Cmd
}

// pageStream carries one listing's pages from the goroutine reading them
// to Update, one message at a time.
type pageStream struct{ ch chan jobsPageMsg }

func (s *pageStream) wait() tea.Msg {
	msg := <-s.ch
	if !msg.done {
		msg.next = s.wait
	}
	return msg
}

// streamJobs lists b's jobs in the background, a message per page.
func streamJobs(b PagedBackend) tea.Cmd {
	return func() tea.Msg {
		// A buffer of one: the next page is read while this one is shown,
		// and no further, so pages do not pile up in memory.
		s := &pageStream{ch: make(chan jobsPageMsg, 1)}
		go s.run(b)
		return s.wait()
	}
}

func (s *pageStream) run(b PagedBackend) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	orgs := map[string]string{}
	var unreadable []error
	pages := 0
	err := b.ListJobPages(ctx, func(jobs []*model.Job, bad error) error {
		named := len(orgs)
		for _, j := range jobs {
			if _, ok := orgs[j.OrganizationID]; !ok {
				orgs[j.OrganizationID] = b.OrganizationName(ctx, j.OrganizationID)
			}
		}
		unreadableJobs, other := splitUnreadable(bad)
		if other != nil {
			unreadable = append(unreadable, other)
		}
		for _, u := range unreadableJobs {
			if _, _, org := u.UnreadableJob(); org != "" {
				if _, ok := orgs[org]; !ok {
					orgs[org] = b.OrganizationName(ctx, org)
				}
			}
		}
		msg := jobsPageMsg{stream: s, jobs: jobs, bad: unreadableJobs, first: pages == 0}
		if pages == 0 || len(orgs) != named {
			msg.orgs = maps.Clone(orgs) // the list keeps it: never written again here
		}
		pages++
		s.ch <- msg
		return nil
	})
	s.ch <- jobsPageMsg{stream: s, first: pages == 0, done: true, err: errors.Join(append(unreadable, err)...)}
}

// jobsPage puts a page into the list: the first replaces what the list
// had (keeping the cursor's job), the others are added, and the last ends
// the loading as jobsLoaded does.
func (m Model) jobsPage(msg jobsPageMsg) (Model, tea.Cmd) {
	if msg.first {
		m.stream = msg.stream
	} else if msg.stream != m.stream {
		return m, msg.next // a reload started another listing: drain this one
	}
	switch {
	case msg.first && msg.done && msg.err != nil:
		m.loading, m.loadErr = false, msg.err // keep the jobs shown before
		return m, nil
	case msg.first:
		m.list.SetJobs(msg.jobs, msg.orgs)
	default:
		m.list.AppendJobs(msg.jobs, msg.orgs)
	}
	m.list.AppendUnreadable(msg.bad)
	if !msg.done {
		return m, msg.next
	}
	m.loading, m.loadErr = false, msg.err
	m, cmd := m.openJobRef()
	m.copiesPending = m.copyBackend() != nil
	return m, tea.Batch(cmd, m.loadCopyJobs())
}

// jobOpenedMsg is the job of Options.JobRef, read by its id.
type jobOpenedMsg struct {
	job *model.Job
	err error
}

// firstLoad is what the program reads first: the job list, or, when
// Options.JobRef is an id, that one job (GET /Jobs/{id}) so its editor
// opens without waiting for a list of thousands; the list follows.
func (m Model) firstLoad() tea.Cmd {
	ref, b := m.opts.JobRef, m.opts.Backend
	if !model.LooksLikeJobID(ref) {
		return m.loadJobs()
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		j, err := b.GetJob(ctx, ref)
		return jobOpenedMsg{job: j, err: err}
	}
}

// jobOpened opens the editor of the job read by id, then loads the list
// to come back to. When the read failed (no job has that id, say), the
// list resolves JobRef as a name and says what went wrong.
func (m Model) jobOpened(msg jobOpenedMsg) (Model, tea.Cmd) {
	var open tea.Cmd
	if msg.err == nil && msg.job != nil && m.opts.JobRef != "" {
		m.opts.JobRef = ""
		open = m.openEditor(msg.job)
	}
	return m, tea.Batch(open, m.loadJobs())
}
