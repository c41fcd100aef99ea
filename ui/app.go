package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
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

// UnreadableJob is an error in what a Backend's list returns that names a
// job the server sent but that could not be read (jobstore.DecodeError is
// one; joined with errors.Join like the others). The list shows such a job
// as a marked row saying why, rather than leaving it out.
type UnreadableJob interface {
	error
	UnreadableJob() (id, name, organizationID string)
}

// Options configure the program.
type Options struct {
	Backend Backend
	// JobRef opens this job's editor directly (an id or an exact name).
	JobRef string
	// Mouse turns mouse reporting on (clicks and drags on the grid).
	Mouse bool
	// Insecure says the connection is not verified (--insecure) or not
	// encrypted (--insecure-http): the header says so for the whole session.
	Insecure bool
	// Mark is a short word the header keeps for the whole session, after
	// the server's label: "WARNINGS (on exit)" when vbosched warned of
	// something the full screen now hides.
	Mark string
	// ReadOnly lets the user browse and review but not save (vbosched
	// serve's read-only keys): the save key is left out of the help, says
	// so when pressed, and the header says READ-ONLY.
	ReadOnly bool
	// Drafts keeps every edit until it is saved or discarded; nil keeps
	// edits only in memory.
	Drafts Drafts
	// Clock tells the time now, in the terminal's zone, for the editor's
	// run preview and its z view; nil is the system clock. Update reads it,
	// View never.
	Clock Clock
}

// Clock tells the time; an interface rather than a func so that a Model
// stays comparable in tests (reflect.DeepEqual never equates funcs).
type Clock interface{ Now() time.Time }

type screen int

const (
	screenList screen = iota
	screenEditor
	screenReview
	screenResult
	screenConflict
	screenPlan
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
		copyJob  *model.CopyJob // a copy job's save (ui/kinds.go): job is nil
		err      error
		note     string // a save that stood, with what someone else changed meanwhile
		started  bool
		startErr error
	}
)

// Model is the top-level model: it owns the screens and routes messages.
type Model struct {
	opts Options
	keys *KeyMap // shared, never written: see Styles
	// keyMaps are the keys of an editor that may edit ([0]) and of one
	// opened read-only ([1]), then the same for a backup copy job's
	// editor ([2], [3]: KeyMap.copyJob); Update points keys at the one in
	// use.
	keyMaps [4]*KeyMap
	styles  Styles
	width   int
	height  int
	screen  screen
	help    bool
	loading bool
	loadErr error
	// spinner, review, conflict and draftSync change seldom, and the Model
	// is copied into a tea.Model on every Update: they sit behind pointers
	// to values that are replaced, never written through (ui/doc.go), so
	// a keypress in the grid copies 8 bytes of each rather than 3.6 kB.
	spinner *spinner.Model

	list   JobList
	editor editor  // open() while a job is being edited
	review *review // the review screen's, nil before the first
	result jobSavedMsg
	saving bool
	dark   bool // the terminal's background, which the styles were built for
	colour bool // and whether it shows colour (tea.ColorProfileMsg)
	cache  renderCache

	conflict  *conflict  // the conflict screen's, nil when none is open
	plan      planScreen // the fleet's week (ui/plan.go)
	draftSync frozen[draftSync]

	// Quitting: ctrl+c during a save waits for its outcome (quitAfterSave);
	// quitting waits for the draft to land; exitNote is for the terminal
	// after the program ends (ExitNote).
	quitAfterSave bool
	quitting      bool
	exitNote      string
	exitFailed    bool // the program ends without what was asked: a save's outcome unknown, edits lost
	draftNoted    bool // exitNote says what became of the unsaved edits
	// draftErr is why the latest draft write failed, nil once one lands:
	// while it is set nothing promises a draft (ui/drafts.go).
	draftErr error
	// lockedJob is the job whose draft this session holds (DraftLocker).
	lockedJob string

	stream *pageStream // the listing whose pages the list takes (ui/stream.go)
	back   screen      // where leaving the editor returns: the list, or the plan it was opened from
	// copiesPending: the backup copy jobs are being read (after the backup jobs).
	copiesPending bool
}

