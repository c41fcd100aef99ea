package ui

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
)

// TestNoSecretLeaks_AWholeTUISession drives the program through Update on the
// real client against the fake (list, filter, editor, review with its JSON
// body, save, a failed save, help) and greps every screen and every file
// written under the XDG directories for the password and the tokens.
func TestNoSecretLeaks_AWholeTUISession(t *testing.T) {
	const password = "Pa55-w0rd-tui-5e1d-never-show"
	state, config := t.TempDir(), t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("XDG_CONFIG_HOME", config)
	srv := fakevbo.NewServer(fakevbo.WithCredentials(`CORP\ops`, password))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, Username: `CORP\ops`, Password: password})
	if err != nil {
		t.Fatal(err)
	}
	m := start(t, jobstore.New(c, "vbo.example.com"), 120, 40)
	screens := []string{m.View().Content}
	for _, keys := range [][]string{
		{"/", "e", "x"}, {"esc"},
		{"enter"}, {"space"}, {"tab"}, {"ctrl+s"}, {"J"}, {"J"}, {"y"}, {"x"},
		{"tab"}, {"space"}, {"ctrl+s"}, {"y"}, {"?"}, {"?"},
	} {
		if keys[0] == "ctrl+s" && len(screens) > 12 { // the second save fails
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 500})
		}
		m = press(t, m, keys...)
		screens = append(screens, m.View().Content)
	}
	secrets := []string{password}
	for _, r := range srv.Requests() {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && tok != "" {
			secrets = append(secrets, tok)
		}
		if form, err := url.ParseQuery(string(r.Body)); err == nil && form.Get("refresh_token") != "" {
			secrets = append(secrets, form.Get("refresh_token"))
		}
	}
	if len(secrets) < 2 || len(srv.RequestsFor("PUT", "/Jobs/")) == 0 {
		t.Fatalf("the session used no token or saved nothing: the test would prove nothing")
	}
	all := strings.Join(screens, "\n")
	for _, want := range []string{`"schedulePolicy"`, "Not saved."} { // the review's JSON, the failed save
		if !strings.Contains(all, want) {
			t.Errorf("the session never showed %q: it did not go where the test meant", want)
		}
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("a secret (%d chars) reached the screen", len(s))
		}
	}
	for _, dir := range []string{state, config} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, _ := os.ReadFile(path)
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
					t.Errorf("a secret written to %s", path)
				}
			}
			return nil
		})
	}
}
