package model

import (
	"testing"
	"time"
)

func TestDiffWindows_CountsAddedAndRemovedHours(t *testing.T) {
	old, _ := ParseWindow("Mon 08:00-12:00")
	new, _ := ParseWindow("Mon 10:00-14:00, Tue 00:00-01:00")
	d := DiffWindows(old, new)
	if len(d.Added) != 3 || len(d.Removed) != 2 || d.Empty() {
		t.Fatalf("DiffWindows = %d added, %d removed; want 3 and 2", len(d.Added), len(d.Removed))
	}
	if d.Removed[0] != (Cell{Day: time.Monday, Hour: 8}) || d.Added[2] != (Cell{Day: time.Tuesday, Hour: 0}) {
		t.Errorf("cells not in week order: %v %v", d.Removed, d.Added)
	}
	if !DiffWindows(new, new).Empty() {
		t.Error("a window compared with itself is not Empty")
	}
}

func TestCompareHour(t *testing.T) {
	old, _ := ParseWindow("Mon 08:00-10:00")
	new, _ := ParseWindow("Mon 09:00-11:00")
	tests := []struct {
		hour int
		want HourChange
	}{{7, HourDenied}, {8, HourRemoved}, {9, HourAllowed}, {10, HourAdded}}
	for _, tt := range tests {
		if got := CompareHour(old, new, Cell{Day: time.Monday, Hour: tt.hour}); got != tt.want {
			t.Errorf("Mon %02d:00: %d, want %d", tt.hour, got, tt.want)
		}
	}
}
