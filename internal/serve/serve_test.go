package serve

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// Keys typed into a terminal, as the bytes a terminal sends.
const (
	enter = "\r"
	ctrlS = "\x13"
	ctrlC = "\x03"
)

func TestServe_UnknownKeyRefused(t *testing.T) {
	r := newRig(t)
	known, stranger := newKey(t), newKey(t)
	writeKeys(t, r.authKeys, known)
	if c, err := r.dial(stranger); err == nil {
		c.Close()
		t.Fatal("a key in no file was let in")
	}
	if !strings.Contains(r.logs.String(), "key refused") || !strings.Contains(r.logs.String(), gossh.FingerprintSHA256(stranger.PublicKey())) {
		t.Errorf("the refusal is not logged with the key's fingerprint:\n%s", r.logs.String())
	}
}

func TestServe_AuthorizedKeyGetsJobListAndIsLogged(t *testing.T) {
	r := newRig(t)
	key := newKey(t)
	writeKeys(t, r.authKeys, key)
	term := r.terminal(key)
	term.waitFor("Exchange")
	term.waitFor("SharePoint")
	fp := gossh.FingerprintSHA256(key.PublicKey())
	for _, want := range []string{"session start", fp, "operatora@test", "remote=127.0.0.1:"} {
		if !strings.Contains(r.logs.String(), want) {
			t.Errorf("the server's log lacks %q:\n%s", want, r.logs.String())
		}
	}
	term.send("q")
	if err := term.wait(); err != nil {
		t.Errorf("quitting from the list: session ended with %v, want exit 0", err)
	}
	if !strings.Contains(r.logs.String(), "session end") {
		t.Errorf("the session's end is not logged:\n%s", r.logs.String())
	}
}

// Two operators at once: each edits another job in their own program; one
// saves. Only that job is sent, audited under that key; the other's edit
// stays in the other's drafts.
func TestServe_TwoConcurrentSessionsKeepTheirOwnState(t *testing.T) {
	r := newRig(t)
	a, b := newKey(t), newKey(t)
	writeKeys(t, r.authKeys, a, b)
	fpA, fpB := gossh.FingerprintSHA256(a.PublicKey()), gossh.FingerprintSHA256(b.PublicKey())
	ta, tb := r.terminal(a), r.terminal(b)
	ta.waitFor("Exchange")
	tb.waitFor("Exchange")
	ta.send(enter, "p", "3")      // first job: a preset window
	tb.send("j", enter, "p", "4") // second job: another preset
	r.waitEvent("draft " + fpA)
	r.waitEvent("draft " + fpB)
	jobA, jobB := r.drafts(a), r.drafts(b)
	if len(jobA) != 1 || len(jobB) != 1 || jobA[0] == jobB[0] {
		t.Fatalf("drafts: a %v, b %v; want one each, of different jobs", jobA, jobB)
	}
	ta.send(ctrlS, "y")
	r.waitEvent("save " + fpA + " " + jobA[0] + " ok")

	puts := r.vbo.RequestsFor("PUT", "/Jobs/")
	if len(puts) != 1 || !strings.Contains(puts[0].Path, jobA[0]) {
		t.Errorf("PUTs = %d (%v), want one, of %s", len(puts), puts, jobA[0])
	}
	recs, _, err := r.log.Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit log: %d records, %v; want 1", len(recs), err)
	}
	if who := recs[0].APIUser; who != fpA+" (operatora@test)" || recs[0].JobID != jobA[0] {
		t.Errorf("audit: %q saved %s, want %q saved %s", who, recs[0].JobID, fpA+" (operatora@test)", jobA[0])
	}
	if got := r.drafts(b); len(got) != 1 || got[0] != jobB[0] {
		t.Errorf("b's drafts after a's save = %v, want only its own %s", got, jobB[0])
	}
	// The log line follows the save's answer: wait for it rather than race it.
	if !r.logs.waitUntil(func(s string) bool { return strings.Contains(s, "msg=save") && strings.Contains(s, "job="+jobA[0]) }) {
		t.Errorf("the save is not in the server's log:\n%s", r.logs.String())
	}
}

