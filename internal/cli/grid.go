package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vbosched/vbosched/model"
)

// Glyphs of the text grid: allowed and denied differ by shape, so the grid
// reads without colour.
const (
	glyphAllowed = "██"
	glyphDenied  = "··"
	glyphAdded   = "++"
	glyphRemoved = "--"
)

// writeGrid draws a 7×24 grid, two columns per hour, with cell choosing
// each hour's two-character glyph.
func writeGrid(w io.Writer, indent string, cell func(model.Cell) string) {
	var head strings.Builder
	for h := 0; h < model.HoursPerDay; h += 3 {
		fmt.Fprintf(&head, "%-6s", fmt.Sprintf("%02d", h))
	}
	fmt.Fprintf(w, "%s     %s\n", indent, strings.TrimRight(head.String(), " "))
	for d := time.Sunday; d <= time.Saturday; d++ {
		var row strings.Builder
		for h := 0; h < model.HoursPerDay; h++ {
			row.WriteString(cell(model.Cell{Day: d, Hour: h}))
		}
		fmt.Fprintf(w, "%s%s  %s\n", indent, d.String()[:3], row.String())
	}
}

func writeWindowGrid(w io.Writer, indent string, win model.Window) {
	writeGrid(w, indent, func(c model.Cell) string {
		if win.At(c) {
			return glyphAllowed
		}
		return glyphDenied
	})
}

// writeWindowDiff draws new over old: ++ added, -- removed.
func writeWindowDiff(w io.Writer, indent string, old, new model.Window) {
	writeGrid(w, indent, func(c model.Cell) string {
		switch a, b := old.At(c), new.At(c); {
		case !a && b:
			return glyphAdded
		case a && !b:
			return glyphRemoved
		case b:
			return glyphAllowed
		}
		return glyphDenied
	})
	fmt.Fprintf(w, "%s     %s allowed  %s denied  %s added  %s removed\n", indent, glyphAllowed, glyphDenied, glyphAdded, glyphRemoved)
}
