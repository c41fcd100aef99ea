package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/vbosched/vbosched/model"
)

// KeyMap is every key of the program; the help lines, the help screen and
// the README's table come from it, and every handler matches keys through
// it (key.Matches), so what the help says is what the keys do.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	Top, Bottom           key.Binding
	PageUp, PageDown      key.Binding
	RowStart, RowEnd      key.Binding
	Toggle                key.Binding
	Select                key.Binding
	ClearSelection        key.Binding
	Allow, Deny           key.Binding
	SelectDay, SelectHour key.Binding
	SelectAll             key.Binding
	Presets               key.Binding
	PresetChoice          [len(presetNames)]key.Binding
	SwitchWindow          key.Binding
	LocalZone             key.Binding
	Undo, Redo            key.Binding
	NextPane, PrevPane    key.Binding
	Edit                  key.Binding
	CommitEdit, NewLine   key.Binding
	CancelEdit            key.Binding
	Save                  key.Binding
	Confirm, Cancel       key.Binding
	Yes                   key.Binding
	ShowJSON              key.Binding
	Filter, ClearFilter   key.Binding
	KeepFilter            key.Binding
	Open                  key.Binding
	Reload                key.Binding
	Help                  key.Binding
	Back, Quit            key.Binding
	ForceQuit             key.Binding

	// The conflict screen and the draft offer.
	MergeMine, Overwrite    key.Binding
	CancelConflict          key.Binding
	KeepMine, TakeTheirs    key.Binding
	RestoreDraft, DropDraft key.Binding
	OpenWithoutDraft        key.Binding // the job's draft cannot be read
	ReadOnly, TakeOver      key.Binding // the job is open in another session

	// The plan screen (ui/plan.go).
	Plan                 key.Binding
	Kinds                key.Binding // the list: all → backup → copy jobs
	NextJob, PrevJob     key.Binding
	GroupBy              key.Binding
	NextGroup, PrevGroup key.Binding

	// copyJob leaves out of the help what a backup copy job's editor does
	// not have: a second window to switch to (w still says so) and a
	// field of several lines.
	copyJob bool
}

// windowKeys is the key that switches the grid's window, for the help of
// a job that has two.
func (k KeyMap) windowKeys() []key.Binding {
	if k.copyJob {
		return nil
	}
	return []key.Binding{k.SwitchWindow}
}

// presetNames are the presets menu's entries as the help names them, in
// the order of the presets (editor.go) and of the keys 1–6.
var presetNames = [...]string{"always", "never", "nights 20:00–06:00", "weekends only", "outside business hours", "invert"}

