package cli

import (
	"fmt"
	"strings"
	"testing"
)

// --name and --description are for one job: with several, or a
// selection, the command is a usage error and nothing is sent.
func TestSet_NameAndDescriptionAreForOneJob(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--name with two jobs", []string{"Legal hold", "Public folders", "--name", "X"}, "--name renames one job"},
		{"--name with --all", []string{"--all", "--name", "Same"}, "--name renames one job"},
		{"--name with a --match of one job", []string{"--match", "^Legal", "--name", "X"}, "--name renames one job"},
		{"--description with --organization", []string{"--organization", "fabrikam.onmicrosoft.com", "--description", "d"}, "--description sets one job's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			r := vbosched(t, srv, "", append(append([]string{"set"}, tt.args...), "--yes")...)
			if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", r.code, ExitUsage, tt.want, r.out, r.err)
			}
			if n := len(puts(srv)); n != 0 {
				t.Errorf("%d PUTs, want none", n)
			}
		})
	}
	srv := newServer(t)
	if r := vbosched(t, srv, "", "set", "Legal hold", "--name", "Legal hold 2", "--yes"); r.code != 0 {
		t.Errorf("--name of one job: exit %d:\n%s%s", r.code, r.out, r.err)
	}
}

// A selection never skips a job the server sent in a form vbosched cannot
// read: it is listed as failed (unreadable) and the command exits 1.
func TestSet_SelectionCountsUnreadableJobsAsFailed(t *testing.T) {
	tests := []struct {
		name        string
		sel         []string
		wantChanged string
		wantFailed  []string
	}{
		{"--all", []string{"--all"}, "6 changed", []string{"OneDrive – Finance", "job f870503c-c967-8ef1-beef-d3dd29b44638"}},
		{"--organization", []string{"--organization", "fabrikam.onmicrosoft.com"}, "1 changed", []string{"OneDrive – Finance", "job f870503c-c967-8ef1-beef-d3dd29b44638"}},
		// The second job's name cannot be read, so it may match.
		{"--match", []string{"--match", "^OneDrive"}, "0 changed", []string{"OneDrive – Finance", "job f870503c-c967-8ef1-beef-d3dd29b44638"}},
		// A readable name that does not match keeps its job out; the
		// unreadable name does not.
		{"--match of a readable job", []string{"--match", "^Legal"}, "1 changed", []string{"job f870503c-c967-8ef1-beef-d3dd29b44638"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			srv.ChangeJob(srv.JobID("OneDrive – Finance"), func(j map[string]any) {
				j["schedulePolicy"].(map[string]any)["dailyTime"] = "nonsense"
			})
			srv.ChangeJob(srv.JobID("Teams weekends"), func(j map[string]any) {
				j["schedulePolicy"], j["name"] = nil, 12345
			})
			r := vbosched(t, srv, "", append(append([]string{"set"}, tt.sel...), "--retry-number", "5", "--yes", "--no-audit")...)
			wantCode := 0
			if len(tt.wantFailed) > 0 {
				wantCode = ExitFailed
			}
			if r.code != wantCode || !strings.Contains(r.out, tt.wantChanged) {
				t.Errorf("exit %d, want %d and %q:\n%s%s", r.code, wantCode, tt.wantChanged, r.out, r.err)
			}
			for _, name := range tt.wantFailed {
				if !strings.Contains(r.out, "failed     "+name+": unreadable: ") {
					t.Errorf("output lacks %s as failed (unreadable):\n%s", name, r.out)
				}
			}
			if want := fmt.Sprintf(" %d failed", len(tt.wantFailed)); !strings.Contains(r.out, want) {
				t.Errorf("summary lacks %q:\n%s", want, r.out)
			}
		})
	}
}

// A dry run lists the unreadable jobs too, and exits 1.
func TestSet_DryRunListsUnreadableJobs(t *testing.T) {
	srv := newServer(t)
	srv.ChangeJob(srv.JobID("Teams weekends"), func(j map[string]any) { j["schedulePolicy"] = nil })
	r := vbosched(t, srv, "", "set", "--all", "--retry-number", "5", "--dry-run")
	if r.code != ExitFailed || !strings.Contains(r.err, "Teams weekends (f870503c): unreadable, nothing will be sent") {
		t.Errorf("exit %d:\n%s%s", r.code, r.out, r.err)
	}
	if n := len(puts(srv)); n != 0 {
		t.Errorf("%d PUTs in a dry run", n)
	}
}
