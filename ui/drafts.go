package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// Drafts keeps the unsaved edit of a job somewhere that outlives the
// program (the cli keeps them on disk, per server and job), so a crash, a
// dropped SSH session or a refused save loses nothing. The editor writes one
// on every edit and offers it back when the job is opened again.
type Drafts interface {
	// SaveDraft keeps edit, made to base (the job as read when the edit
	// began), replacing any earlier draft of the job.
	SaveDraft(base *model.Job, edit model.Settings) error
	// LoadDraft returns the job's draft, or nil without error when there is
	// none.
	LoadDraft(jobID string) (*StoredDraft, error)
	// DeleteDraft removes the job's draft; removing none is not an error.
	DeleteDraft(jobID string) error
}

// DraftLocker is a Drafts whose drafts belong to one editor session at a
// time, so two editors of one job never write, offer or discard each
// other's draft.
type DraftLocker interface {
	// LockDraft takes the job's draft for this session; a
	// *DraftInUseError says which session has it.
	LockDraft(jobID string) error
	// TakeDraft takes the job's draft from the session that has it; that
	// session's next SaveDraft fails, saying so.
	TakeDraft(jobID string) error
	// UnlockDraft gives the job's draft up.
	UnlockDraft(jobID string)
}

// DraftInUseError says the job is open in another editor session.
type DraftInUseError struct {
	By string // who and since, for people: "pid 4242 on host1, since 2026-11-29 00:07"
}

func (e *DraftInUseError) Error() string {
	return "the job is being edited in another vbosched session (" + e.By + ")"
}

// StoredDraft is a draft as kept: the job the edit started from, the edit,
// and when it was written.
type StoredDraft struct {
	Base  *model.Job
	Edit  model.Settings
	Saved time.Time
	// A backup copy job's draft has CopyBase and CopyEdit instead of Base
	// and Edit: it is offered only in a copy job's editor.
	CopyBase *model.CopyJob
	CopyEdit model.CopySettings
}

// CopyDrafts is a Drafts that keeps backup copy jobs' drafts too; without
// it a copy job's edits stay in memory and the header says NO DRAFT.
type CopyDrafts interface {
	Drafts
	SaveCopyDraft(base *model.CopyJob, edit model.CopySettings) error
}

// Messages of the drafts.
type (
	draftSyncedMsg struct {
		jobID string // whose draft was written or deleted
		err   error
	}
	draftLoadedMsg struct {
		jobID   string
		draft   *StoredDraft
		err     error
		locked  bool             // this session now holds the job's draft
		inUse   *DraftInUseError // another session does: nothing was read
		lockErr error            // the draft could not be locked; it was read anyway
	}
	// jobRereadMsg is a job opened from the list, read again by id.
	jobRereadMsg struct {
		id      string
		job     *model.Job
		copyJob *model.CopyJob // a copy job's: job is nil
		err     error
	}
	jobReloadedMsg struct {
		job     *model.Job
		copyJob *model.CopyJob // a copy job's reload: job is nil
		err     error
	}
)

// draftState is the draft a job should have on disk: its edit on its base,
// or none.
type draftState struct {
	jobID    string
	exists   bool
	base     *model.Job
	edit     model.Settings
	copyBase *model.CopyJob // a copy job's draft: base is nil
	copyEdit model.CopySettings
}

// draftSync brings the disk to the wanted state one operation at a time:
// edits made while a write is in flight are written when it lands, as one
// write of the latest state, so a burst of keys costs two writes rather
// than one a key, the last state always lands, and a delete never races a
// write of the same draft.
type draftSync struct {
	want, sent draftState
	inFlight   bool
}

func (s draftSync) settled() bool { return !s.inFlight && s.want == s.sent }

