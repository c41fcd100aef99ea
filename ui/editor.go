package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// editor is the state of one job's editing: the job as read, the draft,
// the undo history and the grid and form components.
type editor struct {
	job       *model.Job     // the backup job edited, or nil
	copyJob   *model.CopyJob // the backup copy job edited, or nil (see target)
	source    string         // a copy job's source backup job's name, as read (jobKind.title)
	sourceJob *model.Job     // that job as listed, nil when not listed; replaced, never written through
	// listed is set while the job shown is the list's copy, opened from
	// the list or the plan and not yet read again (jobRereadMsg): the
	// title says "as listed", not "as on the server".
	listed    bool
	version   model.APIVersion
	draft     draft
	undo      *history
	redo      *history
	grid      Grid
	form      Form
	focusForm bool
	kind      model.WindowKind // the window the grid shows
	presets   bool             // the presets menu is open
	dragging  bool
	dragFrom  model.Cell
	dragValue bool

	// now is the Model's clock, set in Update; localView shows the grid
	// on the terminal's clock, shifted by localHours, as a view only.
	now        time.Time
	localView  bool
	localHours int

	confirmQuit   bool
	quitProgram   bool // the question was asked by ctrl+c: y quits the program, keeping the draft
	confirmReload bool
	message       string

	// draftChecked is set once the job's draft was looked for; offer is a
	// draft found, waiting for restore or discard.
	draftChecked bool
	offer        *StoredDraft
	// unreadable is why the job's draft cannot be read, until the user
	// opens the job without it; foreignDraft is that draft, still on disk,
	// which nothing deletes until an edit replaces it.
	unreadable   string
	foreignDraft bool
	// inUse is who has the job open in another session, until the user
	// opens it read-only (readOnly) or takes its draft over.
	inUse    string
	readOnly bool

	// sum is derived from the draft; Update brings it up to date (see
	// settle) and views only read it, so a cursor move redraws without
	// re-validating. It is replaced when the draft changes, never written
	// through: a cursor move copies its pointer, not its kilobyte.
	sum *editorSummary
	// status is the grid cursor's hour, refreshed on every settle; zone
	// the clock as shown: in the z view it names both zones.
	status, zone string
}

// history is an immutable stack of drafts: a push makes a new node on top
// of the old one and nothing is written in place, so copies of an editor
// (old Models) share it safely.
type history struct {
	draft draft
	prev  *history
	depth int // how many drafts this stack holds, this one included
}

// historySteps is how many undo steps are always kept. A draft is about
// half a kilobyte, so an afternoon of toggling must not keep every one:
// the stack holds between historySteps and twice that many.
const historySteps = 1000

// push returns the stack with d on top. Past twice historySteps it keeps
// only the newest historySteps, copied into one new stack (older copies of
// the editor keep theirs): one copy every historySteps pushes, so a push
// costs the same however long the editing goes on.
func (h *history) push(d draft) *history {
	n := &history{draft: d, prev: h, depth: 1}
	if h != nil {
		n.depth = h.depth + 1
	}
	if n.depth > 2*historySteps {
		return n.newest(historySteps)
	}
	return n
}

// newest copies the top k drafts of the stack into a stack of their own.
func (h *history) newest(k int) *history {
	nodes := make([]history, k)
	for i := range nodes {
		nodes[i] = history{draft: h.draft, depth: k - i}
		if i > 0 {
			nodes[i-1].prev = &nodes[i]
		}
		h = h.prev
	}
	return &nodes[0]
}

// editorSummary is what the screen shows about the draft as a whole.
type editorSummary struct {
	job      *model.Job // the fields below are for job (or copyJob), draft and kind
	copyJob  *model.CopyJob
	draft    draft
	kind     model.WindowKind
	dirty    bool
	errs     model.ValidationError
	errsText string     // errs as one string, to compare
	words    string     // the shown window in words, unstyled
	clock    string     // its hour count and clock, unstyled
	rows     int        // the form's rows
	marks    StartMarks // where the draft starts the job, in the server's hours

	minute   time.Time // now, to the minute, the runs were worked out at
	warnings []model.Warning
	warnText string // warnings on one line
	runs     []model.Run
	noRuns   string // why there are no runs, or ""
	runsText string // the runs on one line
}