// DefaultKeyMap returns the keys as documented in the README.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := KeyMap{
		Up:             b("↑/k", "up", "up", "k"),
		Down:           b("↓/j", "down", "down", "j"),
		Left:           b("←/h", "left / previous value", "left", "h"),
		Right:          b("→/l", "right / next value", "right", "l"),
		Top:            b("g/home", "top", "g", "home"),
		Bottom:         b("G/end", "bottom", "G", "end"),
		PageUp:         b("pgup", "page up", "pgup"),
		PageDown:       b("pgdn", "page down", "pgdown"),
		RowStart:       b("0/home", "first hour of the day", "0", "home"),
		RowEnd:         b("$/end", "last hour of the day", "$", "end"),
		Toggle:         b("space", "toggle hour / field", "space"),
		Select:         b("v", "select a rectangle", "v"),
		ClearSelection: b("esc", "clear selection", "esc"),
		Allow:          b("a", "allow selection", "a"),
		Deny:           b("d", "deny selection", "d"),
		SelectDay:      b("D", "select whole day", "D"),
		SelectHour:     b("H", "select whole hour", "H"),
		SelectAll:      b("A", "select all 168 hours", "A"),
		Presets:        b("p", "presets", "p"),
		SwitchWindow:   b("w", "backup / periodic window", "w"),
		LocalZone:      b("z", "view in my time zone", "z"),
		Undo:           b("u", "undo", "u"),
		Redo:           b("ctrl+r", "redo", "ctrl+r"),
		NextPane:       b("tab", "grid ⇄ form", "tab"),
		PrevPane:       b("shift+tab", "grid ⇄ form", "shift+tab"),
		Edit:           b("enter", "edit field", "enter"),
		CommitEdit:     b("enter", "keep the value", "enter", "tab"),
		NewLine:        b("ctrl+j", "new line", "ctrl+j"),
		CancelEdit:     b("esc", "cancel the edit", "esc"),
		Save:           b("ctrl+s", "save", "ctrl+s"),
		Confirm:        b("y/enter", "send", "y", "enter"),
		Cancel:         b("n/esc", "back to editor", "n", "esc"),
		Yes:            b("y", "yes", "y"),
		ShowJSON:       b("J", "JSON body", "J"),
		Filter:         b("/", "filter", "/"),
		ClearFilter:    b("esc", "clear filter", "esc"),
		KeepFilter:     b("enter", "keep the filter", "enter", "up", "down"),
		Open:           b("enter", "open job", "enter"),
		Reload:         b("r", "reload", "r"),
		Help:           b("?", "help", "?"),
		Back:           b("q", "back", "q", "esc"),
		Quit:           b("q", "quit", "q"),
		ForceQuit:      b("ctrl+c", "quit (asks first)", "ctrl+c"),

		MergeMine:        b("m", "apply mine on theirs", "m"),
		Overwrite:        b("o", "overwrite with mine", "o"),
		CancelConflict:   b("esc", "keep editing", "esc"),
		KeepMine:         b("m", "keep mine", "m"),
		TakeTheirs:       b("t", "take theirs", "t"),
		RestoreDraft:     b("y", "restore the draft", "y"),
		DropDraft:        b("n", "discard the draft", "n"),
		OpenWithoutDraft: b("y", "open the job without the draft", "y"),
		ReadOnly:         b("r", "open read-only", "r"),
		TakeOver:         b("t", "take the job over", "t"),

		Plan:      b("P", "plan", "P"),
		Kinds:     b("K", "all / backup / copy jobs", "K"),
		NextJob:   b("tab", "next job", "tab"),
		PrevJob:   b("shift+tab", "previous job", "shift+tab"),
		GroupBy:   b("b", "group by", "b"),
		NextGroup: b("]", "next group", "]"),
		PrevGroup: b("[", "previous group", "["),
	}
	for i, name := range presetNames {
		n := string(rune('1' + i))
		k.PresetChoice[i] = b(n, name, n)
	}
	return k
}

// editing is the keys that change or save the job. The presets' choices
// are among them although only the presets menu reads them: a read-only
// editor never opens it.
func (k *KeyMap) editing() []*key.Binding {
	bs := []*key.Binding{&k.Save, &k.Toggle, &k.Select, &k.ClearSelection, &k.Allow, &k.Deny,
		&k.SelectDay, &k.SelectHour, &k.SelectAll, &k.Presets, &k.Undo, &k.Redo, &k.Edit}
	for i := range k.PresetChoice {
		bs = append(bs, &k.PresetChoice[i])
	}
	return bs
}

// readOnly is k for an editor opened read-only (the job is edited in
// another session): the editing keys are disabled, so no help line or
// help screen shows them and no handler matches them.
func (k KeyMap) readOnly() KeyMap {
	for _, b := range k.editing() {
		b.SetEnabled(false)
	}
	return k
}

// helpSet names the short help line a screen shows, so that a drawn line
// can be cached under its name.
type helpSet int

const (
	helpNone helpSet = iota
	helpList
	helpGrid
	helpForm
	helpFormEdit     // the description's text area
	helpFormEditLine // a one-line field
	helpPresets
	helpReview
	helpJSON
	helpConflict
	helpResolve
	helpDraftOffer
	helpLocalZone
	helpDraftUnreadable
	helpDraftInUse
	helpQuestion // a y/other-key question on the message line says its own keys
	helpPlan
	helpReadOnly  // an editor opened read-only
	helpListKinds // the list with backup copy jobs: K picks the kinds shown
)

