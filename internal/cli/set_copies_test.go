package cli

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

var copyNames = []string{"Exchange nightly – archive", "SharePoint – archive", "OneDrive – Finance – archive"}

// copyPuts are the PUTs of backup copy jobs, by name.
func copyPuts(srv *fakevbo.Server) []string {
	var names []string
	for _, r := range srv.RequestsFor(http.MethodPut, "/CopyJobs/") {
		id := r.Path[strings.LastIndex(r.Path, "/")+1:]
		names = append(names, srv.CopyJob(id)["name"].(string))
	}
	slices.Sort(names)
	return names
}

func sorted(names ...string) []string {
	names = slices.Clone(names)
	slices.Sort(names)
	return names
}

// From v6 on, set's selections (--all, --organization, --match) hold the
// backup copy jobs beside the backup jobs (--kind narrows them to one
// kind); each flag is applied where the job has the setting and skipped,
// with a line saying so, where it does not. A copy job's organization is
// its own on v8 and its source backup job's on v6 and v7.
func TestSet_SelectionsHoldCopyJobs(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCopies []string // copy jobs PUT
		wantBackup int      // backup job PUTs
		wantLines  []string // in stdout
		absent     []string
	}{
		{"--all applies each flag where it exists",
			[]string{"--all", "--window", "everyday 20:00-06:00", "--retry-number", "9"}, copyNames, 8,
			[]string{"changed    Exchange nightly – archive: skipped --retry-number does not apply to backup copy jobs",
				"11 changed, 0 unchanged, 0 failed, 0 invalid\n",
				"skipped: --retry-number does not apply to backup copy jobs (3 job(s))"}, nil},
		{"--all with a flag only backup jobs have skips the copy jobs",
			[]string{"--all", "--retry-number", "9"}, nil, 8,
			[]string{"skipped    SharePoint – archive: --retry-number does not apply to backup copy jobs",
				"8 changed, 0 unchanged, 0 failed, 0 invalid, 3 skipped\n"}, nil},
		{"--all with a value only copy jobs take skips the backup jobs",
			[]string{"--all", "--type", "Immediate"}, []string{"Exchange nightly – archive", "OneDrive – Finance – archive"}, 0,
			[]string{"skipped    Legal hold: --type Immediate is not a backup job's type (they take Daily, Periodically or ManualOnly)",
				"unchanged  SharePoint – archive\n", "2 changed, 1 unchanged, 0 failed, 0 invalid, 8 skipped\n"}, nil},
		{"--all with a value only backup jobs take skips the copy jobs",
			[]string{"--all", "--type", "Daily"}, nil, 4,
			[]string{"skipped    SharePoint – archive: --type Daily is not a backup copy job's type (they take Immediate, Periodically or DailyAtTime)",
				"4 changed, 4 unchanged, 0 failed, 0 invalid, 3 skipped\n"}, nil},
		{"--enabled switches either kind",
			[]string{"--match", "^(Legal hold|OneDrive – Finance – archive)$", "--enabled"}, []string{"OneDrive – Finance – archive"}, 1,
			[]string{"changed    Legal hold\n", "changed    OneDrive – Finance – archive\n"}, nil},
		{"--organization takes a copy job by its (source's) organization",
			[]string{"--organization", "fabrikam.onmicrosoft.com", "--window", "everyday 20:00-06:00"}, []string{"OneDrive – Finance – archive"}, 3,
			[]string{"changed    OneDrive – Finance – archive\n", "changed    Teams weekends\n"},
			[]string{"Exchange nightly – archive", "Legal hold"}},
		{"--match selects copy jobs by name",
			[]string{"--match", "^SharePoint", "--daily-time", "23:30"}, []string{"SharePoint – archive"}, 1,
			[]string{"changed    SharePoint – archive: the schedule is unaffected: an Immediate job does not use \"Daily at\"; it is kept for when the job's type is DailyAtTime\n",
				"changed    SharePoint hourly: the schedule is unaffected: a Periodically job does not use \"Daily at\"; it is kept for when the job's type is Daily\n"}, []string{"Exchange nightly"}},
		{"--kind copy selects copy jobs alone",
			[]string{"--all", "--kind", "copy", "--window", "everyday 20:00-06:00"}, copyNames, 0,
			[]string{"3 changed, 0 unchanged, 0 failed, 0 invalid\n"}, []string{"Legal hold"}},
		{"--kind backup leaves them out",
			[]string{"--all", "--kind", "backup", "--window", "everyday 20:00-06:00"}, nil, 8, nil, []string{"archive"}},
	}
	for _, v := range []string{"v6", "v7", "v8"} {
		for _, tt := range tests {
			t.Run(v+"/"+tt.name, func(t *testing.T) {
				srv := newServer(t, fakevbo.WithVersion(v))
				r := vbosched(t, srv, "", append(append([]string{"set"}, tt.args...), "--yes", "--no-audit")...)
				if r.code != ExitOK {
					t.Fatalf("exit %d:\n%s%s", r.code, r.out, r.err)
				}
				if got := copyPuts(srv); !slices.Equal(got, sorted(tt.wantCopies...)) {
					t.Errorf("copy jobs PUT: %q, want %q", got, sorted(tt.wantCopies...))
				}
				if n := len(puts(srv)); n != tt.wantBackup {
					t.Errorf("%d backup job PUTs, want %d", n, tt.wantBackup)
				}
				for _, line := range tt.wantLines {
					if !strings.Contains(r.out, line) {
						t.Errorf("output lacks %q:\n%s", line, r.out)
					}
				}
				for _, name := range tt.absent {
					if strings.Contains(r.out, name) {
						t.Errorf("output names %q:\n%s", name, r.out)
					}
				}
			})
		}
	}
}

