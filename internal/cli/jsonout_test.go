package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONOutput_EscapesC1AndBidiControls runs every printer of JSON on a
// job whose name holds a bidi override and whose description holds C1
// CSI/OSC: none may write them raw (a terminal would act on them), and the
// JSON must still read back as the server's exact text.
func TestJSONOutput_EscapesC1AndBidiControls(t *testing.T) {
	const name = "עברית\u202eFinance backup"
	const desc = "x\u009b2J\u009b31mRED\u009d0;PWNED-TITLE\u009c"
	srv := newServer(t)
	id := srv.JobID("Legal hold")
	srv.ChangeJob(id, func(job map[string]any) { job["name"] = name; job["description"] = desc })
	audit := "--audit-log=" + t.TempDir() + "/audit.jsonl"
	if r := vbosched(t, srv, "", "set", id, "--retry-number", "5", "--yes", audit); r.code != ExitOK {
		t.Fatalf("set: exit %d\n%s%s", r.code, r.out, r.err)
	}
	tests := []struct {
		name string
		args []string
		want string // the name or description, as the JSON decodes it
	}{
		{"jobs --json", []string{"jobs", "--json"}, name},
		{"show --json", []string{"show", id, "--json"}, name},
		{"export", []string{"export", id}, desc},
		{"log --json", []string{"log", "--json", audit}, name},
		{"set --dry-run", []string{"set", id, "--retry-number", "6", "--dry-run"}, desc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vbosched(t, srv, "", tt.args...)
			if r.code != ExitOK {
				t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
			}
			if strings.ContainsAny(r.out, "\u202e\u009b\u009d\u009c") {
				t.Errorf("output holds a raw C1 or bidi control:\n%q", r.out)
			}
			var v any
			if err := json.Unmarshal([]byte(r.out), &v); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, r.out)
			}
			if !holdsString(v, tt.want) {
				t.Errorf("the JSON does not read back to %q:\n%s", tt.want, r.out)
			}
		})
	}
}

// holdsString reports whether s is one of v's strings, at any depth.
func holdsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return v == s
	case []any:
		for _, e := range v {
			if holdsString(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if holdsString(e, s) {
				return true
			}
		}
	}
	return false
}

func TestSetName_RefusesBidiOverride(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "set", "Legal hold", "--name", "\u202eabc", "--yes")
	if r.code != ExitUsage || !strings.Contains(r.err, "bidirectional control U+202E") {
		t.Errorf("exit %d, want %d naming the bidi control\n%s%s", r.code, ExitUsage, r.out, r.err)
	}
	if n := len(puts(srv)); n != 0 {
		t.Errorf("%d PUTs sent, want none", n)
	}
}
