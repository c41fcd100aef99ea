package ui

import (
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

// StartMarks is where the grid marks the job's starts: the hours in which
// the schedule starts it, and among them those whose start waits because
// the backup window denies the hour (model.Starts.Denied).
type StartMarks struct{ Starts, Waits model.Window }

// startMarks is the grid's view of model.StartHours.
func startMarks(s model.Starts) StartMarks { return StartMarks{Starts: s.Hours(), Waits: s.Denied} }

// Rotate shifts the marks as Window.Rotate shifts the hours, for the grid
// shown on the terminal's clock.
func (m StartMarks) Rotate(hours int) StartMarks {
	return StartMarks{Starts: m.Starts.Rotate(hours), Waits: m.Waits.Rotate(hours)}
}

// The grid draws a light guide column before 06:00, 12:00 and 18:00, so an
// hour is found by counting from the nearest guide, not from midnight.
const (
	guideHours = 6
	guides     = model.HoursPerDay/guideHours - 1
)

// gridLayout is where a rendered grid puts things, for mouse hits.
type gridLayout struct {
	cellWidth int // 1 to 4 columns per hour
	labelW    int // width of the day labels
}

func (l gridLayout) width() int { return l.labelW + model.HoursPerDay*l.cellWidth + guides }

// hit maps a position relative to the grid's top-left corner (row 0 is the
// hour header) to a cell, a day label or an hour label. A guide column
// counts as the hour after it.
func (l gridLayout) hit(x, y int) (cell model.Cell, onDayLabel, onHourLabel, ok bool) {
	if x < 0 || y < 0 || x >= l.width() || y > model.Days {
		return cell, false, false, false
	}
	hour := 0
	if x >= l.labelW {
		block := guideHours*l.cellWidth + 1 // a block's hours and the guide after it
		p := x - l.labelW
		hour = min(model.HoursPerDay-1, p/block*guideHours+min(guideHours, p%block/l.cellWidth))
	}
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
// from it are marked added or removed instead; with marks set, the hours in
// which the job starts carry a start mark.
func (g Grid) Render(s *Styles, w model.Window, l gridLayout, focused bool, diff *model.Window, marks *StartMarks) string {
	b := make([]byte, 0, renderedSize(s, l, hourStep(l.cellWidth)))
	for i := range 1 + model.Days {
		if i > 0 {
			b = append(b, '\n')
		}
		b = g.appendLine(b, i, s, &w, l, focused, diff, marks)
	}
	return string(b)
}

// appendLine appends line i of the grid to b: 0 the hours, 1 to 7 the days
// from Sunday. The editor draws its frame with it, a line at a time.
func (g Grid) appendLine(b []byte, i int, s *Styles, w *model.Window, l gridLayout, focused bool, diff *model.Window, marks *StartMarks) []byte {
	cw := l.cellWidth
	if i == 0 {
		for range l.labelW {
			b = append(b, ' ')
		}
		step := hourStep(cw)
		for i := 0; i*step < model.HoursPerDay; i++ {
			if i > 0 && i*step%guideHours == 0 {
				b = append(b, ' ')
			}
			b = append(b, s.hourLabels[cw-1][i]...)
		}
		return b
	}
	d := time.Weekday(i - 1)
	sel := g.Target()
	b = append(b, s.dayLabels[d]...)
	run := cellKind(-1)
	for h := 0; h < model.HoursPerDay; h++ {
		if h > 0 && h%guideHours == 0 {
			b, run = appendGuide(b, s, run)
		}
		k := g.kind(w, model.Cell{Day: d, Hour: h}, sel, focused, diff, marks)
		if k != run {
			if run >= 0 {
				b = append(b, s.cellOff[run]...)
			}
			b = append(b, s.cellOn[k]...)
			run = k
		}
		b = append(b, s.glyphs[cw-1][k]...)
	}
	return append(b, s.cellOff[run]...)
}

// appendGuide appends a guide column inside a row of cells drawn in run.
// It has the denied hours' colour, so in a run of them it costs no escape.
func appendGuide(b []byte, s *Styles, run cellKind) ([]byte, cellKind) {
	if run == cellDenied {
		return append(b, guideGlyph...), run
	}
	if run >= 0 {
		b = append(b, s.cellOff[run]...)
	}
	b = append(b, s.cellOn[cellDenied]...)
	b = append(b, guideGlyph...)
	return append(b, s.cellOff[cellDenied]...), -1
}

// renderedSize is about what Render writes (a 120-column grid is 1.4 kB),
// so that its builder is allocated once and no larger than needed: every
// keypress draws the grid.
func renderedSize(s *Styles, l gridLayout, step int) int {
	n := l.labelW + guides
	for i := 0; i*step < model.HoursPerDay; i++ {
		n += len(s.hourLabels[l.cellWidth-1][i])
	}
	// A glyph is up to 3 bytes a column; a row has a few runs of cells,
	// each an escape sequence on and off (some 8 bytes each), and guides.
	const runsPerRow, escapeBytes = 6, 2 * 8
	row := 1 + len(s.dayLabels[0]) + model.HoursPerDay*l.cellWidth*3 + guides*3 + runsPerRow*escapeBytes
	return n + model.Days*row
}

func (g Grid) kind(w *model.Window, c model.Cell, sel model.Rect, focused bool, diff *model.Window, marks *StartMarks) cellKind {
	if diff != nil {
		return diffKinds[model.CompareHour(*diff, *w, c)]
	}
	k := cellDenied
	if w.At(c) {
		k = cellAllowed
	}
	switch {
	case focused && c == g.Cursor:
		return k + cellCurDenied
	case focused && g.selecting && sel.Contains(c):
		return k + cellSelDenied
	case marks == nil || !marks.Starts.At(c):
		return k
	case marks.Waits.At(c):
		return cellStartWaits
	case k == cellAllowed:
		return cellStartAllowed
	}
	// A start in an hour the shown window denies that does not wait: the
	// backup window is off, or the grid shows the periodic window.
	return cellStartOff
}

// cell is an hour of a kind as the grid draws it two columns wide, for
// the help's key.
func (s *styleSet) cell(k cellKind) string { return s.cellOn[k] + s.glyphs[1][k] + s.cellOff[k] }

// legendEntries is the grid's key: the kinds a reader must tell apart, and
// their names, with the cursor (on an allowed hour). The help screen adds
// the selection and the cursor on a denied hour.
var legendEntries = [...]struct {
	kind cellKind
	text string
}{
	{cellAllowed, "allowed"},
	{cellDenied, "denied"},
	{cellStartAllowed, "the job starts"},
	{cellStartWaits, "a start that waits"},
	{cellStartOff, "start, window off"},
	{cellCurAllowed, "cursor"},
}

// legendTextWidth is the widest entry's name.
const legendTextWidth = len("a start that waits")

// legendWidth is the width of a legend line beside a grid of cellWidth.
func legendWidth(cellWidth int) int { return cellWidth + 1 + legendTextWidth }

// legend draws the key in the grid's own glyphs and colours, one entry a
// line, for beside the grid; NewStyles keeps it, as it keeps the labels.
func legend(s *styleSet, cellWidth int) [len(legendEntries)]string {
	var lines [len(legendEntries)]string
	for i, e := range legendEntries {
		lines[i] = s.cellOn[e.kind] + s.glyphs[cellWidth-1][e.kind] + s.cellOff[e.kind] + " " + s.Dim.Render(e.text)
	}
	return lines
}

// cursorForms tells the cursor's two forms apart in words where colour
// draws both as "<>" (on the hour's green, in reverse video): "" in
// glyphs, whose forms differ in shape.
func (m Model) cursorForms() string {
	if !m.colour {
		return ""
	}
	return " (green: allowed, reversed: denied)"
}
