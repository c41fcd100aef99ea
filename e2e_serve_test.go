package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/audit"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// requireSSH skips where the OpenSSH client is missing, unless CI asked
// for the terminal tests (VBOSCHED_REQUIRE_TMUX=1, .ci/run installs
// openssh-client): there it fails instead.
func requireSSH(t *testing.T) string {
	t.Helper()
	ssh, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("VBOSCHED_REQUIRE_TMUX") != "" {
			t.Fatalf("ssh (OpenSSH client) is required (VBOSCHED_REQUIRE_TMUX is set) but not found: %v", err)
		}
		t.Skip("ssh (OpenSSH client) is not installed")
	}
	return ssh
}

// lockedBuffer collects a process's stderr while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The real ssh client, in tmux, against vbosched serve on a fake server:
// paint a window, save it, and find the key's fingerprint in the audit log.
// SIGTERM then stops the server with exit 0.
func TestE2E_ServeOverOpenSSH(t *testing.T) {
	requireTmux(t)
	sshBin := requireSSH(t)
	bin := vboschedBinary(t)
	dir := t.TempDir()
	_, env := fakeServer(t, dir)

	key, fp := writeClientKey(t, filepath.Join(dir, "id_ed25519"), "e2e@test")
	srv := startServe(t, dir, env, bin, key+" e2e@test\n")
	cmd, logs, exited, auditLog := srv.cmd, srv.logs, srv.exited, srv.auditLog
	_, sock := tmuxOn(t, dir)
	x := tmuxRun{t: t, sock: sock}
	x.do("new-session", "-d", "-s", "ssh", "-x", "100", "-y", "30", srv.sshCommand(sshBin))
	// The pane stays once ssh exits, to read what the session was told.
	x.do("set-option", "-t", "ssh", "remain-on-exit", "on")
	x.waitFor("ssh", "Exchange nightly")
	x.keys("ssh", "Enter")
	x.waitFor("ssh", "Backup window on")
	x.keys("ssh", "p", "2") // never: a clean slate to paint on
	x.keys("ssh", "j", "l", "v", "j", "l", "a")
	x.waitFor("ssh", "Backup window on: Mon-Tue 01:00-03:00")
	x.keys("ssh", "C-s")
	x.waitFor("ssh", "change(s) to Exchange nightly")
	x.keys("ssh", "y")
	x.waitFor("ssh", "Saved.")

	recs, _, err := audit.Open(auditLog).Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit log: %d records, %v; want 1", len(recs), err)
	}
	if want := fp + " (e2e@test)"; recs[0].APIUser != want || recs[0].Outcome != audit.Saved {
		t.Errorf("audit entry: %q %s, want %q saved", recs[0].APIUser, recs[0].Outcome, want)
	}
	for _, want := range []string{"msg=\"session start\"", "msg=save", fp, "comment=e2e@test"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the server's log lacks %s:\n%s", want, logs.String())
		}
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v, want exit 0\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop on SIGTERM:\n%s", logs.String())
	}
	x.waitFor("ssh", "Connection to 127.0.0.1 closed")
	// The whole history, lines joined: the note may have wrapped and scrolled.
	if all := x.do("capture-pane", "-p", "-J", "-S", "-", "-t", "ssh"); !strings.Contains(all, "shutting down") {
		t.Errorf("the session was not told the server is shutting down:\n%s", all)
	}
}

// served is a running vbosched serve for an end-to-end test.
type served struct {
	cmd                 *exec.Cmd
	logs                *lockedBuffer
	exited              chan error
	port, dir, auditLog string
}

// startServe starts vbosched serve on a free port with authorizedKeys
// (and an audit log), waits until it listens and trusts its host key.
func startServe(t *testing.T, dir, env, bin, authorizedKeys string) *served {
	t.Helper()
	authKeys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(authKeys, []byte(authorizedKeys), 0o600); err != nil {
		t.Fatal(err)
	}
	s := &served{port: freePort(t), dir: dir, auditLog: filepath.Join(dir, "audit.jsonl"), logs: &lockedBuffer{}, exited: make(chan error, 1)}
	hostKey := filepath.Join(dir, "host_key")
	s.cmd = exec.Command("sh", "-c", "exec "+env+bin+" serve --listen 127.0.0.1:"+s.port+" --host-key "+hostKey+
		" --authorized-keys "+authKeys+" --audit-log "+s.auditLog)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
	waitUntil(t, "the server to listen", s.logs.String, "msg=serving")
	writeKnownHosts(t, filepath.Join(dir, "known_hosts"), hostKey, "127.0.0.1:"+s.port)
	return s
}

