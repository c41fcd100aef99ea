package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestShowCopyJob_GivesWarningsNextRunsAndZone: show of a copy job says,
// as for a backup job, what its window does to its starts, its next runs
// and the time zone its hours are in; --json carries the same.
func TestShowCopyJob_GivesWarningsNextRunsAndZone(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	if r := vbosched(t, srv, "", "set", archiveJob, "--daily-time", "03:00", "--yes"); r.code != ExitOK {
		t.Fatalf("set: exit %d\n%s%s", r.code, r.out, r.err)
	}
	r := vbosched(t, srv, "", "show", archiveJob)
	for _, want := range []string{"warning: The 03:00 start on Mon falls in an hour the backup copy window denies",
		"Next runs (times in", "(held back by the backup copy window from Mon 03:00)", "hours in server local time"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("show lacks %q:\n%s", want, r.out)
		}
	}
	r = vbosched(t, srv, "", "show", archiveJob, "--json")
	var doc struct {
		Warnings []string `json:"warnings"`
		NextRuns []string `json:"nextRuns"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil || len(doc.Warnings) != 1 || len(doc.NextRuns) != nextRunsShown {
		t.Errorf("show --json: %v, %d warnings, %d next runs:\n%s", err, len(doc.Warnings), len(doc.NextRuns), r.out)
	}
}

// TestJobs_CopyJobsWordedAsBackupJobs: the jobs table words a copy job's
// schedule and window as a backup job's ("workdays at 23:00", "off").
func TestJobs_CopyJobsWordedAsBackupJobs(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	r := vbosched(t, srv, "", "jobs")
	for _, line := range strings.Split(r.out, "\n") {
		switch {
		case strings.Contains(line, archiveJob) && !strings.Contains(line, "workdays at 23:00"):
			t.Errorf("daily copy job not worded as a backup job: %s", line)
		case strings.Contains(line, "SharePoint – archive") && !strings.Contains(line, " off "):
			t.Errorf("copy job without a window not \"off\": %s", line)
		}
	}
}

// TestShowCopyJob_WarnsOfAMissingSourceAsTheEditorAndLintDo: a copy job
// whose source backup job is gone gets model.CopyJob.SourceWarnings in show
// and show --json, never "No warnings".
func TestShowCopyJob_WarnsOfAMissingSourceAsTheEditorAndLintDo(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	const gone = "00000000-dead-beef-0000-000000000001"
	srv.ChangeCopyJob(srv.CopyJobID(archiveJob), func(j map[string]any) { j["backupJobId"] = gone })
	want := "Its source backup job (id " + gone + ") is not in the server's job list"
	r := vbosched(t, srv, "", "show", archiveJob)
	if !strings.Contains(r.out, want) || strings.Contains(r.out, "No warnings") {
		t.Errorf("show lacks %q (or says No warnings):\n%s%s", want, r.out, r.err)
	}
	r = vbosched(t, srv, "", "show", archiveJob, "--json")
	var doc struct {
		Warnings []string `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil || len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[len(doc.Warnings)-1], want) {
		t.Errorf("show --json warnings %q (%v), want %q", doc.Warnings, err, want)
	}
}
