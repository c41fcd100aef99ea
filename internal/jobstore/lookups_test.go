package jobstore

import (
	"context"
	"net/http"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

func requestsFor(srv *fakevbo.Server, path string) int {
	return len(srv.RequestsFor(http.MethodGet, path))
}

// TestProxyOf_ResolvesTheJobsRepositoryOnEachVersion follows a job's
// repository to its proxy: v2–v5 jobs name their repository only in a link,
// v6+ in repositoryId too; either way the demo's Zürich job sits behind the
// second proxy. The lists are read once however often one asks.
func TestProxyOf_ResolvesTheJobsRepositoryOnEachVersion(t *testing.T) {
	for _, v := range []string{"v2", "v5", "v6", "v8"} {
		t.Run(v, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion(v))
			ctx := context.Background()
			job, err := s.GetJob(ctx, srv.JobID("Projektdaten Zürich"))
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				id, name, err := s.ProxyOf(ctx, job.RepositoryID)
				if err != nil || id != srv.ProxyID("vbo-proxy-zrh.corp.example") || name != "vbo-proxy-zrh.corp.example" {
					t.Fatalf("ProxyOf(%q) = %q, %q, %v; want the Zürich proxy", job.RepositoryID, id, name, err)
				}
				if got := s.RepositoryName(ctx, job.RepositoryID); got != "Zürich Objektspeicher" {
					t.Fatalf("RepositoryName = %q", got)
				}
			}
			if r, p := requestsFor(srv, "/BackupRepositories"), requestsFor(srv, "/Proxies"); r != 1 || p != 1 {
				t.Errorf("%d GET /BackupRepositories and %d GET /Proxies, want one each for the session", r, p)
			}
		})
	}
}

// TestLookups_AskAgainAfterAFailure: a failed list is not kept, and while it
// fails, grouping by proxy is an error (it would put every job in one wrong
// group) but a repository's name falls back to its short id.
func TestLookups_AskAgainAfterAFailure(t *testing.T) {
	for _, path := range []string{"/BackupRepositories", "/Proxies"} {
		t.Run(path, func(t *testing.T) {
			s, srv := newStore(t)
			ctx := context.Background()
			repo := srv.RepositoryID("Zürich Objektspeicher")
			srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: path, Status: http.StatusInternalServerError})
			if _, _, err := s.ProxyOf(ctx, repo); err == nil {
				t.Fatalf("ProxyOf while %s fails: no error", path)
			}
			if _, _, err := s.ProxyOf(ctx, repo); err != nil {
				t.Fatalf("ProxyOf once the server answers: %v (the failure was kept)", err)
			}
			if n := requestsFor(srv, path); n != 2 {
				t.Errorf("%d GET %s, want 2: the failed one and the one that succeeded", n, path)
			}
		})
	}
	s, srv := newStore(t)
	repo := srv.RepositoryID("Zürich Objektspeicher")
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/BackupRepositories", Status: http.StatusForbidden})
	if got, want := s.RepositoryName(context.Background(), repo), repo[:8]+"…"; got != want {
		t.Errorf("RepositoryName while the list fails = %q, want the short id %q", got, want)
	}
}

// TestLookups_NoLockWhileAsking holds the repositories' answer: a caller
// whose context has ended returns at once instead of waiting behind it,
// and the caller that waits shares the one request.
func TestLookups_NoLockWhileAsking(t *testing.T) {
	s, srv := newStore(t)
	ctx := context.Background()
	repo := srv.RepositoryID("Zürich Objektspeicher")
	asked, release := make(chan struct{}), make(chan struct{})
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/BackupRepositories", Hook: func() {
		close(asked)
		<-release
	}})
	first := make(chan string)
	go func() { first <- s.RepositoryName(ctx, repo) }()
	<-asked
	ended, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := s.ProxyOf(ended, repo); err == nil {
		t.Error("ProxyOf with an ended context during the load: no error")
	}
	second := make(chan string)
	go func() { second <- s.RepositoryName(ctx, repo) }()
	close(release)
	for _, ch := range []chan string{first, second} {
		if got := <-ch; got != "Zürich Objektspeicher" {
			t.Errorf("a caller got %q", got)
		}
	}
	if n := requestsFor(srv, "/BackupRepositories"); n != 1 {
		t.Errorf("%d GET /BackupRepositories, want 1", n)
	}
}
