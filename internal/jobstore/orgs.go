package jobstore

import (
	"context"
	"strings"
	"sync"

	"github.com/vbosched/vbosched/apiclient"
)

// orgNames holds organization names by lower-case id, loaded from the server
// on first use. Concurrent callers share one request, and no lock is held
// while it is out, so a caller whose context ends stops waiting at once. A
// failed load is not kept: the caller that asks next tries again, since the
// failure (a proxy restarting, a dropped connection) is usually passing.
// Callers who waited share the outcome of the load they waited for, even a
// failure that came from the loading caller's context ending.
type orgNames struct {
	mu     sync.Mutex
	names  map[string]string // nil until a load succeeds
	flight *orgFlight        // the load in progress, or nil
}

// orgFlight is one load; names and err are set before done is closed.
type orgFlight struct {
	done  chan struct{}
	names map[string]string
	err   error
}

// get returns the names, loading them with client unless a load succeeded
// before; callers arriving during a load wait for its result.
func (o *orgNames) get(ctx context.Context, client *apiclient.Client) (map[string]string, error) {
	o.mu.Lock()
	if o.names != nil {
		names := o.names
		o.mu.Unlock()
		return names, nil
	}
	if f := o.flight; f != nil {
		o.mu.Unlock()
		select {
		case <-f.done:
			return f.names, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &orgFlight{done: make(chan struct{})}
	o.flight = f
	o.mu.Unlock()

	f.names, f.err = loadOrgNames(ctx, client)
	o.mu.Lock()
	o.flight = nil
	if f.err == nil {
		o.names = f.names
	}
	o.mu.Unlock()
	close(f.done)
	return f.names, f.err
}

func loadOrgNames(ctx context.Context, client *apiclient.Client) (map[string]string, error) {
	orgs, err := client.Organizations(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(orgs))
	for _, org := range orgs {
		names[strings.ToLower(org.ID)] = org.Name
	}
	return names, nil
}
