package model

import (
	"testing"
	"time"
)

func TestWindow_Edits(t *testing.T) {
	var w Window
	w.Toggle(Cell{time.Sunday, 0})
	if !w[0] || w.Count() != 1 {
		t.Fatalf("Toggle Sun 00 did not allow index 0")
	}
	w.SetRect(Rect{Day0: time.Friday, Day1: time.Monday, Hour0: 20, Hour1: 18}, true) // corners in any order
	if got := w.Count(); got != 1+5*3 {
		t.Fatalf("Count after rectangle = %d, want 16", got)
	}
	w.SetDay(time.Wednesday, false)
	if w.At(Cell{time.Wednesday, 19}) {
		t.Errorf("SetDay(Wednesday, false) left Wed 19:00 allowed")
	}
	w.SetHour(23, true)
	for d := time.Sunday; d <= time.Saturday; d++ {
		if !w.At(Cell{d, 23}) {
			t.Errorf("SetHour(23) missed %s", d)
		}
	}
	w.Fill(false)
	w.Invert()
	if w != AllowAll() {
		t.Errorf("Invert of empty is not all")
	}
}

func TestWindow_Diff(t *testing.T) {
	a, _ := ParseWindow("Mon 20-22")
	b, _ := ParseWindow("Mon 21-23")
	diff := a.Diff(b)
	if len(diff) != 2 || diff[0] != (Cell{time.Monday, 20}) || diff[1] != (Cell{time.Monday, 22}) {
		t.Errorf("Diff = %v", diff)
	}
}

func TestWindowFromBools(t *testing.T) {
	if _, err := WindowFromBools(make([]bool, 167)); err == nil {
		t.Error("167 entries accepted")
	}
	w, err := WindowFromBools(AllowAll().Bools())
	if err != nil || w != AllowAll() {
		t.Errorf("168 trues: %v %v", w, err)
	}
}

func TestWindow_RotateShiftsHoursAroundTheWeek(t *testing.T) {
	w, err := ParseWindow("Sat 23:00-24:00; Mon 08:00-09:00")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		hours int
		want  string
	}{
		{0, "Mon 08:00-09:00, Sat 23:00-24:00"},
		{2, "Sun 01:00-02:00, Mon 10:00-11:00"},
		{-9, "Sun 23:00-24:00, Sat 14:00-15:00"},
		{WindowHours, "Mon 08:00-09:00, Sat 23:00-24:00"},
	}
	for _, tt := range tests {
		got := w.Rotate(tt.hours)
		want, err := ParseWindow(tt.want)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Rotate(%d) = %s, want %s", tt.hours, got, tt.want)
		}
		if back := got.Rotate(-tt.hours); back != w {
			t.Errorf("Rotate(%d) then back = %s, want %s", tt.hours, back, w)
		}
	}
}
