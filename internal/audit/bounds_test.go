package audit

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestAppend_FileHoldsNoC1OrBidiRaw(t *testing.T) {
	l := testLog(t)
	e := savedEntry(t, "vbo.example")
	e.JobName = "evil\u009b2J\u202emirror\u2066x\u0085end 🙂"
	if _, err := l.Append(e); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"\u009b", "\u202e", "\u2066", "\u0085"} {
		if bytes.Contains(data, []byte(raw)) {
			t.Errorf("the audit file holds %U raw:\n%q", []rune(raw)[0], data)
		}
	}
	if !bytes.Contains(data, []byte(`\u009b2J\u202emirror`)) || !bytes.Contains(data, []byte("🙂")) {
		t.Errorf("the name is not written with JSON escapes (emoji kept as is): %q", data)
	}
	recs, warns, err := l.Read()
	if err != nil || len(warns) != 0 || len(recs) != 1 || recs[0].JobName != e.JobName {
		t.Errorf("read back = %+v, %v, %v; want the name %q as it was", recs, warns, err, e.JobName)
	}
}

func TestDecode_OverlongLineIsSkippedWithAWarning(t *testing.T) {
	good, err := json.Marshal(savedEntry(t, "a"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input io.Reader
		recs  int
		line  int // the warning's line
	}{
		{"a NUL block between two entries", io.MultiReader(bytes.NewReader(append(good, '\n')),
			bytes.NewReader(make([]byte, 3*MaxLineBytes)), strings.NewReader("\n"+string(good)+"\n")), 2, 2},
		{"a NUL block at the end, no newline", io.MultiReader(bytes.NewReader(append(good, '\n')),
			bytes.NewReader(make([]byte, MaxLineBytes+1))), 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, warns, err := Decode(tt.input)
			if err != nil || len(recs) != tt.recs {
				t.Fatalf("Decode = %d entries, %v; want %d", len(recs), err, tt.recs)
			}
			if len(warns) != 1 || warns[0].Line != tt.line || !strings.Contains(warns[0].Reason, "longer than") {
				t.Errorf("warnings = %v, want line %d too long", warns, tt.line)
			}
		})
	}
}

func TestRead_RefusesWhatIsNotARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "audit.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	tests := []struct{ name, path, what string }{
		{"a character device", os.DevNull, "a device"},
		{"a FIFO (opening it would block)", fifo, "a FIFO"},
		{"a directory", t.TempDir(), "a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Open(tt.path).Read()
			if err == nil || !strings.Contains(err.Error(), "not a regular file but "+tt.what) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("Read(%s) = %v, want it refused as not a regular file, naming the path", tt.path, err)
			}
		})
	}
}
