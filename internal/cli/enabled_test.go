package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestSet_EnabledSwitchesABackupJobOnEveryVersion: --enabled=false disables
// a backup job and --enabled enables it again, read back from the server,
// with the PUT from v6 on and the Action endpoint before.
func TestSet_EnabledSwitchesABackupJobOnEveryVersion(t *testing.T) {
	for _, v := range []string{"v2", "v6", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			id := srv.JobID("Exchange nightly")
			for _, tt := range []struct {
				flag string
				want bool
			}{{"--enabled=false", false}, {"--enabled", true}} {
				r := vbosched(t, srv, "", "set", "Exchange nightly", tt.flag, "--yes")
				if r.code != ExitOK || !strings.Contains(r.out, "isEnabled: "+map[bool]string{true: "false → true", false: "true → false"}[tt.want]) {
					t.Fatalf("%s: exit %d:\n%s%s", tt.flag, r.code, r.out, r.err)
				}
				if got := srv.Job(id)["isEnabled"]; got != tt.want {
					t.Errorf("%s: the server has isEnabled %v", tt.flag, got)
				}
				show := vbosched(t, srv, "", "show", "Exchange nightly")
				if want := "enabled       " + onOff(tt.want); !strings.Contains(show.out, want) {
					t.Errorf("%s: show lacks %q:\n%s", tt.flag, want, show.out)
				}
			}
		})
	}
}

// TestApply_IsEnabledOnlyWhenTheFileSaysSo: export leaves the switch out,
// so applying a schedule never switches jobs on or off (a file from before
// the switch was editable neither); a file that has isEnabled sets it.
func TestApply_IsEnabledOnlyWhenTheFileSaysSo(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	r := vbosched(t, srv, "", "export", "Exchange nightly") // enabled
	if r.code != ExitOK || strings.Contains(r.out, `"isEnabled"`) && !strings.Contains(r.out, `"exportedFrom"`) {
		t.Fatalf("export: exit %d %s", r.code, r.err)
	}
	if i := strings.Index(r.out, `"exportedFrom"`); strings.Contains(r.out[:i], `"isEnabled"`) {
		t.Fatalf("export writes the switch:\n%s", r.out)
	}
	legal := srv.JobID("Legal hold") // disabled
	if a := vbosched(t, srv, r.out, "apply", "-f", "-", "Legal hold", "--yes"); a.code != ExitOK {
		t.Fatalf("apply: exit %d %s%s", a.code, a.out, a.err)
	}
	if got := srv.Job(legal)["isEnabled"]; got != false {
		t.Errorf("a file without isEnabled switched the job to %v", got)
	}
	if a := vbosched(t, srv, `{"isEnabled": true}`, "apply", "-f", "-", "Legal hold", "--yes"); a.code != ExitOK {
		t.Fatalf("apply isEnabled: exit %d %s%s", a.code, a.out, a.err)
	}
	if got := srv.Job(legal)["isEnabled"]; got != true {
		t.Errorf("a file with isEnabled true left the job at %v", got)
	}
}

// TestApply_AnOldV2FileIsNotStaleForLackingTheSwitch: files exported on
// v2–v5 before the switch was carried have no isEnabled in exportedFrom;
// applied back to their job, the job's switch is not a change since the
// export, and the job stays enabled.
func TestApply_AnOldV2FileIsNotStaleForLackingTheSwitch(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v2"))
	r := vbosched(t, srv, "", "export", "Exchange nightly")
	old := strings.Replace(r.out, `"isEnabled": true,`, "", 1)
	if r.code != ExitOK || old == r.out {
		t.Fatalf("export (exit %d) has no isEnabled in exportedFrom to take out:\n%s%s", r.code, r.out, r.err)
	}
	old = strings.Replace(old, `"retryNumber": 3`, `"retryNumber": 4`, 1)
	a := vbosched(t, srv, old, "apply", "-f", "-", "Exchange nightly", "--yes")
	if a.code != ExitOK {
		t.Fatalf("apply of the old file: exit %d\n%s%s", a.code, a.out, a.err)
	}
	if job := srv.Job(srv.JobID("Exchange nightly")); job["isEnabled"] != true {
		t.Errorf("the job is now isEnabled %v", job["isEnabled"])
	}
}

// TestSet_DryRunSaysTheV2ActionForTheSwitch: before v6 the PUT printed by
// --dry-run does not carry the switch, so stderr names the Action request
// that would follow it; nothing is sent.
func TestSet_DryRunSaysTheV2ActionForTheSwitch(t *testing.T) {
	for _, tt := range []struct {
		v      string
		action bool
	}{{"v2", true}, {"v8", false}} {
		srv := newServer(t, fakevbo.WithVersion(tt.v))
		r := vbosched(t, srv, "", "set", "Exchange nightly", "--enabled=false", "--dry-run")
		said := strings.Contains(r.err, `/Action {"disable": null}`)
		if r.code != ExitOK || said != tt.action || strings.Contains(r.out, "Action") {
			t.Errorf("%s: exit %d, Action named %v (want %v):\n%s%s", tt.v, r.code, said, tt.action, r.out, r.err)
		}
		if n := len(srv.RequestsFor("PUT", "/")) + len(srv.RequestsFor("POST", "/Jobs/")); n != 0 {
			t.Errorf("%s: a dry run sent %d requests", tt.v, n)
		}
	}
}

// TestRevert_AnOldV2EntryKeepsTheSwitch: audit entries written on v2–v5
// before the switch was carried have no isEnabled in jobBefore/jobAfter;
// reverting one neither reads as a change since the entry nor disables the
// job.
func TestRevert_AnOldV2EntryKeepsTheSwitch(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v2"))
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if r := vbosched(t, srv, "", "--audit-log", path, "set", "Exchange nightly", "--retry-number", "4", "--yes"); r.code != ExitOK {
		t.Fatalf("set: exit %d %s%s", r.code, r.out, r.err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.ReplaceAll(string(data), `"isEnabled":true,`, "")
	if old == string(data) {
		t.Fatalf("the entry carries no isEnabled to take out:\n%s", data)
	}
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, _, err := audit.Open(path).Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit: %v %+v", err, recs)
	}
	r := vbosched(t, srv, "", "--audit-log", path, "revert", recs[0].ID, "--yes")
	job := srv.Job(srv.JobID("Exchange nightly"))
	if r.code != ExitOK || job["isEnabled"] != true || job["schedulePolicy"].(map[string]any)["retryNumber"] != 3 {
		t.Errorf("revert: exit %d, isEnabled %v, retryNumber %v\n%s%s", r.code, job["isEnabled"],
			job["schedulePolicy"].(map[string]any)["retryNumber"], r.out, r.err)
	}
}
