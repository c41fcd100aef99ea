package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/serve"
)

// serve refuses to start, before logging in to Veeam, without a file of
// keys it may let in: it would otherwise hand the service account to
// nobody or to everybody.
func TestServe_RefusesWithoutAuthorizedKeys(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no flag", nil, "--authorized-keys"},
		{"missing file", []string{"--authorized-keys", filepath.Join(dir, "nope")}, "nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			args := append([]string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk")}, tt.args...)
			r := vbosched(t, srv, "", args...)
			if r.code != ExitUsage || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d naming %s", r.code, r.err, ExitUsage, tt.want)
			}
		})
	}
}

// Each key's drafts live in a folder of its own, named so that no
// fingerprint can climb out of the drafts directory.
func TestKeyDraftsDir_OneSafeFolderPerKey(t *testing.T) {
	tests := []struct{ fp, want string }{
		{"SHA256:ab/c+d", "SHA256-ab_c-d"},
		{"SHA256:../../x", "SHA256-.._.._x"},
	}
	for _, tt := range tests {
		got := keyDraftsDir("/d", serve.User{Fingerprint: tt.fp})
		if got != filepath.Join("/d", tt.want) {
			t.Errorf("keyDraftsDir(%q) = %q, want /d/%s", tt.fp, got, tt.want)
		}
	}
}

// The refusal comes before the login: a server nobody may reach must not
// hold a session open on Veeam.
func TestServe_RefusalSendsNothingToVeeam(t *testing.T) {
	srv := newServer(t)
	dir := t.TempDir()
	vbosched(t, srv, "", "serve", "--host-key", filepath.Join(dir, "hk"), "--authorized-keys", filepath.Join(dir, "nope"))
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d request(s) reached the server before the refusal", n)
	}
}

// A log serve cannot write stops it at start (exit 2, naming the file),
// rather than failing every operator's save with the host's paths; with
// --no-audit nothing is checked and serve would start.
func TestServe_RefusesAnAuditLogItCannotWrite(t *testing.T) {
	srv := newServer(t)
	dir := t.TempDir()
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, []byte("# nobody yet\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(file, "audit.jsonl") // under a file: cannot be made
	r := vbosched(t, srv, "", "serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"),
		"--authorized-keys", keys, "--audit-log", log)
	if r.code != ExitUsage || !strings.Contains(r.err, "cannot record saves") || !strings.Contains(r.err, log) {
		t.Errorf("exit %d, stderr %q; want %d saying it cannot record saves in %s", r.code, r.err, ExitUsage, log)
	}
	if strings.Contains(r.err, "msg=serving") {
		t.Errorf("serve started before refusing:\n%s", r.err)
	}
}
