package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestJobs_ListsCopyJobsWithTheirKindAndSource: from v6 on `jobs` lists the
// backup copy jobs beside the backup jobs, KIND naming the source backup job,
// and --json carries kind and the source's id and name; before v6 there are
// none and nothing else changes.
func TestJobs_ListsCopyJobsWithTheirKindAndSource(t *testing.T) {
	for _, tt := range []struct {
		v      string
		copies int
	}{{"v5", 0}, {"v6", 3}, {"v7", 3}, {"v8", 3}} {
		t.Run(tt.v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(tt.v))
			r := vbosched(t, srv, "", "jobs")
			if r.code != ExitOK {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			if got := strings.Count(r.out, "copy of "); got != tt.copies {
				t.Errorf("%d copy rows, want %d:\n%s", got, tt.copies, r.out)
			}
			if tt.copies > 0 && !strings.Contains(r.out, "copy of Exchange nightly") {
				t.Errorf("the copy job's source is not named:\n%s", r.out)
			}
			var rows []jobSummary
			if err := json.Unmarshal([]byte(vbosched(t, srv, "", "jobs", "--json").out), &rows); err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, row := range rows {
				kinds[row.Kind]++
				if row.Kind == kindCopy && (row.SourceJobName == "" || row.SourceJobID != srv.JobID(row.SourceJobName) || row.OrganizationName == "") {
					t.Errorf("copy row %+v lacks its source job or organization", row)
				}
			}
			if kinds[kindCopy] != tt.copies || kinds[kindBackup] != 8 {
				t.Errorf("kinds = %v, want 8 backup and %d copy", kinds, tt.copies)
			}
		})
	}
}

const archiveJob = "Exchange nightly – archive"

// TestSetCopyJob_ChangesEachFieldWithReadBack sets every copy-job field
// through `set` on each version and reads the copy job back from the fake.
func TestSetCopyJob_ChangesEachFieldWithReadBack(t *testing.T) {
	for _, v := range []string{"v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			id := srv.CopyJobID(archiveJob)
			r := vbosched(t, srv, "", "set", archiveJob, "--type", "Periodically", "--every", "Hours2",
				"--deny", "Sat-Sun", "--window-enabled=false", "--enabled=false", "--yes")
			if r.code != ExitOK || !strings.Contains(r.out, "1 changed") {
				t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
			}
			doc := srv.CopyJob(id)
			p := doc["schedulePolicy"].(map[string]any)
			if p["type"] != "Periodically" || p["periodicallyEvery"] != "Hours2" || p["backupCopyWindowEnabled"] != false || doc["isEnabled"] != false {
				t.Errorf("stored %v", doc)
			}
			hours := p["backupCopyWindowSettings"].(map[string]any)["backupWindow"].([]any)
			if hours[0] != false || hours[6*24+21] != false || hours[1*24+21] != true {
				t.Errorf("window not denied on Sat-Sun only: Sun 00 %v, Sat 21 %v, Mon 21 %v", hours[0], hours[6*24+21], hours[1*24+21])
			}
			r = vbosched(t, srv, "", "set", archiveJob, "--type", "DailyAtTime", "--daily-type", "Friday", "--daily-time", "21:15", "--yes")
			p = srv.CopyJob(id)["schedulePolicy"].(map[string]any)
			if r.code != ExitOK || p["dailyType"] != "Friday" || p["dailyTime"] != "21:15:00" {
				t.Errorf("exit %d, stored %v\n%s%s", r.code, p, r.out, r.err)
			}
		})
	}
}

func TestSetCopyJob_RefusesWhatTheKindDoesNotHave(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a backup job's flag on a copy job", []string{"set", archiveJob, "--retry-number", "5", "--yes"}, "--retry-number is not a setting of backup copy jobs"},
		{"a copy type on a backup job", []string{"set", "Legal hold", "--type", "Immediate", "--yes"}, "--type Immediate is for backup copy jobs only; backup jobs take Daily, Periodically or ManualOnly"},
		{"a backup type on a copy job", []string{"set", archiveJob, "--type", "Daily", "--yes"}, "not one of Immediate, Periodically, DailyAtTime"},
		{"a selection of copy jobs and a flag none has", []string{"set", "--all", "--kind", "copy", "--retry-number", "5", "--yes"},
			"--retry-number applies to none of the selected jobs (3 backup copy job(s)"},
		{"a copy job named with a selection", []string{"set", archiveJob, "--all", "--kind", "copy", "--enabled", "--yes"}, "or a selection (--all, --organization, --match) without names, not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			r := vbosched(t, srv, "", tt.args...)
			if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, want %d saying %q:\n%s%s", r.code, ExitUsage, tt.want, r.out, r.err)
			}
			if puts := srv.RequestsFor("PUT", "/"); len(puts) != 0 {
				t.Errorf("sent %d PUTs", len(puts))
			}
		})
	}
}

// TestCopyJob_NameOfBothKindsNeedsKind: a name a backup job and a copy job
// share is an error listing both, and --kind picks one.
func TestCopyJob_NameOfBothKindsNeedsKind(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v7"))
	copyID, backupID := srv.CopyJobID(archiveJob), srv.JobID("Legal hold")
	srv.ChangeCopyJob(copyID, func(j map[string]any) { j["name"] = "Legal hold" })
	r := vbosched(t, srv, "", "show", "Legal hold")
	if r.code != ExitUsage || !strings.Contains(r.err, copyID) || !strings.Contains(r.err, backupID) || !strings.Contains(r.err, "--kind") {
		t.Errorf("show of a shared name: exit %d\n%s", r.code, r.err)
	}
	r = vbosched(t, srv, "", "show", "Legal hold", "--kind", "copy")
	if r.code != ExitOK || !strings.Contains(r.out, "backup copy job") || !strings.Contains(r.out, "copies        Exchange nightly") {
		t.Errorf("show --kind copy: exit %d\n%s%s", r.code, r.out, r.err)
	}
	r = vbosched(t, srv, "", "show", "Legal hold", "--kind", "backup")
	if r.code != ExitOK || strings.Contains(r.out, "backup copy job") || !strings.Contains(r.out, backupID) {
		t.Errorf("show --kind backup: exit %d\n%s%s", r.code, r.out, r.err)
	}
	r = vbosched(t, srv, "", "set", "Legal hold", "--kind", "copy", "--window-enabled=false", "--yes")
	if r.code != ExitOK || srv.CopyJob(copyID)["schedulePolicy"].(map[string]any)["backupCopyWindowEnabled"] != false {
		t.Errorf("set --kind copy: exit %d\n%s%s", r.code, r.out, r.err)
	}
}
