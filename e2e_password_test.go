package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestEndToEnd_PasswordPrompt runs `jobs` without a password in a real
// terminal (tmux) and answers the hidden prompt: ctrl+c must end it at
// once with 130 (it used to wait for Enter, the SIGINT swallowed), ctrl+d
// and an empty Enter must end it with 2, and none of them may reach the
// server's login.
func TestEndToEnd_PasswordPrompt(t *testing.T) {
	requireTmux(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "vbosched")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	srv := fakevbo.NewTLSServer()
	defer srv.Close()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "tmux.sock")
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	tests := []struct {
		name string
		keys []string
		code string
		want string
	}{
		{"ctrl+c", []string{"hunter", "C-c"}, "130", "interrupted at the password prompt"},
		{"ctrl+d", []string{"hunter", "C-d"}, "2", "ended with ctrl+d"},
		{"empty", []string{"Enter"}, "2", "the password is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			session := "pw" + tt.name
			// The shell ignores SIGINT so that it lives to print the exit code.
			script := "trap '' INT; env -u VBO_PASSWORD NO_COLOR=1 HOME=" + dir + " VBO_SERVER=" + srv.URL +
				" VBO_USERNAME='" + srv.Username + "' VBO_CA_FILE=" + ca + " " + bin + " jobs; echo EXIT=$?; sleep 30"
			tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", script)
			screen := func() string { return tmux("capture-pane", "-p", "-t", session) }
			for s := ""; !strings.Contains(s, "Password for"); s = screen() {
				if strings.Contains(s, "EXIT=") {
					t.Fatalf("ended without asking:\n%s", s)
				}
			}
			for _, k := range tt.keys {
				tmux("send-keys", "-t", session, k)
			}
			// Each look is a round trip through tmux; a bounded number of
			// them, so a prompt that waits for Enter fails instead of hanging.
			s := screen()
			for n := 0; n < 5000 && !strings.Contains(s, "EXIT="); n++ {
				s = screen()
			}
			if !strings.Contains(s, "EXIT="+tt.code) || !strings.Contains(s, tt.want) {
				t.Errorf("want EXIT=%s and %q; the screen shows:\n%s", tt.code, tt.want, s)
			}
			if n := len(srv.RequestsFor("POST", "/Token")); n != 0 {
				t.Errorf("%d logins sent, want none", n)
			}
		})
	}
}