// A read-only key's save is refused, of a backup job as of a backup copy
// job: nothing is sent and nothing is audited.
func TestServe_ReadOnlyKeyCannotSave(t *testing.T) {
	tests := []struct {
		name   string
		open   []string // from the list: open the job and edit it
		edited string   // on screen once edited
	}{
		{"backup job", []string{enter, "p", "3"}, "unsaved"},
		{"backup copy job", []string{"/archive", enter, enter, " "}, "unsaved"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			key := newKey(t)
			writeKeys(t, r.roKeys, key)
			term := r.terminal(key)
			term.waitFor("READ-ONLY")
			term.waitFor("Exchange")
			term.send(tt.open...)
			term.waitFor(tt.edited)
			term.send(ctrlS)
			term.waitFor("may review")
			term.send("y", enter) // what would send a review, had one opened
			if puts := r.vbo.RequestsFor("PUT", ""); len(puts) != 0 {
				t.Errorf("a read-only key sent %d PUT(s)", len(puts))
			}
			if recs, _, _ := r.log.Read(); len(recs) != 0 {
				t.Errorf("a read-only key's session left %d audit entries", len(recs))
			}
		})
	}
}

func TestServe_NoTerminalRefusedInOneLine(t *testing.T) {
	tests := []struct {
		name     string
		command  string
		terminal bool
	}{
		{"a command", "vbosched jobs", false},
		{"a shell without a terminal", "", false},
		{"a command with a terminal (ssh -t HOST jobs)", "jobs --json", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			key := newKey(t)
			writeKeys(t, r.authKeys, key)
			c, err := r.dial(key)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			sess, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			sess.Stdout, sess.Stderr = &out, &out
			if tt.terminal {
				if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
					t.Fatal(err)
				}
			}
			if tt.command == "" {
				err = sess.Shell()
				if err == nil {
					err = sess.Wait()
				}
			} else {
				err = sess.Run(tt.command)
			}
			var exit *gossh.ExitError
			if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
				t.Errorf("exit = %v, want status 1", err)
			}
			if got := strings.TrimRight(out.String(), "\r\n"); strings.Count(got, "\n") != 0 || !strings.Contains(got, "ssh -t") {
				t.Errorf("refusal = %q, want one line that says to use ssh -t", out.String())
			}
		})
	}
}

func TestServe_HostKeySurvivesRestart(t *testing.T) {
	r := newRig(t)
	key := newKey(t)
	writeKeys(t, r.authKeys, key)
	first := r.srv.HostKey()
	info, err := os.Stat(filepath.Join(r.dir, "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", info.Mode().Perm())
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	r.start()
	if got := r.srv.HostKey(); string(got.Marshal()) != string(first.Marshal()) {
		t.Fatalf("the host key changed on restart: %s, was %s", gossh.FingerprintSHA256(got), gossh.FingerprintSHA256(first))
	}
	c, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: "ops", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(first)})
	if err != nil {
		t.Fatalf("a client that knew the first host key: %v", err)
	}
	c.Close()
}

func TestServe_RemovedKeyRefusedWithoutRestart(t *testing.T) {
	r := newRig(t)
	stays, goes := newKey(t), newKey(t)
	writeKeys(t, r.authKeys, stays, goes)
	c, err := r.dial(goes)
	if err != nil {
		t.Fatalf("before removal: %v", err)
	}
	c.Close()
	writeKeys(t, r.authKeys, stays)
	if c, err := r.dial(goes); err == nil {
		c.Close()
		t.Fatal("a key removed from the file was still let in")
	}
	c, err = r.dial(stays)
	if err != nil {
		t.Fatalf("the key still in the file was refused: %v", err)
	}
	c.Close()
}