// wantDraft records what the editor's state asks of the disk: its edit
// while it differs from the server, no draft once it does not. Nothing is
// asked until the job's old draft was offered and, if restored, merged, so
// opening a job never deletes a draft the user has not decided on.
func (m *Model) wantDraft() {
	e := &m.editor
	if !e.open() || !e.draftChecked || e.offer != nil || e.unreadable != "" || e.inUse != "" || m.conflict != nil && m.conflict.draft != nil {
		return // the draft is still being offered or merged
	}
	if e.foreignDraft && !e.dirty() {
		return // an unreadable draft stays until an edit replaces it
	}
	e.foreignDraft = false
	s := m.draftSync.get()
	if e.dirty() {
		s.want = draftState{jobID: e.target().id(), exists: true, base: e.job, edit: e.draft.Settings, copyBase: e.copyJob, copyEdit: e.copyEdit()}
	} else {
		s.want = draftState{jobID: e.target().id()}
	}
	m.draftSync.set(s) // replaced only when it changed: most keys change nothing here
}

// syncDraft starts the operation that brings the disk to the wanted state,
// unless one is in flight.
func (m *Model) syncDraft() tea.Cmd {
	d := m.opts.Drafts
	s := m.draftSync.get()
	if d == nil || s.settled() || s.inFlight {
		return nil
	}
	want := s.want
	s.sent, s.inFlight = want, true
	m.draftSync.set(s)
	return func() tea.Msg {
		var err error
		switch cd, ok := d.(CopyDrafts); {
		case want.exists && want.copyBase != nil && ok:
			err = cd.SaveCopyDraft(want.copyBase, want.copyEdit)
		case want.exists && want.copyBase != nil:
			err = errors.New("this session keeps no drafts of backup copy jobs")
		case want.exists:
			err = d.SaveDraft(want.base, want.edit)
		default:
			err = d.DeleteDraft(want.jobID)
		}
		return draftSyncedMsg{jobID: want.jobID, err: err}
	}
}

func (m Model) draftSynced(msg draftSyncedMsg) (Model, tea.Cmd) {
	m.draftSync.edit(func(s *draftSync) { s.inFlight = false })
	if msg.err != nil && (!m.editor.open() || m.editor.target().id() != msg.jobID) {
		// A job left behind (its draft taken over by another session,
		// say): nothing of the open job's is lost, and the job opened
		// next must not be marked "drafts cannot be written" (G28).
		return m, nil
	}
	m.draftErr = msg.err
	if msg.err != nil && m.editor.open() {
		m.editor.message = "draft not written, your edits are only in memory: " + oneLine(msg.err)
	}
	return m, nil // Update's syncDraft sends what changed meanwhile
}

// rewriteDraft writes the draft once more before the program quits, so
// that "kept as a draft" is said of a draft written last by this session,
// even if something removed the file meanwhile.
//
// A draft the user has not decided on (the restore question, an unreadable
// draft) is not this session's edit: it stays exactly as it is, its time
// the time of the edit it holds.
func (m *Model) rewriteDraft() {
	if m.opts.Drafts != nil && m.draftSync.get().want.exists && !m.draftUndecided() {
		m.draftSync.edit(func(s *draftSync) { s.sent = draftState{} })
	}
}

// draftUndecided: the job's draft on disk was found, not written, by this
// session, and the user has not said what becomes of it.
func (m Model) draftUndecided() bool {
	e := &m.editor
	return e.open() && (e.offer != nil || e.unreadable != "" || e.foreignDraft && !e.dirty())
}

// quitKeepingDraft quits once the draft is written again.
func (m Model) quitKeepingDraft() Model {
	m.quitting = true
	m.rewriteDraft()
	return m
}

// hungUp is SIGHUP or SIGTERM: quit once the draft is written and a save
// in flight has its answer. Until that answer comes its outcome is unknown,
// and so the note says, in case the program is killed before it comes.
func (m Model) hungUp() Model {
	if m.saving {
		m.quitAfterSave = true
		m.exitNote = saveInFlightNote("the program was told to end")
		m.exitFailed = true
	}
	return m.quitKeepingDraft()
}

func saveInFlightNote(why string) string {
	return why + " while a save was in flight: its outcome is unknown; open the job again to see, and vbosched log for the entry"
}