// short is the keys of a help line, the most important first: the line is
// cut by whole items from the end, so saving, help and the way back stay
// in view at 80 columns.
func (k KeyMap) short(set helpSet) []key.Binding {
	switch set {
	case helpList:
		// The arrows go last: they are the keys a user guesses.
		return []key.Binding{k.Open, k.Filter, k.Plan, k.Reload, k.Help, k.Quit, k.Up, k.Down}
	case helpListKinds:
		return []key.Binding{k.Open, k.Filter, k.Kinds, k.Plan, k.Reload, k.Help, k.Quit, k.Up, k.Down}
	case helpPlan:
		return []key.Binding{k.Open, k.NextJob, k.GroupBy, k.NextGroup, k.Help, k.Back, k.PrevGroup}
	case helpGrid:
		return append([]key.Binding{k.Save, k.Help, k.Back, k.Toggle, k.Select, k.Allow, k.Deny, k.Presets, k.Undo, k.NextPane, k.LocalZone}, k.windowKeys()...)
	case helpLocalZone:
		return []key.Binding{k.LocalZone, k.Save, k.Help, k.Back, k.Up, k.Down, k.Left, k.Right}
	case helpForm:
		return []key.Binding{k.Save, k.Help, k.Back, k.Edit, k.Left, k.Right, k.Undo, k.NextPane}
	case helpFormEdit:
		return []key.Binding{k.CommitEdit, k.CancelEdit, k.NewLine}
	case helpFormEditLine:
		return []key.Binding{k.CommitEdit, k.CancelEdit}
	case helpPresets:
		return k.PresetChoice[3:] // 1–3 are on the message line (editorMessage)
	case helpReview:
		return []key.Binding{k.Confirm, k.Cancel, k.Help, k.ShowJSON, k.Up, k.Down}
	case helpJSON:
		return []key.Binding{k.Confirm, k.Cancel, k.Help, k.PageUp, k.PageDown, k.Top, k.Bottom, k.ShowJSON}
	case helpConflict:
		return []key.Binding{k.MergeMine, k.Overwrite, k.CancelConflict, k.Help, k.Up, k.Down}
	case helpResolve:
		return []key.Binding{k.KeepMine, k.TakeTheirs, k.CancelConflict, k.Help, k.Up, k.Down}
	case helpDraftOffer:
		return []key.Binding{k.RestoreDraft, k.DropDraft, k.Back}
	case helpDraftUnreadable:
		return []key.Binding{k.OpenWithoutDraft, k.Back}
	case helpDraftInUse:
		return []key.Binding{k.ReadOnly, k.TakeOver, k.Back}
	case helpReadOnly:
		return slices.Concat([]key.Binding{k.Back, k.Reload, k.Help, k.NextPane, k.LocalZone}, k.windowKeys(), []key.Binding{k.Up, k.Down, k.Left, k.Right})
	}
	return nil
}

// full groups a screen's keys for the help screen, one column a group.
func (k KeyMap) full(set helpSet) [][]key.Binding {
	switch set {
	case helpList, helpListKinds:
		return [][]key.Binding{
			{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
			{k.Open, k.Filter, k.ClearFilter, k.Kinds, k.Plan, k.Reload, k.Help, k.Quit, k.ForceQuit},
		}
	case helpPlan:
		return [][]key.Binding{
			{k.Up, k.Down, k.Left, k.Right},
			{k.Open, k.NextJob, k.PrevJob, k.GroupBy, k.NextGroup, k.PrevGroup, k.Help, k.Back, k.ForceQuit},
		}
	case helpReview, helpJSON:
		return [][]key.Binding{
			{k.Confirm, k.Cancel, k.ShowJSON, k.Help, k.ForceQuit},
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		}
	case helpConflict, helpResolve:
		return [][]key.Binding{
			{k.MergeMine, k.Overwrite, k.CancelConflict},
			{k.KeepMine, k.TakeTheirs, k.Up, k.Down, k.ForceQuit},
		}
	}
	var newLine []key.Binding
	if !k.copyJob {
		newLine = []key.Binding{k.NewLine} // the description's
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.RowStart, k.RowEnd, k.Toggle, k.Select, k.ClearSelection, k.Allow, k.Deny},
		slices.Concat([]key.Binding{k.SelectDay, k.SelectHour, k.SelectAll, k.Presets}, k.windowKeys(), []key.Binding{k.LocalZone, k.Undo, k.Redo}),
		slices.Concat([]key.Binding{k.NextPane, k.Edit, k.CommitEdit}, newLine, []key.Binding{k.CancelEdit, k.Save, k.Reload, k.Help, k.Back, k.ForceQuit}),
	}
}

