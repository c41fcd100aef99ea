package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// editor is the state of one job's editing: the job as read, the draft,
// the undo history and the grid and form components.
type editor struct {
	job       *model.Job
	version   model.APIVersion
	draft     draft
	undo      []draft
	redo      []draft
	grid      Grid
	form      Form
	focusForm bool
	periodic  bool // the grid shows the periodic window
	presets   bool // the presets menu is open
	dragging  bool
	dragFrom  model.Cell
	dragValue bool

	confirmQuit bool
	message     string

	// sum is derived from the draft and remembered until the draft
	// changes, so a cursor move redraws without re-validating.
	sum editorSummary
}

// editorSummary is what the screen shows about the draft as a whole.
type editorSummary struct {
	valid    bool // the fields below are for draft and periodic
	draft    draft
	periodic bool
	dirty    bool
	errs     model.ValidationError
	errsText string // errs as one string, to compare
	words    string // the shown window in words, unstyled
	clock    string // its hour count and clock, unstyled
}

func newEditor(j *model.Job, v model.APIVersion) *editor {
	e := &editor{version: v, form: NewForm()}
	e.reset(j)
	return e
}

// reset starts over from a job as read (after loading or saving).
func (e *editor) reset(j *model.Job) {
	e.job = j
	e.draft = draft{Settings: j.Settings()}
	e.undo, e.redo = nil, nil
	e.grid.ClearSelection()
	e.message = ""
}

func (e *editor) window() *model.Window {
	if e.periodic {
		return &e.draft.Policy.PeriodicWindow.Hours
	}
	return &e.draft.Policy.BackupWindow.Hours
}

func (e *editor) windowAsRead() model.Window {
	if e.periodic {
		return e.job.Policy.PeriodicWindow.Hours
	}
	return e.job.Policy.BackupWindow.Hours
}

// edit records the draft for undo, then applies change.
func (e *editor) edit(change func()) {
	before := e.draft
	change()
	if e.draft != before {
		e.undo = append(e.undo, before)
		e.redo = nil
	}
}

func (e *editor) undoEdit() { e.travel(&e.undo, &e.redo, "undo") }
func (e *editor) redoEdit() { e.travel(&e.redo, &e.undo, "redo") }

// travel moves the draft one step back (undo) or forward (redo) in history,
// keeping the current draft on the other stack.
func (e *editor) travel(from, to *[]draft, verb string) {
	n := len(*from)
	if n == 0 {
		e.message = "nothing to " + verb
		return
	}
	*to = append(*to, e.draft)
	e.draft = (*from)[n-1]
	*from = (*from)[:n-1]
	e.message = verb + "ne"
}

func (e *editor) changes() []model.Change { return e.job.Changes(e.draft.Settings) }
func (e *editor) dirty() bool             { return e.summary().dirty }

// summary returns the derived state of the draft, recomputing it only when
// the draft or the shown window changed.
func (e *editor) summary() *editorSummary {
	sum := &e.sum
	if sum.valid && sum.draft == e.draft && sum.periodic == e.periodic {
		return sum
	}
	*sum = editorSummary{valid: true, draft: e.draft, periodic: e.periodic}
	sum.dirty = e.job.Settings() != e.draft.Settings
	sum.errs = e.validationErrors()
	if sum.errs != nil {
		sum.errsText = sum.errs.Error()
	}
	p := e.draft.Policy
	words := p.DescribeWindowWords(e.periodic, e.version)
	sum.words, sum.clock = words.Title, words.Hours
	if p.HasPeriodicWindow {
		sum.clock += " · w: other window"
	}
	return sum
}

func (e *editor) validate() error { return e.job.Validate(e.draft.Settings, e.version) }

func (e *editor) validationErrors() model.ValidationError {
	if err, ok := e.validate().(model.ValidationError); ok {
		return err
	}
	return nil
}

// preset is one entry of the presets menu.
type preset struct {
	key, name string
	apply     func(w *model.Window)
}

