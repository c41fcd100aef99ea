package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
)

func copyPolicy(srv *fakevbo.Server, id string) map[string]any {
	return srv.CopyJob(id)["schedulePolicy"].(map[string]any)
}

// TestExportApply_CopyJobRoundTrip: export writes a backup copy job's
// settings with its kind; edited and applied back to it, by name or id, the
// copy job takes the file's values (read back by the save) on v6, v7, v8.
func TestExportApply_CopyJobRoundTrip(t *testing.T) {
	for _, v := range []string{"v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			id := srv.CopyJobID(archiveJob)
			r := vbosched(t, srv, "", "export", archiveJob)
			if r.code != ExitOK || !strings.Contains(r.out, `"kind": "copy"`) || !strings.Contains(r.out, `"backupCopyWindow"`) {
				t.Fatalf("export: exit %d\n%s%s", r.code, r.out, r.err)
			}
			if strings.Contains(r.out[:strings.Index(r.out, `"exportedFrom"`)], `"isEnabled"`) {
				t.Errorf("export writes the switch:\n%s", r.out)
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
				t.Fatal(err)
			}
			doc["type"], doc["periodicallyEvery"], doc["isEnabled"] = "Periodically", "Hours4", false
			doc["backupCopyWindow"], doc["backupCopyWindowEnabled"] = "everyday 22:00-04:00", false
			edited, _ := json.Marshal(doc)
			file := filepath.Join(t.TempDir(), "archive.json")
			if err := os.WriteFile(file, edited, 0o600); err != nil {
				t.Fatal(err)
			}
			a := vbosched(t, srv, "", "apply", "-f", file, id, "--yes")
			if a.code != ExitOK || !strings.Contains(a.out, "1 changed") {
				t.Fatalf("apply: exit %d\n%s%s\nfile:\n%s", a.code, a.out, a.err, edited)
			}
			p := copyPolicy(srv, id)
			if p["type"] != "Periodically" || p["periodicallyEvery"] != "Hours4" || p["backupCopyWindowEnabled"] != false || srv.CopyJob(id)["isEnabled"] != false {
				t.Errorf("the copy job now: isEnabled %v, policy %v", srv.CopyJob(id)["isEnabled"], p)
			}
			if puts := srv.RequestsFor("PUT", "/CopyJobs/"); len(puts) != 1 {
				t.Errorf("%d copy job PUTs, want 1", len(puts))
			}
		})
	}
}

// TestApply_RefusesAFileOntoTheOtherKind: a backup copy job's file onto a
// backup job and a backup job's file onto a copy job are usage errors that
// say which is which; nothing is sent.
func TestApply_RefusesAFileOntoTheOtherKind(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	dir := t.TempDir()
	backupFile, copyFile := filepath.Join(dir, "legal.json"), filepath.Join(dir, "archive.json")
	for file, ref := range map[string]string{backupFile: "Legal hold", copyFile: archiveJob} {
		r := vbosched(t, srv, "", "export", ref)
		if r.code != ExitOK {
			t.Fatalf("export %s: exit %d %s", ref, r.code, r.err)
		}
		if err := os.WriteFile(file, []byte(r.out), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a backup job's file onto a copy job", []string{"apply", "-f", backupFile, srv.CopyJobID(archiveJob), "--yes"}, "is a backup copy job, and " + backupFile + " holds a backup job's schedule"},
		{"by name too", []string{"apply", "-f", backupFile, archiveJob, "--yes"}, "is a backup copy job"},
		{"a copy job's file onto a backup job", []string{"apply", "-f", copyFile, "Legal hold", "--yes"}, "is a backup job, and " + copyFile + " holds a backup copy job's settings"},
		{"by id too", []string{"apply", "-f", copyFile, srv.JobID("Legal hold"), "--yes"}, "is a backup job"},
		{"a copy job's file with --kind backup", []string{"apply", "-f", copyFile, "--kind", "backup", archiveJob, "--yes"}, "--kind backup names backup jobs"},
		{"a copy job's file onto a selection", []string{"apply", "-f", copyFile, "--all", "--yes"}, "one backup copy job"},
		{"an unknown kind", []string{"apply", "-f", "-", archiveJob, "--yes"}, `kind "tape" is not backup or copy`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vbosched(t, srv, `{"kind": "tape"}`, tt.args...)
			if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, want %d saying %q:\n%s%s", r.code, ExitUsage, tt.want, r.out, r.err)
			}
		})
	}
	if puts := srv.RequestsFor("PUT", "/"); len(puts) != 0 {
		t.Errorf("sent %d PUTs", len(puts))
	}
}

