package fakevbo

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// getList reads a collection as a client of version v sees it: v8's page
// must carry offset, limit and results; older versions answer an array.
func getList(t *testing.T, srv *Server, v, path string) []map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/"+v+path, nil)
	req.Header.Set("Authorization", "Bearer "+login(t, srv, v))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /%s%s = %d %s", v, path, resp.StatusCode, raw)
	}
	var items []map[string]any
	if v == "v8" {
		var page struct {
			Offset  *int             `json:"offset"`
			Limit   *int             `json:"limit"`
			Results []map[string]any `json:"results"`
		}
		if err := json.Unmarshal(raw, &page); err != nil || page.Offset == nil || page.Limit == nil || page.Results == nil {
			t.Fatalf("GET /v8%s is not a page (offset, limit and results are required): %s", path, raw)
		}
		return page.Results
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatalf("GET /%s%s is not an array: %s", v, path, raw)
	}
	return items
}

// TestLookups_ResolveEveryJobsRepositoryAndProxy checks, on each version,
// that every seeded job's repository is listed, that every repository's
// proxyId names a listed proxy, and that there are two proxies: the demo's
// grouping by proxy depends on all three.
func TestLookups_ResolveEveryJobsRepositoryAndProxy(t *testing.T) {
	for _, v := range []string{"v2", "v3", "v4", "v5", "v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newTestServer(t, WithVersion(v))
			proxies := map[string]string{}
			for _, p := range getList(t, srv, v, "/Proxies") {
				proxies[str(p["id"])] = str(p["hostName"])
			}
			if len(proxies) != 2 {
				t.Fatalf("proxies = %v, want 2", proxies)
			}
			repoProxy := map[string]string{}
			for _, r := range getList(t, srv, v, "/BackupRepositories") {
				if str(r["name"]) == "" || proxies[str(r["proxyId"])] == "" {
					t.Errorf("repository %v: want a name and a listed proxyId", r)
				}
				repoProxy[str(r["id"])] = str(r["proxyId"])
			}
			used := map[string]bool{}
			for _, j := range srv.jobs {
				links, _ := j["_links"].(map[string]any)
				href := str(links["backupRepository"].(map[string]any)["href"])
				id := href[strings.LastIndex(href, "/")+1:]
				if rid, ok := j["repositoryId"]; ok && rid != id {
					t.Errorf("job %s: repositoryId %v but link %s", j["name"], rid, href)
				}
				if repoProxy[id] == "" {
					t.Errorf("job %s: repository %s is not listed", j["name"], id)
				}
				used[repoProxy[id]] = true
			}
			if len(used) != 2 {
				t.Errorf("the jobs' repositories sit behind %d proxies, want both", len(used))
			}
		})
	}
}

// TestBackupRepositories_FilterByProxy: every version documents proxyId as
// a filter of GET /BackupRepositories.
func TestBackupRepositories_FilterByProxy(t *testing.T) {
	srv := newTestServer(t, WithVersion("v8"))
	zrh := srv.ProxyID("vbo-proxy-zrh.corp.example")
	got := getList(t, srv, "v8", "/BackupRepositories?proxyId="+zrh)
	if len(got) != 1 || got[0]["name"] != "Zürich Objektspeicher" {
		t.Errorf("repositories behind %s = %v, want only Zürich's", zrh, got)
	}
}