// HangupMsg tells the program its terminal hung up (SIGHUP) or it was
// asked to end (SIGTERM): it quits as soon as the latest draft is on disk
// and a save in flight has its answer. Whoever sends it should kill the
// program if that takes more than a few seconds; the model it had then
// still says, in ExitNote, that a save in flight has an unknown outcome.
type HangupMsg struct{}

// ExitNote is what the program has to say after it ended, for the cli to
// print once the terminal is back: how a save it quit during ended, and
// whether unsaved edits are kept as a draft or lost.
func (m Model) ExitNote() string { return m.exitNote }

// ExitFailed reports that the program ended short of what was asked of it:
// a save whose outcome is unknown or failed, or edits lost because no draft
// could be written. The cli exits non-zero then.
func (m Model) ExitFailed() bool { return m.exitFailed }

// timeout bounds one backend call.
func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 2*time.Minute)
}

// New builds the program's model.
func New(opts Options) Model {
	if opts.ReadOnly {
		// A read-only session can never save what it edits: it keeps no
		// drafts and takes no job's lock, so it never tells an operator who
		// can save that the job "is being edited" (nor holds their draft).
		opts.Drafts = nil
	}
	sp := spinner.New(spinner.WithSpinner(spinner.Line))
	m := Model{opts: opts, keys: defaultKeys(), styles: NewStyles(true), dark: true, list: NewJobList(),
		spinner: &sp, loading: true, width: 80, height: 24}
	m.list.SetHeight(m.listHeight())
	if opts.Backend != nil {
		m.list.SetVersion(opts.Backend.APIVersion())
	}
	if opts.ReadOnly {
		// ctrl+s opens the review, which a read-only key may see; what
		// sends it is out of every help, and the review says so.
		m.keys.Save.SetHelp(m.keys.Save.Help().Key, "review (cannot save)")
		m.keys.Confirm.SetEnabled(false)
	}
	ro := m.keys.readOnly()
	cp, cro := *m.keys, ro
	cp.copyJob, cro.copyJob = true, true
	m.keyMaps = [4]*KeyMap{m.keys, &ro, &cp, &cro}
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
		ctx, cancel := timeout()
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
	if e.copyJob != nil {
		return m.saveCopyJob(e)
	}
	b, job, edit, run := m.opts.Backend, e.job, e.draft.Settings, e.draft.RunAfterSave
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		saved, err := b.SaveJob(ctx, job, edit)
		msg := jobSavedMsg{job: saved, err: err}
		if note, ok := model.SavedWithNote(err); ok {
			msg.err, msg.note = nil, note // saved: the note says what else changed
		}
		if msg.err == nil && run {
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
	if m.screen == screenReview && m.review != nil {
		r := *m.review
		if r.sizeJSON(m.width, max(1, m.height-3-jsonChrome)) {
			m.review = ptrTo(r)
		}
	}
	if m.editor.open() {
		m.editor.now = m.now()
		m.editor.settle()
		if f := &m.editor.form; f.multiline {
			w, cols := m.formSize(m.editorLayout())
			f.SizeArea(w, (m.editor.sum.rows+cols-1)/cols)
		}
		m.wantDraft()
	}
	if sync := m.syncDraft(); sync != nil {
		cmd = tea.Batch(cmd, sync)
	}
	if unlock := m.unlockDraft(); unlock != nil {
		cmd = tea.Batch(cmd, unlock)
	}
	if m.quitting && !m.saving && m.draftSync.get().settled() {
		m.noteDraft()
		cmd = tea.Batch(cmd, tea.Quit)
	}
	m.useKeys()
	m.fillCache()
	return m, cmd
}

// useKeys points keys at the read-only KeyMap while the editor is open
// read-only, so neither its help nor its handlers offer an editing key,
// and at a copy job's while it holds a backup copy job, whose help names
// only what the kind has.
func (m *Model) useKeys() {
	if m.keyMaps[0] == nil {
		return // a Model not made by New
	}
	i := 0
	if m.editor.open() && m.editor.readOnly {
		i = 1
	}
	if m.editor.copyJob != nil {
		i += 2
	}
	m.keys = m.keyMaps[i]
}

// now is the clock's time; only Update asks it.
func (m Model) now() time.Time {
	if m.opts.Clock != nil {
		return m.opts.Clock.Now()
	}
	return time.Now()
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
		m.styles = newStyles(m.dark, m.colour)
		return m, nil
	case tea.ColorProfileMsg:
		// The grid draws allowed hours as coloured spaces where colour
		// shows, and in glyphs where it does not (NO_COLOR, a monochrome
		// terminal): the state is never told by colour alone.
		if colour := msg.Profile >= colorprofile.ANSI; colour != m.colour {
			m.colour = colour
			m.styles = newStyles(m.dark, m.colour)
		}
		return m, nil
	case spinner.TickMsg:
		if !m.loading && !m.saving {
			return m, nil // stop ticking: nothing changes on screen while idle
		}
		sp, cmd := m.spinner.Update(msg)
		m.spinner = ptrTo(sp)
		return m, cmd
	case jobsLoadedMsg:
		return m.jobsLoaded(msg)
	case jobsPageMsg:
		return m.jobsPage(msg)
	case copyJobsLoadedMsg:
		return m.copyJobsLoaded(msg)
	case planNamesLoadedMsg:
		m.plan.NamesLoaded(msg.names, msg.err)
		return m, nil
	case jobOpenedMsg:
		return m.jobOpened(msg)
	case jobSavedMsg:
		return m.jobSaved(msg)
	case draftLoadedMsg:
		return m.draftLoaded(msg)
	case draftSyncedMsg:
		return m.draftSynced(msg)
	case jobReloadedMsg:
		return m.jobReloaded(msg)
	case jobRereadMsg:
		return m.jobReread(msg)
	case HangupMsg:
		return m.hungUp(), nil
	case tea.KeyPressMsg:
		if m.screen == screenEditor && m.editor.readOnly {
			return m.readOnlyKey(msg)
		}
		return m.keyPressed(msg)
	case tea.PasteMsg:
		if m.screen == screenEditor && !m.help && !m.tooSmall() && m.editor.form.editing {
			return m, m.editor.paste(msg.Content)
		}
	case tea.MouseMsg:
		// Read-only, a click would toggle hours: the keys move the cursor.
		if m.screen == screenEditor && !m.help && !m.tooSmall() && !m.editor.readOnly {
			return m, m.editor.mouse(m.editorLayout(), msg)
		}
	}
	return m, nil
}

