package cli

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
)

// An entry whose outcome was unknown (or an error answer) is reverted like
// a saved one when the job shows its change, and explained otherwise.
func TestRevert_UnknownEntryByWhatTheJobShows(t *testing.T) {
	tests := []struct {
		name      string
		fault     fakevbo.Fault
		outcome   audit.Outcome
		meanwhile func(srv *fakevbo.Server, id string)
		code      int
		want      string
		retry     any
	}{
		{"the change landed", fakevbo.Fault{Method: "PUT", DropAfterStore: true}, audit.Unknown, nil,
			0, "it landed, and is reverted as a saved entry", 3},
		{"the change did not land", fakevbo.Fault{Method: "PUT", Drop: true}, audit.Unknown, nil,
			0, "that save did not land, or was undone; nothing to revert", 3},
		{"someone changed it since", fakevbo.Fault{Method: "PUT", DropAfterStore: true}, audit.Unknown,
			func(srv *fakevbo.Server, id string) {
				srv.ChangeJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryNumber"] = 7 })
			}, ExitFailed, "shows neither that save's change nor the state before it", 7},
		{"a 502 whose read-back failed, the change landed", fakevbo.Fault{Method: "PUT", Status: 502, StoreFirst: true},
			audit.Unknown, nil, 0, "it landed", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			id := srv.JobID("Exchange nightly")
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			f := tt.fault
			if f.Status != 0 { // make the read-back after the error answer fail too
				f.Hook = func() { srv.InjectFault(fakevbo.Fault{Method: "GET", Path: "/Jobs/" + id, Status: 500}) }
			}
			srv.InjectFault(f)
			vbosched(t, srv, "", "--audit-log", path, "set", "Exchange nightly", "--retry-number", "4", "--yes")
			recs, _, err := audit.Open(path).Read()
			if err != nil || len(recs) != 1 || recs[0].Outcome != tt.outcome {
				t.Fatalf("audit: %v, %+v; want one %s entry", err, recs, tt.outcome)
			}
			if tt.meanwhile != nil {
				tt.meanwhile(srv, id)
			}
			r := vbosched(t, srv, "", "--audit-log", path, "revert", recs[0].ID, "--yes")
			if r.code != tt.code || !strings.Contains(r.out+r.err, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", r.code, tt.code, tt.want, r.out, r.err)
			}
			if got := retryNumber(srv, id); got != tt.retry {
				t.Errorf("retryNumber %v, want %v", got, tt.retry)
			}
		})
	}
}

// revert undoes only the entry's own fields: another save's change to a
// field the entry did not touch stays, and a field the entry changed that
// someone changed again since is a refusal naming it.
func TestRevert_UndoesOnlyTheEntrysFields(t *testing.T) {
	tests := []struct {
		name      string
		set       []string
		meanwhile func(j map[string]any)
		code      int
		want      string
		enabled   bool
		retry     any
	}{
		{"another field changed since stays", []string{"--enabled=false"},
			func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryNumber"] = 6 },
			0, "isEnabled", true, 6},
		{"the entry's field changed since is refused", []string{"--retry-number", "4"},
			func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryNumber"] = 7 },
			ExitFailed, "was changed since that save", true, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			id := srv.JobID("Exchange nightly")
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			args := append([]string{"--audit-log", path, "set", "Exchange nightly", "--yes"}, tt.set...)
			if r := vbosched(t, srv, "", args...); r.code != 0 {
				t.Fatalf("set: exit %d\n%s%s", r.code, r.out, r.err)
			}
			srv.ChangeJob(id, tt.meanwhile)
			recs, _, err := audit.Open(path).Read()
			if err != nil || len(recs) != 1 {
				t.Fatalf("audit: %v, %+v", err, recs)
			}
			r := vbosched(t, srv, "", "--audit-log", path, "revert", recs[0].ID, "--yes")
			if r.code != tt.code || !strings.Contains(r.out+r.err, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", r.code, tt.code, tt.want, r.out, r.err)
			}
			if got := retryNumber(srv, id); got != tt.retry {
				t.Errorf("retryNumber %v, want %v", got, tt.retry)
			}
			var enabled any
			srv.ChangeJob(id, func(j map[string]any) { enabled = j["isEnabled"] })
			if enabled != tt.enabled {
				t.Errorf("isEnabled %v, want %v", enabled, tt.enabled)
			}
		})
	}
}