// noteDraft adds to the exit note what became of unsaved edits, once the
// draft has settled and the program quits.
func (m *Model) noteDraft() {
	e := &m.editor
	if m.draftNoted || !e.open() || !e.dirty() && !m.draftUndecided() {
		return
	}
	m.draftNoted = true
	var note string
	switch {
	case m.draftUndecided():
		note = "the job's draft was left as it is, offered again when the job is opened"
	case m.opts.Drafts == nil:
		note = "unsaved edits are lost: this session keeps no drafts"
	case m.draftErr != nil:
		note = "unsaved edits are LOST: no draft could be written (" + oneLine(m.draftErr) + ")"
		m.exitFailed = true
	default:
		note = "unsaved edits are kept as a draft, offered when the job is opened again"
	}
	if m.exitNote != "" {
		note = m.exitNote + "; " + note
	}
	m.exitNote = note
}

// loadDraft takes the job's draft for this session (or, with take, from
// the session that has it) and reads it.
func (m Model) loadDraft(id string, take bool) tea.Cmd {
	d := m.opts.Drafts
	if d == nil {
		return nil
	}
	return func() tea.Msg {
		msg := draftLoadedMsg{jobID: id}
		if l, ok := d.(DraftLocker); ok {
			lock := l.LockDraft
			if take {
				lock = l.TakeDraft
			}
			err := lock(id)
			switch {
			case errors.As(err, &msg.inUse):
				return msg
			case err != nil:
				msg.lockErr = err
			default:
				msg.locked = true
			}
		}
		msg.draft, msg.err = d.LoadDraft(id)
		return msg
	}
}

// unlockDraft gives up the job's draft once this session has let go of
// the job and the disk holds what it last wanted, so no other session
// takes the draft while this one still writes or deletes it.
func (m *Model) unlockDraft() tea.Cmd {
	id := m.lockedJob
	l, ok := m.opts.Drafts.(DraftLocker)
	if id == "" || !ok || m.editor.open() && m.editor.target().id() == id || !m.draftSync.get().settled() {
		return nil
	}
	m.lockedJob = ""
	return func() tea.Msg { l.UnlockDraft(id); return nil }
}

func (m Model) draftLoaded(msg draftLoadedMsg) (Model, tea.Cmd) {
	e := &m.editor
	if !e.open() || e.target().id() != msg.jobID {
		if l, ok := m.opts.Drafts.(DraftLocker); ok && msg.locked {
			return m, func() tea.Msg { l.UnlockDraft(msg.jobID); return nil } // left before the lock came
		}
		return m, nil
	}
	if msg.inUse != nil {
		e.inUse = msg.inUse.By // renderDraftInUse asks: read-only, take over or back
		return m, nil
	}
	if msg.locked {
		m.lockedJob = msg.jobID
	}
	e.draftChecked = true
	if msg.lockErr != nil {
		e.message = "the draft is not locked against other sessions: " + oneLine(msg.lockErr)
	}
	var sent draftState
	switch {
	case msg.err != nil:
		// Left as it is (renderUnreadableDraft): opening the job without
		// it keeps it until the first edit replaces it.
		e.unreadable, e.foreignDraft = oneLine(msg.err), true
		sent = draftState{jobID: msg.jobID, exists: true}
	case msg.draft != nil && msg.draft.isCopy() != (e.copyJob != nil):
		// A draft never restores onto the other kind: it is left as an
		// unreadable one is, until an edit here replaces it.
		e.unreadable, e.foreignDraft = "the draft under this id is "+msg.draft.kindWords()+"'s, not this job's; it is left as it is", true
		sent = draftState{jobID: msg.jobID, exists: true}
	case msg.draft != nil && msg.draft.base().dirty(msg.draft.edit()):
		e.offer = msg.draft
		sent = draftState{jobID: msg.jobID, exists: true, base: msg.draft.Base, edit: msg.draft.Edit,
			copyBase: msg.draft.CopyBase, copyEdit: msg.draft.CopyEdit}
	case msg.draft != nil: // a draft of no change: wantDraft deletes it
		sent = draftState{jobID: msg.jobID, exists: true}
	default:
		sent = draftState{jobID: msg.jobID}
	}
	m.draftSync.set(draftSync{want: sent, sent: sent})
	return m, nil
}

