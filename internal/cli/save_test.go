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

// A save whose audit log cannot be written is refused before it is sent,
// with the file and the two ways out; --no-audit is one of them.
func TestSet_UnwritableAuditLog(t *testing.T) {
	tests := []struct {
		name      string
		extra     []string
		wantCode  int
		wantOut   []string
		wantSaved bool
	}{
		{"refused, naming the file and the fix", nil, ExitFailed,
			[]string{"failed", "audit.jsonl", "nothing was sent", "--audit-log PATH", "--no-audit", "0 changed"}, false},
		{"--no-audit saves without a record", []string{"--no-audit"}, 0, []string{"1 changed"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			blocker := filepath.Join(t.TempDir(), "file")
			if err := os.WriteFile(blocker, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"--audit-log", filepath.Join(blocker, "audit.jsonl")}, tt.extra...)
			args = append(args, "set", "Exchange nightly", "--retry-number", "4", "--yes")
			r := vbosched(t, srv, "", args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d:\n%s%s", r.code, tt.wantCode, r.out, r.err)
			}
			for _, want := range tt.wantOut {
				if !strings.Contains(r.out, want) {
					t.Errorf("output lacks %q:\n%s", want, r.out)
				}
			}
			saved := srv.Job(srv.JobID("Exchange nightly"))["schedulePolicy"].(map[string]any)["retryNumber"] == 4
			if saved != tt.wantSaved {
				t.Errorf("saved = %v, want %v", saved, tt.wantSaved)
			}
		})
	}
}

// A pre-existing audit log open to group or others gets one warning naming
// the file and chmod 600; the file is left as it is (see CheckWritable).
func TestSet_WarnsOfALooseAuditLog(t *testing.T) {
	srv := newServer(t)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // past the umask
		t.Fatal(err)
	}
	r := vbosched(t, srv, "", "--audit-log", path, "set", "--all", "--retry-number", "4", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s%s", r.code, r.out, r.err)
	}
	if n := strings.Count(r.err, "readable or writable by others"); n != 1 || !strings.Contains(r.err, "chmod 600 "+path) {
		t.Errorf("stderr has %d mode warnings, want 1 naming chmod 600 %s:\n%s", n, path, r.err)
	}
}

// An error answer to the PUT is judged by the job read back: saved (with
// the server's error as a note), not saved, or unknown.
func TestSet_ErrorAnswerToThePUTIsJudgedByTheReadBack(t *testing.T) {
	tests := []struct {
		name    string
		fault   func(srv *fakevbo.Server) fakevbo.Fault
		code    int
		out     []string
		err     string
		outcome audit.Outcome
	}{
		{"502 after the backend stored it", func(*fakevbo.Server) fakevbo.Fault {
			return fakevbo.Fault{Method: "PUT", Status: 502, StoreFirst: true}
		}, 0, []string{"changed    Exchange nightly", "1 changed"}, "502 Bad Gateway", audit.Saved},
		{"500 that stored nothing", func(*fakevbo.Server) fakevbo.Fault {
			return fakevbo.Fault{Method: "PUT", Status: 500}
		}, ExitFailed, []string{"failed", "read back is unchanged: nothing was saved"}, "", audit.Failed},
		{"503 and the read-back fails", func(srv *fakevbo.Server) fakevbo.Fault {
			return fakevbo.Fault{Method: "PUT", Status: 503, StoreFirst: true, Hook: func() {
				srv.InjectFault(fakevbo.Fault{Method: "GET", Path: "/Jobs/", Status: 500})
			}}
		}, ExitFailed, []string{"unknown", "not known whether it was saved"}, "", audit.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			srv.InjectFault(tt.fault(srv))
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			r := vbosched(t, srv, "", "--audit-log", path, "set", "Exchange nightly", "--retry-number", "4", "--yes")
			if r.code != tt.code {
				t.Errorf("exit %d, want %d:\n%s%s", r.code, tt.code, r.out, r.err)
			}
			for _, want := range tt.out {
				if !strings.Contains(r.out, want) {
					t.Errorf("output lacks %q:\n%s", want, r.out)
				}
			}
			if strings.Contains(r.out, "nothing was saved") && tt.outcome != audit.Failed {
				t.Errorf("says nothing was saved:\n%s", r.out)
			}
			if tt.err != "" && (!strings.Contains(r.err, tt.err) || !strings.Contains(r.err, "it was saved")) {
				t.Errorf("stderr lacks the note of %q:\n%s", tt.err, r.err)
			}
			recs, _, err := audit.Open(path).Read()
			if err != nil || len(recs) != 1 || recs[0].Outcome != tt.outcome {
				t.Errorf("audit: %v %+v, want one %s entry", err, recs, tt.outcome)
			}
		})
	}
}

// When the outcome line cannot be written after the PUT, set exits 1 and
// says the save happened.
func TestSet_LostOutcomeLineExits1(t *testing.T) {
	srv := newServer(t)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	srv.InjectFault(fakevbo.Fault{Method: "PUT", Hook: func() {
		if err := os.Rename(path, path+".moved"); err != nil {
			t.Error(err)
		}
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Error(err)
		}
	}})
	r := vbosched(t, srv, "", "--audit-log", path, "set", "Exchange nightly", "--retry-number", "4", "--yes")
	if r.code != ExitFailed || !strings.Contains(r.out, "1 changed") {
		t.Errorf("exit %d, want 1 after the change:\n%s%s", r.code, r.out, r.err)
	}
	for _, want := range []string{"happened (saved), but its outcome is not in the audit log", "were sent to the server but their outcome is not in the audit log"} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
}
