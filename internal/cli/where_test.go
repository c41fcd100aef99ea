package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
)

// vboschedEnv runs the command line in-process with exactly env as the
// environment (plus a temporary HOME), to test what it does without a server.
func vboschedEnv(t *testing.T, env map[string]string, args ...string) run {
	t.Helper()
	if _, ok := env["HOME"]; !ok {
		env["HOME"] = t.TempDir()
	}
	var environ []string
	for k, v := range env {
		environ = append(environ, k+"="+v)
	}
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }, Environ: func() []string { return environ }}, "test")
	return run{code, out.String(), errOut.String()}
}

func TestNoServer_CommandsAreUsageErrorsNamingTheServerSettings(t *testing.T) {
	for _, args := range [][]string{
		{"jobs"},
		{"show", "Exchange nightly"},
		{"set", "Exchange nightly", "--retry-number", "5", "--yes"},
		{"export", "Exchange nightly"},
	} {
		t.Run(args[0], func(t *testing.T) {
			r := vboschedEnv(t, map[string]string{"VBO_USERNAME": "u", "VBO_PASSWORD": "p"}, args...)
			if r.code != ExitUsage || !strings.Contains(r.err, "--server") || !strings.Contains(r.err, "VBO_SERVER") {
				t.Errorf("exit %d, stderr %q; want %d naming --server and VBO_SERVER", r.code, r.err, ExitUsage)
			}
			if strings.Contains(r.out, "changed") || strings.Contains(r.out, "Exchange") {
				t.Errorf("ran against something anyway:\n%s", r.out)
			}
		})
	}
}

func TestDemo_OnlyWithTheFlagOrForTheBareCommand(t *testing.T) {
	r := vboschedEnv(t, map[string]string{}, "jobs", "--demo")
	if r.code != 0 || !strings.Contains(r.out, "Exchange nightly") {
		t.Errorf("jobs --demo: exit %d\n%s%s", r.code, r.out, r.err)
	}
	conn := &connection{env: Env{Getenv: func(string) string { return "" }}, userAgent: "test"}
	sess, err := conn.openOrDemo(context.Background())
	if err != nil {
		t.Fatalf("bare vbosched without a server: %v", err)
	}
	defer sess.close()
	if !sess.demo || sess.store.Label() != "DEMO" {
		t.Errorf("bare vbosched without a server opened %q, want the DEMO", sess.store.Label())
	}
	if _, err := conn.open(context.Background()); err == nil {
		t.Error("a command other than the bare one opened the demo without --demo")
	}
}

func TestUnknownVBOVariable_WarnsWithTheNearestName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"VBO_SEVER", "VBO_SEVER: unknown; did you mean VBO_SERVER?"},
		{"VBO_PASWORD", "VBO_PASWORD: unknown; did you mean VBO_PASSWORD?"},
		{"VBO_CAFILE", "VBO_CAFILE: unknown; did you mean VBO_CA_FILE?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vboschedEnv(t, map[string]string{tt.name: "https://vbo.example.com", "VBO_USERNAME": "u"},
				"set", "Exchange nightly", "--retry-number", "5", "--yes")
			if !strings.Contains(r.err, tt.want) {
				t.Errorf("stderr %q lacks %q", r.err, tt.want)
			}
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d: a typo must not run against the demo", r.code, ExitUsage)
			}
		})
	}
	r := vboschedEnv(t, map[string]string{"VBO_SERVER": "https://127.0.0.1:1", "VBO_USERNAME": "u"}, "jobs")
	if strings.Contains(r.err, "unknown;") {
		t.Errorf("a known variable was warned about: %q", r.err)
	}
}

func TestHTTP_RefusedUnlessTheFlagSaysInsecure(t *testing.T) {
	srv := fakevbo.NewServer() // plain http
	t.Cleanup(srv.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func() map[string]string {
		return map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password}
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"http refused", []string{"jobs"}, ExitUsage, "--insecure-http"},
		{"ca-file with http", []string{"jobs", "--insecure-http", "--ca-file", ca}, ExitUsage, "--ca-file and --pin-sha256 check a TLS certificate"},
		{"pin with http", []string{"jobs", "--pin-sha256", strings.Repeat("ab", 32)}, ExitUsage, "is http:// (no TLS)"},
		{"allowed with the insecure flag", []string{"jobs", "--insecure-http"}, ExitOK, "WARNING: --insecure-http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Requests())
			r := vboschedEnv(t, env(), tt.args...)
			if r.code != tt.code || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.err, tt.code, tt.want)
			}
			if sent := len(srv.Requests()) - before; tt.code != ExitOK && sent != 0 {
				t.Errorf("%d requests reached the server, want none", sent)
			}
		})
	}
}

func TestSession_MarkedInsecureForTheTUI(t *testing.T) {
	tlsSrv := newServer(t)
	httpSrv := fakevbo.NewServer()
	t.Cleanup(httpSrv.Close)
	tests := []struct {
		name string
		srv  *fakevbo.Server
		conn connection
		want bool
	}{
		{"verified TLS", tlsSrv, connection{pin: fingerprintOf(tlsSrv)}, false},
		{"--insecure", tlsSrv, connection{insecure: true}, true},
		{"--insecure-http", httpSrv, connection{insecureHTTP: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"VBO_SERVER": tt.srv.URL, "VBO_USERNAME": tt.srv.Username, "VBO_PASSWORD": tt.srv.Password}
			c := tt.conn
			c.env = Env{Err: &bytes.Buffer{}, Getenv: func(k string) string { return env[k] }}
			sess, err := c.open(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer sess.close()
			if sess.insecure != tt.want {
				t.Errorf("session marked insecure %v, want %v", sess.insecure, tt.want)
			}
		})
	}
}

func fingerprintOf(srv *fakevbo.Server) string { return apiclient.Fingerprint(srv.Certificate()) }