func (m Model) jobsLoaded(msg jobsLoadedMsg) (Model, tea.Cmd) {
	m.loading = false
	bad, err := splitUnreadable(msg.err)
	m.loadErr = err
	if err != nil && len(msg.jobs) == 0 && len(bad) == 0 {
		return m, nil
	}
	m.list.SetJobs(msg.jobs, msg.orgs)
	m.list.AppendUnreadable(bad)
	m, cmd := m.openJobRef()
	m.copiesPending = m.copyBackend() != nil
	return m, tea.Batch(cmd, m.loadCopyJobs())
}

// openJobRef opens the job of Options.JobRef, once the list is complete.
func (m Model) openJobRef() (Model, tea.Cmd) {
	if ref := m.opts.JobRef; ref != "" {
		j, err := model.FindJob(m.list.Jobs(), ref)
		var none *model.NoJobError
		byName := err == nil && !strings.EqualFold(j.ID, ref)
		if (errors.As(err, &none) || byName) && m.copyBackend() != nil {
			// It may be a copy job's, or a name a copy job shares: once the
			// copy jobs are read, copyJobsLoaded decides.
			return m, nil
		}
		m.opts.JobRef = ""
		if err != nil {
			m.loadErr = err // shown over the list, from which the user picks one
			return m, nil
		}
		return m, m.openEditor(j)
	}
	return m, nil
}

