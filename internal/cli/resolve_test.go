package cli

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// logins counts the sessions a command opened.
func logins(srv *fakevbo.Server) int {
	n := 0
	for _, r := range srv.RequestsFor(http.MethodPost, "/token") {
		if !strings.HasSuffix(strings.ToLower(r.Path), "/logout") {
			n++
		}
	}
	return n
}

// TestBackupJobByID_OneSessionNoListNoCopyJobs: a backup job named by its
// id is read with one GET /Jobs/{id} in one session; no list and nothing
// of /CopyJobs is read (README's "open one job by id: no list fetch").
func TestBackupJobByID_OneSessionNoListNoCopyJobs(t *testing.T) {
	for _, args := range [][]string{
		{"show"}, {"show", "--json"}, {"export"}, {"set", "--retry-number", "4", "--dry-run"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			id := srv.JobID("Legal hold")
			r := vbosched(t, srv, "", append([]string{args[0], id}, args[1:]...)...)
			if r.code != ExitOK {
				t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
			}
			if n := logins(srv); n != 1 {
				t.Errorf("%d logins, want 1", n)
			}
			for _, req := range srv.Requests() {
				p := strings.ToLower(req.Path)
				if strings.Contains(p, "/copyjobs") || strings.HasSuffix(p, "/jobs") {
					t.Errorf("read %s %s; want only GET /Jobs/%s", req.Method, req.Path, id)
				}
			}
		})
	}
}

// TestBackupJobs_WorkWhenCopyJobsCannotBeRead: a server (or proxy, or an
// account without the right) that refuses /CopyJobs leaves backup jobs
// usable; a name no backup job has fails saying the copy jobs could not
// be read, and so does --kind copy.
func TestBackupJobs_WorkWhenCopyJobsCannotBeRead(t *testing.T) {
	tests := []struct {
		name     string
		args     func(srv *fakevbo.Server) []string
		code     int
		want     string // in stdout+stderr
		copyRead bool   // whether /CopyJobs may be asked at all
	}{
		{"show by id", func(srv *fakevbo.Server) []string { return []string{"show", srv.JobID("Legal hold")} }, ExitOK, "Legal hold", false},
		{"set by id", func(srv *fakevbo.Server) []string {
			return []string{"set", srv.JobID("Legal hold"), "--retry-number", "7", "--dry-run"}
		}, ExitOK, `"retryNumber":7`, false},
		{"show by name", func(*fakevbo.Server) []string { return []string{"show", "Legal hold"} }, ExitOK, "note: the backup copy jobs could not be read", true},
		{"set by name", func(*fakevbo.Server) []string {
			return []string{"set", "Legal hold", "--retry-number", "7", "--dry-run"}
		}, ExitOK, `"retryNumber":7`, true},
		{"a name only a copy job could have", func(*fakevbo.Server) []string { return []string{"show", archiveJob} }, ExitFailed,
			"backup copy jobs could not be read, so it may name one", true},
		{"--kind copy", func(*fakevbo.Server) []string { return []string{"show", archiveJob, "--kind", "copy"} }, ExitFailed, "403", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/CopyJobs", Status: http.StatusForbidden, Times: 100})
			r := vbosched(t, srv, "", tt.args(srv)...)
			if r.code != tt.code || !strings.Contains(r.out+r.err, tt.want) {
				t.Errorf("exit %d (want %d), want %q in\n%s%s", r.code, tt.code, tt.want, r.out, r.err)
			}
			if n := len(srv.RequestsFor(http.MethodGet, "/CopyJobs")); n > 0 && !tt.copyRead {
				t.Errorf("asked /CopyJobs %d time(s) for a backup job named by id", n)
			}
		})
	}
}

// TestCopyJobID_WinsOverANameOfABackupJob: an exact id is unambiguous for
// copy jobs as for backup jobs, even when a backup job is named like it.
func TestCopyJobID_WinsOverANameOfABackupJob(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	copyID := srv.CopyJobID(archiveJob)
	srv.ChangeJob(srv.JobID("Legal hold"), func(j map[string]any) { j["name"] = copyID })
	r := vbosched(t, srv, "", "show", copyID)
	if r.code != ExitOK || !strings.Contains(r.out, "backup copy job") {
		t.Errorf("show COPYID: exit %d\n%s%s", r.code, r.out, r.err)
	}
	r = vbosched(t, srv, "", "set", copyID, "--window-enabled=false", "--dry-run")
	if r.code != ExitOK || !strings.Contains(r.out, "backupCopyWindowEnabled") {
		t.Errorf("set COPYID: exit %d\n%s%s", r.code, r.out, r.err)
	}
	r = vbosched(t, srv, "", "plan", copyID)
	if r.code != ExitOK {
		t.Errorf("plan COPYID: exit %d\n%s%s", r.code, r.out, r.err)
	}
}

