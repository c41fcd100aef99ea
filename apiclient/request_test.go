package apiclient

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// TestFirstCall_SpeaksTheFoundVersion calls each method first on a fresh
// client with version "auto": the method must log in (finding the version)
// before its path gets a /vN prefix, or it would ask for /v0/….
func TestFirstCall_SpeaksTheFoundVersion(t *testing.T) {
	calls := []struct {
		name   string
		method string
		path   string // what the call's own request asks for, under /vN
		call   func(ctx context.Context, c *Client, id string) error
	}{
		{"ListJobs", http.MethodGet, "/Jobs", func(ctx context.Context, c *Client, _ string) error {
			_, err := c.ListJobs(ctx)
			return err
		}},
		{"GetJob", http.MethodGet, "/Jobs/{id}", func(ctx context.Context, c *Client, id string) error {
			_, err := c.GetJob(ctx, id)
			return err
		}},
		{"UpdateJob", http.MethodPut, "/Jobs/{id}", func(ctx context.Context, c *Client, id string) error {
			return c.UpdateJob(ctx, id, []byte(`{"name":"renamed"}`))
		}},
		{"StartJob", http.MethodPost, "/Jobs/{id}/", func(ctx context.Context, c *Client, id string) error {
			return c.StartJob(ctx, id)
		}},
		{"Organizations", http.MethodGet, "/Organizations", func(ctx context.Context, c *Client, _ string) error {
			_, err := c.Organizations(ctx)
			return err
		}},
	}
	for _, version := range []string{"v2", "v6", "v8"} {
		for _, tc := range calls {
			t.Run(version+"/"+tc.name, func(t *testing.T) {
				srv := newTLS(t, fakevbo.WithVersion(version))
				c := newClient(t, srv)
				id := srv.JobID("Legal hold")
				if err := tc.call(context.Background(), c, id); err != nil {
					t.Fatalf("%s as the first call: %v", tc.name, err)
				}
				want := "/" + version + strings.ReplaceAll(tc.path, "{id}", id)
				sent := false
				for _, r := range srv.Requests() {
					if strings.HasSuffix(strings.ToLower(r.Path), "/serviceinstance") {
						continue // the version probe tries several on purpose
					}
					if !strings.HasPrefix(r.Path, "/"+version+"/") {
						t.Errorf("%s %s is not under /%s/", r.Method, r.Path, version)
					}
					sent = sent || r.Method == tc.method && strings.HasPrefix(r.Path, want)
				}
				if !sent {
					t.Errorf("no %s %s… among %v", tc.method, want, srv.Requests())
				}
			})
		}
	}
}

// recordingTransport notes each request's User-Agent.
type recordingTransport struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []string
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.seen = append(rt.seen, r.Header.Get("User-Agent"))
	rt.mu.Unlock()
	return rt.next.RoundTrip(r)
}

func TestUserAgent_FromConfigOnEveryRequest(t *testing.T) {
	tests := []struct {
		name, config, want string
	}{
		{"set by the program", "vbosched/1.2.3", "vbosched/1.2.3"},
		{"left empty", "", DefaultUserAgent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLS(t)
			rt := &recordingTransport{next: srv.Client().Transport}
			c := newClient(t, srv, func(c *Config) {
				c.UserAgent = tt.config
				c.HTTPClient = &http.Client{Transport: rt}
			})
			ctx := context.Background()
			if _, err := c.ListJobs(ctx); err != nil {
				t.Fatal(err)
			}
			if err := c.Logout(ctx); err != nil {
				t.Fatal(err)
			}
			// Probe, login, list and logout: each names the program.
			if len(rt.seen) < 4 {
				t.Fatalf("%d requests seen, want at least 4", len(rt.seen))
			}
			for i, ua := range rt.seen {
				if ua != tt.want {
					t.Errorf("request %d: User-Agent %q, want %q", i, ua, tt.want)
				}
			}
		})
	}
}