// openEditor opens a job and looks for its draft.
func (m *Model) openEditor(j *model.Job) tea.Cmd {
	m.editor = newEditor(j, m.opts.Backend.APIVersion())
	m.draftErr = nil // another job's failed write says nothing of this one's (G28)
	m.back = screenList
	if m.screen == screenPlan {
		m.back = screenPlan // q returns to the plan where it was
	}
	m.screen = screenEditor
	return m.loadDraft(j.ID, false)
}

func (m Model) jobSaved(msg jobSavedMsg) (Model, tea.Cmd) {
	m.saving = false
	m.result = msg
	m.screen = screenResult
	if m.quitAfterSave {
		m.quitting = true // once the draft is deleted or rewritten
		m.exitNote = "the save ended: " + saveOutcome(msg)
		m.exitFailed = msg.err != nil
	}
	if m.editor.copyJob != nil {
		return m.copyJobSaved(msg)
	}
	var stale *model.StaleError
	var notApplied *model.NotAppliedError
	var partly *model.PartlySavedError
	switch {
	case msg.err == nil && msg.job != nil:
		// The saved job is the new baseline: nothing is unsaved any more.
		m.editor.reset(msg.job)
		// The job as read back is the list's row too: one job changed,
		// so reloading every page of the list would be waste.
		m.list.ReplaceJob(msg.job)
		return m, nil
	case errors.As(msg.err, &stale) && stale.Current != nil:
		m.conflict = ptrTo(conflictFromStale(stale, m.editor.draft))
		m.screen = screenConflict
	case errors.As(msg.err, &notApplied) && notApplied.Saved != nil:
		// The server has moved to what it shows; the edits stay on top of
		// it, still unsaved, so a second save sends what did not stick.
		m.editor.job = notApplied.Saved
		m.editor.undo, m.editor.redo = nil, nil
	case errors.As(msg.err, &partly) && msg.job != nil:
		// Likewise: part of the edit is on the server now.
		m.editor.job = msg.job
		m.editor.undo, m.editor.redo = nil, nil
	}
	return m, nil
}

func saveOutcome(msg jobSavedMsg) string {
	if msg.err == nil && msg.note != "" {
		return "saved; " + msg.note
	}
	if msg.err == nil {
		return "saved"
	}
	return "not saved: " + oneLine(msg.err)
}

func (m Model) keyPressed(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.interrupt()
	}
	if m.tooSmall() {
		// Only "terminal too small" is on screen: a key must not edit or
		// save what nobody can see. ctrl+c (above) and a resize still work,
		// and q leaves the list, which has nothing to lose.
		if m.screen == screenList && !m.list.filtering && key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		return m, nil
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
	case screenConflict:
		return m.conflictKey(msg)
	case screenPlan:
		return m.planKey(msg)
	case screenResult:
		if m.saving {
			return m, nil
		}
		if unknownOutcome(m.result.err) && key.Matches(msg, m.keys.Reload) {
			return m, m.reloadJob()
		}
		m.screen = screenEditor
		if key.Matches(msg, m.keys.Back) && m.result.err == nil {
			// Saved: nothing is unsaved, so leaving closes the editor as
			// q in it would, and gives the job's draft lock up; left
			// open behind the list, it kept the lock and the next open
			// of the job called this session "another session".
			return m.leaveEditor()
		}
	}
	return m, nil
}

