package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

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
func (m Model) copyJobsLoaded(msg copyJobsLoadedMsg) (Model, tea.Cmd) {
	if m.loading {
		return m, nil
	}
	m.copiesPending = false
	if msg.err != nil {
		m.loadErr = fmt.Errorf("the backup copy jobs could not be read: %w; r reads the list again", msg.err)
	}
	var backup *model.Job // the backup job --job names by name, if one does (openJobRef)
	if ref := m.opts.JobRef; ref != "" {
		backup, _ = model.FindJob(m.list.Jobs(), ref) // before the copy jobs join the list
	}
	m.list.SetCopyJobs(msg.jobs)
	if ref := m.opts.JobRef; ref != "" {
		m.opts.JobRef = ""
		var found []*model.CopyJob
		for _, c := range msg.jobs {
			if strings.EqualFold(c.ID, ref) || c.Name == ref {
				found = append(found, c)
			}
		}
		switch {
		case backup != nil && len(found) > 0:
			m.loadErr = fmt.Errorf("%q names both a backup job (%s) and a backup copy job (%s): pick one in the list, or give --job its id",
				model.SafeText(ref), backup.ID, found[0].ID)
			return m, nil
		case backup != nil:
			return m, m.openEditor(backup)
		}
		switch len(found) {
		case 1:
			return m, m.openCopyEditor(found[0])
		case 0:
			if msg.err == nil {
				m.loadErr = &model.NoJobError{Ref: ref}
			}
		default:
			m.loadErr = fmt.Errorf("%d backup copy jobs are named %q: pick one in the list", len(found), model.SafeText(ref))
		}
	}
	return m, nil
}

// jobKind is every decision the editor makes differently for a backup job
// and a backup copy job. The editor holds the job of either kind (editor.job
// or editor.copyJob) and asks its kind (editor.target) rather than
// switching on it; the draft carries the settings of either (draft.Settings
// in one shape, toCopy and fromCopy), and only the kind's methods read it as one or the other.
type jobKind interface {
	id() string
	// title names the job in the editor's header and the review,
	// terminal-safe: a copy job with its source backup job's name.
	title(source string) string
	name() string                        // the job's name, terminal-safe
	rawName() string                     // the job's name as read, for cache keys
	read() draft                         // the settings as read, as a draft
	dirty(d draft) bool                  // d differs from the job as read
	changes(d draft) []model.FieldChange // what d changes, in the console's order
	validate(d draft, v model.APIVersion) error
	// warnings, whyNoRuns and starts take a copy job's source backup job
	// as listed (nil when not listed); a backup job's ignore it.
	warnings(d draft, src *model.Job, v model.APIVersion) []model.Warning
	whyNoRuns(d draft, src *model.Job, v model.APIVersion) string
	starts(d draft, src *model.Job, v model.APIVersion) model.Starts // the grid's start marks
	// schedule is d as a backup job's schedule policy: the start marks,
	// next runs, window words and clock are worked out from it.
	schedule(d draft) model.SchedulePolicy
	windowProblem(k model.WindowKind) string // why the window as read cannot be edited
	windowNames() [2]string                  // the review's names of the windows
	windowName(k model.WindowKind) string    // a window in a sentence
	windowWords(d draft, k model.WindowKind, v model.APIVersion) model.WindowWords
	noOtherWindow(d draft) string // why w has nothing to switch to, or ""
	body(d draft, v model.APIVersion) ([]byte, error)
	afterPut(d draft, v model.APIVersion) string // a request sent after the PUT, or ""
	// merge is mine on top of theirs, both descended from the job as read
	// (model.Merge, model.MergeCopy), with choices made for the fields both
	// changed, in the order of open; err while one is undecided.
	merge(mine, theirs draft, choices []model.Side) (merged draft, open []model.Conflict, combined []string, err error)
	// overwrite is mine put on this job as the server has it.
	overwrite(mine draft) draft
	fields() []formField
}

// target is the kind of the job the editor holds.
func (e *editor) target() jobKind {
	if e.copyJob != nil {
		return copyKind{e.copyJob}
	}
	return backupKind{e.job}
}

// backupKind is a backup job's editing: model.Job's rules.
type backupKind struct{ j *model.Job }

