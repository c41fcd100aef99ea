package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file exported from a job and applied back to it is refused when the job
// changed since the export, unless --force; applied to other jobs it is a
// template and needs no check.
func TestApply_ChecksTheJobItWasExportedFrom(t *testing.T) {
	tests := []struct {
		name      string
		meanwhile func(j map[string]any)
		target    string
		args      []string
		code      int
		want      string
		puts      int
	}{
		{"unchanged since the export", nil, "Exchange nightly", nil, 0, "1 changed", 1},
		{"changed since the export", func(j map[string]any) { j["isEnabled"] = false }, "Exchange nightly", nil,
			ExitFailed, "isEnabled: true → false", 0},
		{"changed since, with --force", func(j map[string]any) { j["isEnabled"] = false }, "Exchange nightly", []string{"--force"},
			0, "1 changed", 1},
		{"another job", func(j map[string]any) { j["isEnabled"] = false }, "Legal hold", nil, 0, "1 changed", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			id := srv.JobID("Exchange nightly")
			r := vbosched(t, srv, "", "export", "Exchange nightly")
			if r.code != 0 {
				t.Fatalf("export: exit %d: %s", r.code, r.err)
			}
			// The operator edits the exported file.
			doc := strings.Replace(r.out, `"retryNumber": 3`, `"retryNumber": 6`, 1)
			if doc == r.out {
				t.Fatalf("export has no retryNumber 3:\n%s", r.out)
			}
			file := filepath.Join(t.TempDir(), "nightly.json")
			if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
			if tt.meanwhile != nil {
				srv.ChangeJob(id, tt.meanwhile)
			}
			srv.ResetRequests()
			r = vbosched(t, srv, "", append([]string{"apply", "-f", file, tt.target, "--yes"}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.out+r.err, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s%s", r.code, tt.code, tt.want, r.out, r.err)
			}
			if n := len(puts(srv)); n != tt.puts {
				t.Errorf("%d PUTs, want %d", n, tt.puts)
			}
		})
	}
}

// A file exported on one server and applied to the same job id on another
// is a template there: no "changed since it was read", and a note says why.
func TestApply_SameJobIDOnAnotherServerIsAnotherJob(t *testing.T) {
	from, to := newServer(t), newServer(t)
	id := from.JobID("Exchange nightly")
	if to.JobID("Exchange nightly") != id {
		t.Fatal("the two servers' seeds should share job ids")
	}
	r := vbosched(t, from, "", "export", "Exchange nightly")
	if r.code != 0 || !strings.Contains(r.out, `"exportedFromServer": "`+from.URL) {
		t.Fatalf("export (exit %d) should record its server %s:\n%s%s", r.code, from.URL, r.out, r.err)
	}
	doc := strings.Replace(r.out, `"retryNumber": 3`, `"retryNumber": 6`, 1)
	file := filepath.Join(t.TempDir(), "nightly.json")
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	to.ChangeJob(id, func(j map[string]any) { j["name"] = "another server's name" })
	r = vbosched(t, to, "", "apply", "-f", file, id, "--yes", "--no-audit")
	if r.code != 0 || !strings.Contains(r.out, "1 changed") || strings.Contains(r.out+r.err, "changed since") {
		t.Errorf("exit %d, want 0 and 1 changed:\n%s%s", r.code, r.out, r.err)
	}
	if want := "this file was exported from " + from.URL + "; this is " + to.URL; !strings.Contains(r.err, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.err)
	}
}
