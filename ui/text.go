package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	"github.com/charmbracelet/x/ansi"
)

func lipglossWidth(s string) int { return ansi.StringWidth(s) }

// staticCursor stops a text input's cursor from blinking: a blinking
// cursor redraws the screen twice a second over SSH while nothing happens.
func staticCursor(in *textinput.Model) {
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
}

// padRight pads a styled string with spaces to width cells.
func padRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// truncate cuts a styled string to width cells, with an ellipsis, between
// grapheme clusters; emoji joined by ZWJ come apart first (see unjoin).
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(unjoin(s), width, "…")
}

// unjoin takes the zero-width joiners (U+200D) out of s. A ZWJ sequence
// such as the family 👨‍👩‍👧‍👦 is one grapheme two cells wide to the
// width tables, but many terminals (tmux among them) draw each emoji it
// joins, two cells each, and the row after it shifts right. Without the
// joiners every terminal draws the emoji side by side and the widths
// agree, so the columns stay in line; the name reads the same.
func unjoin(s string) string {
	if !strings.Contains(s, "\u200d") {
		return s
	}
	return strings.ReplaceAll(s, "\u200d", "")
}

// hang wraps each line of s that is wider than width at its spaces, continuing it indent
// cells in: the value column of "  label  value" lines. Nothing is lost
// at the screen's edge, as a cut would lose it.
func hang(s string, width, indent int) string {
	if width-indent < 10 {
		indent = 0
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) <= width {
			continue
		}
		head := ansi.Truncate(line, indent, "")
		rest := ansi.TruncateLeft(line, indent, "")
		pad := "\n" + strings.Repeat(" ", indent)
		lines[i] = head + strings.ReplaceAll(wordWrap(rest, width-indent), "\n", pad)
	}
	return strings.Join(lines, "\n")
}

// wordWrap breaks s into lines of at most width cells at its spaces only
// (ansi.Wordwrap also breaks at hyphens, splitting "20:00-06:00"); a word
// wider than a line is cut across lines.
func wordWrap(s string, width int) string {
	if strings.Contains(s, "\n") {
		lines := strings.Split(s, "\n")
		for i, line := range lines {
			lines[i] = wordWrap(line, width)
		}
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	col := 0
	for i, word := range strings.Split(s, " ") {
		w := ansi.StringWidth(word)
		switch {
		case i == 0:
		case col+1+w <= width:
			b.WriteByte(' ')
			col++
		default:
			b.WriteByte('\n')
			col = 0
		}
		if w > width {
			word = ansi.Hardwrap(word, width, true)
			w = ansi.StringWidth(word[strings.LastIndexByte(word, '\n')+1:])
			col = 0
		}
		b.WriteString(word)
		col += w
	}
	return b.String()
}
