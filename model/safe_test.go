package model

import (
	"strings"
	"testing"
)

func TestSafeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is unchanged", "Exchange nightly", "Exchange nightly"},
		{"accents and emoji are unchanged", "Archiv Geschäftsführung – 🗄", "Archiv Geschäftsführung – 🗄"},
		{"a real replacement character is unchanged", "a\uFFFDb", "a\uFFFDb"},
		{"escape sequences lose their ESC and BEL", "evil\x1b]0;pwned\a\x1b[2J", `evil\x1b]0;pwned\x07\x1b[2J`},
		{"line breaks and tabs show as escapes", "a\nb\r\tc", `a\nb\r\tc`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"C1 controls as runes", "a\u009b2Jb\u0085", `a\u009b2Jb\u0085`},
		{"a byte that is not UTF-8", "a\x9b2J", `a\x9b2J`},
		{"bidi override and isolate", "txt.\u202eexe\u2066", `txt.\u202eexe\u2066`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SafeText(tt.in)
			if got != tt.want {
				t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.ContainsAny(got, "\x1b\a\n\r\x00\x7f\u009b\u202e") {
				t.Errorf("SafeText(%q) = %q still holds a control character", tt.in, got)
			}
		})
	}
}

func TestSafeLines_KeepsLineBreaksOnly(t *testing.T) {
	got := SafeLines("2 jobs are named \"x\x1b[2J\":\n  a1  x\x1b[2J")
	if want := "2 jobs are named \"x\\x1b[2J\":\n  a1  x\\x1b[2J"; got != want {
		t.Errorf("SafeLines = %q, want %q", got, want)
	}
}

func FuzzSafeText(f *testing.F) {
	f.Add("evil\x1b]0;pwned\a\x1b[2J")
	f.Add("a\x9b\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range SafeText(s) {
			if r < 0x20 || r == 0x7f || unsafeRune(r) {
				t.Fatalf("SafeText(%q) holds %U", s, r)
			}
		}
	})
}
