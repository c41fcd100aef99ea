package ui

import "fmt"

// PlanGlyph is the two columns the plan map draws for an hour: the number
// of jobs starting then, or, in an hour without starts, a shade for how
// many of the fleet's jobs may run (most is the most in any hour). Digits
// and shades differ by shape, so the map reads with NO_COLOR; `vbosched
// plan` prints its map with it, so both front ends draw hours alike.
func PlanGlyph(starts, allowed, most int) string {
	switch {
	case starts > 99:
		return "99"
	case starts > 0:
		return fmt.Sprintf("%2d", starts)
	case allowed == 0 || most == 0:
		return "··"
	case allowed*3 <= most:
		return "░░"
	case allowed*3 <= most*2:
		return "▒▒"
	}
	return "▓▓"
}

// PlanLegend explains PlanGlyph in one line.
const PlanLegend = "N jobs start · ░░ ▒▒ ▓▓ few, some, most may run · ·· none may run"
