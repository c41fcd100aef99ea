package cli

import (
	"encoding/json"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// jobs --kind lists one kind, as set, show, plan, lint and log take it;
// a kind that is neither is a usage error (G30).
func TestJobs_KindListsOneKind(t *testing.T) {
	tests := []struct {
		kind     string
		wantCode int
		want     map[string]int // kind → rows
	}{
		{"", ExitOK, map[string]int{kindBackup: 8, kindCopy: 3}},
		{"backup", ExitOK, map[string]int{kindBackup: 8}},
		{"copy", ExitOK, map[string]int{kindCopy: 3}},
		{"COPY", ExitOK, map[string]int{kindCopy: 3}},
		{"tape", ExitUsage, nil},
	}
	for _, tt := range tests {
		t.Run("--kind="+tt.kind, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			r := vbosched(t, srv, "", "jobs", "--json", "--kind", tt.kind)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d, want %d:\n%s%s", r.code, tt.wantCode, r.out, r.err)
			}
			if tt.want == nil {
				return
			}
			var rows []struct{ Kind string }
			if err := json.Unmarshal([]byte(r.out), &rows); err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, row := range rows {
				got[row.Kind]++
			}
			if len(got) != len(tt.want) || got[kindBackup] != tt.want[kindBackup] || got[kindCopy] != tt.want[kindCopy] {
				t.Errorf("rows by kind %v, want %v", got, tt.want)
			}
		})
	}
}
