package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// The end-to-end tests drive the real binary in tmux. They share one build
// and one way to point the binary at a fake server.

var e2eBuild struct {
	once sync.Once
	dir  string
	bin  string
	err  error
	out  []byte
}

func TestMain(m *testing.M) {
	code := m.Run()
	if e2eBuild.dir != "" {
		os.RemoveAll(e2eBuild.dir)
	}
	os.Exit(code)
}

// vboschedBinary builds the binary once per test run and returns its path.
func vboschedBinary(t *testing.T) string {
	t.Helper()
	b := &e2eBuild
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "vbosched-e2e-"); b.err != nil {
			return
		}
		b.bin = filepath.Join(b.dir, "vbosched")
		b.out, b.err = exec.Command("go", "build", "-o", b.bin, ".").CombinedOutput()
	})
	if b.err != nil {
		t.Fatalf("build: %v\n%s", b.err, b.out)
	}
	return b.bin
}

// requireTmux skips a terminal test where tmux is missing, unless CI asked for
// it (VBOSCHED_REQUIRE_TMUX=1): there a missing tmux fails the run instead of
// letting it pass having tested nothing of the terminal.
func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("VBOSCHED_REQUIRE_TMUX") != "" {
			t.Fatalf("tmux is required (VBOSCHED_REQUIRE_TMUX is set) but not found: %v", err)
		}
		t.Skip("tmux is not installed")
	}
}

// fakeServer starts a fake VBO server for a test and returns it with the
// environment (an `env …` prefix for a shell command) that points vbosched
// at it: its CA file, its credentials, HOME in dir and no colours.
func fakeServer(t *testing.T, dir string, opts ...fakevbo.Option) (*fakevbo.Server, string) {
	t.Helper()
	srv := fakevbo.NewTLSServer(opts...)
	t.Cleanup(srv.Close)
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := "env NO_COLOR=1 HOME=" + dir + " VBO_SERVER=" + srv.URL + " VBO_USERNAME='" + srv.Username +
		"' VBO_PASSWORD=" + srv.Password + " VBO_CA_FILE=" + ca + " "
	return srv, env
}

// tmuxOn returns a function that runs tmux on its own socket in dir and
// fails the test on an error; the server is killed when the test ends.
func tmuxOn(t *testing.T, dir string) (tmux func(args ...string) string, sock string) {
	t.Helper()
	sock = filepath.Join(dir, "tmux.sock")
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	return func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}, sock
}
