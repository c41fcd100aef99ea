package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key of the program; the help screen and the README's
// table come from it.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	Top, Bottom           key.Binding
	PageUp, PageDown      key.Binding
	Toggle                key.Binding
	Select                key.Binding
	Allow, Deny           key.Binding
	SelectDay, SelectHour key.Binding
	SelectAll             key.Binding
	Presets               key.Binding
	SwitchWindow          key.Binding
	Undo, Redo            key.Binding
	NextPane, PrevPane    key.Binding
	Edit                  key.Binding
	Save                  key.Binding
	Confirm, Cancel       key.Binding
	ShowJSON              key.Binding
	Filter, ClearFilter   key.Binding
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
}

// DefaultKeyMap returns the keys as documented in the README.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:           b("↑/k", "up", "up", "k"),
		Down:         b("↓/j", "down", "down", "j"),
		Left:         b("←/h", "left / previous value", "left", "h"),
		Top:          b("g/home", "first job", "g", "home"),
		Bottom:       b("G/end", "last job", "G", "end"),
		PageUp:       b("pgup", "page up", "pgup"),
		PageDown:     b("pgdn", "page down", "pgdown"),
		Right:        b("→/l", "right / next value", "right", "l"),
		Toggle:       b("space", "toggle hour / field", "space"),
		Select:       b("v", "select a rectangle", "v"),
		Allow:        b("a", "allow selection", "a"),
		Deny:         b("d", "deny selection", "d"),
		SelectDay:    b("D", "select whole day", "D"),
		SelectHour:   b("H", "select whole hour", "H"),
		SelectAll:    b("A", "select all 168 hours", "A"),
		Presets:      b("p", "presets", "p"),
		SwitchWindow: b("w", "backup / periodic window", "w"),
		Undo:         b("u", "undo", "u"),
		Redo:         b("ctrl+r", "redo", "ctrl+r"),
		NextPane:     b("tab", "grid ⇄ form", "tab"),
		PrevPane:     b("shift+tab", "grid ⇄ form", "shift+tab"),
		Edit:         b("enter", "edit field", "enter"),
		Save:         b("ctrl+s", "review and save", "ctrl+s"),
		Confirm:      b("y/enter", "send", "y", "enter"),
		Cancel:       b("n/esc", "back to editor", "n", "esc"),
		ShowJSON:     b("J", "show JSON body", "J"),
		Filter:       b("/", "filter", "/"),
		ClearFilter:  b("esc", "clear filter", "esc"),
		Open:         b("enter", "open job", "enter"),
		Reload:       b("r", "reload", "r"),
		Help:         b("?", "help", "?"),
		Back:         b("q/esc", "back / quit", "q", "esc"),
		Quit:         b("q", "quit", "q"),
		ForceQuit:    b("ctrl+c", "quit (asks first)", "ctrl+c"),

		MergeMine:      b("m", "apply my edits on top of theirs", "m"),
		Overwrite:      b("o", "overwrite with mine", "o"),
		CancelConflict: b("esc", "cancel, keep editing", "esc"),
		KeepMine:       b("m", "keep mine", "m"),
		TakeTheirs:     b("t", "take theirs", "t"),
		RestoreDraft:   b("y", "restore the draft", "y"),
		DropDraft:      b("n", "discard the draft", "n"),
	}
}

// helpSet names the short help line a screen shows, so that a drawn line
// can be cached under its name.
type helpSet int

const (
	helpNone helpSet = iota
	helpList
	helpGrid
	helpForm
	helpReview
	helpConflict
	helpResolve
	helpDraftOffer
)

// short is the keys of a help line.
func (k KeyMap) short(set helpSet) []key.Binding {
	switch set {
	case helpList:
		return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.Reload, k.Help, k.Quit}
	case helpGrid:
		return []key.Binding{k.Toggle, k.Select, k.Allow, k.Deny, k.Presets, k.Undo, k.NextPane, k.Save, k.Help}
	case helpForm:
		return []key.Binding{k.Up, k.Down, k.Left, k.Right, k.Edit, k.Undo, k.NextPane, k.Save, k.Help}
	case helpReview:
		return []key.Binding{k.Confirm, k.Cancel, k.ShowJSON}
	case helpConflict:
		return []key.Binding{k.MergeMine, k.Overwrite, k.CancelConflict}
	case helpResolve:
		return []key.Binding{k.KeepMine, k.TakeTheirs, k.Up, k.Down, k.CancelConflict}
	case helpDraftOffer:
		return []key.Binding{k.RestoreDraft, k.DropDraft}
	}
	return nil
}

// FullHelp groups the keys of the list and the editor for the help screen;
// the conflict screen and the draft offer show theirs on their help line.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.Toggle, k.Select, k.Allow, k.Deny},
		{k.SelectDay, k.SelectHour, k.SelectAll, k.Presets, k.SwitchWindow, k.Undo, k.Redo},
		{k.NextPane, k.Edit, k.Save, k.Confirm, k.Cancel, k.ShowJSON},
		{k.Top, k.Bottom, k.PageUp, k.PageDown, k.Filter, k.ClearFilter, k.Open, k.Reload, k.Help, k.Back, k.ForceQuit},
	}
}
