package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// SafeText makes text from a server safe to print on a terminal: control
// characters (C0, DEL, C1), bidirectional overrides and bytes that are not
// UTF-8 are written as Go escapes (`\n`, `\x1b`, `\u202e`), so a job name can
// neither drive the terminal (clear it, set its title, hide a line) nor
// make text read in a different order than it is. Other text, accents and
// emoji included, is left alone. JSON output goes through SafeJSON instead,
// which keeps it valid JSON.
func SafeText(s string) string {
	if isSafeText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i]) // a lone 0x9b is CSI to an 8-bit terminal
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// SafeLines is SafeText for text of several lines that vbosched put
// together itself (an error with a list under it): each line is made safe
// and the line breaks are kept.
func SafeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = SafeText(l)
	}
	return strings.Join(lines, "\n")
}

func isSafeText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			return isSafeUnicode(s)
		}
	}
	return true
}

func isSafeUnicode(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") || r < 0x20 || r == 0x7f || unsafeRune(r) {
			return false
		}
	}
	return true
}

// unsafeRune reports the non-ASCII runes a terminal acts on: C1 controls
// and the bidirectional embeddings, overrides and isolates.
func unsafeRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// SafeJSON escapes, in JSON that encoding/json wrote, the runes a terminal
// acts on that encoding/json leaves raw: C1 controls (U+0080–U+009F) and
// the bidirectional controls (U+202A–U+202E, U+2066–U+2069) become \u009b,
// \u202e. Outside strings JSON is ASCII, so every such rune is inside a
// string, where the escape decodes to the same rune: the JSON means
// exactly what it meant, and `vbosched jobs --json` on a terminal can no
// longer clear it or print a line reversed. (encoding/json already escapes
// C0 controls and turns broken UTF-8 into U+FFFD.)
func SafeJSON(b []byte) []byte {
	if !slices.ContainsFunc(b, func(c byte) bool { return c >= 0x80 }) {
		return b
	}
	out := make([]byte, 0, len(b)+12)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if unsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
