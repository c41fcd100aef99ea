package fakevbo

import (
	"net/http"
	"strings"
)

// The lookups jobs name by id: backup repositories (RESTBackupRepository,
// whose proxyId names the proxy that writes to it) and backup proxies
// (RESTProxy: id and hostName). v2–v7 answer arrays, v8 pages
// (PageOfRESTBackupRepository, PageOfRESTProxy).

type repo struct{ ID, Name, Path, Proxy string }

type proxy struct{ ID, HostName string }

func seedProxies() []proxy {
	return []proxy{
		{stableID("proxy vbo01"), "vbo01.corp.example"},
		{stableID("proxy zrh"), "vbo-proxy-zrh.corp.example"},
	}
}

// seedRepos gives each seeded organization's jobs a repository: the
// organization with index 2 (Müller & Söhne, in Zürich) backs up to its
// own repository behind the second proxy, so grouping by repository or
// proxy splits the demo's jobs.
func seedRepos(proxies []proxy) []repo {
	return []repo{
		{stableID("repo"), "Default Backup Repository", `C:\VeeamRepository`, proxies[0].ID},
		{stableID("repo zurich"), "Zürich Objektspeicher", `D:\Backup\Zuerich`, proxies[1].ID},
	}
}

// repoOfOrg is the index in seedRepos of the repository an organization's
// jobs back up to.
func repoOfOrg(orgIndex int) int {
	if orgIndex == 2 {
		return 1
	}
	return 0
}

// RepositoryID returns the id of the seeded repository with the name, or
// "" if there is none.
func (s *Server) RepositoryID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.repos {
		if r.Name == name {
			return r.ID
		}
	}
	return ""
}

// ProxyID returns the id of the seeded proxy with the host name, or "".
func (s *Server) ProxyID(hostName string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.proxies {
		if p.HostName == hostName {
			return p.ID
		}
	}
	return ""
}

func (s *Server) listRepositories(w http.ResponseWriter, r *http.Request, v apiVersion) {
	// Every version documents proxyId as a filter.
	only := r.URL.Query().Get("proxyId")
	items := []any{}
	for _, rp := range s.repos {
		if only != "" && !strings.EqualFold(only, rp.Proxy) {
			continue
		}
		items = append(items, map[string]any{"id": rp.ID, "name": rp.Name, "description": "", "path": rp.Path,
			"proxyId": rp.Proxy, "isLongTerm": false, "retentionType": "ItemLevel"})
	}
	s.writeList(w, r, v, items)
}

func (s *Server) listProxies(w http.ResponseWriter, r *http.Request, v apiVersion) {
	items := make([]any, len(s.proxies))
	for i, p := range s.proxies {
		doc := map[string]any{"id": p.ID, "hostName": p.HostName, "description": "", "port": 9193,
			"status": "Online", "type": "Domain"}
		if v >= 7 {
			doc["fqdn"] = p.HostName // fqdn is documented from v7 on
		}
		items[i] = doc
	}
	s.writeList(w, r, v, items)
}
