package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
)

// A field the save did not edit that someone changed between the check and
// the read-back is theirs: the save is saved (exit 0, audit saved) with a
// note naming the field and its values, never "not saved" blaming it. A
// save of which one request landed (before v6) is "partly saved", in the
// output and the audit log alike.
func TestSet_ReadBackNamesOthersChangesAndPartlySaves(t *testing.T) {
	tests := []struct {
		name    string
		version string
		args    []string
		fault   func(srv *fakevbo.Server, id string)
		code    int
		want    []string
		outcome audit.Outcome
	}{
		{"someone else's change after the PUT", "v8", []string{"--retry-number", "4"}, func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", After: func() {
				srv.ChangeJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryWaitInterval"] = 25 })
			}})
		}, 0, []string{"changed    Exchange nightly: changed on the server since: schedulePolicy.retryWaitInterval 10 → 25", "1 changed"}, audit.Saved},
		{"the action ignored before v6", "v5", []string{"--enabled=false", "--retry-number", "8"}, func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "POST", Path: "/Action", Body: "{}"})
		}, ExitFailed, []string{"partly saved Exchange nightly: job \"Exchange nightly\" was partly saved: saved schedulePolicy.retryNumber 3 → 8", "saved schedulePolicy.retryNumber 3 → 8", "not saved: isEnabled",
			"0 changed, 0 unchanged, 0 failed, 0 invalid, 1 partly saved"}, audit.PartlySaved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(tt.version))
			id := srv.JobID("Exchange nightly")
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			tt.fault(srv, id)
			r := vbosched(t, srv, "", append([]string{"--audit-log", path, "set", "Exchange nightly", "--yes"}, tt.args...)...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tt.code, r.out, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.out+r.err, w) {
					t.Errorf("output lacks %q:\n%s%s", w, r.out, r.err)
				}
			}
			if strings.Contains(r.out+r.err, "may not support") {
				t.Errorf("output blames field support:\n%s%s", r.out, r.err)
			}
			recs, _, err := audit.Open(path).Read()
			if err != nil || len(recs) != 1 {
				t.Fatalf("audit: %v, %d entries", err, len(recs))
			}
			if recs[0].Outcome != tt.outcome || !strings.Contains(recs[0].Detail, tt.want[0][strings.Index(tt.want[0], ": ")+2:]) {
				t.Errorf("audit outcome %s %q, want %s naming %q", recs[0].Outcome, recs[0].Detail, tt.outcome, tt.want[0])
			}
		})
	}
}

// TestSetJSON_CountsPartlySavedApart: a partly saved job is counted as
// partlySaved in --json, not as failed, so a script sees the job changed.
func TestSetJSON_CountsPartlySavedApart(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v5"))
	srv.InjectFault(fakevbo.Fault{Method: "POST", Path: "/Action", Body: "{}"})
	r := vbosched(t, srv, "", "--no-audit", "set", "Exchange nightly", "--enabled=false", "--retry-number", "8", "--yes", "--json")
	var doc struct {
		Failed      int `json:"failed"`
		PartlySaved int `json:"partlySaved"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("stdout is not JSON (%v):\n%s%s", err, r.out, r.err)
	}
	if r.code != ExitFailed || doc.PartlySaved != 1 || doc.Failed != 0 {
		t.Errorf("exit %d, counts failed %d partlySaved %d; want 1, 0, 1\n%s", r.code, doc.Failed, doc.PartlySaved, r.out)
	}
}
