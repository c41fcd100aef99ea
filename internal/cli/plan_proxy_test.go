package cli

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestPlan_ByProxyThroughTheRepositories: the demo's jobs of contoso and
// fabrikam back up to the default repository behind vbo01 (five planned
// and counted, Legal hold disabled), Müller's to Zürich's behind the
// second proxy (Archiv Geschäftsführung every 4 hours at :15 from 08:00
// on workdays; Projektdaten Zürich is manual only, so not planned). The
// demo's three backup copy jobs copy jobs of contoso and fabrikam, so they
// are behind vbo01 too (their proxy is their source job's); one of them is
// disabled.
func TestPlan_ByProxyThroughTheRepositories(t *testing.T) {
	for _, v := range []string{"v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			r := vbosched(t, srv, "", "plan", "--by", "proxy")
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			for _, want := range []string{
				"Proxy vbo01.corp.example\n5 backup job(s) and 2 backup copy job(s) planned, 2 disabled (not counted);",
				"Proxy vbo-proxy-zrh.corp.example\n1 job(s) planned;",
				"  Mon 08:00  1 start, 1 may run: Archiv Geschäftsführung\n",
			} {
				if !strings.Contains(r.out, want) {
					t.Errorf("output lacks %q:\n%s", want, r.out)
				}
			}
			if strings.Index(r.out, "vbo01") > strings.Index(r.out, "vbo-proxy-zrh") {
				t.Error("groups are not in the order of their first job (vbo01's Exchange nightly comes first)")
			}
		})
	}
}

func TestPlanJSON_ByProxyNamesAndCountsEachGroup(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "plan", "--by", "proxy", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var doc []planGroup
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.out)
	}
	type group struct {
		key, name string
		jobs      int
	}
	var got []group
	for _, g := range doc {
		got = append(got, group{g.Key, g.Name, g.Jobs})
	}
	want := []group{
		{srv.ProxyID("vbo01.corp.example"), "vbo01.corp.example", 9}, // 6 backup jobs, 3 copy jobs
		{srv.ProxyID("vbo-proxy-zrh.corp.example"), "vbo-proxy-zrh.corp.example", 1},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("groups %+v, want %+v", got, want)
	}
}

// TestPlan_ByRepositoryShowsNames: repositories by name, not by id.
func TestPlan_ByRepositoryShowsNames(t *testing.T) {
	r := vbosched(t, newServer(t), "", "plan", "--by", "repository")
	for _, want := range []string{"Repository Default Backup Repository\n", "Repository Zürich Objektspeicher\n"} {
		if r.code != 0 || !strings.Contains(r.out, want) {
			t.Errorf("exit %d, output lacks %q:\n%s%s", r.code, want, r.out, r.err)
		}
	}
}

// TestPlan_ByProxyFailsWhenTheListsCannotBeRead: without the repositories
// every job would land in one wrong group, so the command fails and says
// what it could not read.
func TestPlan_ByProxyFailsWhenTheListsCannotBeRead(t *testing.T) {
	for _, path := range []string{"/BackupRepositories", "/Proxies"} {
		t.Run(path, func(t *testing.T) {
			srv := newServer(t)
			srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: path, Status: http.StatusForbidden})
			r := vbosched(t, srv, "", "plan", "--by", "proxy")
			if r.code != ExitFailed || !strings.Contains(r.err, "plan --by proxy: reading the backup") {
				t.Errorf("exit %d, stderr %q; want %d and what could not be read", r.code, r.err, ExitFailed)
			}
		})
	}
}