// --dry-run says what a selection would skip, in the lines and in the JSON,
// where a copy job carries kind "copy" and a job that takes none of the
// flags no body.
func TestSet_DryRunOfAMixedSelectionSaysWhatItSkips(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v7"))
	r := vbosched(t, srv, "", "set", "--match", "^Exchange", "--daily-time", "21:00", "--retry-number", "9", "--dry-run")
	if r.code != ExitOK {
		t.Fatalf("exit %d:\n%s", r.code, r.err)
	}
	if !strings.Contains(r.err, "Exchange nightly – archive (6416544d, backup copy job):\n") ||
		!strings.Contains(r.err, "  skipped: --retry-number does not apply to backup copy jobs\n") {
		t.Errorf("the plan does not say what it skips:\n%s", r.err)
	}
	var entries []struct {
		Name    string          `json:"name"`
		Kind    string          `json:"kind"`
		Body    json.RawMessage `json:"body"`
		Skipped []string        `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(r.out), &entries); err != nil || len(entries) != 2 {
		t.Fatalf("dry run: %v, %d entries:\n%s", err, len(entries), r.out)
	}
	byName := map[string]int{}
	for i, e := range entries {
		byName[e.Name] = i
	}
	cp := entries[byName["Exchange nightly – archive"]]
	if cp.Kind != kindCopy || len(cp.Body) == 0 || !slices.Equal(cp.Skipped, []string{"--retry-number does not apply to backup copy jobs"}) {
		t.Errorf("copy job entry = %+v", cp)
	}
	if b := entries[byName["Exchange nightly"]]; b.Kind != "" || len(b.Skipped) != 0 || len(b.Body) == 0 {
		t.Errorf("backup job entry = %+v", b)
	}
	if n := len(srv.RequestsFor(http.MethodPut, "")); n != 0 {
		t.Errorf("%d PUTs in a dry run", n)
	}
}

// A flag that does not apply to a job named explicitly, or to any job of a
// selection, is a usage error naming it; nothing is sent.
func TestSet_FlagNoSelectedJobTakesIsAUsageError(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a copy job named", []string{archiveJob, "--retry-number", "9"}, "--retry-number"},
		{"a backup job named", []string{"Legal hold", "--type", "Immediate"}, "--type Immediate is for backup copy jobs only; backup jobs take Daily, Periodically or ManualOnly"},
		{"a selection of copy jobs alone", []string{"--match", "archive$", "--retry-number", "9"},
			"--retry-number applies to none of the selected jobs (3 backup copy job(s), which do not have it)"},
		{"copy jobs alone and a backup job's value", []string{"--match", "archive$", "--type", "Daily"},
			"--type Daily applies to none of the selected jobs"},
		{"--kind backup and a copy job's value", []string{"--all", "--kind", "backup", "--type", "Immediate"}, "--type Immediate is for backup copy jobs only; backup jobs take Daily, Periodically or ManualOnly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			r := vbosched(t, srv, "", append(append([]string{"set"}, tt.args...), "--yes", "--no-audit")...)
			if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", r.code, ExitUsage, tt.want, r.out, r.err)
			}
			if n := len(srv.RequestsFor(http.MethodPut, "")); n != 0 {
				t.Errorf("%d PUTs", n)
			}
		})
	}
}

// set --json gives each job's outcome, kind and skipped flags, and the
// counts, on stdout; the plan goes to stderr.
func TestSet_JSONSaysWhatEachJobSkipped(t *testing.T) {
	for _, v := range []string{"v6", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			r := vbosched(t, srv, "", "set", "--organization", "fabrikam.onmicrosoft.com", "--retry-number", "9", "--json", "--yes", "--no-audit")
			if r.code != ExitOK {
				t.Fatalf("exit %d:\n%s", r.code, r.err)
			}
			var got struct {
				Jobs []struct {
					Name, Kind, Status string
					Skipped            []string
				}
				Changed, Skipped int
				Skips            map[string]int
			}
			if err := json.Unmarshal([]byte(r.out), &got); err != nil {
				t.Fatalf("%v:\n%s", err, r.out)
			}
			note := "--retry-number does not apply to backup copy jobs"
			if got.Changed != 3 || got.Skipped != 1 || got.Skips[note] != 1 || len(got.Jobs) != 4 {
				t.Errorf("counts: %+v", got)
			}
			last := got.Jobs[3]
			if last.Name != "OneDrive – Finance – archive" || last.Kind != kindCopy || last.Status != "skipped" || !slices.Equal(last.Skipped, []string{note}) {
				t.Errorf("copy job outcome = %+v", last)
			}
			if !strings.Contains(r.err, "OneDrive – Finance – archive (8ad00216, backup copy job): skipped, nothing will be sent") {
				t.Errorf("the plan is not on stderr:\n%s", r.err)
			}
		})
	}
}

// A copy job named alone gives the same JSON.
func TestSet_JSONOfOneCopyJob(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v7"))
	r := vbosched(t, srv, "", "set", archiveJob, "--daily-time", "21:00", "--json", "--yes", "--no-audit")
	var got struct {
		Jobs    []struct{ Name, Kind, Status string }
		Changed int
	}
	if err := json.Unmarshal([]byte(r.out), &got); err != nil || r.code != ExitOK {
		t.Fatalf("exit %d, %v:\n%s%s", r.code, err, r.out, r.err)
	}
	if got.Changed != 1 || len(got.Jobs) != 1 || got.Jobs[0].Name != archiveJob || got.Jobs[0].Kind != kindCopy || got.Jobs[0].Status != "changed" {
		t.Errorf("got %+v", got)
	}
}
