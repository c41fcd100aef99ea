package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestJobs_ListsCopyJobsWithTheirKindAndSource: from v6 on `jobs` lists the
// backup copy jobs beside the backup jobs, KIND naming the source backup job,
// and --json carries kind and the source's id and name; before v6 there are
// none and nothing else changes.
func TestJobs_ListsCopyJobsWithTheirKindAndSource(t *testing.T) {
	for _, tt := range []struct {
		v      string
		copies int
	}{{"v5", 0}, {"v6", 3}, {"v7", 3}, {"v8", 3}} {
		t.Run(tt.v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(tt.v))
			r := vbosched(t, srv, "", "jobs")
			if r.code != ExitOK {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			if got := strings.Count(r.out, "copy of "); got != tt.copies {
				t.Errorf("%d copy rows, want %d:\n%s", got, tt.copies, r.out)
			}
			if tt.copies > 0 && !strings.Contains(r.out, "copy of Exchange nightly") {
				t.Errorf("the copy job's source is not named:\n%s", r.out)
			}
			var rows []jobSummary
			if err := json.Unmarshal([]byte(vbosched(t, srv, "", "jobs", "--json").out), &rows); err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, row := range rows {
				kinds[row.Kind]++
				if row.Kind == kindCopy && (row.SourceJobName == "" || row.SourceJobID != srv.JobID(row.SourceJobName) || row.OrganizationName == "") {
					t.Errorf("copy row %+v lacks its source job or organization", row)
				}
			}
			if kinds[kindCopy] != tt.copies || kinds[kindBackup] != 8 {
				t.Errorf("kinds = %v, want 8 backup and %d copy", kinds, tt.copies)
			}
		})
	}
}
