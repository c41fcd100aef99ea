package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
)

func retryNumber(srv *fakevbo.Server, id string) any {
	return srv.Job(id)["schedulePolicy"].(map[string]any)["retryNumber"]
}

// savedEntry saves retryNumber 4 on "Exchange nightly" and returns the
// audit log's path and the entry's id.
func savedEntry(t *testing.T, srv *fakevbo.Server) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if r := vbosched(t, srv, "", "--audit-log", path, "set", "Exchange nightly", "--retry-number", "4", "--yes"); r.code != 0 {
		t.Fatalf("set: exit %d: %s%s", r.code, r.out, r.err)
	}
	recs, _, err := audit.Open(path).Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit: %v, %d entries", err, len(recs))
	}
	return path, recs[0].ID
}

func TestLog_ListsSavesPerJob(t *testing.T) {
	srv := newServer(t)
	path, id := savedEntry(t, srv)
	r := vbosched(t, srv, "", "--audit-log", path, "log")
	for _, want := range []string{"ID", id, "Exchange nightly", srv.Username, "saved", "retryNumber 3 → 4"} {
		if r.code != 0 || !strings.Contains(r.out, want) {
			t.Errorf("log (exit %d) lacks %q:\n%s", r.code, want, r.out)
		}
	}
	r = vbosched(t, srv, "", "--audit-log", path, "log", "exchange NIGHTLY", "--json")
	var entries []struct {
		ID      string `json:"id"`
		JobName string `json:"jobName"`
		Outcome string `json:"outcome"`
	}
	if err := json.Unmarshal([]byte(r.out), &entries); err != nil || len(entries) != 1 || entries[0].ID != id || entries[0].Outcome != "saved" {
		t.Errorf("log --json: %v %+v\n%s", err, entries, r.out)
	}
	r = vbosched(t, srv, "", "--audit-log", path, "log", "Legal hold", "--json")
	if strings.TrimSpace(r.out) != "[]" {
		t.Errorf("another job's log: %s", r.out)
	}
}

// A job name with escape sequences is shown escaped, never interpreted.
func TestLog_EscapesServerText(t *testing.T) {
	srv := newServer(t)
	id := srv.JobID("Exchange nightly")
	srv.ChangeJob(id, func(j map[string]any) { j["name"] = "Evil\x1b]0;pwned\a\x1b[2J" })
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if r := vbosched(t, srv, "", "--audit-log", path, "set", id, "--retry-number", "4", "--yes"); r.code != 0 {
		t.Fatalf("set: exit %d: %s%s", r.code, r.out, r.err)
	}
	r := vbosched(t, srv, "", "--audit-log", path, "log")
	if strings.ContainsAny(r.out, "\x1b\a") || !strings.Contains(r.out, "Evil") {
		t.Errorf("log printed control characters:\n%q", r.out)
	}
}

func TestRevert(t *testing.T) {
	tests := []struct {
		name      string
		meanwhile func(srv *fakevbo.Server, id string)
		args      []string
		code      int
		want      string
		retry     any // retryNumber on the server afterwards
	}{
		{"puts the settings back", nil, []string{"--yes"}, 0, "1 changed", 3},
		{"refuses when the entry's field changed since", func(srv *fakevbo.Server, id string) {
			srv.ChangeJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryNumber"] = 7 })
		}, []string{"--yes"}, ExitFailed, "schedulePolicy.retryNumber: 4 → 7", 7},
		{"keeps a field someone else changed since", func(srv *fakevbo.Server, id string) {
			srv.ChangeJob(id, func(j map[string]any) { j["description"] = "theirs" })
		}, []string{"--yes"}, 0, "1 changed", 3},
		{"asks first, and no terminal cannot answer", nil, nil, ExitUsage, "pass --yes", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			id := srv.JobID("Exchange nightly")
			path, entry := savedEntry(t, srv)
			if tt.meanwhile != nil {
				tt.meanwhile(srv, id)
			}
			srv.ResetRequests()
			r := vbosched(t, srv, "", append([]string{"--audit-log", path, "revert", entry[:6]}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.out+r.err, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", r.code, tt.code, tt.want, r.out, r.err)
			}
			if got := retryNumber(srv, id); got != tt.retry {
				t.Errorf("retryNumber %v, want %v", got, tt.retry)
			}
			if tt.code != 0 && len(puts(srv)) != 0 {
				t.Errorf("%d PUTs from a refused revert", len(puts(srv)))
			}
		})
	}
}

// A revert is a save like any other: it is in the log, and an entry that
// saved nothing cannot be reverted.
func TestRevert_IsAuditedAndOnlyForSaves(t *testing.T) {
	srv := newServer(t)
	path, entry := savedEntry(t, srv)
	if r := vbosched(t, srv, "", "--audit-log", path, "revert", entry, "--yes"); r.code != 0 {
		t.Fatalf("revert: exit %d: %s%s", r.code, r.out, r.err)
	}
	recs, _, _ := audit.Open(path).Read()
	if len(recs) != 2 || recs[1].Outcome != audit.Saved || recs[1].Changes[0].New != "3" {
		t.Fatalf("log after revert: %+v", recs)
	}
	refused, err := audit.Open(path).Append(audit.Entry{JobID: srv.JobID("Exchange nightly"), Outcome: audit.RefusedStale})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := recs[0].Entry
	elsewhere.Server = "https://other.example:4443"
	other, err := audit.Open(path).Append(elsewhere)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ id, want string }{
		{refused, "sent nothing to the server"},
		{other, "was a save on https://other.example:4443"},
		{"0000", "no entry with id 0000"},
	} {
		r := vbosched(t, srv, "", "--audit-log", path, "revert", tt.id, "--yes")
		if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
			t.Errorf("revert %s: exit %d: %s", tt.id, r.code, r.err)
		}
	}
}

