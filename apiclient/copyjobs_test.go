package apiclient

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestCopyJobs_ListGetPutOnEachVersion reads every copy job (v8 in pages of
// one), reads one, puts it back with a change and sees the change stored;
// before v6 the list is empty and nothing is asked.
func TestCopyJobs_ListGetPutOnEachVersion(t *testing.T) {
	for _, tc := range []struct {
		version string
		want    int
	}{
		{"v5", 0}, {"v6", 3}, {"v7", 3}, {"v8", 3},
	} {
		t.Run(tc.version, func(t *testing.T) {
			srv := newTLS(t, fakevbo.WithVersion(tc.version))
			c := newClient(t, srv, func(cfg *Config) { cfg.PageSize = 1 })
			ctx := context.Background()
			docs, err := c.ListCopyJobs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != tc.want {
				t.Fatalf("%d copy jobs, want %d", len(docs), tc.want)
			}
			if tc.want == 0 {
				if got := srv.RequestsFor(http.MethodGet, "CopyJobs"); len(got) != 0 {
					t.Errorf("asked %v before v6", got)
				}
				return
			}
			var first struct {
				ID          string `json:"id"`
				BackupJobID string `json:"backupJobId"`
			}
			_ = json.Unmarshal(docs[0], &first)
			if _, err := c.GetCopyJob(ctx, first.ID); err != nil {
				t.Fatal(err)
			}
			body := `{"backupJobId":"` + first.BackupJobID + `","isEnabled":false}`
			if err := c.UpdateCopyJob(ctx, first.ID, []byte(body)); err != nil {
				t.Fatal(err)
			}
			if srv.CopyJob(first.ID)["isEnabled"] != false {
				t.Errorf("PUT not stored: %v", srv.CopyJob(first.ID))
			}
			for _, r := range srv.RequestsFor(http.MethodPut, "CopyJobs") {
				if r.Path != "/"+tc.version+"/CopyJobs/"+first.ID {
					t.Errorf("PUT %s, want the version-relative path", r.Path)
				}
			}
		})
	}
}
