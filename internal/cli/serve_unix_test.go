//go:build unix

package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// lockedWriter is serve's standard error, written by its goroutines and
// read by the test.
type lockedWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	close(w.changed)
	w.changed = make(chan struct{})
	return w.buf.Write(p)
}

// waitFor waits until the text so far contains want, or until done.
func (w *lockedWriter) waitFor(want string, done <-chan int) bool {
	for {
		w.mu.Lock()
		s, changed := w.buf.String(), w.changed
		w.mu.Unlock()
		if strings.Contains(s, want) {
			return true
		}
		select {
		case <-changed:
		case <-done:
			return false
		}
	}
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// SIGHUP, which an admin sends to "reload" and a dropped login shell sends
// its jobs, stops serve as SIGTERM does: the sessions are told, and serve
// exits 0, instead of dying at once (exit 129) with terminals left in the
// alternate screen.
func TestServe_SIGHUPStopsCleanlyAsSIGTERMDoes(t *testing.T) {
	srv := newServer(t)
	dir := t.TempDir()
	ca, keys := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keys, []byte("# nobody yet\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password,
		"VBO_CA_FILE": ca, "HOME": t.TempDir(), "XDG_STATE_HOME": t.TempDir()}
	errOut := &lockedWriter{changed: make(chan struct{})}
	done := make(chan int, 1)
	go func() {
		done <- Run(context.Background(), []string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"),
			"--authorized-keys", keys}, Env{In: strings.NewReader(""), Out: io.Discard, Err: errOut,
			Getenv: func(k string) string { return env[k] }}, "test")
	}()
	if !errOut.waitFor("msg=serving", done) {
		t.Fatalf("serve did not start:\n%s", errOut.String())
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	code := <-done
	if code != 0 {
		t.Errorf("exit %d after SIGHUP, want 0", code)
	}
	for _, want := range []string{"SIGHUP", "shutting down", "msg=stopped"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("serve's log lacks %q:\n%s", want, errOut.String())
		}
	}
}
