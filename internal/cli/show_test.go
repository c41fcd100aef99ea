package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// vboschedAt is vbosched with the clock at now, for what show previews.
func vboschedAt(t *testing.T, srv *fakevbo.Server, now time.Time, args ...string) run {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password,
		"VBO_CA_FILE": ca, "HOME": t.TempDir()}
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }, Now: func() time.Time { return now }}, "test")
	return run{code, out.String(), errOut.String()}
}

// The cases of issue #10, worked out by hand from Monday 2026-11-30 12:00
// UTC (the seeded windows' minuteOffset is 0: the hours are read as UTC).
func TestShow_WarningsAndTheNextFiveRuns(t *testing.T) {
	monday := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		job   string
		setup []string // a set command run first
		want  []string
	}{
		{"daily at 22:00 on workdays, the window denying 22:00-23:00", "Exchange nightly",
			[]string{"--window", "everyday", "--deny", "Mon-Fri 22-23", "--window-enabled"},
			[]string{"warning: ", "Next runs (times in the server's local time):\n" +
				"  Mon 2026-11-30 23:00 (held back by the backup window from Mon 22:00)\n" +
				"  Tue 2026-12-01 23:00 (held back by the backup window from Tue 22:00)\n" +
				"  Wed 2026-12-02 23:00 (held back by the backup window from Wed 22:00)\n" +
				"  Thu 2026-12-03 23:00 (held back by the backup window from Thu 22:00)\n" +
				"  Fri 2026-12-04 23:00 (held back by the backup window from Fri 22:00)\n"}},
		{"every 4 hours at :15 within a periodic window Mon-Fri 08-18", "Archiv Geschäftsführung", nil,
			[]string{"Next runs (times in the server's local time):\n" +
				"  Mon 2026-11-30 12:15\n  Mon 2026-11-30 16:15\n  Tue 2026-12-01 08:15\n  Tue 2026-12-01 12:15\n  Tue 2026-12-01 16:15\n"}},
		{"a weekly job's runs carry their dates", "Exchange nightly", []string{"--daily-type", "Friday", "--daily-time", "23:00"},
			[]string{"No warnings: the job runs as scheduled.", "  Fri 2026-12-04 23:00\n  Fri 2026-12-11 23:00\n"}},
		{"a disabled job says it does not run, and lists no runs", "Legal hold", nil,
			[]string{"warning: The job is disabled: Veeam does not run it on its schedule.",
				"No runs: the job is disabled, so Veeam does not start it on its schedule\n"}},
		{"manual only says why there are no runs", "Projektdaten Zürich", nil, []string{"No runs: manual only"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			if tt.setup != nil {
				args := append([]string{"set", tt.job, "--yes", "--audit-log", filepath.Join(t.TempDir(), "a.jsonl")}, tt.setup...)
				if r := vbosched(t, srv, "", args...); r.code != ExitOK {
					t.Fatalf("set: exit %d\n%s%s", r.code, r.out, r.err)
				}
			}
			r := vboschedAt(t, srv, monday, "show", tt.job)
			if r.code != ExitOK {
				t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.out, w) {
					t.Errorf("show lacks %q:\n%s", w, r.out)
				}
			}
		})
	}
}

func TestShowJSON_WarningsAndNextRuns(t *testing.T) {
	srv := newServer(t)
	monday := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	r := vboschedAt(t, srv, monday, "show", "Legal hold", "--json")
	var doc struct {
		Warnings []string `json:"warnings"`
		NextRuns []string `json:"nextRuns"`
		NoRuns   string   `json:"noRuns"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "disabled") || doc.NextRuns == nil || len(doc.NextRuns) != 0 ||
		!strings.Contains(doc.NoRuns, "disabled") {
		t.Errorf("warnings %q, nextRuns %q, noRuns %q; want the disabled warning, [] and why", doc.Warnings, doc.NextRuns, doc.NoRuns)
	}
	r = vboschedAt(t, srv, monday, "show", "Teams weekends", "--json")
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	if doc.Warnings == nil || len(doc.NextRuns) != 5 {
		t.Errorf("warnings %q, nextRuns %q; want [] and five runs", doc.Warnings, doc.NextRuns)
	}
}