// A field the job had no value for before the save cannot be unset through
// the API (the PUT leaves it out, the server keeps it): revert neither
// claims "→ (unset)" for it nor reports a save the server did not make.
func TestRevert_NeverClaimsAnUnsetItCannotSend(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	id := srv.CopyJobID(archiveJob)
	if every := copyPolicy(srv, id)["periodicallyEvery"]; every != nil {
		t.Fatalf("the seeded copy job has periodicallyEvery %v, want none", every)
	}
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if r := vbosched(t, srv, "", "--audit-log", path, "set", archiveJob, "--type", "Periodically", "--every", "Hours2", "--yes"); r.code != ExitOK {
		t.Fatalf("set: exit %d\n%s%s", r.code, r.out, r.err)
	}
	recs, _, err := audit.Open(path).Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit: %v, %d entries", err, len(recs))
	}
	r := vbosched(t, srv, "", "--audit-log", path, "revert", recs[0].ID, "--yes")
	if r.code != ExitOK || strings.Contains(r.out+r.err, "(unset)") {
		t.Errorf("revert: exit %d, want 0 without an unset claimed:\n%s%s", r.code, r.out, r.err)
	}
	if typ := copyPolicy(srv, id)["type"]; typ != "DailyAtTime" {
		t.Errorf("type %v after revert, want DailyAtTime", typ)
	}
	recs, _, _ = audit.Open(path).Read()
	for _, c := range recs[len(recs)-1].Changes {
		if c.New == "(unset)" {
			t.Errorf("the revert's audit entry claims %s", c)
		}
	}
}

// revert --dry-run shows the PUT body it would send (stdout) and the
// change (stderr), sends nothing and writes no audit entry, for backup
// and backup copy jobs alike.
func TestRevert_DryRunShowsTheBodyAndSendsNothing(t *testing.T) {
	tests := []struct {
		name, job string
		set       []string
		want      string // in the body
	}{
		{"backup job", "Exchange nightly", []string{"--retry-number", "4"}, `"retryNumber":3`},
		{"backup copy job", archiveJob, []string{"--window-enabled=false"}, `"backupCopyWindowEnabled":true`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			args := append([]string{"--audit-log", path, "set", tt.job, "--yes"}, tt.set...)
			if r := vbosched(t, srv, "", args...); r.code != 0 {
				t.Fatalf("set: exit %d\n%s%s", r.code, r.out, r.err)
			}
			recs, _, err := audit.Open(path).Read()
			if err != nil || len(recs) != 1 {
				t.Fatalf("audit: %v, %+v", err, recs)
			}
			srv.ResetRequests()
			r := vbosched(t, srv, "", "--audit-log", path, "revert", recs[0].ID, "--dry-run")
			var body map[string]any
			if r.code != ExitOK || json.Unmarshal([]byte(r.out), &body) != nil || !strings.Contains(strings.ReplaceAll(r.out, " ", ""), tt.want) || !strings.Contains(r.err, "→") {
				t.Errorf("exit %d, want 0, the PUT body with %s on stdout and the change on stderr\nstdout: %s\nstderr: %s", r.code, tt.want, r.out, r.err)
			}
			if n := len(srv.RequestsFor(http.MethodPut, "")) + len(srv.RequestsFor(http.MethodPost, "/Action")); n != 0 {
				t.Errorf("%d write request(s) sent, want none", n)
			}
			if recs, _, _ := audit.Open(path).Read(); len(recs) != 1 {
				t.Errorf("%d audit entries after --dry-run, want 1", len(recs))
			}
		})
	}
}
