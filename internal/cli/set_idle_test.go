package cli

import (
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// set --every on a job that runs Daily changes a value the schedule does
// not use: the plan and the result line say that when the job runs is
// unaffected, for a job named and for a selection (G15).
func TestSet_AChangeTheScheduleDoesNotUseSaysSo(t *testing.T) {
	const note = `the schedule is unaffected: a Daily job does not use "Periodically every"; it is kept for when the job's type is Periodically`
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"a Daily job named", []string{"Legal hold", "--every", "Hours2"},
			[]string{"  note: " + note + "\n", "changed    Legal hold: " + note + "\n"}},
		{"a periodic job named: no note", []string{"SharePoint hourly", "--every", "Hours2"},
			[]string{"changed    SharePoint hourly\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion("v8"))
			r := vbosched(t, srv, "", append(append([]string{"set"}, tt.args...), "--yes", "--no-audit")...)
			if r.code != ExitOK {
				t.Fatalf("exit %d:\n%s%s", r.code, r.out, r.err)
			}
			for _, want := range tt.want {
				if !strings.Contains(r.out, want) {
					t.Errorf("output lacks %q:\n%s", want, r.out)
				}
			}
			if len(tt.want) == 1 && strings.Contains(r.out, "unaffected") {
				t.Errorf("a note on a job whose type uses the field:\n%s", r.out)
			}
		})
	}
}
