package jobstore

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// orgOf returns the organization id of a seeded job and that organization's
// name as the server has it, then clears the request log.
func orgOf(t *testing.T, s *Store, srv *fakevbo.Server) (id, name string) {
	t.Helper()
	ctx := context.Background()
	job, err := s.GetJob(ctx, srv.JobID("Legal hold"))
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := s.client.Organizations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.ID == job.OrganizationID {
			srv.ResetRequests()
			return o.ID, o.Name
		}
	}
	t.Fatalf("job %q names organization %s, which the server does not list", job.Name, job.OrganizationID)
	return "", ""
}

func orgRequests(srv *fakevbo.Server) int {
	return len(srv.RequestsFor(http.MethodGet, "/Organizations"))
}

func TestOrganizationName_AsksAgainAfterAFailure(t *testing.T) {
	tests := []struct {
		name  string
		fault fakevbo.Fault
	}{
		{"server error", fakevbo.Fault{Status: http.StatusInternalServerError}},
		{"proxy's HTML page", fakevbo.Fault{Body: "<html>Bad gateway</html>", ContentType: "text/html"}},
		{"access denied", fakevbo.Fault{Status: http.StatusForbidden}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := newStore(t)
			ctx := context.Background()
			id, name := orgOf(t, s, srv)
			tt.fault.Method, tt.fault.Path = http.MethodGet, "/Organizations"
			srv.InjectFault(tt.fault)

			if got, want := s.OrganizationName(ctx, id), id[:8]+"…"; got != want {
				t.Errorf("while the server fails: %q, want the short id %q", got, want)
			}
			if got := s.OrganizationName(ctx, id); got != name {
				t.Errorf("once the server answers: %q, want %q (the failure was kept)", got, name)
			}
			if got := s.OrganizationName(ctx, id); got != name {
				t.Errorf("third call: %q, want %q", got, name)
			}
			if n := orgRequests(srv); n != 2 {
				t.Errorf("%d GET /Organizations, want 2: the failed one and the one that succeeded", n)
			}
		})
	}
}

// TestOrganizationName_NoLockWhileAsking holds the server's answer to the
// first load: meanwhile a caller whose context has ended must return at once
// (under a lock held across the request it would wait for the answer, which
// this test only releases after it: a deadlock), and the callers who wait
// share the one request.
func TestOrganizationName_NoLockWhileAsking(t *testing.T) {
	s, srv := newStore(t)
	ctx := context.Background()
	id, name := orgOf(t, s, srv)
	asked, release := make(chan struct{}), make(chan struct{})
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/Organizations", Hook: func() {
		close(asked)
		<-release
	}})

	first := make(chan string)
	go func() { first <- s.OrganizationName(ctx, id) }()
	<-asked

	ended, cancel := context.WithCancel(ctx)
	cancel()
	if got, want := s.OrganizationName(ended, id), id[:8]+"…"; got != want {
		t.Errorf("with an ended context during the load: %q, want the short id %q", got, want)
	}

	var wg sync.WaitGroup
	others := make([]string, 8)
	for i := range others {
		wg.Go(func() { others[i] = s.OrganizationName(ctx, id) })
	}
	close(release)
	if got := <-first; got != name {
		t.Errorf("the first caller got %q, want %q", got, name)
	}
	wg.Wait()
	for i, got := range others {
		if got != name {
			t.Errorf("caller %d got %q, want %q", i, got, name)
		}
	}
	if n := orgRequests(srv); n != 1 {
		t.Errorf("%d GET /Organizations, want 1 shared by every caller", n)
	}
}
