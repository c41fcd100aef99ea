package ui

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/model"
)

// memo is one remembered drawing: the key it was drawn for and the result.
// The entry is never written once made, only replaced, so copying a Model
// copies its cache safely; and it sits behind a pointer because the Model
// is copied on every keypress and the keys (a whole draft for the form)
// would be a kilobyte of that copy.
type memo[K comparable, V any] struct {
	entry *memoEntry[K, V]
}

type memoEntry[K comparable, V any] struct {
	key K
	val V
}

// get returns the remembered value if it was drawn for k, else draws it now
// without remembering it: views call get and never write.
func (c memo[K, V]) get(k K, draw func() V) V {
	if c.entry != nil && c.entry.key == k {
		return c.entry.val
	}
	return draw()
}

// fill draws and remembers the value for k unless it is already there;
// only Update (through fillCache) calls it.
func (c *memo[K, V]) fill(k K, draw func() V) {
	if c.entry == nil || c.entry.key != k {
		c.entry = &memoEntry[K, V]{key: k, val: draw()}
	}
}

// frozen is a comparable value kept behind a pointer that is replaced,
// never written through (ui/doc.go): copies of a Model share it, and a
// Model copied into a tea.Model on every Update copies 8 bytes of it.
type frozen[T comparable] struct{ p *T }

// get is the value; the zero value while none was set.
func (f frozen[T]) get() T {
	if f.p == nil {
		var zero T
		return zero
	}
	return *f.p
}

// set replaces the value, allocating only when it changed.
func (f *frozen[T]) set(v T) {
	if f.get() != v {
		n := new(T)
		*n = v
		f.p = n
	}
}

// edit sets the value as change leaves a copy of it.
func (f *frozen[T]) edit(change func(*T)) {
	v := f.get()
	change(&v)
	f.set(v)
}

// ptrTo is a pointer to a copy of v, for the Model's fields that are
// replaced, never written through.
func ptrTo[T any](v T) *T { return &v }

// renderCache holds the last drawing of the parts of a frame that change
// only with the size, the styles or what they show; each is keyed by all
// of that, so a stale entry is never shown, only redrawn.
type renderCache struct {
	header memo[headerKey, string]
	help   memo[helpKey, string]
	title  memo[titleKey, string]
	form   memo[formKey, string]
	under  memo[underKey, underDrawing]
	// status is the cursor's hour under the grid, apart from the other
	// lines there: it is the one that changes as the cursor moves, and
	// redrawing the warnings and runs with it was most of a move's cost.
	status memo[statusKey, sizedText]
}

// sizedText is a drawn line and its width in cells, which the editor
// pads to the form beside it: measuring a styled line on every frame was
// a fifth of a keypress.
type sizedText struct {
	text  string
	width int
}

func sized(s string) sizedText { return sizedText{s, ansi.StringWidth(s)} }

// underDrawing is the lines under the grid (see underLines) and their widths.
type underDrawing [underLines]sizedText

type statusKey struct {
	status string
	width  int
}

// underStatus is the status line's place among the lines under the grid.
const underStatus = 2

func (m Model) statusKey(width int) statusKey {
	return statusKey{status: m.editor.status, width: width}
}

// drawStatus returns the drawing of the status line at a width.
func (m Model) drawStatus(width int) func() sizedText {
	status := m.editor.status
	return func() sizedText { return sized(truncate(status, width)) }
}

type headerKey struct {
	title, label string
	width        int
	dark         bool
}

type helpKey struct {
	set   helpSet
	width int
	dark  bool
	keys  *KeyMap // which of the Model's keyMaps: a copy job's help differs
}

type titleKey struct {
	width    int // the name is cut to leave the state mark room
	name     string
	source   string // a copy job's source backup job
	dirty    bool
	listed   bool // the list's copy, not yet read again
	noDraft  bool // the latest draft write failed
	readOnly bool
	dark     bool
}

// formKey is everything a form drawing depends on.
type formKey struct {
	draft            draft // with the windows' hours left out: the form does not show them
	version          model.APIVersion
	errs             string
	focus            int
	editing, focused bool
	input, inputErr  string
	pos              int
	area             string // the description's text area while it is edited
	line, col        int
	width, columns   int
	dark             bool
}

type underKey struct {
	words, clock   string
	warnings, runs string
	width, wide    int
	dark           bool
}

// fillCache draws, once per change of their keys, the parts the next View
// will ask for, so that View finds them and only reads.
func (m *Model) fillCache() {
	if m.width < minWidth || m.height < minHeight {
		return
	}
	c := &m.cache
	if m.screen == screenEditor && m.editor.open() && !m.help {
		c.title.fill(m.titleKey(), m.drawEditorTitle)
		l := m.editorLayout()
		w, cols := m.formSize(l)
		c.form.fill(m.formKey(w, cols), func() string { return m.drawForm(w, cols) })
		uw := m.underWidth(l)
		c.under.fill(m.underKey(uw, m.width), func() underDrawing { return m.drawUnder(uw, m.width) })
		c.status.fill(m.statusKey(uw), m.drawStatus(uw))
	}
	title, set := m.chrome()
	c.header.fill(m.headerKey(title), func() string { return m.drawHeader(title) })
	c.help.fill(m.helpKey(set), func() string { return m.drawHelpLine(set) })
}