func (k backupKind) name() string        { return model.SafeText(k.j.Name) }
func (k backupKind) rawName() string     { return k.j.Name }
func (k backupKind) id() string          { return k.j.ID }
func (k backupKind) title(string) string { return model.SafeText(k.j.Name) }
func (k backupKind) read() draft         { return draft{Settings: k.j.Settings()} }
func (k backupKind) dirty(d draft) bool  { return k.j.Settings() != d.Settings }
func (k backupKind) changes(d draft) []model.FieldChange {
	return model.Changes(k.j.Settings(), d.Settings)
}
func (k backupKind) validate(d draft, v model.APIVersion) error { return k.j.Validate(d.Settings, v) }
func (k backupKind) warnings(d draft, _ *model.Job, v model.APIVersion) []model.Warning {
	return slices.Concat(k.j.EditWarnings(d.Settings, v), model.WindowOffWarnings(k.j.Policy, d.Policy, v),
		model.StartAfterSaveWarnings(d.Settings, d.RunAfterSave))
}
func (k backupKind) whyNoRuns(d draft, _ *model.Job, v model.APIVersion) string {
	return k.j.WhyNoRuns(d.Settings, v)
}
func (k backupKind) starts(d draft, _ *model.Job, v model.APIVersion) model.Starts {
	return model.StartHours(d.Policy, v)
}
func (k backupKind) schedule(d draft) model.SchedulePolicy { return d.Policy }
func (k backupKind) windowProblem(wk model.WindowKind) string {
	ws, _ := k.j.Policy.Window(wk)
	return ws.Problem
}
func (k backupKind) windowNames() [2]string                { return [2]string{"Backup window", "Periodic window"} }
func (k backupKind) windowName(wk model.WindowKind) string { return wk.String() }
func (k backupKind) windowWords(d draft, wk model.WindowKind, v model.APIVersion) model.WindowWords {
	return d.Policy.DescribeWindowWords(wk, v)
}
func (k backupKind) noOtherWindow(d draft) string {
	if d.Policy.HasPeriodicWindow {
		return ""
	}
	return "this job has no periodic window (API v6 and later)"
}
func (k backupKind) body(d draft, v model.APIVersion) ([]byte, error) {
	return k.j.PutBody(d.Settings, v)
}
func (k backupKind) afterPut(d draft, v model.APIVersion) string {
	return k.j.SwitchRequest(d.Settings, v)
}
func (k backupKind) fields() []formField { return formFields() }
func (k backupKind) merge(mine, theirs draft, choices []model.Side) (draft, []model.Conflict, []string, error) {
	r := model.Merge(k.j.Settings(), mine.Settings, theirs.Settings)
	open, err := resolve(r, choices)
	s, serr := r.Settings()
	return draft{Settings: s}, open, r.Combined, cmp.Or(err, serr)
}

// overwrite keeps from the server's document whether a periodic window
// exists, which describes the document rather than an edit, and what the
// PUT cannot send (model.Overwrite).
func (k backupKind) overwrite(mine draft) draft {
	mine.Settings = model.Overwrite(mine.Settings, k.j.Settings())
	mine.Policy.HasPeriodicWindow = k.j.Policy.HasPeriodicWindow
	return mine
}

// copyKind is a backup copy job's editing: model.CopyJob's rules, its one
// window (the backup copy window) and its own form.
type copyKind struct{ j *model.CopyJob }

func (k copyKind) id() string      { return k.j.ID }
func (k copyKind) name() string    { return model.SafeText(k.j.Name) }
func (k copyKind) rawName() string { return k.j.Name }

// title names the copy job and its source backup job.
func (k copyKind) title(source string) string {
	return model.SafeText(k.j.Name) + " · copy of " + model.SafeText(source)
}
func (k copyKind) read() draft        { return fromCopy(k.j.Settings()) }
func (k copyKind) dirty(d draft) bool { return k.j.Settings() != toCopy(d) }
func (k copyKind) changes(d draft) []model.FieldChange {
	return model.CopyChanges(k.j.Settings(), toCopy(d))
}
func (k copyKind) validate(d draft, v model.APIVersion) error { return k.j.Validate(toCopy(d), v) }

