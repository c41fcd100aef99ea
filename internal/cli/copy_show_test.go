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
