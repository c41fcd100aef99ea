package cli

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestSet_NamedCopyJobsWorkAsBackupJobs: set takes several jobs named, of
// either kind, as it takes several backup jobs; --run starts a copy job
// (POST /CopyJobs/{id}/start, v6–v8); a copy job's --dry-run prints its
// PUT body alone on stdout, the diff on stderr.
func TestSet_NamedCopyJobsWorkAsBackupJobs(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	other := "OneDrive – Finance – archive"
	r := vbosched(t, srv, "", "set", archiveJob, other, "Legal hold", "--window-enabled=false", "--yes")
	if r.code != ExitOK || !strings.Contains(r.out, "3 changed") {
		t.Errorf("set of two copy jobs and a backup job: exit %d\n%s%s", r.code, r.out, r.err)
	}
	for _, name := range []string{archiveJob, other} {
		if srv.CopyJob(srv.CopyJobID(name))["schedulePolicy"].(map[string]any)["backupCopyWindowEnabled"] != false {
			t.Errorf("%s: window not turned off", name)
		}
	}

	srv.ResetRequests()
	r = vbosched(t, srv, "", "set", archiveJob, "--window-enabled", "--run", "--yes")
	if r.code != ExitOK || !strings.Contains(r.out, "changed, started") || len(srv.RequestsFor(http.MethodPost, "/CopyJobs/"+srv.CopyJobID(archiveJob)+"/start")) != 1 {
		t.Errorf("set COPYJOB --run: exit %d, want the copy job started\n%s%s", r.code, r.out, r.err)
	}

	r = vbosched(t, srv, "", "set", archiveJob, "--window-enabled=false", "--dry-run")
	var body map[string]any
	if err := json.Unmarshal([]byte(r.out), &body); err != nil || body["schedulePolicy"] == nil || !strings.Contains(r.err, "backupCopyWindowEnabled: true → false") {
		t.Errorf("--dry-run of a copy job: stdout is not the PUT body alone (%v):\n%s\nstderr:\n%s", err, r.out, r.err)
	}
	r = vbosched(t, srv, "", "set", archiveJob, "--window-enabled", "--dry-run")
	if r.code != ExitOK || r.out != "" {
		t.Errorf("--dry-run with nothing to send: exit %d, stdout %q, want empty", r.code, r.out)
	}
}

// TestSet_DryRunShapeFollowsTheCommandLine: one job named prints a body
// or nothing; a selection prints an array even when it holds one job.
func TestSet_DryRunShapeFollowsTheCommandLine(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	r := vbosched(t, srv, "", "set", "--match", "^Legal hold$", "--kind", "backup", "--retry-number", "9", "--dry-run")
	if !strings.HasPrefix(r.out, "[") {
		t.Errorf("a selection of one job: want an array\n%s%s", r.out, r.err)
	}
}

// TestCopyJobMistakes_SayWhatIsWrong: the refusals name the flag or the
// count, never a job that does not exist.
func TestCopyJobMistakes_SayWhatIsWrong(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	file := filepath.Join(t.TempDir(), "c.json")
	r := vbosched(t, srv, "", "export", archiveJob)
	if err := os.WriteFile(file, []byte(r.out), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"set", "Exchange nightly", "--type", "Immediate", "--dry-run"}, "--type Immediate is for backup copy jobs only; backup jobs take Daily, Periodically"},
		{[]string{"apply", "-f", file, archiveJob, "OneDrive – Finance – archive", "--yes"}, "one job at a time: 2 named"},
	}
	for _, tt := range tests {
		r := vbosched(t, srv, "", tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
			t.Errorf("%v: exit %d, want 2 with %q:\n%s%s", tt.args, r.code, tt.want, r.out, r.err)
		}
	}
}

// TestApplyFile_NamesTheFilesFieldAndRefusesDuplicates: an apply file's
// error names the file and its field (not a flag), a key given twice is
// refused, and a daily time takes HH:MM only.
func TestApplyFile_NamesTheFilesFieldAndRefusesDuplicates(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	tests := []struct {
		doc  string
		want string
	}{
		{`{"kind":"copy","dailyTime":"05:00","dailyTime":"06:00"}`, `the field "dailyTime" is given twice`},
		{`{"kind":"backup","schedulePolicy":1,"retryNumber":2,"retryNumber":3}`, `the field "retryNumber" is given twice`},
		{`{"kind":"copy","type":"Daily"}`, "c.json: type for a backup copy job"},
		{`{"kind":"copy","backupCopyWindow":"Mon 25-26"}`, "c.json: backupCopyWindow:"},
		{`{"kind":"copy","dailyTime":"07:00:59"}`, "c.json: dailyTime: schedulePolicy.dailyTime \"07:00:59\" is not a time of day HH:MM"},
	}
	for _, tt := range tests {
		file := filepath.Join(t.TempDir(), "c.json")
		if err := os.WriteFile(file, []byte(tt.doc), 0o600); err != nil {
			t.Fatal(err)
		}
		r := vbosched(t, srv, "", "apply", "-f", file, archiveJob, "--dry-run")
		if r.code != ExitUsage || !strings.Contains(r.err, tt.want) || strings.Contains(r.err, "--") {
			t.Errorf("%s: exit %d, want 2 with %q and no flag named:\n%s%s", tt.doc, r.code, tt.want, r.out, r.err)
		}
	}
	for _, v := range []string{"7:5", "07:00:59"} {
		if r := vbosched(t, srv, "", "set", "Legal hold", "--daily-time", v, "--dry-run"); r.code != ExitUsage || !strings.Contains(r.err, "HH:MM") {
			t.Errorf("--daily-time %s: exit %d, want 2 saying HH:MM:\n%s", v, r.code, r.err)
		}
	}
}

// TestSet_NamesAndASelectionAreRefusedForBothKinds: a named job never
// widens to its organization or a --match, and a copy job's name with a
// selection is never "no job has the id or name": one refusal, nothing sent.
func TestSet_NamesAndASelectionAreRefusedForBothKinds(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"backup job name with --organization", []string{"set", "Legal hold", "--retry-number", "4", "--organization", "contoso.onmicrosoft.com", "--yes"}},
		{"backup job name with --match", []string{"set", "Legal hold", "--retry-number", "4", "--match", "Legal", "--yes"}},
		{"copy job name with --organization", []string{"set", "OneDrive – Finance – archive", "--enabled", "--organization", "fabrikam.onmicrosoft.com", "--yes"}},
		{"copy job name with --all and --kind copy", []string{"set", archiveJob, "--all", "--kind", "copy", "--enabled", "--yes"}},
		{"backup job name with --all and --kind backup", []string{"set", "Legal hold", "--all", "--kind", "backup", "--retry-number", "4", "--yes"}},
		{"apply: a name with --match", []string{"apply", "-f", "unread.json", "Legal hold", "--match", "Legal", "--yes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			r := vbosched(t, srv, "", tt.args...)
			if r.code != ExitUsage || !strings.Contains(r.err, "not both") || strings.Contains(r.err, "no job has") {
				t.Errorf("exit %d, want %d and the names-or-selection refusal\n%s%s", r.code, ExitUsage, r.out, r.err)
			}
			if n := len(srv.RequestsFor(http.MethodPut, "")); n != 0 {
				t.Errorf("%d PUTs sent, want none", n)
			}
		})
	}
}
