package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// Backend is what the UI needs of a server; jobstore.Store satisfies it.
type Backend interface {
	ListJobs(ctx context.Context) ([]*model.Job, error)
	GetJob(ctx context.Context, id string) (*model.Job, error)
	SaveJob(ctx context.Context, job *model.Job, edit model.Settings) (*model.Job, error)
	StartJob(ctx context.Context, id string) error
	APIVersion() model.APIVersion
	Label() string
	OrganizationName(ctx context.Context, id string) string
}

// Options configure the program.
type Options struct {
	Backend Backend
	// JobRef opens this job's editor directly (an id or an exact name).
	JobRef string
	// Mouse turns mouse reporting on (clicks and drags on the grid).
	Mouse bool
}

type screen int

const (
	screenList screen = iota
	screenEditor
	screenReview
	screenResult
)

// Messages name what happened.
type (
	jobsLoadedMsg struct {
		jobs []*model.Job
		orgs map[string]string
		err  error
	}
	jobSavedMsg struct {
		job      *model.Job
		err      error
		started  bool
		startErr error
	}
)

// Model is the top-level model: it owns the screens and routes messages.
type Model struct {
	opts    Options
	keys    KeyMap
	styles  Styles
	width   int
	height  int
	screen  screen
	help    bool
	loading bool
	loadErr error
	spinner spinner.Model

	list   JobList
	editor editor // open() while a job is being edited
	review review
	result jobSavedMsg
	saving bool
	dark   bool // the terminal's background, which the styles were built for
	cache  renderCache
	stream *pageStream // the listing whose pages the list takes (ui/stream.go)
}

// New builds the program's model.
func New(opts Options) Model {
	sp := spinner.New(spinner.WithSpinner(spinner.Line))
	m := Model{opts: opts, keys: DefaultKeyMap(), styles: NewStyles(true), dark: true, list: NewJobList(),
		spinner: sp, loading: true, width: 80, height: 24}
	m.list.SetHeight(m.listHeight())
	return m
}

// Init asks for the background colour and loads the jobs.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.firstLoad(), m.spinner.Tick)
}

func (m Model) loadJobs() tea.Cmd {
	b := m.opts.Backend
	if pb, ok := b.(PagedBackend); ok {
		return streamJobs(pb) // ui/stream.go: the first page shows at once
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		jobs, err := b.ListJobs(ctx)
		orgs := map[string]string{}
		for _, j := range jobs {
			if _, ok := orgs[j.OrganizationID]; !ok {
				orgs[j.OrganizationID] = b.OrganizationName(ctx, j.OrganizationID)
			}
		}
		return jobsLoadedMsg{jobs: jobs, orgs: orgs, err: err}
	}
}

func (m Model) saveJob(e *editor) tea.Cmd {
	b, job, edit, run := m.opts.Backend, e.job, e.draft.Settings, e.draft.RunAfterSave
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		saved, err := b.SaveJob(ctx, job, edit)
		msg := jobSavedMsg{job: saved, err: err}
		if err == nil && run {
			msg.startErr = b.StartJob(ctx, job.ID)
			msg.started = msg.startErr == nil
		}
		return msg
	}
}

// Update routes a message to the screen it concerns, then brings what the
// views read up to date.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := m.update(msg)
	if m.editor.open() {
		m.editor.settle()
	}
	m.fillCache()
	return m, cmd
}

// listHeight is the list's share of the screen: all but the header, the
// message and the help lines and one blank line.
func (m Model) listHeight() int { return m.height - 4 }

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.list.SetHeight(m.listHeight())
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.styles = NewStyles(m.dark)
		return m, nil
	case spinner.TickMsg:
		if !m.loading && !m.saving {
			return m, nil // stop ticking: nothing changes on screen while idle
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case jobsLoadedMsg:
		return m.jobsLoaded(msg)
	case jobsPageMsg:
		return m.jobsPage(msg)
	case jobOpenedMsg:
		return m.jobOpened(msg)
	case jobSavedMsg:
		return m.jobSaved(msg)
	case tea.KeyPressMsg:
		return m.keyPressed(msg)
	case tea.MouseMsg:
		if m.screen == screenEditor && !m.help {
			return m, m.editor.mouse(m.editorLayout(), msg)
		}
	}
	return m, nil
}

func (m Model) jobsLoaded(msg jobsLoadedMsg) (Model, tea.Cmd) {
	m.loading = false
	m.loadErr = msg.err
	if msg.err != nil && len(msg.jobs) == 0 {
		return m, nil
	}
	m.list.SetJobs(msg.jobs, msg.orgs)
	return m.openJobRef(), nil
}