// TestFleetCommands_ListBackupJobsWhenCopyJobsCannotBeRead: jobs, plan and
// lint still show the backup jobs when /CopyJobs is refused, and fail (1)
// saying the copy jobs could not be read; --kind copy fails outright.
func TestFleetCommands_ListBackupJobsWhenCopyJobsCannotBeRead(t *testing.T) {
	tests := []struct {
		args []string
		want string // in stdout: a backup job was looked at
	}{
		{[]string{"jobs"}, "Legal hold"},
		{[]string{"jobs", "--json"}, "Legal hold"},
		{[]string{"plan", "--json"}, "Legal hold"},
		{[]string{"plan", "Exchange nightly", "--json"}, "Exchange nightly"},
		{[]string{"lint", "--json"}, "["},
	}
	notChecked := "backup copy jobs could not be read, so they were not checked"
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/CopyJobs", Status: http.StatusForbidden, Times: 100})
			r := vbosched(t, srv, "", tt.args...)
			if r.code != ExitFailed || !strings.Contains(r.out, tt.want) || !strings.Contains(r.err, "backup copy jobs could not be read") ||
				tt.args[0] == "lint" && !strings.Contains(r.err, notChecked) {
				t.Errorf("exit %d, want 1 with %q listed and the copy jobs reported:\n%s%s", r.code, tt.want, r.out, r.err)
			}
		})
	}
	srv := newServer(t, fakevbo.WithVersion("v8"))
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/CopyJobs", Status: http.StatusForbidden, Times: 100})
	if r := vbosched(t, srv, "", "plan", "--kind", "copy"); r.code != ExitFailed || !strings.Contains(r.err, "403") {
		t.Errorf("plan --kind copy: exit %d\n%s%s", r.code, r.out, r.err)
	}
}

// TestApply_SessionFoundForTheJobIsLoggedOutOnAUsageError: the session
// apply opened to find its jobs is given back even when a later check
// refuses the command.
func TestApply_SessionFoundForTheJobIsLoggedOutOnAUsageError(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	file := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(file, []byte(vbosched(t, srv, "", "export", "Legal hold").out), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	r := vbosched(t, srv, "", "apply", "-f", file, "Legal hold", "--parallel", "0", "--yes")
	if r.code != ExitUsage {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.err)
	}
	if in, out := logins(srv), len(srv.RequestsFor(http.MethodPost, "/token/logout")); in != out {
		t.Errorf("%d login(s), %d logout(s)", in, out)
	}
}

// TestKindCopy_FailsWithoutOutputWhenCopyJobsCannotBeRead: asked for copy
// jobs that cannot be read, jobs, lint and plan fail (1) with the reason on
// stderr and print nothing that reads as "no copy jobs" (no `[]`).
func TestKindCopy_FailsWithoutOutputWhenCopyJobsCannotBeRead(t *testing.T) {
	for _, args := range [][]string{
		{"jobs", "--kind", "copy", "--json"},
		{"jobs", "--kind", "copy"},
		{"lint", "--kind", "copy", "--json"},
		{"plan", "--kind", "copy", "--json"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/CopyJobs", Status: http.StatusForbidden, Times: 100})
			r := vbosched(t, srv, "", args...)
			if r.code != ExitFailed || r.out != "" || !strings.Contains(r.err, "backup copy jobs") || !strings.Contains(r.err, "403") {
				t.Errorf("exit %d, want 1, nothing on stdout and the reason on stderr\nstdout: %q\nstderr: %s", r.code, r.out, r.err)
			}
		})
	}
}

// `jobs --kind backup` needs no copy job: it does not ask for them, so a
// server refusing /CopyJobs does not fail it.
func TestJobsKindBackup_DoesNotNeedTheCopyJobs(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/CopyJobs", Status: http.StatusForbidden, Times: 100})
	r := vbosched(t, srv, "", "jobs", "--kind", "backup")
	if r.code != ExitOK || !strings.Contains(r.out, "Exchange nightly") || strings.Contains(r.out, "archive") {
		t.Errorf("exit %d, want 0 and the backup jobs alone\nstdout: %s\nstderr: %s", r.code, r.out, r.err)
	}
	if n := len(srv.RequestsFor(http.MethodGet, "/CopyJobs")); n != 0 {
		t.Errorf("%d copy-job requests for --kind backup, want none", n)
	}
}
