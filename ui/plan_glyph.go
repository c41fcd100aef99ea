package ui

import (
	"strconv"
	"strings"
)

// PlanCellWidth is how many columns the plan map gives an hour: 2 while no
// hour has ten starts, 3 up to 99, 4 beyond, so that a number never runs
// into its neighbour ("2121" read as one); room, when not 0, is the most
// the screen has.
func PlanCellWidth(maxStarts, room int) int {
	w := 2
	for limit := 10; maxStarts >= limit && w < 4; limit *= 10 {
		w++
	}
	if room > 0 {
		w = max(2, min(w, room))
	}
	return w
}

// PlanGlyph is the w columns the plan map draws for an hour: the number of
// jobs starting then, right-aligned after at least one space, or, where
// it has no room, the most that fits and "+" ("9+", "99+"); in an hour
// without starts, a shade for how many of the fleet's jobs may run (most
// is the most in any hour). Digits and shades differ by shape, so the map
// reads with NO_COLOR; `vbosched plan` prints its map with it, so both
// front ends draw hours alike.
func PlanGlyph(starts, allowed, most, w int) string {
	shade := func(s string) string { return strings.Repeat(s, w) }
	switch {
	case starts > 0:
		if n := strconv.Itoa(starts); len(n) < w {
			return strings.Repeat(" ", w-len(n)) + n
		}
		return strings.Repeat("9", w-1) + "+"
	case allowed == 0 || most == 0:
		return shade("·")
	case allowed*3 <= most:
		return shade("░")
	case allowed*3 <= most*2:
		return shade("▒")
	}
	return shade("▓")
}

// PlanLegend explains PlanGlyph in one line.
const PlanLegend = "N jobs start · ░░ ▒▒ ▓▓ few, some, most may run · ·· none may run"

// PlanHead is the hour labels over a plan map whose hours are w columns.
func PlanHead(w int) string {
	var head strings.Builder
	for h := 0; h < 24; h += 3 {
		label := strconv.Itoa(h)
		if h < 10 {
			label = "0" + label
		}
		head.WriteString(label + strings.Repeat(" ", 3*w-len(label)))
	}
	return strings.TrimRight(head.String(), " ")
}
