package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/drafts"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
	"github.com/vbosched/vbosched/ui"
	gossh "golang.org/x/crypto/ssh"
)

// waitLimit bounds every wait for the far side of a connection: a wait
// that runs out is a failure, whatever it waited for.
const waitLimit = 15 * time.Second

// rig is a Server on loopback in front of a fake VBO server, with the
// audit log and a drafts folder per key, as vbosched serve wires them.
type rig struct {
	t        *testing.T
	dir      string
	vbo      *fakevbo.Server
	log      *audit.Log
	srv      *Server
	addr     string
	authKeys string
	roKeys   string
	served   chan error
	logs     *syncBuffer // the server's log
	events   *syncBuffer // "draft FP JOB", "save FP JOB OUTCOME" lines, as they happen
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{t: t, dir: rigDir(t), logs: newSyncBuffer(), events: newSyncBuffer()}
	r.authKeys = filepath.Join(r.dir, "authorized_keys")
	r.roKeys = filepath.Join(r.dir, "read_only_keys")
	writeKeys(t, r.authKeys)
	writeKeys(t, r.roKeys)
	r.vbo = fakevbo.NewServer(fakevbo.WithVersion("v8"))
	t.Cleanup(r.vbo.Close)
	r.log = audit.Open(filepath.Join(r.dir, "audit.jsonl"))
	r.start()
	return r
}

// rigDir is the rig's folder. Not t.TempDir: a session's last draft write
// is a command Bubble Tea does not wait for, so it can land after the
// server has shut down, and TempDir's cleanup then fails the test on a
// folder that is no longer empty. This cleanup (registered first, so run
// last) tries again for a moment instead.
func rigDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "vbosched-serve-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 100 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Errorf("could not remove %s", dir)
	})
	return dir
}

// start (or start again) the SSH server, with the same files.
func (r *rig) start() {
	t := r.t
	t.Helper()
	c, err := apiclient.New(apiclient.Config{BaseURL: r.vbo.URL, Username: r.vbo.Username, Password: r.vbo.Password})
	if err != nil {
		t.Fatal(err)
	}
	store := jobstore.New(c, "TEST", jobstore.WithAudit(r.log, "service", func(err error) { t.Errorf("audit: %v", err) }))
	r.srv, err = New(Config{
		HostKeyPath: filepath.Join(r.dir, "host_key"), AuthorizedKeys: r.authKeys, ReadOnlyKeys: r.roKeys,
		Log: newTextLogger(r.logs),
		Session: func(u User) (ui.Options, error) {
			return ui.Options{
				Backend: eventStore{Store: store.WithUser(u.Who()), events: r.events, fp: u.Fingerprint},
				Drafts:  eventDrafts{store: drafts.Open(r.draftsDir(u.Fingerprint)), url: r.vbo.URL, events: r.events, fp: u.Fingerprint},
			}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.addr = ln.Addr().String()
	r.served = make(chan error, 1)
	srv := r.srv
	go func() { r.served <- srv.Serve(ln) }()
	t.Cleanup(func() { r.stop() })
}

// stop shuts the server down as SIGTERM does; a second call does nothing.
func (r *rig) stop() error {
	if r.served == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := r.srv.Shutdown(ctx)
	if serr := <-r.served; serr != nil {
		r.t.Errorf("Serve after Shutdown = %v, want nil", serr)
	}
	r.served = nil
	return err
}

func (r *rig) draftsDir(fingerprint string) string {
	return filepath.Join(r.dir, "drafts", strings.NewReplacer(":", "-", "/", "_", "+", "-").Replace(fingerprint))
}

// drafts lists the job ids a key has drafts of.
func (r *rig) drafts(key gossh.Signer) []string {
	list, err := drafts.Open(r.draftsDir(gossh.FingerprintSHA256(key.PublicKey()))).List()
	if err != nil {
		r.t.Fatal(err)
	}
	var ids []string
	for _, d := range list {
		ids = append(ids, d.JobID)
	}
	return ids
}

// newKey makes a client key.
func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeKeys writes an authorized_keys file of keys, each with a comment
// naming its place in the list.
func writeKeys(t *testing.T, path string, keys ...gossh.Signer) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("# vbosched serve test keys\n")
	for i, k := range keys {
		b.WriteString(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey()))))
		b.WriteString(" operator" + string(rune('a'+i)) + "@test\n")
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (r *rig) dial(key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", r.addr, &gossh.ClientConfig{
		User: "ops", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(r.srv.HostKey()),
	})
}

