package ui

import "testing"

// Numbers on the plan map never run into each other: the cell widens with
// the busiest hour, and where the screen has no room the count says "+".
func TestPlanGlyph_NumbersStayApart(t *testing.T) {
	tests := []struct {
		name                         string
		maxStarts, room              int
		starts, allowed, most, wantW int
		want                         string
	}{
		{"one digit in two columns", 7, 0, 7, 9, 9, 2, " 7"},
		{"two digits widen the cell", 21, 0, 21, 30, 30, 3, " 21"},
		{"one digit in a wide cell", 21, 0, 2, 30, 30, 3, "  2"},
		{"four digits", 1430, 0, 1430, 1500, 1500, 4, "999+"},
		{"hundreds in four columns", 1430, 0, 120, 1500, 1500, 4, " 120"},
		{"no room: the most that fits and +", 21, 2, 21, 30, 30, 2, "9+"},
		{"a shade fills the cell", 21, 0, 0, 30, 30, 3, "▓▓▓"},
		{"none may run", 21, 0, 0, 0, 30, 3, "···"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := PlanCellWidth(tt.maxStarts, tt.room)
			if w != tt.wantW {
				t.Fatalf("PlanCellWidth(%d, %d) = %d, want %d", tt.maxStarts, tt.room, w, tt.wantW)
			}
			if got := PlanGlyph(tt.starts, tt.allowed, tt.most, w); got != tt.want {
				t.Errorf("PlanGlyph = %q, want %q", got, tt.want)
			}
		})
	}
	if got := PlanHead(3); got != "00       03       06       09       12       15       18       21" {
		t.Errorf("PlanHead(3) = %q", got)
	}
}
