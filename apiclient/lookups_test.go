package apiclient

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestLookups_ReadEveryRepositoryAndProxyOnEachVersion reads the fake's two
// repositories and two proxies on a version with arrays and on v8 with
// pages of one item, so a second page must be asked for by offset; the
// request log shows the version-relative path and, on v8, the paging.
func TestLookups_ReadEveryRepositoryAndProxyOnEachVersion(t *testing.T) {
	for _, tc := range []struct {
		version string
		paged   bool
	}{
		{"v2", false}, {"v5", false}, {"v6", false}, {"v7", false}, {"v8", true},
	} {
		t.Run(tc.version, func(t *testing.T) {
			srv := newTLS(t, fakevbo.WithVersion(tc.version))
			c := newClient(t, srv, func(cfg *Config) { cfg.PageSize = 1 })
			ctx := context.Background()
			repos, err := c.BackupRepositories(ctx)
			if err != nil {
				t.Fatal(err)
			}
			proxies, err := c.Proxies(ctx)
			if err != nil {
				t.Fatal(err)
			}
			zurich := srv.RepositoryID("Zürich Objektspeicher")
			zrh := srv.ProxyID("vbo-proxy-zrh.corp.example")
			if len(repos) != 2 || repos[1] != (Repository{ID: zurich, Name: "Zürich Objektspeicher", ProxyID: zrh}) {
				t.Errorf("repositories = %+v, want two, the second Zürich's behind proxy %s", repos, zrh)
			}
			if len(proxies) != 2 || proxies[1] != (Proxy{ID: zrh, HostName: "vbo-proxy-zrh.corp.example"}) {
				t.Errorf("proxies = %+v, want two, the second vbo-proxy-zrh", proxies)
			}
			for _, path := range []string{"/BackupRepositories", "/Proxies"} {
				var got []fakevbo.Request
				for _, r := range srv.Requests() {
					if strings.HasSuffix(r.Path, path) {
						got = append(got, r)
					}
				}
				// v8 asks for a few pages at once after the first, so pages
				// past the end may be asked for too: offsets 0 and 1 must be.
				offsets := map[string]bool{}
				for _, r := range got {
					if r.Method != http.MethodGet || r.Path != "/"+tc.version+path {
						t.Errorf("sent %s %s, want GET /%s%s", r.Method, r.Path, tc.version, path)
					}
					if tc.paged && r.Query.Get("limit") != "1" {
						t.Errorf("v8 page asked with %v, want limit=1", r.Query)
					}
					offsets[r.Query.Get("offset")] = true
				}
				switch {
				case tc.paged && (!offsets["0"] || !offsets["1"]):
					t.Errorf("%s pages asked at offsets %v, want 0 and 1", path, offsets)
				case !tc.paged && (len(got) != 1 || len(got[0].Query) > 0):
					t.Errorf("%s: %d requests (%v), want one without a query: only v8 pages", path, len(got), got)
				}
			}
		})
	}
}
