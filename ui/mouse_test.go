package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// At 80×24 the grid's hour header is on row 2 and Sunday on row 3; hour h
// starts at column 5+2h, plus one for each guide before 06:00, 12:00, 18:00.
func cellAt(day time.Weekday, hour int) (x, y int) {
	return gridLabelWidth + 2*hour + hour/guideHours, 3 + int(day)
}

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

// Every column of a grid is an hour, a label or a guide; a guide counts as
// the hour after it, so a click there is never lost or put in the wrong block.
func TestGridLayout_HitFindsTheHourAtEachWidth(t *testing.T) {
	tests := []struct {
		name      string
		cellWidth int
		x         int
		want      int
	}{
		{"first hour, 1 column", 1, 5, 0},
		{"guide before 06:00, 1 column", 1, 11, 6},
		{"06:00 after the guide, 1 column", 1, 12, 6},
		{"last hour, 1 column", 1, 5 + 24 + 2, 23},
		{"05:00's second column, 2 columns", 2, 5 + 11, 5},
		{"guide before 12:00, 2 columns", 2, 5 + 12 + 1 + 12, 12},
		{"13:00, 3 columns", 3, 5 + 2*19 + 3, 13},
		{"23:00's last column, 4 columns", 4, 5 + 24*4 + 3 - 1, 23},
		{"18:00, 4 columns", 4, 5 + 18*4 + 3, 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := gridLayout{cellWidth: tt.cellWidth, labelW: gridLabelWidth}
			c, dayLabel, hourLabel, ok := l.hit(tt.x, 3)
			if !ok || dayLabel || hourLabel || c.Hour != tt.want || c.Day != time.Tuesday {
				t.Errorf("hit(%d, 3) = %v day label %v hour label %v ok %v, want Tue %02d:00", tt.x, c, dayLabel, hourLabel, ok, tt.want)
			}
		})
	}
	if _, _, _, ok := (gridLayout{cellWidth: 2, labelW: gridLabelWidth}).hit(5+48+3, 3); ok {
		t.Error("the column after the grid hit an hour")
	}
}