// sshCommand is the OpenSSH command line that connects to the server with
// the key id_ed25519 in its folder (or the key file named), trusting only
// its host key.
func (s *served) sshCommand(sshBin string, key ...string) string {
	id := filepath.Join(s.dir, "id_ed25519")
	if len(key) > 0 {
		id = key[0]
	}
	return sshBin + " -tt -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes" +
		" -o UserKnownHostsFile=" + filepath.Join(s.dir, "known_hosts") + " -i " + id +
		" -p " + s.port + " ops@127.0.0.1"
}

// Two operators opening one job are told of each other, whether they come
// through two SSH keys or one through serve and one with the local editor
// on the same host (finding G22): the second is told who has it.
func TestE2E_ServeEditorsOfOneJobAreToldOfEachOther(t *testing.T) {
	requireTmux(t)
	sshBin := requireSSH(t)
	bin := vboschedBinary(t)
	dir := t.TempDir()
	_, env := fakeServer(t, dir)
	rw, _ := writeClientKey(t, filepath.Join(dir, "id_ed25519"), "rw@test")
	rw2, _ := writeClientKey(t, filepath.Join(dir, "rw2"), "rw2@test")
	srv := startServe(t, dir, env, bin, rw+" rw@test\n"+rw2+" rw2@test\n")
	_, sock := tmuxOn(t, dir)
	x := tmuxRun{t: t, sock: sock}
	x.do("new-session", "-d", "-s", "rw", "-x", "100", "-y", "30", srv.sshCommand(sshBin))
	x.waitFor("rw", "Exchange nightly")
	x.keys("rw", "Enter")
	x.waitFor("rw", "Backup window on")
	x.keys("rw", "p", "2")
	x.waitFor("rw", "unsaved")
	for _, second := range []struct{ name, command string }{
		{"rw2", srv.sshCommand(sshBin, filepath.Join(dir, "rw2"))},
		{"local", env + bin},
	} {
		x.do("new-session", "-d", "-s", second.name, "-x", "100", "-y", "30", second.command)
		x.waitFor(second.name, "Exchange nightly")
		x.keys(second.name, "Enter")
		x.waitFor(second.name, "being edited in another vbosched session")
		x.waitFor(second.name, "key SHA256:")
		if screen := x.do("capture-pane", "-p", "-J", "-t", second.name); !strings.Contains(screen, "(rw@test)") {
			t.Errorf("%s was not told which key edits the job:\n%s", second.name, screen)
		}
	}
}

// Quitting the editor over OpenSSH gives the terminal back as the local
// editor does: the alternate screen left (the shell's earlier output back,
// no job on screen) and the next output on a line of its own.
func TestE2E_ServeQuitRestoresTheTerminal(t *testing.T) {
	requireTmux(t)
	sshBin := requireSSH(t)
	bin := vboschedBinary(t)
	dir := t.TempDir()
	_, env := fakeServer(t, dir)
	key, _ := writeClientKey(t, filepath.Join(dir, "id_ed25519"), "e2e@test")
	srv := startServe(t, dir, env, bin, key+" e2e@test\n")
	_, sock := tmuxOn(t, dir)
	x := tmuxRun{t: t, sock: sock}
	x.do("new-session", "-d", "-s", "ssh", "-x", "100", "-y", "30",
		"sh -c 'echo BEFORE-SSH; "+srv.sshCommand(sshBin)+"; echo EXIT=$?'")
	x.do("set-option", "-t", "ssh", "remain-on-exit", "on")
	x.waitFor("ssh", "Exchange nightly")
	x.keys("ssh", "q")
	x.waitFor("ssh", "EXIT=0")
	// The screen and its history: the alternate screen is never in it.
	screen := x.do("capture-pane", "-p", "-J", "-S", "-", "-t", "ssh")
	if !strings.Contains(screen, "BEFORE-SSH") || strings.Contains(screen, "Exchange nightly") {
		t.Errorf("after quitting, the terminal is not the one before ssh (a job is left on it):\n%s", screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, "EXIT=0") && strings.TrimSpace(line) != "EXIT=0" {
			t.Errorf("the next output did not start a line of its own: %q\n%s", line, screen)
		}
	}
}

// writeClientKey writes an unencrypted OpenSSH private key (0600) and
// returns its public half as an authorized_keys entry and its fingerprint.
func writeClientKey(t *testing.T, path, comment string) (authorized, fingerprint string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, comment)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sp))), gossh.FingerprintSHA256(sp)
}

// writeKnownHosts trusts exactly the host key serve made, so the test
// also sees that ssh accepts it.
func writeKnownHosts(t *testing.T, path, hostKeyPath, addr string) {
	t.Helper()
	data, err := os.ReadFile(hostKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		t.Fatal(err)
	}
	line := knownhosts.Line([]string{knownhosts.Normalize(addr)}, signer.PublicKey())
	if err := os.WriteFile(path, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// waitUntil polls read until it contains want.
func waitUntil(t *testing.T, what string, read func() string, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(read(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s (%q):\n%s", what, want, read())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
