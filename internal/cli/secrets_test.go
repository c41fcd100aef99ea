package cli

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

func TestConfig_UnknownKeysAreErrorsNamingKeyAndFile(t *testing.T) {
	tests := []struct {
		name, config string
		want         []string
	}{
		{"password key", `{"profiles":{"prod":{"server":"https://vbo","password":"hunter2"}}}`,
			[]string{`key "profiles.prod.password"`, "VBO_PASSWORD", "password file", "prompt"}},
		{"misspelt profile key", `{"profiles":{"prod":{"sever":"https://vbo"}}}`,
			[]string{`unknown key "profiles.prod.sever"`, "server"}},
		{"misspelt top key", `{"defaultProfle":"prod","profiles":{}}`,
			[]string{`unknown key "defaultProfle"`, "defaultProfile"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			if err := os.WriteFile(path, []byte(tt.config), 0o600); err != nil {
				t.Fatal(err)
			}
			r := vboschedEnv(t, map[string]string{"VBOSCHED_CONFIG": path}, "jobs")
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d", r.code, ExitUsage)
			}
			for _, w := range append(tt.want, path) {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr %q lacks %q", r.err, w)
				}
			}
			if strings.Contains(r.err, "hunter2") {
				t.Errorf("the error quotes the password: %q", r.err)
			}
		})
	}
}

func TestPasswordFile_ReadableByOthersIsWarnedAbout(t *testing.T) {
	srv := newServer(t)
	for _, tt := range []struct {
		mode os.FileMode
		warn bool
	}{{0o600, false}, {0o640, true}, {0o644, true}} {
		pw := filepath.Join(t.TempDir(), "pw")
		if err := os.WriteFile(pw, []byte(srv.Password+"\n"), tt.mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(pw, tt.mode); err != nil { // umask may have narrowed it
			t.Fatal(err)
		}
		ca := filepath.Join(t.TempDir(), "ca.pem")
		if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
			t.Fatal(err)
		}
		r := vboschedEnv(t, map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_CA_FILE": ca},
			"jobs", "--password-file", pw)
		if r.code != 0 {
			t.Fatalf("mode %04o: exit %d: %s", tt.mode, r.code, r.err)
		}
		warned := strings.Contains(r.err, pw) && strings.Contains(r.err, "chmod 600")
		if warned != tt.warn {
			t.Errorf("mode %04o: warned %v, want %v: %q", tt.mode, warned, tt.warn, r.err)
		}
	}
}

func TestLogout_AHungServerCannotHoldTheExit(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v8"))
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	srv.InjectFault(fakevbo.Fault{Method: http.MethodPost, Path: "token/logout", Hook: func() { <-release }})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password, "VBO_CA_FILE": ca}
	// Long enough for the logout to reach the server on loopback (the
	// count below), far shorter than the held answer (forever).
	conn := &connection{env: Env{Getenv: func(k string) string { return env[k] }}, userAgent: "test", logoutWait: 500 * time.Millisecond}
	sess, err := conn.open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { sess.close(); close(done) }()
	<-done // with the logout unbounded this would wait for release: forever
	if n := len(srv.RequestsFor(http.MethodPost, "token/logout")); n != 1 {
		t.Errorf("%d logout requests, want 1", n)
	}
}