// warnings are model.CopyJob's: its EditWarnings (disabled, an empty copy
// window, a daily start the copy window holds back), then what lint says
// of its source backup job (missing, disabled).
func (k copyKind) warnings(d draft, src *model.Job, v model.APIVersion) []model.Warning {
	return slices.Concat(k.j.EditWarnings(toCopy(d), v), k.j.WindowOffWarnings(toCopy(d)), k.j.SourceWarnings(src))
}

// whyNoRuns is model.CopyJob.WhyNoRuns; an Immediate copy job whose source
// is missing or disabled says that, as the planner does.
func (k copyKind) whyNoRuns(d draft, src *model.Job, v model.APIVersion) string {
	why := k.j.WhyNoRuns(toCopy(d), v)
	if why == model.ImmediateNoRuns && (src == nil || !src.IsEnabled) {
		return model.WhyCopyNoRuns(k.edited(d), src, v)
	}
	return why
}

// starts are model.CopyStarts of the copy job with d's settings.
func (k copyKind) starts(d draft, src *model.Job, v model.APIVersion) model.Starts {
	return model.CopyStarts(k.edited(d), src, v)
}

// edited is the copy job with d's settings, a copy: k.j is never written.
func (k copyKind) edited(d draft) *model.CopyJob {
	c := *k.j
	s := toCopy(d)
	c.IsEnabled, c.Policy = s.IsEnabled, s.Policy
	return &c
}
func (k copyKind) schedule(d draft) model.SchedulePolicy { return toCopy(d).Policy.AsSchedule() }
func (k copyKind) windowProblem(model.WindowKind) string { return k.j.Policy.Window.Problem }
func (k copyKind) windowNames() [2]string                { return [2]string{"Backup copy window", ""} }
func (k copyKind) windowName(model.WindowKind) string    { return "backup copy window" }

// windowWords are the copy window's words: a backup window's, named as
// the copy window.
func (k copyKind) windowWords(d draft, _ model.WindowKind, v model.APIVersion) model.WindowWords {
	w := k.schedule(d).DescribeWindowWords(model.BackupWindowKind, v)
	w.Title = "Backup copy window" + strings.TrimPrefix(w.Title, "Backup window")
	return w
}
func (k copyKind) noOtherWindow(draft) string {
	return "a backup copy job has one window, the backup copy window"
}
func (k copyKind) body(d draft, v model.APIVersion) ([]byte, error) {
	return k.j.PutBody(toCopy(d), v)
}
func (k copyKind) afterPut(draft, model.APIVersion) string { return "" } // copy jobs are v6+: the PUT carries isEnabled
func (k copyKind) fields() []formField                     { return copyFormFields() }
func (k copyKind) merge(mine, theirs draft, choices []model.Side) (draft, []model.Conflict, []string, error) {
	r := model.MergeCopy(k.j.Settings(), toCopy(mine), toCopy(theirs))
	open, err := resolve(r, choices)
	s, serr := r.Settings()
	return fromCopy(s), open, r.Combined, cmp.Or(err, serr)
}

// overwrite is mine but for what the PUT cannot send (model.OverwriteCopy).
func (k copyKind) overwrite(mine draft) draft {
	d := fromCopy(model.OverwriteCopy(toCopy(mine), k.j.Settings()))
	d.RunAfterSave = mine.RunAfterSave
	return d
}

// resolve applies the choices made (0: undecided) to a merge's open
// conflicts, which it returns as they were before.
func resolve[S any](r *model.MergeOf[S], choices []model.Side) ([]model.Conflict, error) {
	open := slices.Clone(r.Conflicts)
	for i, side := range choices {
		if side != 0 {
			if err := r.Resolve(open[i].Field, side); err != nil {
				return open, err
			}
		}
	}
	return open, nil
}

// hold makes job the editor's job, of its kind, as read.
func (e *editor) hold(job jobKind) {
	switch k := job.(type) {
	case backupKind:
		e.job, e.copyJob = k.j, nil
	case copyKind:
		e.job, e.copyJob = nil, k.j
	}
}

// setCopyType sets a copy job's schedule type; as setType, a type switched
// to without its values gets the console's defaults.
func setCopyType(d *draft, s string) error {
	t, err := model.ParseCopyScheduleType(s)
	if err != nil {
		return err
	}
	p := &d.Policy
	d.CopyType = t
	if t == model.CopyPeriodically && p.Every == model.IntervalUnset {
		p.Every = model.Hours1
	}
	if t == model.DailyAtTime && p.DailyType == model.DailyUnset {
		p.DailyType = model.Everyday
	}
	return nil
}