// TestApply_CopyFileRefusedWhenItsJobChangedSinceTheExport: applied back to
// its own copy job, a file is refused when that job changed since the
// export (exit 1, nothing sent), and applied with --force.
func TestApply_CopyFileRefusedWhenItsJobChangedSinceTheExport(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v7"))
	id := srv.CopyJobID(archiveJob)
	r := vbosched(t, srv, "", "export", archiveJob)
	file := filepath.Join(t.TempDir(), "archive.json")
	if err := os.WriteFile(file, []byte(strings.Replace(r.out, `"kind": "copy",`, `"kind": "copy", "isEnabled": false,`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.ChangeCopyJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["backupCopyWindowEnabled"] = false })
	a := vbosched(t, srv, "", "apply", "-f", file, archiveJob, "--yes")
	if a.code != ExitFailed || !strings.Contains(a.err, "changed since the export") {
		t.Errorf("apply over a change: exit %d\n%s%s", a.code, a.out, a.err)
	}
	if puts := srv.RequestsFor("PUT", "/"); len(puts) != 0 {
		t.Fatalf("sent %d PUTs", len(puts))
	}
	if a := vbosched(t, srv, "", "apply", "-f", file, archiveJob, "--force", "--yes"); a.code != ExitOK || srv.CopyJob(id)["isEnabled"] != false {
		t.Errorf("apply --force: exit %d, isEnabled %v\n%s%s", a.code, srv.CopyJob(id)["isEnabled"], a.out, a.err)
	}
}

// TestRevert_CopyJobSave: a backup copy job's save in the audit log is put
// back like a backup job's, on v6, v7, v8; a change since is refused.
func TestRevert_CopyJobSave(t *testing.T) {
	for _, v := range []string{"v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			id := srv.CopyJobID(archiveJob)
			before := copyPolicy(srv, id)["type"]
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			r := vbosched(t, srv, "", "--audit-log", path, "set", archiveJob, "--type", "Periodically", "--every", "Hours8", "--enabled=false", "--yes")
			if r.code != ExitOK {
				t.Fatalf("set: exit %d %s%s", r.code, r.out, r.err)
			}
			recs, _, err := audit.Open(path).Read()
			if err != nil || len(recs) != 1 || recs[0].Kind != audit.KindCopy {
				t.Fatalf("audit: %v %+v", err, recs)
			}
			r = vbosched(t, srv, "", "--audit-log", path, "revert", recs[0].ID, "--yes")
			if r.code != ExitOK {
				t.Fatalf("revert: exit %d\n%s%s", r.code, r.out, r.err)
			}
			if got := copyPolicy(srv, id)["type"]; got != before || before != "DailyAtTime" || srv.CopyJob(id)["isEnabled"] != true {
				t.Errorf("after revert: type %v (want %v), isEnabled %v", got, before, srv.CopyJob(id)["isEnabled"])
			}
			// Reverting the revert's own entry while someone changed the job since is refused.
			recs, _, _ = audit.Open(path).Read()
			srv.ChangeCopyJob(id, func(j map[string]any) { j["isEnabled"] = false })
			r = vbosched(t, srv, "", "--audit-log", path, "revert", recs[len(recs)-1].ID, "--yes")
			if r.code != ExitFailed || !strings.Contains(r.err, "was changed since that save") {
				t.Errorf("revert over a change: exit %d\n%s%s", r.code, r.out, r.err)
			}
		})
	}
}
