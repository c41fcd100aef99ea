package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// conflict is the screen shown when the job changed on the server since
// the edit started from it (a save found it stale, or a draft is restored
// onto a newer job): what the other side changed, and the way on. It is a
// plain value: the user's choices are kept as data and the merge is made
// again from them, so copies of the Model never share a half-resolved merge.
type conflict struct {
	base, current jobKind             // the job as the edit began from it, and as the server has it now (either kind)
	mine          draft               // base plus the user's edits
	theirs        []model.FieldChange // base → current, what the other side changed
	// draft is the draft being restored, if that is what this merge is:
	// done goes to the editor rather than the review, esc back to the offer.
	draft *StoredDraft

	merging bool             // the user chose to apply their edits on top of theirs
	open    []model.Conflict // fields changed both ways, to decide
	choices []model.Side     // one per open conflict, 0 while undecided
	cursor  int
	scroll  int // the first line shown, before merging (Render keeps it in range)
}

func newConflict(base, current jobKind, mine draft) conflict {
	return conflict{base: base, current: current, mine: mine, theirs: base.changes(current.read())}
}

// draftConflict is the merge of a draft into the job as the server has it.
func draftConflict(dr *StoredDraft, current jobKind) conflict {
	c := newConflict(dr.base(), current, dr.edit())
	c.draft = dr
	return c
}

// conflictFromStale builds the screen from the store's error, whose Theirs
// also names the fields the PUT carries that the editor does not edit
// (isEnabled, repositoryId…).
func conflictFromStale(err *model.StaleError, mine draft) conflict {
	c := newConflict(backupKind{err.Base}, backupKind{err.Current}, mine)
	if len(err.Theirs) > 0 {
		c.theirs = err.Theirs
	}
	return c
}

// copyConflictFromStale is conflictFromStale for a backup copy job.
func copyConflictFromStale(err *model.CopyStaleError, mine draft) conflict {
	c := newConflict(copyKind{err.Base}, copyKind{err.Current}, mine)
	if len(err.Theirs) > 0 {
		c.theirs = err.Theirs
	}
	return c
}

func (c *conflict) startMerge() {
	_, open, _, _ := c.base.merge(c.mine, c.current.read(), nil)
	c.merging, c.open, c.choices, c.cursor = true, open, make([]model.Side, len(open)), 0
}

// merged is the merge with the choices made so far, and the windows whose
// hours come from both sides; err is set while a conflict is undecided.
func (c conflict) merged() (draft, []string, error) {
	d, _, combined, err := c.base.merge(c.mine, c.current.read(), c.choices)
	return d, combined, err
}

// choose decides the conflict under the cursor and moves to the next
// undecided one; it reports whether all are decided.
func (c *conflict) choose(side model.Side) bool {
	if len(c.choices) == 0 {
		return true
	}
	c.choices[c.cursor] = side
	for i := range c.choices {
		if j := (c.cursor + 1 + i) % len(c.choices); c.choices[j] == 0 {
			c.cursor = j
			return false
		}
	}
	return true
}

// overwrite is my settings on the server's current document.
func (c conflict) overwrite() draft { return c.current.overwrite(c.mine) }

func (m Model) conflictKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	c := ptrTo(*m.conflict) // a copy of its own: copies of the Model keep theirs
	m.conflict = c
	switch {
	case key.Matches(msg, m.keys.CancelConflict):
		m.screen = screenEditor
		m.editor.message = "save cancelled: your edits are kept; the job on the server is unchanged"
		if c.draft != nil {
			m.editor.offer = c.draft // asked again: restore or discard
			m.editor.message = ""
		}
		m.conflict = nil
	case !c.merging && key.Matches(msg, m.keys.Up):
		c.scroll = max(0, c.scroll-1)
	case !c.merging && key.Matches(msg, m.keys.Down):
		c.scroll++ // Render stops at the last line
	case c.merging && key.Matches(msg, m.keys.Up):
		c.cursor = max(0, c.cursor-1)
	case c.merging && key.Matches(msg, m.keys.Down):
		c.cursor = min(len(c.open)-1, c.cursor+1)
	case c.merging && key.Matches(msg, m.keys.KeepMine):
		c.choices = append([]model.Side(nil), c.choices...) // copies of the Model keep theirs
		if c.choose(model.Mine) {
			return m.mergeDone(*c)
		}
	case c.merging && key.Matches(msg, m.keys.TakeTheirs):
		c.choices = append([]model.Side(nil), c.choices...)
		if c.choose(model.Theirs) {
			return m.mergeDone(*c)
		}
	case !c.merging && key.Matches(msg, m.keys.MergeMine):
		c.startMerge()
		if len(c.open) == 0 {
			return m.mergeDone(*c)
		}
	case !c.merging && c.draft == nil && key.Matches(msg, m.keys.Overwrite):
		return m.rebase(*c, c.overwrite(), "overwrite: your settings replace theirs")
	}
	return m, nil
}