// interrupt is ctrl+c: during a save it waits for the outcome (a second
// one abandons it); with unsaved edits it asks first; otherwise it quits.
func (m Model) interrupt() (Model, tea.Cmd) {
	e := &m.editor
	switch {
	case m.saving && m.quitAfterSave:
		m.exitNote = saveInFlightNote("you quit")
		m.exitFailed = true
		return m, tea.Quit
	case m.saving:
		m.quitAfterSave = true
		return m, nil
	case e.open() && e.confirmQuit && e.quitProgram:
		return m.quitKeepingDraft(), nil // a second ctrl+c: as y
	case e.open() && e.dirty() && m.screen != screenList:
		m.screen = screenEditor
		m.help = false
		e.confirmQuit, e.quitProgram = true, true
		// The question promises a draft: write it again now, so that a
		// draft another session took over since the last edit is asked
		// about as lost (draftErr) before the user answers.
		m.rewriteDraft()
		return m, nil
	}
	return m, tea.Quit
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
		return m, l.FocusFilter()
	case key.Matches(msg, m.keys.ClearFilter):
		// Before Quit: esc only ever clears, so a user backing out of a
		// filter with one esc too many does not lose the program.
		l.SetFilter("")
	case key.Matches(msg, m.keys.Reload):
		m.loading, m.loadErr = true, nil
		return m, tea.Batch(m.loadJobs(), m.spinner.Tick)
	case key.Matches(msg, m.keys.Open):
		if j, c := l.Selected(), l.SelectedCopy(); j != nil || c != nil {
			return m, m.openListed(j, c)
		}
		if why := l.SelectedUnreadable(); why != "" {
			// The reason first: at 80 columns the end of the line is cut.
			m.loadErr = errors.New("cannot edit, vbosched could not read it: " + why + "; fix the job on the server, then press r")
		}
	case key.Matches(msg, m.keys.Plan):
		return m.openPlan(), nil
	case key.Matches(msg, m.keys.Kinds) && (m.list.CopyJobs() > 0 || (m.loading || m.copiesPending) && m.copyBackend() != nil):
		// While the list loads, its copy jobs may not have come yet: K
		// typed ahead still picks the kind they will be shown by.
		l.CycleKind()
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	}
	return m, nil
}

// filterKey edits the filter as it is typed; enter or a cursor key keeps
// it and goes back to the list, esc drops it.
func (m Model) filterKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	l := &m.list
	if key.Matches(msg, m.keys.KeepFilter, m.keys.ClearFilter) {
		l.filtering = false
		l.BlurFilter()
		if key.Matches(msg, m.keys.ClearFilter) {
			l.SetFilter("")
		}
		return m, nil
	}
	cmd := l.UpdateFilter(msg)
	l.SetFilter(l.filter.Value())
	return m, cmd
}

func (m Model) editorKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	e := &m.editor
	if e.confirmQuit {
		quit := e.quitProgram
		e.confirmQuit, e.quitProgram = false, false
		switch {
		case !key.Matches(msg, m.keys.Yes):
			e.message = "kept your changes"
		case quit:
			return m.quitKeepingDraft(), nil
		default:
			return m.leaveEditor()
		}
		return m, nil
	}
	if e.confirmReload {
		e.confirmReload = false
		if key.Matches(msg, m.keys.Yes) {
			return m, m.reloadJob()
		}
		e.message = "kept your changes"
		return m, nil
	}
	if e.inUse != "" {
		switch {
		case key.Matches(msg, m.keys.ReadOnly):
			e.inUse, e.readOnly = "", true
			e.message = "read-only: the job is being edited in another session"
		case key.Matches(msg, m.keys.TakeOver):
			e.inUse = ""
			return m, m.loadDraft(e.target().id(), true)
		case key.Matches(msg, m.keys.Back):
			return m.backUnopened()
		}
		return m, nil
	}
	if e.unreadable != "" {
		switch {
		case key.Matches(msg, m.keys.OpenWithoutDraft):
			e.unreadable = ""
			e.message = "the unreadable draft stays until your first edit replaces it"
		case key.Matches(msg, m.keys.Back):
			return m.backUnopened()
		}
		return m, nil
	}
	if e.offer != nil {
		switch {
		case key.Matches(msg, m.keys.RestoreDraft):
			return m.restoreDraft()
		case key.Matches(msg, m.keys.DropDraft):
			e.offer = nil
			e.message = "draft discarded"
		case key.Matches(msg, m.keys.Back):
			return m.backUnopened() // undecided: the draft stays for next time
		}
		return m, nil
	}
	if key.Matches(msg, m.keys.Reload) && !e.form.editing && !e.presets {
		if e.dirty() {
			e.confirmReload = true
			return m, nil
		}
		return m, m.reloadJob()
	}
	if key.Matches(msg, m.keys.Save) && !e.form.editing {
		if err := e.validate(); err != nil {
			e.message = "cannot save: " + problemWords(err)
			return m, nil
		}
		if len(e.changes()) == 0 {
			e.message = "nothing to save: no field differs from the server"
			return m, nil
		}
		r := newReview(e)
		if m.opts.ReadOnly {
			r.note = readOnlyReviewNote
		}
		m.review = ptrTo(r)
		m.screen = screenReview
		return m, nil
	}
	if back, cmd := e.key(m.keys, msg); back {
		if e.dirty() {
			e.confirmQuit = true
			return m, nil
		}
		return m.leaveEditor()
	} else {
		return m, cmd
	}
}