func TestAuditPath_FlagBeatsEnvBeatsProfileBeatsState(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		env     map[string]string
		profile string
		want    string
	}{
		{"flag", "/f.jsonl", map[string]string{"VBOSCHED_AUDIT_LOG": "/e.jsonl"}, "/p.jsonl", "/f.jsonl"},
		{"environment", "", map[string]string{"VBOSCHED_AUDIT_LOG": "/e.jsonl"}, "/p.jsonl", "/e.jsonl"},
		{"profile", "", nil, "/p.jsonl", "/p.jsonl"},
		{"XDG state", "", map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/u"}, "", "/state/vbosched/audit.jsonl"},
		{"home", "", map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/u"}, "", "/home/u/.local/state/vbosched/audit.jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &connection{auditLog: tt.flag, env: Env{Getenv: func(k string) string { return tt.env[k] }}}
			got, err := c.auditPath(Profile{AuditLog: tt.profile})
			if err != nil || got != tt.want {
				t.Errorf("auditPath = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	c := &connection{env: Env{Getenv: func(string) string { return "" }}}
	if _, err := c.auditPath(Profile{}); err == nil || !strings.Contains(err.Error(), "--audit-log") {
		t.Errorf("no HOME: %v", err)
	}
}

// Entries of several servers are told apart by a SERVER column, and
// --server on the command line keeps one server's.
func TestLog_ServerColumnAndFilter(t *testing.T) {
	srv := newServer(t)
	path, id := savedEntry(t, srv)
	recs, _, _ := audit.Open(path).Read()
	other := recs[0].Entry
	other.Server, other.SaveID, other.JobBefore = "https://other.example:4443/", "", nil
	otherID, err := audit.Open(path).Append(other)
	if err != nil {
		t.Fatal(err)
	}
	here := strings.TrimPrefix(srv.URL, "https://")
	r := vbosched(t, srv, "", "--audit-log", path, "log")
	for _, want := range []string{"SERVER", here, "other.example:4443"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("log lacks %q:\n%s", want, r.out)
		}
	}
	r = vbosched(t, srv, "", "--audit-log", path, "--server", "https://OTHER.example:4443", "log")
	if !strings.Contains(r.out, otherID) || strings.Contains(r.out, id) {
		t.Errorf("log --server other: want only %s:\n%s", otherID, r.out)
	}
}

// A save whose process was killed after its intent line (no outcome line)
// shows as unknown in log.
func TestLog_IntentWithoutOutcomeIsUnknown(t *testing.T) {
	srv := newServer(t)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	e := audit.Entry{Server: srv.URL, APIUser: "ops", JobID: srv.JobID("Legal hold"), JobName: "Legal hold",
		Outcome: audit.Sending, SaveID: audit.NewSaveID()}
	id, err := audit.Open(path).Append(e)
	if err != nil {
		t.Fatal(err)
	}
	r := vbosched(t, srv, "", "--audit-log", path, "log")
	if r.code != 0 || !strings.Contains(r.out, id) || !strings.Contains(r.out, "unknown") || strings.Contains(r.out, "sending") {
		t.Errorf("log (exit %d) should show %s as unknown:\n%s%s", r.code, id, r.out, r.err)
	}
}

func TestLog_BoundsWhatItReads(t *testing.T) {
	long := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.WriteFile(long, append(bytes.Repeat([]byte{0}, audit.MaxLineBytes+10), '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, stderr string
		code               int
	}{
		{"a device is refused", os.DevNull, "is not a regular file but a device", ExitFailed},
		{"an over-long line is skipped with a warning", long, "line 1: longer than 1048576 bytes", ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vboschedEnv(t, map[string]string{}, "log", "--audit-log", tt.path)
			if r.code != tt.code || !strings.Contains(r.err, tt.stderr) {
				t.Errorf("log --audit-log %s: exit %d, stderr %q; want %d and %q", tt.path, r.code, r.err, tt.code, tt.stderr)
			}
		})
	}
}

// TestLog_KindAndFormerNames: log says each save's kind, --kind keeps one
// kind, and a job's saves under a former name are found by its new name.
func TestLog_KindAndFormerNames(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	for _, args := range [][]string{
		{"set", "Legal hold", "--retry-number", "5", "--yes"},
		{"set", "Legal hold", "--name", archiveJob, "--yes"}, // now shares the copy job's name
		{"set", archiveJob, "--kind", "copy", "--window-enabled=false", "--yes"},
	} {
		if r := vbosched(t, srv, "", append([]string{"--audit-log", path}, args...)...); r.code != ExitOK {
			t.Fatalf("%v: exit %d\n%s%s", args, r.code, r.out, r.err)
		}
	}
	r := vbosched(t, srv, "", "--audit-log", path, "log", archiveJob)
	if lines := strings.Split(strings.TrimSpace(r.out), "\n"); len(lines) != 4 || !strings.Contains(lines[0], "KIND") ||
		!strings.Contains(lines[1], "retryNumber") || !strings.Contains(r.out, " copy ") || !strings.Contains(r.out, " backup ") {
		t.Errorf("log NAME: want the header and 3 saves (one before the rename), each with its kind:\n%s%s", r.out, r.err)
	}
	r = vbosched(t, srv, "", "--audit-log", path, "log", archiveJob, "--kind", "copy")
	if lines := strings.Split(strings.TrimSpace(r.out), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "backupCopyWindowEnabled") {
		t.Errorf("log NAME --kind copy: want the copy job's one save:\n%s%s", r.out, r.err)
	}
}
