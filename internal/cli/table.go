package cli

import (
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// nameCap is the widest a name column (a job's name, a copy job's source)
// gets on a terminal: one very long name would otherwise widen every line
// of the table past the screen. A name cut ends in "…"; --json and a pipe
// keep names whole, and the ID column names the job.
const nameCap = 40

// writeCappedTable prints rows as columns two spaces apart, padded by
// display width: text/tabwriter counts runes, so a CJK name (two cells a
// rune) or an emoji pushed every later column of its row out of line. The
// last column is not padded. The cells of the columns in capped (by index)
// are cut to nameCap cells, the header row's excepted. Cells must already
// be terminal-safe.
func writeCappedTable(w io.Writer, rows [][]string, capped []int) error {
	if len(capped) > 0 {
		cut := make([][]string, len(rows))
		for n, r := range rows {
			cut[n] = r
			if n == 0 {
				continue
			}
			cut[n] = slices.Clone(r)
			for _, i := range capped {
				if i < len(r) && ansi.StringWidth(r[i]) > nameCap {
					cut[n][i] = ansi.Truncate(r[i], nameCap, "…")
				}
			}
		}
		rows = cut
	}
	var widths []int
	for _, r := range rows {
		for i, cell := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
