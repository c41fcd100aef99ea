package model

import (
	"encoding/json"
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

func TestSafeJSON_EscapesC1AndBidiAndStillMeansTheSame(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ASCII is unchanged", "Exchange nightly", `"Exchange nightly"`},
		{"accents, CJK and emoji are unchanged", "Geschäft 日本 🗄", `"Geschäft 日本 🗄"`},
		{"a bidi override", "עברית\u202eFinance", `"עברית\u202eFinance"`},
		{"bidi isolates", "a\u2066b\u2069", `"a\u2066b\u2069"`},
		{"C1 CSI, OSC and ST", "x\u009b2J\u009d0;T\u009c", `"x\u009b2J\u009d0;T\u009c"`},
		{"C0 stays encoding/json's escape", "a\x1b[2J", `"a\u001b[2J"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := SafeJSON(b)
			if string(got) != tt.want {
				t.Errorf("SafeJSON(%s) = %s, want %s", b, got, tt.want)
			}
			var back string
			if err := json.Unmarshal(got, &back); err != nil || back != tt.in {
				t.Errorf("SafeJSON(%s) reads back as %q (%v), want %q", b, back, err, tt.in)
			}
		})
	}
}

func FuzzSafeJSON(f *testing.F) {
	f.Add("a\u009b\u202e日本")
	f.Fuzz(func(t *testing.T, s string) {
		b, _ := json.Marshal(map[string]string{s: s})
		got := SafeJSON(b)
		for _, r := range string(got) {
			if unsafeRune(r) {
				t.Fatalf("SafeJSON(%s) holds %U", b, r)
			}
		}
		var want, back map[string]string
		_ = json.Unmarshal(b, &want)
		if err := json.Unmarshal(got, &back); err != nil || back[s] != want[s] || len(back) != 1 {
			t.Fatalf("SafeJSON(%s) = %s reads back as %v (%v), want %v", b, got, back, err, want)
		}
	})
}
