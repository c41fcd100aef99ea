package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// At 80×24 the grid's hour header is on row 2 and Sunday on row 3; hour h
// starts at column 5+2h.
func cellAt(day time.Weekday, hour int) (x, y int) { return gridLabelWidth + 2*hour, 3 + int(day) }

func mouse(t *testing.T, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	for _, msg := range msgs {
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

func TestMouse_ClickTogglesAnHour(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "tab") // the form has focus: a click gives it back to the grid
	x, y := cellAt(time.Monday, 3)
	m = mouse(t, m, tea.MouseClickMsg{X: x + 1, Y: y, Button: tea.MouseLeft}, tea.MouseReleaseMsg{X: x + 1, Y: y})
	c := model.Cell{Day: time.Monday, Hour: 3}
	if !window(m).At(c) || m.editor.grid.Cursor != c || m.editor.focusForm {
		t.Errorf("click on Mon 03:00: allowed %v, cursor %v, form focus %v", window(m).At(c), m.editor.grid.Cursor, m.editor.focusForm)
	}
	m = press(t, m, "u")
	if window(m).At(c) {
		t.Error("undo did not undo the click")
	}
}

func TestMouse_DragPaintsARectangle(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "p", "2") // never
	x0, y0 := cellAt(time.Monday, 20)
	x1, y1 := cellAt(time.Friday, 23)
	xm, ym := cellAt(time.Wednesday, 22)
	m = mouse(t, m,
		tea.MouseClickMsg{X: x0, Y: y0, Button: tea.MouseLeft},
		tea.MouseMotionMsg{X: xm, Y: ym, Button: tea.MouseLeft},
		tea.MouseMotionMsg{X: x1, Y: y1, Button: tea.MouseLeft},
		tea.MouseReleaseMsg{X: x1, Y: y1})
	if got := window(m).String(); got != "Mon-Fri 20:00-00:00" {
		t.Errorf("drag painted %q", got)
	}
	// Motion after the release paints nothing.
	m = mouse(t, m, tea.MouseMotionMsg{X: x0 - 10, Y: y0})
	if got := window(m).String(); got != "Mon-Fri 20:00-00:00" {
		t.Errorf("motion after release painted: %q", got)
	}
	m = press(t, m, "u")
	if got := window(m).String(); got != "never" {
		t.Errorf("one undo after a drag left %q", got)
	}
}

func TestMouse_LabelsSelect(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "p", "2")
	_, y := cellAt(time.Tuesday, 0)
	m = mouse(t, m, tea.MouseClickMsg{X: 1, Y: y, Button: tea.MouseLeft})
	m = press(t, m, "a")
	if got := window(m).String(); got != "Tue" {
		t.Errorf("day label click then a: %q", got)
	}
	x, _ := cellAt(time.Sunday, 7)
	m = mouse(t, m, tea.MouseClickMsg{X: x, Y: 2, Button: tea.MouseLeft})
	m = press(t, m, "a")
	if got := window(m).String(); got != "Tue, Wed-Mon 07:00-08:00" {
		t.Errorf("hour label click then a: %q", got)
	}
	// Clicks outside the grid and with other buttons do nothing.
	before := window(m)
	m = mouse(t, m, tea.MouseClickMsg{X: 70, Y: 20, Button: tea.MouseLeft}, tea.MouseClickMsg{X: x, Y: 4, Button: tea.MouseRight})
	if window(m) != before {
		t.Error("a click outside the grid or a right click changed the window")
	}
}