// terminal is an SSH session with a PTY, as ssh -t opens one.
type terminal struct {
	t      *testing.T
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	out    *syncBuffer
	ended  chan error
}

func (r *rig) terminal(key gossh.Signer) *terminal { return r.terminalWith(key, "xterm-256color") }

// terminalWith opens a terminal of the given TERM, with env (KEY=value)
// sent as the client's environment.
func (r *rig) terminalWith(key gossh.Signer, termName string, env ...string) *terminal {
	t := r.t
	t.Helper()
	c, err := r.dial(key)
	if err != nil {
		t.Fatalf("dial with an authorized key: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, client: c, sess: sess, out: newSyncBuffer(), ended: make(chan error, 1)}
	sess.Stdout, sess.Stderr = term.out, term.out
	if term.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", kv, err)
		}
	}
	if err := sess.RequestPty(termName, 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() { term.ended <- sess.Wait() }()
	return term
}

// waitFor waits until the screen's text so far contains want.
func (term *terminal) waitFor(want string) {
	term.t.Helper()
	if !term.out.waitUntil(func(s string) bool { return strings.Contains(ansi.Strip(s), want) }) {
		term.t.Fatalf("waiting for %q; the session wrote:\n%s", want, ansi.Strip(term.out.String()))
	}
}

func (term *terminal) send(keys ...string) {
	term.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(term.in, k); err != nil {
			term.t.Fatalf("typing %q: %v", k, err)
		}
	}
}

// wait waits for the session to end and returns its exit error.
func (term *terminal) wait() error {
	term.t.Helper()
	select {
	case err := <-term.ended:
		return err
	case <-time.After(waitLimit):
		term.t.Fatalf("the session did not end; it wrote:\n%s", ansi.Strip(term.out.String()))
		return nil
	}
}

// waitEvent waits until the rig has seen an event line containing want.
func (r *rig) waitEvent(want string) {
	r.t.Helper()
	if !r.events.waitUntil(func(s string) bool { return strings.Contains(s, want) }) {
		r.t.Fatalf("waiting for event %q; events so far:\n%s", want, r.events.String())
	}
}

// eventStore is the store, telling the rig of each save's end.
type eventStore struct {
	*jobstore.Store
	events *syncBuffer
	fp     string
}

func (s eventStore) SaveJob(ctx context.Context, job *model.Job, edit model.Settings) (*model.Job, error) {
	saved, err := s.Store.SaveJob(ctx, job, edit)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	fmt.Fprintf(s.events, "save %s %s %s\n", s.fp, job.ID, outcome)
	return saved, err
}

// eventDrafts is a key's drafts on disk, telling the rig of each write.
type eventDrafts struct {
	store  *drafts.Store
	url    string
	events *syncBuffer
	fp     string
}

func (d eventDrafts) SaveDraft(base *model.Job, edit model.Settings) error {
	err := d.store.Save(drafts.New("TEST", d.url, base, edit))
	fmt.Fprintf(d.events, "draft %s %s\n", d.fp, base.ID)
	return err
}

func (d eventDrafts) LoadDraft(jobID string) (*ui.StoredDraft, error) {
	dr, err := d.store.Load(d.url, jobID)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	base, err := dr.BaseJob()
	if err != nil {
		return nil, err
	}
	return &ui.StoredDraft{Base: base, Edit: dr.Edit, Saved: dr.Saved}, nil
}

// Close tells the rig the session let go of its drafts (vbosched serve's
// draft store releases its locks there).
func (d eventDrafts) Close() error {
	fmt.Fprintf(d.events, "drafts closed %s\n", d.fp)
	return nil
}

func (d eventDrafts) DeleteDraft(jobID string) error { return d.store.Delete(d.url, jobID) }

// syncBuffer is a buffer written by one goroutine and read by another,
// that says when it changes.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{changed: make(chan struct{})} }

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.changed)
	b.changed = make(chan struct{})
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) waitUntil(ok func(string) bool) bool {
	timeout := time.After(waitLimit)
	for {
		b.mu.Lock()
		s, changed := b.buf.String(), b.changed
		b.mu.Unlock()
		if ok(s) {
			return true
		}
		select {
		case <-changed:
		case <-timeout:
			return false
		}
	}
}

// waitLog waits until the server's log contains want.
func (r *rig) waitLog(want string) {
	r.t.Helper()
	if !r.logs.waitUntil(func(s string) bool { return strings.Contains(s, want) }) {
		r.t.Fatalf("waiting for %q in the server's log:\n%s", want, r.logs.String())
	}
}
