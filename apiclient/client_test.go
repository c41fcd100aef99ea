package apiclient

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

func newTLS(t *testing.T, opts ...fakevbo.Option) *fakevbo.Server {
	t.Helper()
	srv := fakevbo.NewTLSServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func caFile(t *testing.T, srv *fakevbo.Server) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func newClient(t *testing.T, srv *fakevbo.Server, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: srv.URL, APIVersion: "auto", Username: srv.Username, Password: srv.Password,
		TLS: TLSConfig{CAFile: caFile(t, srv)}}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func grants(srv *fakevbo.Server, grant string) int {
	n := 0
	for _, r := range srv.RequestsFor(http.MethodPost, "/token") {
		if strings.Contains(string(r.Body), "grant_type="+grant) {
			n++
		}
	}
	return n
}

func TestListJobs_PagesThroughV8(t *testing.T) {
	tests := []struct {
		name         string
		jobs         int
		pageSize     int
		maxRequests  int
		wantRequests int // exactly, when not 0
	}{
		{"45 jobs fit the default page", 45, 0, 1, 1},
		{"small pages are all read", 45, 7, 7 + pagesInFlight, 0},
		{"a page size over the documented maximum is capped", 45, 20000, 1, 1},
		{"10,000 jobs in large pages, a few at a time", 10000, 0, 20, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLS(t, fakevbo.WithJobs(tt.jobs))
			c := newClient(t, srv, func(c *Config) { c.PageSize = tt.pageSize })
			jobs, err := c.ListJobs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if c.APIVersion() != 8 {
				t.Errorf("auto found v%d, want v8", c.APIVersion())
			}
			lists := srv.RequestsFor(http.MethodGet, "/v8/Jobs")
			if n := len(lists); n > tt.maxRequests || tt.wantRequests > 0 && n != tt.wantRequests {
				t.Errorf("%d list requests for %d jobs, want at most %d", n, tt.jobs, tt.maxRequests)
			}
			wantLimit := strconv.Itoa(min(cmp.Or(tt.pageSize, DefaultPageSize), MaxPageSize))
			for _, r := range lists {
				if l := r.Query.Get("limit"); l != wantLimit {
					t.Errorf("a list request asked for limit %q, want %s", l, wantLimit)
				}
			}
			// Every job once, in the server's order, although pages
			// arrive side by side.
			var want []string
			for _, r := range srv.Jobs() {
				want = append(want, r["id"].(string))
			}
			var got []string
			for _, raw := range jobs {
				var j struct{ ID string }
				_ = json.Unmarshal(raw, &j)
				got = append(got, j.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("ListJobs returned %d jobs, want the server's %d in its order", len(got), len(want))
			}
		})
	}
}

func TestListJobPages_AFailedPageFailsTheList(t *testing.T) {
	srv := newTLS(t, fakevbo.WithJobs(100))
	// The first two pages are answered; the third is not.
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/v8/Jobs", Times: 2, Hook: func() {}})
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/v8/Jobs", Status: http.StatusGatewayTimeout})
	c := newClient(t, srv, func(c *Config) { c.PageSize = 10 })
	jobs, err := c.ListJobs(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || jobs != nil {
		t.Fatalf("a page answered 504: ListJobs = %d jobs, %v; want no jobs and the *APIError", len(jobs), err)
	}
	pages := 0
	err = c.ListJobPages(context.Background(), func(items []json.RawMessage) error {
		pages++
		return errors.New("enough")
	})
	if err == nil || err.Error() != "enough" || pages != 1 {
		t.Errorf("each's error: got %v after %d pages, want it returned after the first", err, pages)
	}
}

func TestVersions(t *testing.T) {
	for _, v := range []string{"v2", "v5", "v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newTLS(t, fakevbo.WithVersion(v))
			c := newClient(t, srv)
			ctx := context.Background()
			jobs, err := c.ListJobs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := "v" + string(rune('0'+c.APIVersion())); got != v {
				t.Errorf("auto found %s, want %s", got, v)
			}
			var j struct {
				ID             string
				SchedulePolicy map[string]any
			}
			_ = json.Unmarshal(jobs[0], &j)
			doc, err := c.GetJob(ctx, j.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.UpdateJob(ctx, j.ID, []byte(`{"name":"renamed","schedulePolicy":{"type":"Daily","dailyType":"Monday"}}`)); err != nil {
				t.Fatalf("UpdateJob: %v", err)
			}
			if got := srv.Job(j.ID)["name"]; got != "renamed" {
				t.Errorf("name after PUT = %v", got)
			}
			if err := c.StartJob(ctx, j.ID); err != nil {
				t.Errorf("StartJob: %v", err)
			}
			if len(doc) == 0 {
				t.Error("GetJob returned nothing")
			}
			puts := srv.RequestsFor(http.MethodPut, "/Jobs/")
			if skip := puts[0].Query.Get("skipItemUpdate"); (v == "v8") != (skip == "true") {
				t.Errorf("skipItemUpdate = %q on %s", skip, v)
			}
			if err := c.Logout(ctx); err != nil {
				t.Errorf("Logout: %v", err)
			}
		})
	}
}

func TestPinnedVersion(t *testing.T) {
	srv := newTLS(t, fakevbo.WithVersion("v6"))
	c := newClient(t, srv, func(c *Config) { c.APIVersion = "v8" })
	_, err := c.ListJobs(context.Background())
	if !IsNotFound(err) {
		t.Errorf("v8 against a v6 server: %v, want a 404", err)
	}
	if _, err := New(Config{BaseURL: srv.URL, APIVersion: "v9"}); err == nil {
		t.Error("v9 accepted")
	}
}

func TestRefreshBeforeExpiry(t *testing.T) {
	srv := newTLS(t)
	c := newClient(t, srv)
	ctx := context.Background()
	if _, err := c.ListJobs(ctx); err != nil {
		t.Fatal(err)
	}
	base := time.Now()
	c.now = func() time.Time { return base.Add(59*time.Minute + 30*time.Second) } // inside the refresh margin
	if _, err := c.ListJobs(ctx); err != nil {
		t.Fatal(err)
	}
	if grants(srv, "refresh_token") != 1 || grants(srv, "password") != 1 {
		t.Errorf("password grants %d, refresh grants %d; want 1 and 1", grants(srv, "password"), grants(srv, "refresh_token"))
	}
}

func TestRetryOn401(t *testing.T) {
	srv := newTLS(t)
	c := newClient(t, srv)
	ctx := context.Background()
	if _, err := c.ListJobs(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ExpireTokens()
	if _, err := c.ListJobs(ctx); err != nil {
		t.Fatalf("after the server dropped the token: %v", err)
	}
	if grants(srv, "refresh_token") != 1 {
		t.Errorf("refresh grants = %d, want 1", grants(srv, "refresh_token"))
	}
	// A 401 that persists after refresh and login is an error, not a loop.
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/Jobs", Status: 401, Times: 5})
	_, err := c.ListJobs(ctx)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 401 {
		t.Errorf("persistent 401: %v", err)
	}
	if n := len(srv.RequestsFor(http.MethodGet, "/Jobs")); n != 3+2 {
		t.Errorf("%d list requests, want 5 (three before, the failing one and its one retry)", n)
	}
}

func TestLoginErrors(t *testing.T) {
	srv := newTLS(t, fakevbo.WithVersion("v7"))
	c := newClient(t, srv, func(c *Config) { c.Password = "wrong-secret" })
	_, err := c.ListJobs(context.Background())
	if err == nil || !strings.Contains(err.Error(), "user name or password is incorrect") {
		t.Fatalf("wrong password: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Errorf("error shows the password: %v", err)
	}
	for _, r := range srv.RequestsFor(http.MethodPost, "/token") {
		if !strings.Contains(string(r.Body), "disable_antiforgery_token=true") {
			t.Errorf("v7 login without disable_antiforgery_token: %s", r.Body)
		}
	}
}

func TestAPIErrorSurfacesMessage(t *testing.T) {
	srv := newTLS(t)
	c := newClient(t, srv)
	id := srv.JobID("Exchange nightly")
	err := c.UpdateJob(context.Background(), id, []byte(`{"schedulePolicy":{"type":"Daily","retryNumber":0}}`))
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("UpdateJob error %v is not an *APIError", err)
	}
	if ae.StatusCode != 400 || !strings.Contains(ae.Message, "retryNumber: 0 is out of range 1–777") || ae.ErrorCode != "ParameterValidationFailure" {
		t.Errorf("APIError = %+v", ae)
	}
	if strings.Contains(err.Error(), "Veeam.Archiver") || strings.Contains(err.Error(), "Bearer") {
		t.Errorf("error shows the stack trace or token: %v", err)
	}
	if _, err := c.GetJob(context.Background(), "no-such-job"); !IsNotFound(err) {
		t.Errorf("unknown job: %v", err)
	}
}

func TestTLSTrust(t *testing.T) {
	srv := newTLS(t)
	other := newTLS(t)
	ctx := context.Background()
	pin := Fingerprint(srv.Certificate())
	tests := []struct {
		name    string
		tls     TLSConfig
		wantErr string
	}{
		{"CA file", TLSConfig{CAFile: caFile(t, srv)}, ""},
		{"wrong CA", TLSConfig{CAFile: caFile(t, other)}, "certificate signed by unknown authority"},
		{"system roots only", TLSConfig{}, "certificate signed by unknown authority"},
		{"pin", TLSConfig{PinSHA256: pin}, ""},
		{"pin lower-case without colons", TLSConfig{PinSHA256: strings.ToLower(strings.ReplaceAll(pin, ":", ""))}, ""},
		{"wrong pin", TLSConfig{PinSHA256: Fingerprint(other.Certificate())}, "does not match the pinned one"},
		{"insecure", TLSConfig{Insecure: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Config{BaseURL: srv.URL, Username: srv.Username, Password: srv.Password, TLS: tt.tls})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListJobs(ctx)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("ListJobs: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("ListJobs error = %v, want %q", err, tt.wantErr)
			}
		})
	}
	if _, err := New(Config{BaseURL: srv.URL, TLS: TLSConfig{PinSHA256: "abc"}}); err == nil {
		t.Error("a short pin was accepted")
	}
	if _, err := New(Config{BaseURL: srv.URL, TLS: TLSConfig{CAFile: "/nonexistent.pem"}}); err == nil {
		t.Error("a missing CA file was accepted")
	}
}

func TestBadReplies(t *testing.T) {
	tests := []struct {
		name    string
		fault   fakevbo.Fault
		wantErr string
	}{
		{"malformed JSON", fakevbo.Fault{Path: "/Jobs", Body: `{"offset":0,"results":[{"id":`}, "not the JSON expected"},
		{"HTML page", fakevbo.Fault{Path: "/Jobs", Body: "<html><body>Proxy error</body></html>", ContentType: "text/html"}, `content type "text/html"`},
		{"server error", fakevbo.Fault{Path: "/Jobs", Status: 500}, "500 Internal Server Error"},
		{"dropped connection", fakevbo.Fault{Path: "/Jobs", Drop: true, Times: 3}, "EOF"},
		{"slow server", fakevbo.Fault{Path: "/Jobs", Delay: time.Second}, "Timeout"},
		{"array of junk", fakevbo.Fault{Path: "/Jobs", Body: `[1,2,3]`}, "not the JSON expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLS(t, fakevbo.WithVersion("v8"))
			c := newClient(t, srv, func(c *Config) { c.APIVersion = "v8"; c.Timeout = 300 * time.Millisecond })
			srv.InjectFault(tt.fault)
			_, err := c.ListJobs(context.Background())
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ListJobs error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// secretToken is what a token reply in TestBadTokenReply carries: no error
// may show it, however the reply is broken.
const secretToken = "eyJhbGciOiJSUzI1NiJ9.SECRET-ACCESS-TOKEN"

func TestBadTokenReply_NamesEndpointNeverBody(t *testing.T) {
	tests := []struct {
		name    string
		fault   fakevbo.Fault
		wantErr string
	}{
		{"truncated JSON", fakevbo.Fault{Body: `{"access_token":"` + secretToken + `","refresh_token":`},
			"POST /v8/token: the 200 OK answer"},
		{"lifetime not a number", fakevbo.Fault{Body: `{"access_token":"` + secretToken + `","expires_in":"` + secretToken + `"}`},
			"POST /v8/token: the 200 OK answer"},
		{"an HTML page from a proxy", fakevbo.Fault{Body: "<html>" + secretToken + "</html>", ContentType: "text/html"},
			`content type "text/html"`},
		{"an array", fakevbo.Fault{Body: `["` + secretToken + `"]`}, "is not the token reply the API documents"},
		{"no access_token", fakevbo.Fault{Body: `{"token_type":"bearer","refresh_token":"` + secretToken + `"}`},
			"holds no access_token"},
		{"an error status", fakevbo.Fault{Status: http.StatusBadGateway, Body: `<p>` + secretToken + `</p>`, ContentType: "text/html"},
			"POST /v8/token: 502 Bad Gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTLS(t)
			tt.fault.Path = "/token"
			srv.InjectFault(tt.fault)
			c := newClient(t, srv, func(c *Config) { c.APIVersion = "v8" })
			_, err := c.ListJobs(context.Background())
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want it to say %q", err, tt.wantErr)
			}
			for _, part := range []string{secretToken, "SECRET", "eyJ"} {
				if strings.Contains(err.Error(), part) {
					t.Errorf("error quotes the token reply (%q): %v", part, err)
				}
			}
			if tt.fault.Status == 0 && !strings.Contains(err.Error(), "check that the server address") {
				t.Errorf("error does not say what to do: %v", err)
			}
		})
	}
}

func TestOrganizations_ShortViewWhereDocumented(t *testing.T) {
	tests := []struct {
		version string
		want    string // extendedView sent; "" = none
	}{
		{"v2", ""}, {"v3", ""}, {"v4", ""}, {"v5", ""},
		{"v6", "false"}, // required in v6
		{"v7", "false"}, {"v8", "false"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			srv := newTLS(t, fakevbo.WithVersion(tt.version))
			c := newClient(t, srv)
			orgs, err := c.Organizations(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(orgs) == 0 || orgs[0].Name == "" {
				t.Errorf("Organizations = %+v, want the seeded ones with names", orgs)
			}
			reqs := srv.RequestsFor(http.MethodGet, "/Organizations")
			if len(reqs) == 0 {
				t.Fatal("no GET /Organizations in the request log")
			}
			for _, r := range reqs {
				got, sent := r.Query["extendedView"]
				switch {
				case tt.want == "" && sent:
					t.Errorf("%s?%s: extendedView is not documented before v6", r.Path, r.Query.Encode())
				case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
					t.Errorf("%s?%s: extendedView = %q, want %q", r.Path, r.Query.Encode(), got, tt.want)
				}
			}
		})
	}
}

func TestParseServerURL(t *testing.T) {
	tests := map[string]string{
		"vbo.example.com":                 "https://vbo.example.com:4443",
		"vbo.example.com:9443":            "https://vbo.example.com:9443",
		"https://vbo.example.com:4443/v8": "https://vbo.example.com:4443",
		"http://127.0.0.1:8080":           "http://127.0.0.1:8080",
	}
	for in, want := range tests {
		u, err := ParseServerURL(in)
		if err != nil || u.String() != want {
			t.Errorf("ParseServerURL(%q) = %v, %v; want %s", in, u, err, want)
		}
	}
	for _, bad := range []string{"", "ftp://x", "https://"} {
		if _, err := ParseServerURL(bad); err == nil {
			t.Errorf("ParseServerURL(%q) accepted", bad)
		}
	}
}