func newEditor(j *model.Job, v model.APIVersion) editor {
	e := editor{version: v, form: NewForm()}
	e.reset(j)
	return e
}

// newCopyEditor is the editor of a backup copy job, with its own form.
// source is its source backup job as listed, nil when the list lacks it.
func newCopyEditor(j *model.CopyJob, v model.APIVersion, source *model.Job) editor {
	e := editor{version: v, form: newForm(copyKind{j}.fields()), sourceJob: source, source: "a backup job not listed"}
	if source != nil {
		e.source = source.Name
	}
	e.resetCopy(j)
	return e
}

// reset starts over from a job as read (after loading or saving).
func (e *editor) reset(j *model.Job) {
	e.job, e.copyJob = j, nil
	e.restart()
}

// resetCopy starts over from a copy job as read.
func (e *editor) resetCopy(j *model.CopyJob) {
	e.job, e.copyJob = nil, j
	e.restart()
}

// restart makes the job as read the draft, with no history.
func (e *editor) restart() {
	e.listed = false // the job is as read from the server
	e.draft = e.target().read()
	e.undo, e.redo = nil, nil
	e.grid.ClearSelection()
	e.message = ""
	e.settle()
}

// open reports whether the editor holds a job (the zero editor does not).
func (e *editor) open() bool { return e.job != nil || e.copyJob != nil }

// settle brings what is derived from the draft up to date after Update
// changed it: the summary the views show, and the form's focus, which must
// stay on a field the draft shows (an undo can hide the focused one).
func (e *editor) settle() {
	e.summary()
	e.status = cursorStatus(e.shownWindow(), e.grid.Target(), e.localHours, e.localView)
	if t := e.grid.Target(); t.Cells() == 1 {
		e.status += startWords(e.startMarks(), e.shownWindow(), model.Cell{Day: t.Day0, Hour: t.Hour0})
	}
	e.zone = e.sum.clock
	if e.localView {
		_, local := e.now.Zone()
		e.zone = fmt.Sprintf("times in your zone, %s, as a view only · the server's is %s",
			model.UTCOffset(local/60), model.UTCOffset(serverOffset(e.target().schedule(e.draft), e.kind)))
	}
	e.onDraft(func(d *draft) { e.form.clampFocus(d, e.version) })
}

// edit records the draft for undo, then applies change.
func (e *editor) edit(change func()) {
	before := e.draft
	change()
	if e.draft != before {
		e.undo = e.undo.push(before)
		e.redo = nil
	}
}

func (e *editor) undoEdit() { e.travel(&e.undo, &e.redo, "undo") }
func (e *editor) redoEdit() { e.travel(&e.redo, &e.undo, "redo") }

// travel moves the draft one step back (undo) or forward (redo) in history,
// keeping the current draft on the other stack.
func (e *editor) travel(from, to **history, verb string) {
	if *from == nil {
		e.message = "nothing to " + verb
		return
	}
	*to = (*to).push(e.draft)
	e.draft = (*from).draft
	*from = (*from).prev
	e.message = verb + "ne"
}

func (e *editor) changes() []model.FieldChange { return e.target().changes(e.draft) }
func (e *editor) dirty() bool                  { return e.summary().dirty }

