package ui

import (
	"strings"
	"time"

	"github.com/vbosched/vbosched/model"
)

// Grid is the 7×24 window editor: a cursor, and a rectangle selection
// anchored where v was pressed. It edits the window it is given; the caller
// owns the window (and its undo history).
type Grid struct {
	Cursor    model.Cell
	anchor    model.Cell
	selecting bool
}

// Move moves the cursor; it stops at the edges of the week.
func (g *Grid) Move(days, hours int) {
	d := int(g.Cursor.Day) + days
	h := g.Cursor.Hour + hours
	g.Cursor.Day = time.Weekday(max(0, min(model.Days-1, d)))
	g.Cursor.Hour = max(0, min(model.HoursPerDay-1, h))
}

// StartSelection anchors a rectangle at the cursor.
func (g *Grid) StartSelection() { g.anchor, g.selecting = g.Cursor, true }

// SelectRect selects the rectangle between two corners.
func (g *Grid) SelectRect(a, b model.Cell) {
	g.anchor, g.Cursor, g.selecting = a, b, true
}

// ClearSelection drops the selection; it reports whether there was one.
func (g *Grid) ClearSelection() bool {
	had := g.selecting
	g.selecting = false
	return had
}

// Selecting reports whether a selection is active.
func (g Grid) Selecting() bool { return g.selecting }

// Target is the selection, or the cursor's hour when nothing is selected.
func (g Grid) Target() model.Rect {
	if !g.selecting {
		return model.Rect{Day0: g.Cursor.Day, Day1: g.Cursor.Day, Hour0: g.Cursor.Hour, Hour1: g.Cursor.Hour}
	}
	return model.Rect{Day0: g.anchor.Day, Day1: g.Cursor.Day, Hour0: g.anchor.Hour, Hour1: g.Cursor.Hour}.Normalized()
}

// Apply sets the target to allowed or denied and ends the selection, as
// applying an operator does in vim.
func (g *Grid) Apply(w *model.Window, allowed bool) {
	w.SetRect(g.Target(), allowed)
	g.selecting = false
}

// Toggle flips the cursor's hour, or sets the whole selection to the
// opposite of the cursor's hour.
func (g *Grid) Toggle(w *model.Window) {
	if !g.selecting {
		w.Toggle(g.Cursor)
		return
	}
	g.Apply(w, !w.At(g.Cursor))
}

// gridLayout is where a rendered grid puts things, for mouse hits.
type gridLayout struct {
	cellWidth int // 1 or 2 columns per hour
	labelW    int // width of the day labels
}

func (l gridLayout) width() int { return l.labelW + model.HoursPerDay*l.cellWidth }

// hit maps a position relative to the grid's top-left corner (row 0 is the
// hour header) to a cell, a day label or an hour label.
func (l gridLayout) hit(x, y int) (cell model.Cell, onDayLabel, onHourLabel, ok bool) {
	if x < 0 || y < 0 || x >= l.width() || y > model.Days {
		return cell, false, false, false
	}
	hour := (x - l.labelW) / l.cellWidth
	if y == 0 {
		return model.Cell{Hour: hour}, false, true, x >= l.labelW
	}
	day := time.Weekday(y - 1)
	if x < l.labelW {
		return model.Cell{Day: day}, true, false, true
	}
	return model.Cell{Day: day, Hour: hour}, false, false, true
}

// Render draws the header and seven rows. With diff set, hours that differ
// from it are marked added or removed instead.
func (g Grid) Render(s *Styles, w model.Window, l gridLayout, focused bool, diff *model.Window) string {
	step := hourStep(l.cellWidth)
	var b strings.Builder
	b.Grow(renderedSize(s, l, step))
	b.WriteString(strings.Repeat(" ", l.labelW))
	for i := 0; i*step < model.HoursPerDay; i++ {
		b.WriteString(s.hourLabels[l.cellWidth-1][i])
	}
	sel := g.Target()
	for d := time.Sunday; d <= time.Saturday; d++ {
		b.WriteByte('\n')
		b.WriteString(s.dayLabels[d])
		run := cellKind(-1)
		for h := 0; h < model.HoursPerDay; h++ {
			k := g.kind(w, model.Cell{Day: d, Hour: h}, sel, focused, diff)
			if k != run {
				if run >= 0 {
					b.WriteString(s.cellOff[run])
				}
				b.WriteString(s.cellOn[k])
				run = k
			}
			b.WriteString(glyphs[l.cellWidth-1][k])
		}
		b.WriteString(s.cellOff[run])
	}
	return b.String()
}

// renderedSize is about what Render writes (a 120-column grid is 1.4 kB),
// so that its builder is allocated once and no larger than needed: every
// keypress draws the grid.
func renderedSize(s *Styles, l gridLayout, step int) int {
	n := l.labelW
	for i := 0; i*step < model.HoursPerDay; i++ {
		n += len(s.hourLabels[l.cellWidth-1][i])
	}
	// A glyph is up to 3 bytes a column; a row has a few runs of cells,
	// each an escape sequence on and off (some 8 bytes each).
	const runsPerRow, escapeBytes = 6, 2 * 8
	row := 1 + len(s.dayLabels[0]) + model.HoursPerDay*l.cellWidth*3 + runsPerRow*escapeBytes
	return n + model.Days*row
}

func (g Grid) kind(w model.Window, c model.Cell, sel model.Rect, focused bool, diff *model.Window) cellKind {
	if diff != nil {
		return diffKinds[model.CompareHour(*diff, w, c)]
	}
	k := cellDenied
	if w.At(c) {
		k = cellAllowed
	}
	switch {
	case !focused:
	case c == g.Cursor:
		k += cellCurDenied
	case g.selecting && sel.Contains(c):
		k += cellSelDenied
	}
	return k
}