// mergeDone takes the merged settings as the edit on the server's current
// job.
func (m Model) mergeDone(c conflict) (Model, tea.Cmd) {
	s, combined, err := c.merged()
	if err != nil {
		m.editor.message = "merge: " + oneLine(err)
		m.screen = screenEditor
		return m, nil
	}
	message := "your edits applied on top of theirs"
	if len(combined) > 0 {
		// A window neither side saw: say so before it is sent.
		message += "; check " + strings.Join(mapShort(combined), " and ") + ": it has hours from both sides"
	}
	return m.rebase(c, s, message)
}

func mapShort(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = short(f)
	}
	return out
}

// rebase makes the server's current job the editor's base with edit on
// top, then goes on to the review (a save) or the editor (a draft).
func (m Model) rebase(c conflict, edit draft, message string) (Model, tea.Cmd) {
	e := &m.editor
	e.hold(c.current)
	e.draft.Settings, e.draft.CopyType = edit.Settings, edit.CopyType
	e.undo, e.redo = nil, nil
	e.message = message
	m.conflict = nil
	if c.draft != nil {
		m.screen = screenEditor
		e.message = "draft restored onto the job as it is now on the server; " + message
		return m, nil
	}
	if err := e.validate(); err != nil {
		m.screen = screenEditor
		e.message = "cannot save the merge: " + oneLine(err)
		return m, nil
	}
	r := newReview(e)
	r.note = message
	m.review = &r
	m.screen = screenReview
	return m, nil
}

// Render draws the conflict screen in width × height.
func (c conflict) Render(s *Styles, width, height int) string {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	name := c.base.name()
	if c.draft != nil {
		add("%s", s.Bold.Render("Your draft of "+name+" was made to an older version of the job."))
	} else {
		add("%s", s.Bold.Render(name+" was changed on the server since you opened it."))
		add("Nothing was sent.")
	}
	add("")
	add("%s", s.Bold.Render("What the other side changed:"))
	lines = append(lines, changeLines(s, c.theirs)...)
	add("")
	add("%s", s.Bold.Render("Your edits:"))
	lines = append(lines, changeLines(s, c.base.changes(c.mine))...)
	if c.merging {
		add("")
		add("%s", s.Warn.Render(fmt.Sprintf("Both sides changed %d field(s): keep mine (m) or take theirs (t) for each.", len(c.open))))
		for i, cf := range c.open {
			mark := "  "
			if i == c.cursor {
				mark = "▸ "
			}
			choice := "undecided"
			if side := c.choices[i]; side != 0 {
				choice = side.String()
			}
			add("%s%s (%s)", mark, short(cf.Field), choice)
			add("      was %s · mine %s · theirs %s", model.SafeText(cf.Base), s.Added.Render(model.SafeText(cf.Mine)), s.Removed.Render(model.SafeText(cf.Theirs)))
		}
	}
	// Long lines wrap, under the field's name: what each side changed is
	// read in full, at 80 columns too.
	var wrapped []string
	for _, line := range lines {
		wrapped = append(wrapped, strings.Split(hang(line, width, 4), "\n")...)
	}
	lines = wrapped
	start := min(c.scroll, max(0, len(lines)-height))
	if c.merging && len(lines) > height { // keep the decisions on screen
		start = len(lines) - height
	}
	end := min(len(lines), start+height)
	hidden := len(lines) - end + 1 // the last shown line gives way to the hint
	lines = lines[start:end]
	for i := range lines {
		lines[i] = truncate(lines[i], width)
	}
	if !c.merging && hidden > 1 && len(lines) > 0 {
		lines[len(lines)-1] = s.Dim.Render(fmt.Sprintf("↓ %d more lines: ↓/j scrolls", hidden))
	}
	return strings.Join(lines, "\n")
}

// changeLines is one line a field, old → new, with the hours a window
// gained and lost.
func changeLines(s *Styles, cs []model.FieldChange) []string {
	if len(cs) == 0 {
		return []string{"  nothing"}
	}
	var out []string
	for _, c := range cs {
		if c.Added != "" || c.Removed != "" {
			line := "  " + short(c.Field) + ":"
			if c.Added != "" {
				line += " " + s.Added.Render("+ "+model.SafeText(c.Added))
			}
			if c.Removed != "" {
				line += " " + s.Removed.Render("− "+model.SafeText(c.Removed))
			}
			out = append(out, line)
			continue
		}
		_, old, new := model.ChangeWords(c)
		out = append(out, fmt.Sprintf("  %s: %s → %s", short(c.Field), model.SafeText(old), model.SafeText(new)))
	}
	return out
}

// short names a field as the console does; a field the console does not
// show (one vbosched does not model, the eTag) keeps its API name.
func short(field string) string {
	return strings.TrimPrefix(model.FieldLabel(field), "schedulePolicy.")
}