// summary returns the derived state of the draft, recomputing it only when
// the draft or the shown window changed. It replaces e.sum: call it from
// Update; views read e.sum, which settle keeps current.
func (e *editor) summary() *editorSummary {
	minute := e.now.Truncate(time.Minute)
	if sum := e.sum; sum != nil && sum.job == e.job && sum.copyJob == e.copyJob && sum.draft == e.draft && sum.kind == e.kind && sum.minute.Equal(minute) {
		return sum
	}
	sum := &editorSummary{job: e.job, copyJob: e.copyJob, draft: e.draft, kind: e.kind, minute: minute}
	e.sum = sum
	t := e.target()
	sum.dirty = t.dirty(e.draft)
	d := e.draft // a copy: see onDraft
	sum.rows = len(e.form.visible(&d, e.version))
	sum.errs = e.validationErrors()
	if sum.errs != nil {
		sum.errsText = sum.errs.Error()
	}
	p := t.schedule(e.draft)
	words := t.windowWords(e.draft, e.kind, e.version)
	sum.words = words.Title
	ws, _ := p.Window(e.kind)
	offset := serverOffset(p, e.kind)
	sum.clock = fmt.Sprintf("%d of %d h allowed · %s", ws.Hours.Count(), model.WindowHours, model.ZoneWords(offset))
	if ws.Problem != "" {
		sum.clock = words.Hours
	}
	if p.HasPeriodicWindow {
		sum.clock += " · w: other window"
	}
	sum.marks = startMarks(t.starts(e.draft, e.sourceJob, e.version))
	sum.warnings = t.warnings(e.draft, e.sourceJob, e.version)
	sum.warnText = warningsLine(sum.warnings)
	if sum.noRuns = t.whyNoRuns(e.draft, e.sourceJob, e.version); sum.noRuns == "" {
		sum.runs = model.NextRuns(p, e.version, e.now.In(serverZone(serverOffset(p, model.BackupWindowKind))), nextRunsShown)
	}
	sum.runsText = runsLine(sum.runs, sum.noRuns, e.now)
	return sum
}

// shownWindow is the window as the grid draws it: in the server's hours,
// or in the z view shifted onto the terminal's clock.
func (e *editor) shownWindow() model.Window {
	w := *e.window()
	if e.localView {
		return w.Rotate(e.localHours)
	}
	return w
}

// startMarks is where the grid marks the draft's starts, shifted as
// shownWindow shifts the hours.
func (e *editor) startMarks() StartMarks {
	if e.localView {
		return e.sum.marks.Rotate(e.localHours)
	}
	return e.sum.marks
}

// toggleLocalView switches the grid between the server's hours and the
// terminal's, keeping the cursor on the same moment.
func (e *editor) toggleLocalView() {
	if e.localView {
		e.localView = false
		e.grid.Cursor = model.CellAt(e.grid.Cursor.Index() - e.localHours)
		e.message = "the grid shows the server's hours again; you can edit"
		return
	}
	offset := serverOffset(e.target().schedule(e.draft), e.kind)
	shift, ok := localShift(e.now, offset)
	if !ok {
		e.message = "cannot show your time zone: the server does not say its zone (minuteOffset 0) or differs by part of an hour"
		if offset != 0 {
			e.message = "cannot show your time zone: it differs from the server's " + model.UTCOffset(offset) + " by part of an hour"
		}
		return
	}
	e.grid.ClearSelection()
	e.localView, e.localHours = true, shift
	e.grid.Cursor = model.CellAt(e.grid.Cursor.Index() + shift)
	e.message = "your time zone, view only: z goes back to the server's hours to edit; saving is always in the server's hours"
}

func (e *editor) validate() error { return e.target().validate(e.draft, e.version) }

func (e *editor) validationErrors() model.ValidationError {
	if err, ok := e.validate().(model.ValidationError); ok {
		return err
	}
	return nil
}

// presets are the presets menu's entries, chosen with 1–6 and named by
// presetNames in keys.go; each works on the window by value (see onDraft).
var presets = [len(presetNames)]func(w model.Window) model.Window{
	func(w model.Window) model.Window { w.Fill(true); return w },
	func(w model.Window) model.Window { w.Fill(false); return w },
	func(model.Window) model.Window { w, _ := model.ParseWindow("everyday 20:00-06:00"); return w },
	func(model.Window) model.Window { w, _ := model.ParseWindow("weekends"); return w },
	func(w model.Window) model.Window {
		w.Fill(true)
		w.SetRect(model.Rect{Day0: time.Monday, Day1: time.Friday, Hour0: 8, Hour1: 17}, false)
		return w
	},
	func(w model.Window) model.Window { w.Invert(); return w },
}