func TestServe_NoAuthorizedKeysNoStart(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file string
	}{
		{"not given", ""},
		{"missing", filepath.Join(dir, "nope")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{HostKeyPath: filepath.Join(dir, "hk"), AuthorizedKeys: tt.file})
			if err == nil || !strings.Contains(err.Error(), "authorized") {
				t.Errorf("New = %v, want a refusal that names the authorized keys", err)
			}
		})
	}
}

// SIGTERM's path: the session is told, its draft stays, Shutdown is clean.
func TestServe_ShutdownTellsSessionsAndKeepsDrafts(t *testing.T) {
	r := newRig(t)
	key := newKey(t)
	writeKeys(t, r.authKeys, key)
	term := r.terminal(key)
	term.waitFor("Exchange")
	term.send(enter, "p", "3")
	r.waitEvent("draft " + gossh.FingerprintSHA256(key.PublicKey()))
	if err := r.stop(); err != nil {
		t.Errorf("Shutdown = %v, want nil", err)
	}
	term.wait()
	term.waitFor("shutting down")
	// One note, saying both why the session ended and where the edits are.
	if notes := strings.Count(ansi.Strip(term.out.String()), "vbosched: "); notes != 1 {
		t.Errorf("the session got %d exit notes, want one:\n%s", notes, ansi.Strip(term.out.String()))
	}
	term.waitFor("the server is shutting down; unsaved edits are kept as a draft")
	if got := r.drafts(key); len(got) != 1 {
		t.Errorf("drafts after shutdown = %v, want the edited job's", got)
	}
}

// A dropped connection: the same key finds its draft on the same job.
func TestServe_DroppedConnectionResumedBySameKey(t *testing.T) {
	r := newRig(t)
	key, other := newKey(t), newKey(t)
	writeKeys(t, r.authKeys, key, other)
	term := r.terminal(key)
	term.waitFor("Exchange")
	term.send(enter, "p", "3")
	r.waitEvent("draft " + gossh.FingerprintSHA256(key.PublicKey()))
	term.client.Close() // no goodbye: the network went away
	r.waitLog("session end")

	again := r.terminal(key)
	again.waitFor("Exchange")
	again.send(enter)
	again.waitFor("restore")
	stranger := r.terminal(other)
	stranger.waitFor("Exchange")
	stranger.send(enter, "?")
	stranger.waitFor("closes")
	if strings.Contains(stranger.out.String(), "restore") {
		t.Error("another key was offered the first key's draft")
	}
}

// The quit guard still works over SSH: ctrl+c with unsaved edits asks.
func TestServe_CtrlCWithUnsavedEditsAsks(t *testing.T) {
	r := newRig(t)
	key := newKey(t)
	writeKeys(t, r.authKeys, key)
	term := r.terminal(key)
	term.waitFor("Exchange")
	term.send(enter, "p", "3")
	r.waitEvent("draft " + gossh.FingerprintSHA256(key.PublicKey()))
	term.send(ctrlC)
	term.waitFor("y: quit")
	term.send("y")
	if err := term.wait(); err != nil {
		t.Errorf("quit after yes: %v", err)
	}
}

// The colour profile is the client's, from its TERM and environment, never
// the server's: a client asking for no colour gets none while another
// gets 256 colours, from the same server at once.
func TestServe_ColourProfileFromTheClient(t *testing.T) {
	r := newRig(t)
	key := newKey(t)
	writeKeys(t, r.authKeys, key)
	colour := r.terminalWith(key, "xterm-256color")
	plain := r.terminalWith(key, "xterm-256color", "NO_COLOR=1")
	colour.waitFor("Exchange")
	plain.waitFor("Exchange")
	isColour := func(out string) bool { return strings.Contains(out, "[38;5;") || strings.Contains(out, "[38;2;") }
	if !isColour(colour.out.String()) {
		t.Errorf("a 256-colour client got no colour:\n%q", colour.out.String())
	}
	if isColour(plain.out.String()) {
		t.Errorf("a NO_COLOR client got colours:\n%q", plain.out.String())
	}
}