// copyFormFields is a backup copy job's form: what its PUT carries and a
// person edits. A copy job has no retries, no periodic window and no start
// minute, and its name is not edited here (v8's RESTEditCopyJob has none).
func copyFormFields() []formField {
	isDaily := func(d *draft, _ model.APIVersion) bool { return d.CopyType == model.DailyAtTime }
	isPeriodic := func(d *draft, _ model.APIVersion) bool { return d.CopyType == model.CopyPeriodically }
	return []formField{
		{label: "Run the job", apiField: model.FieldType, kind: enumField, applies: always,
			options: enumOptions(model.CopyScheduleTypes(), nil),
			get:     func(d *draft) string { return shownEnum(d.CopyType, toCopy(*d).Policy.TypeText()) },
			set:     setCopyType},
		daysField(isDaily), timeField(isDaily), intervalField(isPeriodic),
		toggleField("Copy window", model.FieldCopyWindowEnabled, always, func(d *draft) *bool { return &d.Policy.BackupWindowEnabled }),
		toggleField("Enabled", model.FieldIsEnabled, always, func(d *draft) *bool { return &d.IsEnabled }),
	}
}

// openCopyEditor opens a backup copy job's editor and looks for its draft.
func (m *Model) openCopyEditor(j *model.CopyJob) tea.Cmd {
	m.editor = newCopyEditor(j, m.opts.Backend.APIVersion(), m.list.source(j))
	m.draftErr = nil // another job's failed write says nothing of this one's (G28)
	m.back = screenList
	if m.screen == screenPlan {
		m.back = screenPlan
	}
	m.screen = screenEditor
	return m.loadDraft(j.ID, false)
}

// isCopy reports a backup copy job's draft.
func (d *StoredDraft) isCopy() bool { return d.CopyBase != nil }

// base is the job the draft's edit was made to, of its kind.
func (d *StoredDraft) base() jobKind {
	if d.isCopy() {
		return copyKind{d.CopyBase}
	}
	return backupKind{d.Base}
}

// edit is the draft's edit as the editor's draft.
func (d *StoredDraft) edit() draft {
	if d.isCopy() {
		return fromCopy(d.CopyEdit)
	}
	return draft{Settings: d.Edit}
}

// kindWords names the draft's kind of job.
func (d *StoredDraft) kindWords() string {
	if d.isCopy() {
		return "a backup copy job"
	}
	return "a backup job"
}

// saveCopyJob saves the copy job's draft through the CopyBackend.
func (m Model) saveCopyJob(e *editor) tea.Cmd {
	b, job, edit := m.copyBackend(), e.copyJob, toCopy(e.draft)
	return func() tea.Msg {
		if b == nil {
			return jobSavedMsg{err: errors.New("this connection serves no backup copy jobs; nothing was sent")}
		}
		ctx, cancel := timeout()
		defer cancel()
		saved, err := b.SaveCopyJob(ctx, job, edit)
		msg := jobSavedMsg{copyJob: saved, err: err}
		if note, ok := model.SavedWithNote(err); ok {
			msg.err, msg.note = nil, note // saved: the note says what else changed
		}
		return msg
	}
}

// copyJobSaved is jobSaved for a copy job: the copy job read back is the
// editor's new base and its row's; a copy job that did not take the edit
// becomes the base with the edits kept on top.
func (m Model) copyJobSaved(msg jobSavedMsg) (Model, tea.Cmd) {
	var notApplied *model.CopyNotAppliedError
	var stale *model.CopyStaleError
	switch {
	case msg.err == nil && msg.copyJob != nil:
		m.editor.resetCopy(msg.copyJob)
		m.list.ReplaceCopyJob(msg.copyJob)
	case errors.As(msg.err, &stale) && stale.Current != nil:
		m.conflict = ptrTo(copyConflictFromStale(stale, m.editor.draft))
		m.screen = screenConflict
	case errors.As(msg.err, &notApplied) && notApplied.Saved != nil:
		m.editor.copyJob = notApplied.Saved
		m.editor.undo, m.editor.redo = nil, nil
	}
	return m, nil
}

