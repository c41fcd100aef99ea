package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vbosched/vbosched/model"
	"github.com/vbosched/vbosched/ui"
)

// writeGrid draws a 7×24 grid, two columns per hour, with the TUI's glyphs:
// they differ by shape, so the grid reads without colour.
func writeGrid(w io.Writer, indent string, hour func(model.Cell) model.HourChange) {
	var head strings.Builder
	for h := 0; h < model.HoursPerDay; h += 3 {
		fmt.Fprintf(&head, "%-6s", fmt.Sprintf("%02d", h))
	}
	fmt.Fprintf(w, "%s     %s\n", indent, strings.TrimRight(head.String(), " "))
	for d := time.Sunday; d <= time.Saturday; d++ {
		var row strings.Builder
		for h := 0; h < model.HoursPerDay; h++ {
			row.WriteString(ui.HourGlyph(hour(model.Cell{Day: d, Hour: h}), 2))
		}
		fmt.Fprintf(w, "%s%s  %s\n", indent, d.String()[:3], row.String())
	}
}

func writeWindowGrid(w io.Writer, indent string, win model.Window) {
	writeGrid(w, indent, func(c model.Cell) model.HourChange { return model.CompareHour(win, win, c) })
}

// writeWindowDiff draws new over old, with a legend.
func writeWindowDiff(w io.Writer, indent string, old, new model.Window) {
	writeGrid(w, indent, func(c model.Cell) model.HourChange { return model.CompareHour(old, new, c) })
	g := func(h model.HourChange) string { return ui.HourGlyph(h, 2) }
	fmt.Fprintf(w, "%s     %s allowed  %s denied  %s added  %s removed\n", indent,
		g(model.HourAllowed), g(model.HourDenied), g(model.HourAdded), g(model.HourRemoved))
}
