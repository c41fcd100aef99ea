package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
)

func TestUnknownVariable_SuggestionsSearchBothFamilies(t *testing.T) {
	tests := []struct{ name, want string }{
		{"VBOSCHED_PROFLE", "VBOSCHED_PROFLE: unknown; did you mean VBOSCHED_PROFILE?"},
		{"VBOSCHED_AUDITLOG", "VBOSCHED_AUDITLOG: unknown; did you mean VBOSCHED_AUDIT_LOG?"},
		{"VBOSCHED_CONFG", "VBOSCHED_CONFG: unknown; did you mean VBOSCHED_CONFIG?"},
		{"VBO_PROFILE", "VBO_PROFILE: unknown; did you mean VBOSCHED_PROFILE?"},
		{"VBOSCHED_SERVER", "VBOSCHED_SERVER: unknown; did you mean VBO_SERVER?"},
		{"VBO_SEVER", "VBO_SEVER: unknown; did you mean VBO_SERVER?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vboschedEnv(t, map[string]string{tt.name: "x", "VBO_SERVER": "https://127.0.0.1:1", "VBO_USERNAME": "u"},
				"jobs", "--password-stdin")
			if !strings.Contains(r.err, tt.want) {
				t.Errorf("stderr %q lacks %q", r.err, tt.want)
			}
		})
	}
}

func TestVBOInsecure_AValueNotUnderstoodIsRefused(t *testing.T) {
	r := vboschedEnv(t, map[string]string{"VBO_INSECURE": "yes", "VBO_SERVER": "https://127.0.0.1:1", "VBO_USERNAME": "u", "VBO_PASSWORD": "p"}, "jobs")
	if r.code != ExitUsage || !strings.Contains(r.err, `VBO_INSECURE="yes": want 1 or true`) {
		t.Errorf("exit %d, stderr %q; want %d explaining VBO_INSECURE", r.code, r.err, ExitUsage)
	}
}

// The bare vbosched opens the demo only when nothing at all is set for a
// real server: otherwise the operator meant one and would edit the demo
// believing it production, the warnings hidden behind the full screen.
func TestBareCommand_RefusesTheDemoWhenConnectionSettingsAreSet(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"a misspelt server with credentials", map[string]string{"VBO_SEVER": "https://vbo:4443", "VBO_USERNAME": "x", "VBO_PASSWORD": "p"}, nil,
			[]string{"no server is set, but VBO_USERNAME, VBO_PASSWORD, VBO_SEVER are set", "VBO_SEVER: unknown; did you mean VBO_SERVER?", "--demo"}},
		{"a username alone", map[string]string{"VBO_USERNAME": "x"}, nil, []string{"but VBO_USERNAME is set", "--server or VBO_SERVER"}},
		{"a password alone", map[string]string{"VBO_PASSWORD": "p"}, nil, []string{"but VBO_PASSWORD is set"}},
		{"the username flag", map[string]string{}, []string{"--username", "x"}, []string{"but --username is set"}},
		{"a misspelt variable alone", map[string]string{"VBO_SERVR": "https://vbo"}, nil, []string{"but VBO_SERVR is set", "did you mean VBO_SERVER?"}},
		{"a misspelt profile", map[string]string{"VBOSCHED_PROFLE": "prod"}, nil, []string{"did you mean VBOSCHED_PROFILE?"}},
		{"an empty server", map[string]string{"VBO_SERVER": ""}, nil, []string{"but VBO_SERVER (empty) is set", "--demo"}},
		{"an empty username", map[string]string{"VBO_USERNAME": ""}, nil, []string{"but VBO_USERNAME (empty) is set"}},
		{"a lower-case server", map[string]string{"vbo_server": "https://vbo:4443"}, nil, []string{"but vbo_server is set", "vbo_server: unknown; did you mean VBO_SERVER?"}},
		{"a lower-case profile", map[string]string{"vbosched_profile": "prod"}, nil, []string{"vbosched_profile: unknown; did you mean VBOSCHED_PROFILE?"}},
		{"a typo beside a real server", map[string]string{"VBO_SERVER": "https://127.0.0.1:1", "VBO_USERNAME": "x", "VBOSCHED_PROFLE": "prod"}, nil,
			[]string{"VBOSCHED_PROFLE: unknown; did you mean VBOSCHED_PROFILE?", "correct or unset them first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vboschedEnv(t, tt.env, tt.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d\n%s%s", r.code, ExitUsage, r.out, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.err)
				}
			}
		})
	}
}

func TestBareCommand_StillOpensTheDemoWhenNothingIsSet(t *testing.T) {
	for _, env := range []map[string]string{{}, {"VBO_API_VERSION": "v6"}, {"VBOSCHED_AUDIT_LOG": ""}, {"VBOSCHED_REQUIRE_TMUX": "1", "vbosched_require_tmux": "1"}} {
		c := &connection{env: Env{Getenv: func(k string) string { return env[k] }, Environ: func() []string {
			var out []string
			for k, v := range env {
				out = append(out, k+"="+v)
			}
			return out
		}}, userAgent: "test"}
		sess, err := c.openOrDemo(t.Context())
		if err != nil {
			t.Fatalf("%v: %v", env, err)
		}
		if !sess.demo {
			t.Errorf("%v: not the demo", env)
		}
		sess.close()
	}
}

// A warning printed before the TUI starts is copied for the TUI, which
// marks its header and prints it again on exit: the screen would hide it.
func TestOpenForTheTUI_CopiesTheWarningsTheScreenWouldHide(t *testing.T) {
	srv := newServer(t)
	pw := t.TempDir() + "/pw"
	if err := os.WriteFile(pw, []byte(srv.Password+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username}
	var stderr, copied bytes.Buffer
	c := &connection{env: Env{Err: &stderr, Getenv: func(k string) string { return env[k] }},
		pin: fingerprintOf(srv), passwordFile: pw, userAgent: "test"}
	sess, err := c.openWarningsTo(context.Background(), &copied)
	if err != nil {
		t.Fatal(err)
	}
	sess.close()
	if !strings.Contains(copied.String(), "is readable by group or others") || copied.String() != stderr.String() {
		t.Errorf("copied %q, printed %q; want the password file's warning in both", copied.String(), stderr.String())
	}
	if c.env.Err != &stderr {
		t.Error("the connection still writes its warnings to the copy")
	}
}

func TestEmptyServer_CommandsSayItIsEmpty(t *testing.T) {
	r := vboschedEnv(t, map[string]string{"VBO_SERVER": ""}, "jobs")
	if r.code != ExitUsage || !strings.Contains(r.err, "VBO_SERVER is set but empty") {
		t.Errorf("exit %d, stderr %q; want %d saying VBO_SERVER is empty", r.code, r.err, ExitUsage)
	}
}
