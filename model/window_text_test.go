package model

import (
	"strings"
	"testing"
	"time"
)

func cells(w *Window, day time.Weekday, from, to int) {
	for h := from; h < to; h++ {
		w.Set(Cell{day, h}, true)
	}
}

func TestParseWindow(t *testing.T) {
	nights := Window{}
	for d := time.Monday; d <= time.Friday; d++ {
		cells(&nights, d, 20, 24)
		cells(&nights, d+1, 0, 6)
	}
	weekends := Window{}
	cells(&weekends, time.Saturday, 0, 24)
	cells(&weekends, time.Sunday, 0, 24)
	satNight := Window{}
	cells(&satNight, time.Saturday, 22, 24)
	cells(&satNight, time.Sunday, 0, 2)
	wholeMon := Window{}
	cells(&wholeMon, time.Monday, 0, 24)
	monFromEight := Window{}
	cells(&monFromEight, time.Monday, 8, 24)
	cells(&monFromEight, time.Tuesday, 0, 8)
	friToMon := Window{}
	for _, d := range []time.Weekday{time.Friday, time.Saturday, time.Sunday, time.Monday} {
		cells(&friToMon, d, 9, 17)
	}

	tests := []struct {
		spec string
		want Window
	}{
		{"always", AllowAll()},
		{"  ALWAYS ", AllowAll()},
		{"never", Window{}},
		{"Mon-Fri 20:00-06:00", nights},
		{"mon-fri 20-06", nights},
		{"workdays 20:00-06:00", nights},
		{"weekends", weekends},
		{"Sat-Sun", weekends},
		{"Saturday; sunday", weekends},
		{"sat,sun", weekends},
		{"Sat 22-02", satNight},
		{"Mon", wholeMon},
		{"Mon 00:00-24:00", wholeMon},
		{"Mon 00-00", wholeMon},
		{"Mon 08:00-08:00", monFromEight},
		{"Fri-Mon 09-17", friToMon},
		{"everyday", AllowAll()},
		{"Mon 0-12, Mon 12-24", wholeMon},
	}
	for _, tt := range tests {
		got, err := ParseWindow(tt.spec)
		if err != nil {
			t.Errorf("ParseWindow(%q): %v", tt.spec, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseWindow(%q) = %s, want %s", tt.spec, got, tt.want)
		}
	}
}

func TestParseWindow_Errors(t *testing.T) {
	tests := []struct{ spec, want string }{
		{"Mon-Fry", `"Mon-Fry": unknown day "Fry"`},
		{"Funday", `"Funday": unknown day "Funday"`},
		{"Mon 20:30-06:00", `minutes must be 00`},
		{"Mon 25-06", `hour 25 is out of range 00–23`},
		{"Mon 20-25", `hour 25 is out of range 00–24`},
		{"Mon 24-06", `hour 24 is out of range 00–23`},
		{"Mon 8", `want hours as HH:MM-HH:MM`},
		{"Mon 8-x", `bad hour "x"`},
		{"Mon 8-17 extra", `want DAYS [HOURS]`},
		{"", `empty window`},
		{";", `no clause`},
		{"Mon, always", `stands alone`},
		{"Mon-", `missing day in range`},
		{"Mon -1-3", `bad hour`},
	}
	for _, tt := range tests {
		_, err := ParseWindow(tt.spec)
		if err == nil {
			t.Errorf("ParseWindow(%q): no error, want %q", tt.spec, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseWindow(%q) error = %q, want it to contain %q", tt.spec, err, tt.want)
		}
	}
}

func TestWindowString(t *testing.T) {
	tests := []string{
		"always",
		"never",
		"Mon-Fri 20:00-06:00",
		"Sat-Sun",
		"everyday 22:00-02:00",
		"Mon 08:00-08:00",
		"Sun 00:00-01:00",
		"Sat 23:00-01:00",
		"Mon-Fri 18:00-08:00, Sat-Sun",
		"Fri-Mon 09:00-17:00",
	}
	for _, spec := range tests {
		w, err := ParseWindow(spec)
		if err != nil {
			t.Fatalf("ParseWindow(%q): %v", spec, err)
		}
		if got := w.String(); got != spec {
			t.Errorf("ParseWindow(%q).String() = %q", spec, got)
		}
	}
}

// Windows whose String form is not the spec they were written with, but
// means the same hours.
func TestWindowString_Canonical(t *testing.T) {
	tests := []struct{ spec, want string }{
		{"workdays 20-06", "Mon-Fri 20:00-06:00"},
		{"weekends", "Sat-Sun"},
		{"Mon 0-12; Mon 12-24", "Mon"},
		{"Sun-Sat", "always"},
		{"everyday 0-23", "everyday 00:00-23:00"},
		// A run over several days: the head, the whole days, the tail.
		{"Fri 20-24; Sat; Sun; Mon 0-6", "Mon 00:00-06:00, Fri 20:00-00:00, Sat-Sun"},
	}
	for _, tt := range tests {
		w, err := ParseWindow(tt.spec)
		if err != nil {
			t.Fatalf("ParseWindow(%q): %v", tt.spec, err)
		}
		if got := w.String(); got != tt.want {
			t.Errorf("ParseWindow(%q).String() = %q, want %q", tt.spec, got, tt.want)
		}
		if back, _ := ParseWindow(w.String()); back != w {
			t.Errorf("round trip of %q lost hours", tt.spec)
		}
	}
}

func FuzzWindowRoundTrip(f *testing.F) {
	f.Add(make([]byte, 21))
	f.Add([]byte{0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0xff})
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, bits []byte) {
		var w Window
		for i := range w {
			if i/8 < len(bits) {
				w[i] = bits[i/8]&(1<<(i%8)) != 0
			}
		}
		s := w.String()
		back, err := ParseWindow(s)
		if err != nil {
			t.Fatalf("ParseWindow(%q): %v", s, err)
		}
		if back != w {
			t.Fatalf("ParseWindow(%q) differs from the window it came from: %v", s, back.Diff(w))
		}
	})
}

func FuzzParseWindow(f *testing.F) {
	for _, s := range []string{"Mon-Fri 20:00-06:00", "weekends", "always", "Sat 22-02; Sun", "Fri-Mon 9-17"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		w, err := ParseWindow(spec)
		if err != nil {
			return
		}
		back, err := ParseWindow(w.String())
		if err != nil || back != w {
			t.Fatalf("%q parsed, but its String %q does not round-trip: %v", spec, w.String(), err)
		}
	})
}

func TestWindowString_OutsideBusinessHours(t *testing.T) {
	w := AllowAll()
	w.SetRect(Rect{Day0: time.Monday, Day1: time.Friday, Hour0: 8, Hour1: 17}, false)
	if got, want := w.String(), "Sun-Fri 18:00-08:00, Sat-Sun"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
