package cli

import (
	"bytes"
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// secretsSeen are the password and every token the fake handed out or was
// shown during the session: what must never be printed or written.
func secretsSeen(t *testing.T, srv *fakevbo.Server, password string) []string {
	t.Helper()
	secrets := []string{password}
	for _, r := range srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && tok != "" {
			secrets = append(secrets, tok)
		}
		if form, err := url.ParseQuery(string(r.Body)); err == nil && form.Get("refresh_token") != "" {
			secrets = append(secrets, form.Get("refresh_token"))
		}
	}
	if len(secrets) < 2 {
		t.Fatalf("the session used no token: the test would prove nothing")
	}
	return secrets
}

// grepFiles returns the files under dirs that hold any of secrets.
func grepFiles(t *testing.T, secrets []string, dirs ...string) []string {
	t.Helper()
	var leaks []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
					leaks = append(leaks, path)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return leaks
}

func TestNoSecretLeaks_AWholeCLISession(t *testing.T) {
	const password = "Pa55-w0rd-7f3a9c-never-print"
	srv := newServer(t, fakevbo.WithCredentials(`CORP\ops`, password))
	home, state, config := t.TempDir(), t.TempDir(), t.TempDir()
	// Whatever the code reads from the process environment lands in these too.
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("XDG_CONFIG_HOME", config)
	ca := filepath.Join(config, "ca.pem")
	pwFile := filepath.Join(home, "pw")
	cfgFile := filepath.Join(config, "vbosched", "config.json")
	for path, data := range map[string]string{
		ca: string(srv.CertificatePEM()), pwFile: password + "\n",
		cfgFile: `{"defaultProfile":"lab","profiles":{"lab":{"server":"` + srv.URL + `","username":"CORP\\ops","caFile":"` + ca + `","passwordFile":"` + pwFile + `"}}}`,
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"HOME": home, "XDG_STATE_HOME": state, "XDG_CONFIG_HOME": config}
	withPassword := map[string]string{"VBO_PASSWORD": password}
	for k, v := range env {
		withPassword[k] = v
	}
	withPassword["VBOSCHED_PROFILE"] = "lab"
	id := srv.JobID("Exchange nightly")
	var printed strings.Builder
	for _, step := range []struct {
		env  map[string]string
		args []string
	}{
		{env, []string{"jobs"}},
		{env, []string{"jobs", "--json"}},
		{env, []string{"show", id}},
		{env, []string{"show", id, "--json"}},
		{env, []string{"set", id, "--retry-number", "5", "--yes"}},
		{env, []string{"set", id, "--retry-number", "6", "--dry-run"}},
		{env, []string{"export", id}},
		{withPassword, []string{"jobs", "--password-stdin"}}, // an empty stdin: an error about the password
		{map[string]string{"HOME": home, "VBO_SERVER": srv.URL, "VBO_USERNAME": "CORP\\ops", "VBO_PASSWORD": password + "x", "VBO_CA_FILE": ca}, []string{"jobs"}}, // a refused login
	} {
		var out, errOut bytes.Buffer
		e := step.env
		code := Run(context.Background(), step.args, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
			Getenv: func(k string) string { return e[k] }}, "test")
		printed.WriteString(out.String() + errOut.String())
		if code != 0 && !strings.Contains(strings.Join(step.args, " "), "stdin") && e["VBO_PASSWORD"] == "" {
			t.Errorf("%v: exit %d: %s", step.args, code, errOut.String())
		}
	}
	secrets := secretsSeen(t, srv, password)
	for _, s := range secrets {
		if strings.Contains(printed.String(), s) {
			t.Errorf("a secret (%d chars) was printed", len(s))
		}
	}
	if leaks := grepFiles(t, secrets[1:], home, state, config); len(leaks) > 0 {
		t.Errorf("tokens written to %v", leaks)
	}
	if leaks := grepFiles(t, secrets[:1], state, filepath.Dir(cfgFile)); len(leaks) > 0 {
		t.Errorf("the password written to %v", leaks)
	}
}