// backUnopened leaves a job that was never opened for editing (its draft
// undecided, unreadable or another session's): back where it was opened
// from, or out of the program when there is no list to go back to.
func (m Model) backUnopened() (Model, tea.Cmd) {
	if len(m.list.jobs) == 0 {
		return m, tea.Quit
	}
	m.screen, m.editor = m.back, editor{}
	return m, nil
}

// leaveEditor discards the edits, and with them the job's draft.
func (m Model) leaveEditor() (Model, tea.Cmd) {
	if e := &m.editor; e.open() && e.draftChecked {
		m.draftSync.edit(func(s *draftSync) { s.want = draftState{jobID: e.target().id()} })
	}
	if len(m.list.jobs) == 0 {
		m.quitting = true // once the draft is gone
		return m, nil
	}
	m.screen = m.back
	m.editor = editor{}
	return m, nil
}

// readOnlyKey is a key in an editor opened read-only: it moves and shows
// as usual, and any edit it made is taken back. The draft is never looked
// at (draftChecked stays false), so nothing is written either.
func (m Model) readOnlyKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	before, undo, redo := m.editor.draft, m.editor.undo, m.editor.redo
	if rw := m.keyMaps[0]; rw != nil && !m.help && !m.editor.form.editing && !key.Matches(msg, m.keys.Back, m.keys.Help, m.keys.ForceQuit) {
		for _, b := range rw.editing() {
			if key.Matches(msg, *b) {
				m.editor.message = "read-only: the job is being edited in another session; " + b.Help().Key + " does nothing here (r reloads, q goes back)"
				return m, nil
			}
		}
	}
	m, cmd := m.keyPressed(msg)
	if e := &m.editor; e.open() && e.draft != before {
		e.draft, e.undo, e.redo = before, undo, redo
		e.message = "read-only: the job is being edited in another session"
	}
	return m, cmd
}

// readOnlyReviewNote is what the review of a read-only session says in
// place of sending: y and enter do nothing there.
const readOnlyReviewNote = "READ-ONLY: this key may review edits but not save them; esc goes back to the editor"

func (m Model) reviewKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	r := *m.review // changed as a copy of its own: see Model.review
	switch {
	case key.Matches(msg, m.keys.Confirm) && !m.opts.ReadOnly:
		m.saving = true
		m.screen = screenResult
		m.result = jobSavedMsg{}
		return m, tea.Batch(m.saveJob(&m.editor), m.spinner.Tick)
	case key.Matches(msg, m.keys.Cancel), key.Matches(msg, m.keys.Back):
		m.screen = screenEditor
		return m, nil
	case key.Matches(msg, m.keys.ShowJSON):
		r.showJSON = !r.showJSON
	case r.showJSON && r.jsonKey(m.keys, msg):
	case key.Matches(msg, m.keys.Down):
		r.scroll++
	case key.Matches(msg, m.keys.Up):
		r.scroll = max(0, r.scroll-1)
	default:
		return m, nil
	}
	m.review = &r
	return m, nil
}