// key handles a key press; it reports whether the user asked to leave.
func (e *editor) key(k *KeyMap, msg tea.KeyPressMsg) (back bool, cmd tea.Cmd) {
	if !e.form.editing {
		e.message = ""
	}
	switch {
	case e.presets:
		e.presets = false
		if e.windowUnreadable() {
			return false, nil
		}
		for i, apply := range presets {
			if key.Matches(msg, k.PresetChoice[i]) {
				e.edit(func() { w := e.window(); *w = apply(*w) })
				e.grid.ClearSelection()
				e.message = "preset: " + presetNames[i]
			}
		}
		return false, nil
	case e.form.editing:
		return false, e.formEditKey(k, msg)
	case key.Matches(msg, k.Undo):
		e.undoEdit()
	case key.Matches(msg, k.Redo):
		e.redoEdit()
	case key.Matches(msg, k.NextPane), key.Matches(msg, k.PrevPane):
		e.focusForm = !e.focusForm
	case key.Matches(msg, k.LocalZone) && !e.focusForm:
		e.toggleLocalView()
	case key.Matches(msg, k.SwitchWindow) && e.localView:
		e.message = "z first: the grid shows your time zone, view only"
	case key.Matches(msg, k.SwitchWindow):
		if why := e.target().noOtherWindow(e.draft); why != "" {
			e.message = why
		} else {
			e.kind = e.kind.Other()
			e.grid.ClearSelection()
		}
	case key.Matches(msg, k.ClearSelection) && !e.focusForm && e.grid.ClearSelection():
	case key.Matches(msg, k.Back):
		return true, nil
	case e.focusForm:
		e.formKey(k, msg)
	case e.localView:
		e.localViewKey(k, msg)
	default:
		if !e.windowUnreadable() {
			e.gridKey(k, msg)
		}
	}
	return false, nil
}

// localViewKey moves the cursor over the grid in the terminal's hours;
// every key that would change the hours is refused there, since an edit on
// a shifted grid is too easily an edit of the wrong hour.
func (e *editor) localViewKey(k *KeyMap, msg tea.KeyPressMsg) {
	days, hours, ok := moveKeyDelta(k, msg)
	if !ok {
		e.message = "your time zone is a view only: z goes back to the server's hours to edit"
		return
	}
	e.grid.Move(days, hours)
}

// windowUnreadable refuses the grid on a window the server sent in a shape
// vbosched cannot read (model.WindowSettings.Problem), saying why: its
// hours can be viewed as an error, never edited.
func (e *editor) windowUnreadable() bool {
	t := e.target()
	problem := t.windowProblem(e.kind)
	if problem == "" {
		return false
	}
	e.message = fmt.Sprintf("the %s cannot be edited: the server's hours %s; fix it on the server", t.windowName(e.kind), problem)
	return true
}

func (e *editor) gridKey(k *KeyMap, msg tea.KeyPressMsg) {
	g := &e.grid
	if days, hours, ok := moveKeyDelta(k, msg); ok {
		g.Move(days, hours)
		return
	}
	switch {
	case key.Matches(msg, k.Toggle):
		e.edit(func() { g.Toggle(e.window()) })
	case key.Matches(msg, k.Select):
		g.StartSelection()
	case key.Matches(msg, k.Allow):
		e.edit(func() { g.Apply(e.window(), true) })
	case key.Matches(msg, k.Deny):
		e.edit(func() { g.Apply(e.window(), false) })
	case key.Matches(msg, k.SelectDay):
		g.SelectRect(model.Cell{Day: g.Cursor.Day, Hour: 0}, model.Cell{Day: g.Cursor.Day, Hour: model.HoursPerDay - 1})
	case key.Matches(msg, k.SelectHour):
		g.SelectRect(model.Cell{Day: time.Sunday, Hour: g.Cursor.Hour}, model.Cell{Day: time.Saturday, Hour: g.Cursor.Hour})
	case key.Matches(msg, k.SelectAll):
		g.SelectRect(model.Cell{Day: time.Sunday}, model.Cell{Day: time.Saturday, Hour: model.HoursPerDay - 1})
	case key.Matches(msg, k.Presets):
		e.presets = true
	}
}

// The form's fields reach a draft through function values, so the compiler
// moves any draft handed to them to the heap, and with it the Model that
// holds the editor (30 kB a keypress). They get a copy instead: onDraft and
// editDraft run the form on one and keep the result.
func (e *editor) onDraft(use func(d *draft)) {
	d := e.draft
	use(&d)
	e.draft = d
}

// editDraft is onDraft recorded for undo.
func (e *editor) editDraft(change func(d *draft)) { e.edit(func() { e.onDraft(change) }) }