// restoreDraft merges the draft into the server's current job: base is the
// draft's base, mine its edit, theirs the job as just read.
func (m Model) restoreDraft() (Model, tea.Cmd) {
	e := &m.editor
	dr := e.offer
	e.offer = nil
	current := e.target()
	if !dr.base().dirty(current.read()) {
		ed := dr.edit()
		e.edit(func() { e.draft.Settings, e.draft.CopyType = ed.Settings, ed.CopyType })
		e.message = "draft restored"
		return m, nil
	}
	c := draftConflict(dr, current)
	c.startMerge()
	if len(c.open) == 0 {
		return m.mergeDone(c)
	}
	m.conflict = &c
	m.screen = screenConflict
	return m, nil
}

func (m Model) reloadJob() tea.Cmd {
	if m.editor.copyJob != nil {
		return m.reloadCopyJob()
	}
	b, id := m.opts.Backend, m.editor.job.ID
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		j, err := b.GetJob(ctx, id)
		return jobReloadedMsg{job: j, err: err}
	}
}

func (m Model) jobReloaded(msg jobReloadedMsg) (Model, tea.Cmd) {
	e := &m.editor
	if !e.open() {
		return m, nil
	}
	m.screen = screenEditor
	if msg.err != nil {
		e.message = "reload failed, your edits are kept: " + oneLine(msg.err)
		return m, nil
	}
	if msg.copyJob != nil {
		e.resetCopy(msg.copyJob)
		e.message = "reloaded from the server"
		m.list.ReplaceCopyJob(msg.copyJob)
		return m, nil
	}
	e.reset(msg.job)
	e.message = "reloaded from the server"
	return m, m.loadJobs()
}

// openListed opens a job picked from the list or the plan, which may have
// been loaded minutes ago, and reads it again by id (one GET): the editor
// shows the server's job, not the list's old copy labelled as the
// server's (finding G12).
func (m *Model) openListed(j *model.Job, c *model.CopyJob) tea.Cmd {
	var open tea.Cmd
	if j != nil {
		open = m.openEditor(j)
	} else {
		open = m.openCopyEditor(c)
	}
	m.editor.listed = true
	return tea.Batch(open, m.rereadJob())
}

// rereadJob reads the open job again by id, for jobReread.
func (m Model) rereadJob() tea.Cmd {
	id := m.editor.target().id()
	if m.editor.copyJob != nil {
		b := m.copyBackend()
		if b == nil {
			return nil
		}
		return func() tea.Msg {
			ctx, cancel := timeout()
			defer cancel()
			c, err := b.GetCopyJob(ctx, id)
			return jobRereadMsg{id: id, copyJob: c, err: err}
		}
	}
	b := m.opts.Backend
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		j, err := b.GetJob(ctx, id)
		return jobRereadMsg{id: id, job: j, err: err}
	}
}

// jobReread puts the job as the server has it now in place of the list's
// copy, unless the user has edited already: then the edits stay on the
// list's copy, and a save's conflict check shows what the server changed.
func (m Model) jobReread(msg jobRereadMsg) (Model, tea.Cmd) {
	e := &m.editor
	if !e.open() || !e.listed || e.target().id() != msg.id {
		return m, nil // left, or another job opened since
	}
	switch {
	case msg.err != nil:
		e.message = "shown as listed: reading the job again failed (r retries): " + oneLine(msg.err)
		return m, nil
	case e.dirty():
		e.listed = false
		if changed := msg.job != nil && msg.job.Settings() != e.job.Settings() ||
			msg.copyJob != nil && msg.copyJob.Settings() != e.copyJob.Settings(); changed {
			e.message = "the job changed on the server since the list was read; your edits are kept, and saving shows what changed"
		}
		return m, nil
	}
	e.listed = false
	message := e.message
	if msg.copyJob != nil {
		e.resetCopy(msg.copyJob)
		m.list.ReplaceCopyJob(msg.copyJob)
	} else if msg.job != nil {
		e.reset(msg.job)
		m.list.ReplaceJob(msg.job)
	}
	e.message = message
	return m, nil
}