// reloadCopyJob reads the copy job again.
func (m Model) reloadCopyJob() tea.Cmd {
	b, id := m.copyBackend(), m.editor.copyJob.ID
	return func() tea.Msg {
		if b == nil {
			return jobReloadedMsg{err: errors.New("this connection serves no backup copy jobs")}
		}
		ctx, cancel := timeout()
		defer cancel()
		j, err := b.GetCopyJob(ctx, id)
		return jobReloadedMsg{copyJob: j, err: err}
	}
}

// jobResultLines is a backup job as read back after a save: its schedule,
// window, retries and its Enabled switch, which a save may have changed
// alone (a copy job's lines say it too).
func jobResultLines(j *model.Job) string {
	p := j.Policy
	return fmt.Sprintf("  %-18s %s\n", "Run the job", p.ScheduleWords()) +
		fmt.Sprintf("  %-18s %s\n", "Backup window", p.BackupWindowWords()) +
		fmt.Sprintf("  %-18s %s\n", "Retry failed job", p.RetryWords()) +
		fmt.Sprintf("  %-18s %s\n", "Enabled", model.OnOff(j.IsEnabled))
}

// copyResultLines is what the result screen shows of a copy job read back.
func copyResultLines(j *model.CopyJob) string {
	p := j.Policy
	return fmt.Sprintf("  %-18s %s\n", "Run the job", p.Describe()) +
		fmt.Sprintf("  %-18s %s\n", "Backup copy window", model.OnOff(p.WindowEnabled)+": "+p.Window.Hours.String()) +
		fmt.Sprintf("  %-18s %s\n", "Enabled", model.OnOff(j.IsEnabled))
}

// source is a copy job's source backup job as the list has it, nil when
// the list lacks it.
func (l JobList) source(j *model.CopyJob) *model.Job {
	for _, b := range l.jobs {
		if b != nil && b.ID == j.BackupJobID {
			return b
		}
	}
	return nil
}

// notAppliedFields is what a save that did not take (model.NotAppliedError
// or model.CopyNotAppliedError) left out.
func notAppliedFields(err error) ([]model.FieldChange, bool) {
	var job *model.NotAppliedError
	var copyJob *model.CopyNotAppliedError
	switch {
	case errors.As(err, &job):
		return job.Missing, true
	case errors.As(err, &copyJob):
		return copyJob.Missing, true
	}
	return nil, false
}

// unknownOutcome reports a save whose outcome is unknown, of either kind.
func unknownOutcome(err error) bool {
	var job *model.UnknownOutcomeError
	var copyJob *model.CopyUnknownOutcomeError
	return errors.As(err, &job) || errors.As(err, &copyJob)
}

// window is the draft's window the grid shows, to edit in place: a copy
// job's copy window is the draft's Policy.BackupWindow (see toCopy), and
// its editor never switches to the periodic window (noOtherWindow).
func (e *editor) window() *model.Window {
	ws, _ := e.draft.Policy.Window(e.kind)
	return &ws.Hours
}

// toCopy reads a copy job's settings from the draft (see draft.CopyType).
func toCopy(d draft) model.CopySettings {
	p := d.Policy
	return model.CopySettings{IsEnabled: d.IsEnabled, Policy: model.CopyPolicy{
		Type: d.CopyType, Every: p.Every, DailyType: p.DailyType, DailyTime: p.DailyTime,
		WindowEnabled: p.BackupWindowEnabled, Window: p.BackupWindow, Unknown: p.Unknown}}
}

// fromCopy is a copy job's settings as a draft, the fields toCopy reads.
func fromCopy(s model.CopySettings) draft {
	p := s.Policy
	return draft{CopyType: p.Type, Settings: model.Settings{IsEnabled: s.IsEnabled, Policy: model.SchedulePolicy{
		Every: p.Every, DailyType: p.DailyType, DailyTime: p.DailyTime,
		BackupWindowEnabled: p.WindowEnabled, BackupWindow: p.Window, Unknown: p.Unknown}}}
}

// copyEdit is the copy job's edit the draft holds, zero for a backup job.
func (e *editor) copyEdit() model.CopySettings {
	if e.copyJob == nil {
		return model.CopySettings{}
	}
	return toCopy(e.draft)
}
