package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

// set says "changed" only for a save the read-back confirmed; every other
// outcome exits 1 and says which fields and what to do.
func TestSet_OutcomesThatAreNotSaves(t *testing.T) {
	tests := []struct {
		name    string
		arrange func(srv *fakevbo.Server)
		want    []string
	}{
		{"the server ignores a field", func(srv *fakevbo.Server) { srv.IgnoreOnPut(model.FieldRetryNumber) },
			[]string{"not saved", "does not show it for " + model.FieldRetryNumber, model.FieldRetryNumber + ": 4 → 3", "vbosched show"}},
		{"the answer never came", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", DropAfterStore: true})
		}, []string{"unknown", "not known whether it was saved", "vbosched show"}},
		{"someone changed the job", func(srv *fakevbo.Server) {
			id := srv.JobID("Exchange nightly") // after the list set plans from, before its check
			srv.InjectFault(fakevbo.Fault{Method: "GET", Path: "/Jobs", After: func() {
				srv.ChangeJob(id, func(j map[string]any) { j["isEnabled"] = false })
			}})
		}, []string{"stale", "changed on the server:", "isEnabled: true → false", "run the command again"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			tt.arrange(srv)
			r := vbosched(t, srv, "", "set", "Exchange nightly", "--retry-number", "4", "--yes")
			if r.code != ExitFailed {
				t.Errorf("exit %d, want 1", r.code)
			}
			for _, want := range tt.want {
				if !strings.Contains(r.out, want) {
					t.Errorf("output lacks %q:\n%s", want, r.out)
				}
			}
			if strings.Contains(r.out, "\nchanged ") || strings.Contains(r.out, "1 changed") {
				t.Errorf("says changed:\n%s", r.out)
			}
		})
	}
}

// Every save of the command line lands in the audit log that --audit-log
// names, with the API user and the change.
func TestSet_WritesTheAuditLog(t *testing.T) {
	srv := newServer(t)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	r := vbosched(t, srv, "", "--audit-log", path, "set", "Exchange nightly", "--retry-number", "4", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d: %s%s", r.code, r.out, r.err)
	}
	recs, _, err := audit.Open(path).Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit: %v, %d entries", err, len(recs))
	}
	e := recs[0]
	if e.Outcome != audit.Saved || e.APIUser != srv.Username || e.JobName != "Exchange nightly" ||
		len(e.Changes) != 1 || e.Changes[0].Field != model.FieldRetryNumber {
		t.Errorf("entry = %+v", e.Entry)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("audit file mode: %v %v", fi.Mode(), err)
	}
}

// A save stands even when the audit log cannot be written; the command
// says the log misses it.
func TestSet_AuditFailureIsAWarning(t *testing.T) {
	srv := newServer(t)
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	r := vbosched(t, srv, "", "--audit-log", filepath.Join(blocker, "audit.jsonl"), "set", "Exchange nightly", "--retry-number", "4", "--yes")
	if r.code != 0 || !strings.Contains(r.out, "1 changed") {
		t.Errorf("exit %d:\n%s", r.code, r.out)
	}
	if !strings.Contains(r.err, "warning: the save of job") || !strings.Contains(r.err, "not in the audit log") {
		t.Errorf("stderr lacks the warning:\n%s", r.err)
	}
}