var presets = []preset{
	{"1", "always", func(w *model.Window) { w.Fill(true) }},
	{"2", "never", func(w *model.Window) { w.Fill(false) }},
	{"3", "nights 20:00–06:00", func(w *model.Window) { *w, _ = model.ParseWindow("everyday 20:00-06:00") }},
	{"4", "weekends only", func(w *model.Window) { *w, _ = model.ParseWindow("weekends") }},
	{"5", "outside business hours", func(w *model.Window) {
		w.Fill(true)
		w.SetRect(model.Rect{Day0: time.Monday, Day1: time.Friday, Hour0: 8, Hour1: 17}, false)
	}},
	{"6", "invert", func(w *model.Window) { w.Invert() }},
}

// key handles a key press; it reports whether the user asked to leave.
func (e *editor) key(k *KeyMap, msg tea.KeyPressMsg) (back bool, cmd tea.Cmd) {
	if !e.form.editing {
		e.message = ""
	}
	switch {
	case e.presets:
		e.presets = false
		for _, p := range presets {
			if msg.String() == p.key {
				e.edit(func() { p.apply(e.window()) })
				e.grid.ClearSelection()
				e.message = "preset: " + p.name
			}
		}
		return false, nil
	case e.form.editing:
		return false, e.formEditKey(msg)
	case key.Matches(msg, k.Undo):
		e.undoEdit()
	case key.Matches(msg, k.Redo):
		e.redoEdit()
	case key.Matches(msg, k.NextPane), key.Matches(msg, k.PrevPane):
		e.focusForm = !e.focusForm
	case key.Matches(msg, k.SwitchWindow):
		if e.draft.Policy.HasPeriodicWindow {
			e.periodic = !e.periodic
			e.grid.ClearSelection()
		} else {
			e.message = "this job has no periodic window (API v6 and later)"
		}
	case msg.String() == "esc" && !e.focusForm && e.grid.ClearSelection():
	case key.Matches(msg, k.Back):
		return true, nil
	case e.focusForm:
		e.formKey(k, msg)
	default:
		e.gridKey(k, msg)
	}
	return false, nil
}

func (e *editor) gridKey(k *KeyMap, msg tea.KeyPressMsg) {
	g := &e.grid
	switch {
	case key.Matches(msg, k.Up):
		g.Move(-1, 0)
	case key.Matches(msg, k.Down):
		g.Move(1, 0)
	case key.Matches(msg, k.Left):
		g.Move(0, -1)
	case key.Matches(msg, k.Right):
		g.Move(0, 1)
	case msg.String() == "home" || msg.String() == "0":
		g.Move(0, -model.HoursPerDay)
	case msg.String() == "end" || msg.String() == "$":
		g.Move(0, model.HoursPerDay)
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

func (e *editor) formKey(k *KeyMap, msg tea.KeyPressMsg) {
	f := &e.form
	switch {
	case key.Matches(msg, k.Up):
		f.Move(&e.draft, e.version, -1)
	case key.Matches(msg, k.Down):
		f.Move(&e.draft, e.version, 1)
	case key.Matches(msg, k.Left):
		e.edit(func() { f.Step(&e.draft, e.version, -1) })
	case key.Matches(msg, k.Right), key.Matches(msg, k.Toggle):
		e.edit(func() { f.Step(&e.draft, e.version, 1) })
	case key.Matches(msg, k.Edit):
		if !f.BeginEdit(&e.draft, e.version) {
			e.edit(func() { f.Step(&e.draft, e.version, 1) })
		}
	}
}

func (e *editor) formEditKey(msg tea.KeyPressMsg) tea.Cmd {
	f := &e.form
	switch msg.String() {
	case "enter", "tab":
		e.edit(func() { f.CommitEdit(&e.draft, e.version) })
		return nil
	case "esc":
		f.CancelEdit()
		return nil
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

// mouse handles clicks and drags on the grid: a click toggles an hour, a
// drag paints a rectangle with the opposite of the first hour's value, a
// click on a day or hour label selects that row or column.
func (e *editor) mouse(l editorLayout, msg tea.MouseMsg) tea.Cmd {
	m := msg.Mouse()
	cell, dayLabel, hourLabel, ok := l.grid.hit(m.X-l.gridX, m.Y-l.gridY)
	switch msg.(type) {
	case tea.MouseClickMsg:
		if !ok || m.Button != tea.MouseLeft {
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