// However a session ends, its drafts are let go (their locks released), so
// the same operator reconnecting is not told another session edits them.
func TestServe_SessionEndReleasesItsDrafts(t *testing.T) {
	tests := []struct {
		name string
		end  func(term *terminal)
	}{
		{"quit with edits kept", func(term *terminal) {
			term.send(ctrlC)
			term.waitFor("y: quit")
			term.send("y")
		}},
		{"connection dropped", func(term *terminal) { term.client.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			key := newKey(t)
			writeKeys(t, r.authKeys, key)
			fp := gossh.FingerprintSHA256(key.PublicKey())
			term := r.terminal(key)
			term.waitFor("Exchange")
			term.send(enter, "p", "3")
			r.waitEvent("draft " + fp)
			tt.end(term)
			r.waitEvent("drafts closed " + fp)
		})
	}
}

// Every window change reaches the program, the first one too: the library's
// PTY resizer used to take some of them, so a session opened at one size
// kept drawing for it after the client's window changed.
func TestServe_WindowChangesReachTheProgram(t *testing.T) {
	tests := []struct {
		name        string
		beforeFirst string // what to wait for before the resize; "" resizes at once
	}{
		{"resize right after connect", ""},
		{"resize once the list is shown", "Exchange"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			key := newKey(t)
			writeKeys(t, r.authKeys, key)
			term := r.terminal(key)
			if tt.beforeFirst != "" {
				term.waitFor(tt.beforeFirst)
			}
			if err := term.sess.WindowChange(8, 30); err != nil {
				t.Fatal(err)
			}
			term.waitFor("too small")
		})
	}
}

// The log says why a connection went away as far as serve can tell: the
// session's age against --max-timeout; an idle timeout looks like the
// client leaving, so with one set both are named.
func TestConnectionEnded_NamesTheTimeoutThatMayHaveEndedIt(t *testing.T) {
	long := time.Now().Add(-time.Hour)
	tests := []struct {
		name      string
		idle, max time.Duration
		start     time.Time
		want      string
	}{
		{"no timeouts", 0, 0, long, "the connection ended"},
		{"idle timeout set", 20 * time.Second, 0, long, "--idle-timeout 20s"},
		{"max timeout reached", 0, time.Minute, long, "--max-timeout 1m0s"},
		{"max timeout not reached", 0, 2 * time.Hour, long, "the connection ended"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{cfg: Config{IdleTimeout: tt.idle, MaxTimeout: tt.max}}
			if got := s.connectionEnded(tt.start)(); !strings.Contains(got, tt.want) {
				t.Errorf("reason %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

// Quitting hands the client's terminal back as the local editor does: the
// program's last words (leave the alternate screen, show the cursor) reach
// the client before the session closes, so no job data is left on its
// screen or in its scrollback.
func TestServe_QuitRestoresTheClientsTerminal(t *testing.T) {
	tests := []struct {
		name string
		quit []string
	}{
		{"q in the list", []string{"q"}},
		{"ctrl+c in the list", []string{ctrlC}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			key := newKey(t)
			writeKeys(t, r.authKeys, key)
			term := r.terminal(key)
			term.waitFor("Exchange")
			term.send(tt.quit...)
			if err := term.wait(); err != nil {
				t.Fatalf("quit: %v", err)
			}
			out := term.out.String()
			enter := strings.LastIndex(out, "\x1b[?1049h")
			leave := strings.LastIndex(out, "\x1b[?1049l")
			if enter < 0 || leave < enter {
				t.Fatalf("the session did not leave the alternate screen it entered; its output ends:\n%q", tail(out))
			}
			if !strings.Contains(out[leave:], "\x1b[?25h") && !strings.Contains(out[:leave][strings.LastIndex(out[:leave], "\x1b[?25l")+1:], "\x1b[?25h") {
				t.Errorf("the cursor was not shown again; the output ends:\n%q", tail(out))
			}
		})
	}
}

// tail is the end of a session's output, for a failure message.
func tail(s string) string {
	if len(s) > 400 {
		return s[len(s)-400:]
	}
	return s
}
