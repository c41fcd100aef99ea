package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func lipglossWidth(s string) int { return ansi.StringWidth(s) }

// padRight pads a styled string with spaces to width cells.
func padRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// truncate cuts a styled string to width cells, with an ellipsis.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}
