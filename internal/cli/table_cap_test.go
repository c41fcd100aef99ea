package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/internal/audit"
)

// One very long name must not widen every line of jobs and log on a
// terminal: there the name columns are cut to nameCap cells with "…";
// through a pipe (and in --json) names stay whole (G16).
func TestTables_CapLongNamesOnATerminal(t *testing.T) {
	long := strings.Repeat("Mailbox batch ", 15) + "end" // 213 cells
	jobs := []jobSummary{
		{Name: long, ID: "6b2f1a4e-0000-0000-0000-000000000001", Kind: kindBackup, Schedule: "Daily", Window: "always"},
		{Name: "Short", ID: "6b2f1a4e-0000-0000-0000-000000000002", Kind: kindBackup, Schedule: "Daily", Window: "always"},
		{Name: "Copy", ID: "6b2f1a4e-0000-0000-0000-000000000003", Kind: kindCopy, SourceJobName: long, Schedule: "Immediately", Window: "always"},
	}
	recs := []audit.Record{
		{ID: "abc123", Entry: audit.Entry{Time: time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC), Server: "https://vbo:4443",
			JobID: "6b2f1a4e", JobName: long, APIUser: "ops", Outcome: audit.Saved}},
		{ID: "abc124", Entry: audit.Entry{Time: time.Date(2026, 11, 29, 3, 1, 0, 0, time.UTC), Server: "https://vbo:4443",
			JobID: "6b2f1a4f", JobName: "Short", APIUser: "ops", Outcome: audit.Saved}},
	}
	tables := []struct {
		name  string
		print func(w *bytes.Buffer, capNames bool)
	}{
		{"jobs", func(w *bytes.Buffer, capNames bool) { printJobTable(w, jobs, capNames) }},
		{"log", func(w *bytes.Buffer, capNames bool) { _ = writeLogTable(w, recs, capNames) }},
	}
	for _, tt := range tables {
		for _, capNames := range []bool{true, false} {
			t.Run(tt.name+map[bool]string{true: " on a terminal", false: " through a pipe"}[capNames], func(t *testing.T) {
				var out bytes.Buffer
				tt.print(&out, capNames)
				widest := 0
				for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
					widest = max(widest, ansi.StringWidth(line))
				}
				hasWhole := strings.Contains(out.String(), long)
				if capNames && (hasWhole || widest > 200 || !strings.Contains(out.String(), "…")) {
					t.Errorf("widest line %d cells, whole name shown %v; want names cut with …:\n%s", widest, hasWhole, out.String())
				}
				if !capNames && !hasWhole {
					t.Errorf("the whole name is not shown:\n%s", out.String())
				}
			})
		}
	}
}
