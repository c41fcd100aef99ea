package cli

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// listRequests are the GETs of the whole job list (one per page).
func listRequests(srv *fakevbo.Server) int {
	n := 0
	for _, r := range srv.RequestsFor(http.MethodGet, "/Jobs") {
		if strings.EqualFold(strings.TrimSuffix(r.Path, "/"), "/v"+srv.Version[1:]+"/Jobs") {
			n++
		}
	}
	return n
}

func TestJobByID_ReadsOneJobWithoutTheList(t *testing.T) {
	tests := []struct {
		name      string
		args      func(id string) []string
		wantLists bool
	}{
		{"show by id", func(id string) []string { return []string{"show", id} }, false},
		{"show by id in upper case", func(id string) []string { return []string{"show", strings.ToUpper(id)} }, false},
		{"set by id", func(id string) []string { return []string{"set", id, "--retry-wait", "45", "--yes"} }, false},
		{"set by two ids", func(id string) []string { return []string{"set", id, id, "--retry-wait", "45", "--yes"} }, false},
		{"show by name needs the list", func(string) []string { return []string{"show", "Legal hold"} }, true},
		{"set by a filter needs the list", func(string) []string {
			return []string{"set", "--match", "Legal", "--retry-wait", "45", "--yes"}
		}, true},
		{"an id no job has is looked up among the names", func(string) []string {
			return []string{"show", "00000000-0000-0000-0000-00000000dead"}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithJobs(45))
			id := srv.JobID("Legal hold")
			r := vbosched(t, srv, "", tt.args(id)...)
			if lists := listRequests(srv); (lists > 0) != tt.wantLists {
				t.Errorf("%d list requests (exit %d: %s), want list read %v", lists, r.code, r.err, tt.wantLists)
			}
			if !tt.wantLists && r.code != 0 {
				t.Errorf("exit %d: %s%s", r.code, r.out, r.err)
			}
			if !tt.wantLists && !strings.Contains(r.out, "Legal hold") {
				t.Errorf("the output does not name the job:\n%s", r.out)
			}
		})
	}
}

func TestJobs_ManyJobsInFewRequests(t *testing.T) {
	srv := newServer(t, fakevbo.WithJobs(2500))
	r := vbosched(t, srv, "", "jobs")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if lines := strings.Count(r.out, "\n"); lines != 2504 {
		t.Errorf("jobs printed %d lines, want a header, 2500 jobs and the 3 demo copy jobs", lines)
	}
	// Pages of 1000: three pages and at most a few asked for past the end.
	if n := listRequests(srv); n < 3 || n > 6 {
		t.Errorf("%d list requests for 2500 jobs, want 3 to 6", n)
	}
}

// set --all over 1,000 jobs on v8 costs a read and a write of each job and
// a few pages of the list: the jobs are re-read one by one before their
// PUTs and read back with the list's pages after them.
func TestSetAll_ThousandJobsInTwoRequestsAJob(t *testing.T) {
	srv := newServer(t, fakevbo.WithJobs(1000))
	r := vbosched(t, srv, "", "set", "--all", "--retry-number", "5", "--yes", "--no-audit", "--parallel", "16")
	// One seeded job has five retries already.
	if r.code != 0 || !strings.Contains(r.out, "999 changed, 1 unchanged, 0 failed") {
		t.Fatalf("exit %d:\n%s%s", r.code, r.out[max(0, len(r.out)-300):], r.err)
	}
	gets := len(srv.RequestsFor(http.MethodGet, "/Jobs/"))
	if n := len(puts(srv)); n != 999 || gets != 999 {
		t.Errorf("%d GETs of one job and %d PUTs, want 999 of each", gets, n)
	}
	// A page to select the jobs and one to read them back (and at most a
	// few asked for past the end of each).
	if n := listRequests(srv); n < 2 || n > 8 {
		t.Errorf("%d list requests, want 2 to 8", n)
	}
}

func TestSet_ParallelOutOfRangeIsAUsageError(t *testing.T) {
	for _, n := range []string{"0", "65", "-1"} {
		t.Run(n, func(t *testing.T) {
			srv := newServer(t)
			r := vbosched(t, srv, "", "set", "--all", "--retry-number", "5", "--yes", "--parallel", n)
			if r.code != ExitUsage || !strings.Contains(r.err, "--parallel "+n+" is out of range: give 1 to 64") {
				t.Errorf("exit %d, want %d naming --parallel:\n%s", r.code, ExitUsage, r.err)
			}
			if len(puts(srv)) != 0 {
				t.Error("something was sent")
			}
		})
	}
}

// Issue #9's budget as a count, not a time: `vbosched jobs` over 10,000
// jobs (and the copy jobs) asks for at most 20 lists.
func TestJobs_TenThousandJobsInAtMostTwentyListRequests(t *testing.T) {
	srv := newServer(t, fakevbo.WithJobs(10000))
	r := vbosched(t, srv, "", "jobs", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	copies := 0
	for _, q := range srv.RequestsFor(http.MethodGet, "/CopyJobs") {
		if strings.EqualFold(strings.TrimSuffix(q.Path, "/"), "/v"+srv.Version[1:]+"/CopyJobs") {
			copies++
		}
	}
	if n := listRequests(srv) + copies; n > 20 {
		t.Errorf("%d list requests (%d of them for copy jobs), want at most 20", n, copies)
	} else {
		t.Logf("%d list requests, %d of them for copy jobs", n, copies)
	}
}
