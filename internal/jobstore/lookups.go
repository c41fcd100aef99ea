package jobstore

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/model"
)

// lookup holds one list read from the server for the session, loaded on
// first use, with the rules of orgNames: concurrent callers share one
// request, no lock is held while it is out (a caller whose context ends
// stops waiting at once), and a failure is not kept, so the next caller
// asks again.
type lookup[T any] struct {
	mu     sync.Mutex
	val    *T
	flight *lookupFlight[T]
	load   func(context.Context) (T, error)
}

type lookupFlight[T any] struct {
	done chan struct{}
	val  T
	err  error
}

func (l *lookup[T]) get(ctx context.Context) (T, error) {
	l.mu.Lock()
	if l.val != nil {
		v := *l.val
		l.mu.Unlock()
		return v, nil
	}
	if f := l.flight; f != nil {
		l.mu.Unlock()
		select {
		case <-f.done:
			return f.val, f.err
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
	}
	f := &lookupFlight[T]{done: make(chan struct{})}
	l.flight = f
	l.mu.Unlock()

	f.val, f.err = l.load(ctx)
	l.mu.Lock()
	l.flight = nil
	if f.err == nil {
		v := f.val
		l.val = &v
	}
	l.mu.Unlock()
	close(f.done)
	return f.val, f.err
}

// lookups are the repository and proxy lists, shared by the copies
// WithUser makes.
type lookups struct {
	repos   lookup[map[string]model.PlanRepository]
	proxies lookup[map[string]string]
}

func newLookups(client *apiclient.Client) *lookups {
	l := &lookups{}
	l.repos.load = func(ctx context.Context) (map[string]model.PlanRepository, error) {
		repos, err := client.BackupRepositories(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the backup repositories (to name them and find their proxies): %w", err)
		}
		out := make(map[string]model.PlanRepository, len(repos))
		for _, r := range repos {
			out[strings.ToLower(r.ID)] = model.PlanRepository{Name: r.Name, ProxyID: r.ProxyID}
		}
		return out, nil
	}
	l.proxies.load = func(ctx context.Context) (map[string]string, error) {
		proxies, err := client.Proxies(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the backup proxies (to name them): %w", err)
		}
		out := make(map[string]string, len(proxies))
		for _, p := range proxies {
			out[strings.ToLower(p.ID)] = p.HostName
		}
		return out, nil
	}
	return l
}

// RepositoryName returns the repository's name, or a short form of its id
// when the repositories cannot be read or do not list it (names are for
// display only). The list is read once a session; after a failure the
// next call asks again.
func (s *Store) RepositoryName(ctx context.Context, id string) string {
	repos, _ := s.lookups.repos.get(ctx)
	if r, ok := repos[strings.ToLower(id)]; ok && r.Name != "" {
		return r.Name
	}
	return shortID(id)
}

// ProxyOf returns the id and host name of the proxy that writes to the
// repository. An error says the lists could not be read; a repository the
// server does not list, or one without a proxy (a v8 proxy pool), gives
// an empty id and model.UnknownRepositoryGroup or model.NoProxyGroup as
// the name. A proxy missing from the proxies list is named by its id.
func (s *Store) ProxyOf(ctx context.Context, repositoryID string) (id, name string, err error) {
	names, err := s.PlanNames(ctx, model.GroupProxy)
	if err != nil {
		return "", "", err
	}
	r, ok := names.Repositories[strings.ToLower(repositoryID)]
	switch {
	case !ok:
		return "", model.UnknownRepositoryGroup, nil
	case r.ProxyID == "":
		return "", model.NoProxyGroup, nil
	}
	if n := names.Proxies[strings.ToLower(r.ProxyID)]; n != "" {
		return r.ProxyID, n, nil
	}
	return r.ProxyID, r.ProxyID, nil
}

// PlanNames reads what grouping by g needs, once a session: organization
// names (display only: on failure they show as ids, as everywhere),
// repositories, and for GroupProxy the proxies. Failing to read a list
// that grouping depends on is an error: grouping by proxy without the
// repositories would put every job in one wrong group.
func (s *Store) PlanNames(ctx context.Context, g model.PlanGrouping) (model.PlanNames, error) {
	var names model.PlanNames
	var err error
	if g == model.GroupOrganization {
		names.Organizations, _ = s.orgs.get(ctx, s.client)
	}
	if g == model.GroupRepository || g == model.GroupProxy {
		if names.Repositories, err = s.lookups.repos.get(ctx); err != nil {
			return model.PlanNames{}, err
		}
	}
	if g == model.GroupProxy {
		if names.Proxies, err = s.lookups.proxies.get(ctx); err != nil {
			return model.PlanNames{}, err
		}
	}
	return names, nil
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8] + "…"
	}
	return id
}