// openJobRef opens the job of Options.JobRef, once the list is complete.
func (m Model) openJobRef() Model {
	if ref := m.opts.JobRef; ref != "" {
		m.opts.JobRef = ""
		j, err := model.FindJob(m.list.jobs, ref)
		if err != nil {
			m.loadErr = err // shown over the list, from which the user picks one
			return m
		}
		m.openEditor(j)
	}
	return m
}

func (m *Model) openEditor(j *model.Job) {
	m.editor = newEditor(j, m.opts.Backend.APIVersion())
	m.screen = screenEditor
}

func (m Model) jobSaved(msg jobSavedMsg) (Model, tea.Cmd) {
	m.saving = false
	m.result = msg
	m.screen = screenResult
	if msg.err == nil && msg.job != nil {
		m.editor.reset(msg.job)
		return m, m.loadJobs() // the list shows the saved job too
	}
	return m, nil
}

func (m Model) keyPressed(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m, tea.Quit
	}
	if m.help {
		m.help = false // any key closes the help
		return m, nil
	}
	editingText := m.screen == screenEditor && m.editor.form.editing || m.screen == screenList && m.list.filtering
	if key.Matches(msg, m.keys.Help) && !editingText {
		m.help = true
		return m, nil
	}
	switch m.screen {
	case screenList:
		return m.listKey(msg)
	case screenEditor:
		return m.editorKey(msg)
	case screenReview:
		return m.reviewKey(msg)
	case screenResult:
		if m.saving {
			return m, nil
		}
		m.screen = screenEditor
		if key.Matches(msg, m.keys.Back) && m.result.err == nil {
			m.screen = screenList
		}
	}
	return m, nil
}

func (m Model) listKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	l := &m.list
	if l.filtering {
		return m.filterKey(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Up):
		l.MoveUp(1)
	case key.Matches(msg, m.keys.Down):
		l.MoveDown(1)
	case key.Matches(msg, m.keys.Top):
		l.GotoTop()
	case key.Matches(msg, m.keys.Bottom):
		l.GotoBottom()
	case key.Matches(msg, m.keys.PageUp):
		l.PageUp()
	case key.Matches(msg, m.keys.PageDown):
		l.PageDown()
	case key.Matches(msg, m.keys.Filter):
		l.filtering = true
		return m, l.filter.Focus()
	case key.Matches(msg, m.keys.ClearFilter):
		// Before Quit: esc only ever clears, so a user backing out of a
		// filter with one esc too many does not lose the program.
		l.SetFilter("")
	case key.Matches(msg, m.keys.Reload):
		m.loading, m.loadErr = true, nil
		return m, tea.Batch(m.loadJobs(), m.spinner.Tick)
	case key.Matches(msg, m.keys.Open):
		if j := l.Selected(); j != nil {
			m.openEditor(j)
		}
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// filterKey edits the filter as it is typed; enter or a cursor key keeps
// it and goes back to the list, esc drops it.
func (m Model) filterKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	l := &m.list
	switch msg.String() {
	case "enter", "esc", "up", "down":
		l.filtering = false
		l.filter.Blur()
		if msg.String() == "esc" {
			l.SetFilter("")
		}
		return m, nil
	}
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	l.SetFilter(l.filter.Value())
	return m, cmd
}

func (m Model) editorKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	e := &m.editor
	if e.confirmQuit {
		e.confirmQuit = false
		if msg.String() == "y" {
			return m.leaveEditor()
		}
		e.message = "kept your changes"
		return m, nil
	}
	if key.Matches(msg, m.keys.Save) && !e.form.editing {
		if err := e.validate(); err != nil {
			e.message = "cannot save: " + err.Error()
			return m, nil
		}
		if len(e.changes()) == 0 {
			e.message = "nothing to save: no field differs from the server"
			return m, nil
		}
		m.review = newReview(e)
		m.screen = screenReview
		return m, nil
	}
	if back, cmd := e.key(&m.keys, msg); back {
		if e.dirty() {
			e.confirmQuit = true
			return m, nil
		}
		return m.leaveEditor()
	} else {
		return m, cmd
	}
}

func (m Model) leaveEditor() (Model, tea.Cmd) {
	if len(m.list.jobs) == 0 {
		return m, tea.Quit
	}
	m.screen = screenList
	m.editor = editor{}
	return m, nil
}

func (m Model) reviewKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Confirm):
		m.saving = true
		m.screen = screenResult
		m.result = jobSavedMsg{}
		return m, tea.Batch(m.saveJob(&m.editor), m.spinner.Tick)
	case key.Matches(msg, m.keys.Cancel), key.Matches(msg, m.keys.Back):
		m.screen = screenEditor
	case key.Matches(msg, m.keys.ShowJSON):
		m.review.showJSON = !m.review.showJSON
	case key.Matches(msg, m.keys.Down):
		m.review.scroll++
	case key.Matches(msg, m.keys.Up):
		m.review.scroll = max(0, m.review.scroll-1)
	}
	return m, nil
}
