package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// withProfiles runs vbosched with a config of one profile per server, each
// with its own CA and password file; VBO_SERVER names a third server that
// the profiles' settings must win over.
func withProfiles(t *testing.T, servers map[string]*fakevbo.Server, args ...string) run {
	t.Helper()
	dir := t.TempDir()
	cfg := Config{Profiles: map[string]Profile{}}
	for name, srv := range servers {
		ca, pw := filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".pw")
		if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pw, []byte(srv.Password+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg.Profiles[name] = Profile{Server: srv.URL, Username: srv.Username, CAFile: ca, PasswordFile: pw}
	}
	data, _ := json.Marshal(cfg)
	path := filepath.Join(dir, "config.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBOSCHED_CONFIG": path, "HOME": dir, "VBO_SERVER": "https://elsewhere.invalid"}
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }}, "test")
	return run{code, out.String(), errOut.String()}
}

// Two servers, one of them down: the other still answers, each row says
// its profile, the down one is named, and the command exits 1.
func TestProfiles_OneServerDownTheOtherAnswers(t *testing.T) {
	tests := []struct {
		name string
		args []string
		out  []string
	}{
		{"jobs --profile a,b", []string{"jobs", "--profile", "eu,us"}, []string{"PROFILE  NAME", "eu       Exchange nightly"}},
		{"jobs --all-profiles --json", []string{"jobs", "--all-profiles", "--json"}, []string{`"profile": "eu"`, `"name": "Exchange nightly"`}},
		{"plan --all-profiles", []string{"plan", "--all-profiles"}, []string{"Profile eu\n", "Busiest hours:"}},
		{"lint --profile a,b", []string{"lint", "--profile", "eu,us"}, []string{"[eu] disabled-with-window: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up, down := newServer(t), newServer(t)
			down.Close()
			r := withProfiles(t, map[string]*fakevbo.Server{"eu": up, "us": down}, tt.args...)
			if r.code != ExitFailed {
				t.Errorf("exit %d, want 1 (a server failed)", r.code)
			}
			for _, want := range tt.out {
				if !strings.Contains(r.out, want) {
					t.Errorf("output lacks %q:\n%s", want, r.out)
				}
			}
			if !strings.Contains(r.err, "vbosched: profile us: ") || strings.Contains(r.err, "profile eu:") {
				t.Errorf("stderr should name only the down profile:\n%s", r.err)
			}
			if strings.Contains(r.out, "us ") || strings.Contains(r.out, `"profile": "us"`) {
				t.Errorf("the down server has rows:\n%s", r.out)
			}
		})
	}
}

func TestProfiles_BothUpIsClean(t *testing.T) {
	a, b := newServer(t), newServer(t)
	r := withProfiles(t, map[string]*fakevbo.Server{"eu": a, "us": b}, "jobs", "--all-profiles")
	// The backup job's row on each server, not its copy job's (whose name
	// and KIND column name it too).
	rows := regexp.MustCompile(`(?m)^(eu|us) +Exchange nightly {2}`).FindAllString(r.out, -1)
	if r.code != ExitOK || len(rows) != 2 {
		t.Errorf("exit %d, want 0 and both servers' jobs:\n%s%s", r.code, r.out, r.err)
	}
}

func TestProfiles_UsageErrors(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name string
		args []string
	}{
		{"--all-profiles with --profile", []string{"jobs", "--all-profiles", "--profile", "eu"}},
		{"--server with several profiles", []string{"lint", "--profile", "eu,us", "--server", "https://x.example"}},
		{"a profile that does not exist", []string{"jobs", "--profile", "eu,nowhere"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := withProfiles(t, map[string]*fakevbo.Server{"eu": srv, "us": srv}, tt.args...)
			if tt.name == "a profile that does not exist" {
				if r.code != ExitFailed || !strings.Contains(r.err, `profile nowhere: no profile "nowhere"`) {
					t.Errorf("exit %d: %s", r.code, r.err)
				}
				return
			}
			if r.code != ExitUsage {
				t.Errorf("exit %d, want 2: %s", r.code, r.err)
			}
		})
	}
}

// A mistake every server refuses (a job none has) is the command's: exit
// 2 as with one profile, and nobody is told the others answered. A
// repeated profile is that profile once.
func TestProfiles_TheSameRefusalEverywhereIsAUsageError(t *testing.T) {
	a, b := newServer(t), newServer(t)
	servers := map[string]*fakevbo.Server{"eu": a, "us": b}
	r := withProfiles(t, servers, "lint", "No such job", "--profile", "eu,us")
	if r.code != ExitUsage || strings.Contains(r.err, "answered above") || !strings.Contains(r.err, "every profile refused") {
		t.Errorf("exit %d, want 2 saying every profile refused:\n%s", r.code, r.err)
	}
	if r.out != "" {
		t.Errorf("nothing was linted, yet stdout says:\n%s", r.out)
	}
	// (One profile: VBO_SERVER, set by withProfiles, wins over it as usual.)
	r = withProfiles(t, servers, "jobs", "--profile", "eu,eu")
	if strings.Contains(r.err, "no profile") {
		t.Errorf("--profile eu,eu is not profile eu: exit %d:\n%s", r.code, r.err)
	}
	a.Close()
	b.Close()
	r = withProfiles(t, servers, "jobs", "--profile", "eu,us")
	if r.code != ExitFailed || !strings.Contains(r.err, "all 2 profiles failed") {
		t.Errorf("both down: exit %d, want 1 saying all failed:\n%s", r.code, r.err)
	}
}
