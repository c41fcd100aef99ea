package fakevbo

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestCopyJobs_ListedPerVersion(t *testing.T) {
	tests := []struct {
		v      string
		status int
		paged  bool
	}{
		{"v5", http.StatusNotFound, false},
		{"v6", http.StatusOK, false},
		{"v7", http.StatusOK, false},
		{"v8", http.StatusOK, true},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			srv := newTestServer(t, WithVersion(tt.v))
			tok := login(t, srv, tt.v)
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/"+tt.v+"/CopyJobs", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, raw)
			}
			if tt.status != http.StatusOK {
				return
			}
			var items []map[string]any
			if tt.paged {
				var page struct{ Results []map[string]any }
				_ = json.Unmarshal(raw, &page)
				items = page.Results
			} else if err := json.Unmarshal(raw, &items); err != nil {
				t.Fatalf("not an array: %s", raw)
			}
			if len(items) != len(copySeeds) {
				t.Fatalf("%d copy jobs, want %d", len(items), len(copySeeds))
			}
			for _, c := range items {
				if srv.Job(str(c["backupJobId"])) == nil {
					t.Errorf("copy job %v points at no backup job", c["name"])
				}
			}
		})
	}
}

func TestCopyJobPut_FollowsTheVendorDocuments(t *testing.T) {
	policy := func(extra string) string {
		return fmt.Sprintf(`{"type":"Periodically","periodicallyEvery":"Hours4","backupCopyWindowEnabled":true,"backupCopyWindowSettings":%s%s}`, window(168), extra)
	}
	tests := []struct {
		name   string
		v      string
		body   func(id, src string) string
		status int
		want   string // in the error message
	}{
		{"v8 edit body", "v8", func(id, src string) string {
			return fmt.Sprintf(`{"backupJobId":%q,"isEnabled":false,"schedulePolicy":%s}`, src, policy(""))
		}, http.StatusNoContent, ""},
		{"v7 takes the document", "v7", func(id, src string) string {
			return fmt.Sprintf(`{"id":%q,"name":"n","lastRun":null,"lastBackup":"x","backupJobId":%q,"schedulePolicy":%s}`, id, src, policy(""))
		}, http.StatusNoContent, ""},
		{"v8 refuses the document's name", "v8", func(id, src string) string {
			return fmt.Sprintf(`{"name":"n","schedulePolicy":%s}`, policy(""))
		}, http.StatusBadRequest, "name is not a property"},
		{"backup job's description refused", "v6", func(id, src string) string {
			return `{"description":"x"}`
		}, http.StatusBadRequest, "description is not a property"},
		{"backup job's retryNumber refused", "v7", func(id, src string) string {
			return fmt.Sprintf(`{"schedulePolicy":%s}`, policy(`,"retryNumber":3`))
		}, http.StatusBadRequest, "schedulePolicy.retryNumber is not a property"},
		{"backup job's type refused", "v8", func(id, src string) string {
			return `{"schedulePolicy":{"type":"Daily"}}`
		}, http.StatusBadRequest, `"Daily" is not one of Immediate, Periodically, DailyAtTime`},
		{"Hours12 before v8 refused", "v7", func(id, src string) string {
			return `{"schedulePolicy":{"type":"Periodically","periodicallyEvery":"Hours12"}}`
		}, http.StatusBadRequest, "periodicallyEvery"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, WithVersion(tt.v))
			tok := login(t, srv, tt.v)
			id := srv.CopyJobIDs()[0]
			src := str(srv.CopyJob(id)["backupJobId"])
			status, doc := call(t, srv, http.MethodPut, tok, "/"+tt.v+"/CopyJobs/"+id, tt.body(id, src))
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, doc)
			}
			if tt.want != "" && !strings.Contains(fmt.Sprint(doc), tt.want) {
				t.Errorf("error %v does not say %q", doc, tt.want)
			}
			if tt.status == http.StatusNoContent {
				p := srv.CopyJob(id)["schedulePolicy"].(map[string]any)
				if p["periodicallyEvery"] != "Hours4" || p["type"] != "Periodically" {
					t.Errorf("edit not stored: %v", p)
				}
			}
		})
	}
}

func TestCopyJobs_SeedPutBackAsReadIsAccepted(t *testing.T) {
	for _, v := range []string{"v6", "v7"} {
		srv := newTestServer(t, WithVersion(v))
		tok := login(t, srv, v)
		for _, id := range srv.CopyJobIDs() {
			b, _ := json.Marshal(srv.CopyJob(id))
			if status, doc := call(t, srv, http.MethodPut, tok, "/"+v+"/CopyJobs/"+id, string(b)); status != http.StatusNoContent {
				t.Errorf("%s %s: %d %v", v, id, status, doc)
			}
		}
	}
}