// newHelp is the bubbles help drawn in the program's styles.
func newHelp(s *Styles) help.Model {
	h := help.New()
	sep := s.Dim
	h.Styles = help.Styles{
		ShortKey: s.Key, ShortDesc: s.Dim, ShortSeparator: sep,
		FullKey: s.Key, FullDesc: lipgloss.NewStyle(), FullSeparator: sep,
		Ellipsis: sep,
	}
	return h
}

// shortHelp is a help line fitted to width by whole items, with "…" when
// some are left out; width 0 fits everything. (bubbles' ShortHelpView
// v2.2.1 does not stop at its width, so the fitting is done here, item by
// item, as it documents.)
func shortHelp(s *Styles, keys []key.Binding, width int) string {
	sep := s.Dim.Render(" · ")
	var b strings.Builder
	used := 0
	for _, k := range keys {
		if !k.Enabled() { // a key this session may not use (ReadOnly's save)
			continue
		}
		item := s.Key.Render(k.Help().Key) + " " + s.Dim.Render(k.Help().Desc)
		if b.Len() > 0 {
			item = sep + item
		}
		w := lipgloss.Width(item)
		if width > 0 && used+w > width {
			if used+2 <= width {
				b.WriteString(s.Dim.Render(" …"))
			}
			break
		}
		b.WriteString(item)
		used += w
	}
	return b.String()
}

// fullHelp draws the groups as columns. When they do not all fit side by
// side, the keys are dealt into as many even columns as fit, so the help
// stays short enough for 24 lines instead of dropping a group.
func fullHelp(s *Styles, groups [][]key.Binding, width int) string {
	h := newHelp(s)
	if out := h.FullHelpView(groups); lipgloss.Width(out) <= width {
		return out
	}
	var all []key.Binding
	for _, g := range groups {
		all = append(all, g...)
	}
	for n := len(groups); n > 1; n-- {
		if out := h.FullHelpView(deal(all, n)); lipgloss.Width(out) <= width {
			return out
		}
	}
	return h.FullHelpView([][]key.Binding{all})
}

// deal splits keys into n columns of (nearly) equal length, in order.
func deal(keys []key.Binding, n int) [][]key.Binding {
	per := (len(keys) + n - 1) / n
	var cols [][]key.Binding
	for len(keys) > 0 {
		c := min(per, len(keys))
		cols = append(cols, keys[:c])
		keys = keys[c:]
	}
	return cols
}

// defaultKeys is DefaultKeyMap behind a pointer for the Model, which is
// copied on every keypress and need not copy 3.6 kB of bindings with it.
func defaultKeys() *KeyMap {
	k := DefaultKeyMap()
	return &k
}

// moveKeyDelta is the cursor move a movement key asks for on a 7×24 map
// (arrows, hjkl, the row's first and last hour), in days and hours; ok is
// false for any other key. It returns the move rather than making it so
// that callers' maps (the editor's grid, the plan) stay off the heap.
func moveKeyDelta(k *KeyMap, msg tea.KeyPressMsg) (days, hours int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, 0, true
	case key.Matches(msg, k.Down):
		return 1, 0, true
	case key.Matches(msg, k.Left):
		return 0, -1, true
	case key.Matches(msg, k.Right):
		return 0, 1, true
	case key.Matches(msg, k.RowStart):
		return 0, -model.HoursPerDay, true
	case key.Matches(msg, k.RowEnd):
		return 0, model.HoursPerDay, true
	}
	return 0, 0, false
}