func (e *editor) formKey(k *KeyMap, msg tea.KeyPressMsg) {
	f, v := &e.form, e.version
	switch {
	case key.Matches(msg, k.Up):
		e.onDraft(func(d *draft) { f.Move(d, v, -1) })
	case key.Matches(msg, k.Down):
		e.onDraft(func(d *draft) { f.Move(d, v, 1) })
	case key.Matches(msg, k.Left):
		e.editDraft(func(d *draft) { f.Step(d, v, -1) })
	case key.Matches(msg, k.Right), key.Matches(msg, k.Toggle):
		e.editDraft(func(d *draft) { f.Step(d, v, 1) })
	case key.Matches(msg, k.Edit):
		began := false
		e.onDraft(func(d *draft) { began = f.BeginEdit(d, v) })
		if !began {
			e.editDraft(func(d *draft) { f.Step(d, v, 1) })
		}
	}
}

func (e *editor) formEditKey(k *KeyMap, msg tea.KeyPressMsg) tea.Cmd {
	f := &e.form
	switch {
	case key.Matches(msg, k.CommitEdit):
		e.editDraft(func(d *draft) { f.CommitEdit(d, e.version) })
		return nil
	case key.Matches(msg, k.CancelEdit):
		f.CancelEdit()
		return nil
	}
	if f.multiline {
		return f.UpdateArea(msg)
	}
	return f.UpdateInput(msg)
}

// mouse handles clicks and drags on the grid: a click toggles an hour, a
// drag paints a rectangle with the opposite of the first hour's value, a
// click on a day or hour label selects that row or column.
func (e *editor) mouse(l editorLayout, msg tea.MouseMsg) tea.Cmd {
	m := msg.Mouse()
	cell, dayLabel, hourLabel, ok := l.grid.hit(m.X-l.gridX, m.Y-l.gridY)
	switch msg.(type) {
	case tea.MouseClickMsg:
		if !ok || m.Button != tea.MouseLeft || e.windowUnreadable() {
			return nil
		}
		if e.localView {
			e.message = "your time zone is a view only: z goes back to the server's hours to edit"
			return nil
		}
		e.focusForm = false
		switch {
		case dayLabel:
			e.grid.SelectRect(model.Cell{Day: cell.Day}, model.Cell{Day: cell.Day, Hour: model.HoursPerDay - 1})
		case hourLabel:
			e.grid.SelectRect(model.Cell{Day: time.Sunday, Hour: cell.Hour}, model.Cell{Day: time.Saturday, Hour: cell.Hour})
		default:
			e.grid.ClearSelection()
			e.grid.Cursor = cell
			e.dragging, e.dragFrom, e.dragValue = true, cell, !e.window().At(cell)
			e.edit(func() { e.window().Set(cell, e.dragValue) })
		}
	case tea.MouseMotionMsg:
		if e.dragging && ok && !dayLabel && !hourLabel {
			e.grid.Cursor = cell
			r := model.Rect{Day0: e.dragFrom.Day, Day1: cell.Day, Hour0: e.dragFrom.Hour, Hour1: cell.Hour}
			e.window().SetRect(r, e.dragValue) // one undo step per drag: the click recorded it
		}
	case tea.MouseReleaseMsg:
		e.dragging = false
	}
	return nil
}

// helpSet is the help line for what the editor is doing.
func (e *editor) helpSet() helpSet {
	switch {
	case e.form.editing && e.form.multiline:
		return helpFormEdit
	case e.form.editing:
		return helpFormEditLine
	case e.presets:
		return helpPresets
	case e.readOnly:
		return helpReadOnly
	case e.focusForm:
		return helpForm
	case e.localView:
		return helpLocalZone
	}
	return helpGrid
}

// paste inserts a bracketed paste into the field being edited: the
// description keeps its line breaks, a one-line field gets none, and no
// control character or bidi override reaches the draft, which is sent to
// the server and shown on other terminals.
func (e *editor) paste(text string) tea.Cmd {
	f := &e.form
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == '\n' && f.multiline:
			return r
		case r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, text)
	if clean == "" {
		return nil
	}
	if f.multiline {
		return f.UpdateArea(tea.PasteMsg{Content: clean})
	}
	return f.UpdateInput(tea.PasteMsg{Content: clean})
}
