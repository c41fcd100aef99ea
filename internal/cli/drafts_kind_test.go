package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/drafts"
)

// drafts says each draft's kind, as jobs and log do: a copy job's draft is
// not taken for a backup job's of the same name (G20).
func TestDrafts_SayTheirKind(t *testing.T) {
	saved := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		draft drafts.Draft
		want  string // the row's fields, single-spaced
	}{
		{"a backup job's draft", drafts.Draft{ServerURL: "https://vbo", JobName: "Exchange nightly", Saved: saved}, "https://vbo backup Exchange nightly"},
		{"a copy job's draft", drafts.Draft{ServerURL: "https://vbo", JobName: "Exchange nightly – archive", Kind: drafts.KindCopy, Saved: saved},
			"https://vbo copy Exchange nightly – archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			printDrafts(&out, []drafts.Draft{tt.draft})
			lines := strings.Split(out.String(), "\n")
			if head := strings.Fields(lines[0]); len(head) < 2 || head[1] != "KIND" {
				t.Errorf("header %q: want KIND second", lines[0])
			}
			if row := strings.Join(strings.Fields(lines[1]), " "); !strings.HasPrefix(row, tt.want) {
				t.Errorf("row %q, want it to start %q", row, tt.want)
			}
		})
	}
}
