// Package fakevbo is a fake Veeam Backup for Microsoft 365 REST server for
// tests and for the demo, in the manner of net/http/httptest: it serves
// token login, refresh and logout, the service instance, organizations, and
// the jobs list, get, edit and actions, each with the status codes, shapes and
// RESTExceptionInfo bodies that API version's documents give (v2–v8). It
// checks PUT bodies against the vendor's documents alone — it imports nothing
// of vbosched, so a client bug in reading those documents is not mirrored
// here. Tests can record requests, inject faults (errors, delays, connections
// dropped before or after a change is stored), change a job as another client
// would, make the server silently ignore a field, and seed odd jobs.
package fakevbo

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"
)

// Default credentials of a fake server.
const (
	DefaultUsername = `DEMO\operator`
	DefaultPassword = "demo"
)

// Server is a running fake VBO server.
type Server struct {
	// URL is the base URL, "https://127.0.0.1:port" (no version prefix).
	URL      string
	Username string
	Password string
	// Version is the newest API version served ("v8"); older ones are
	// served too, as a real server does.
	Version string

	ts  *httptest.Server
	cfg config
	v   apiVersion

	mu       sync.Mutex
	orgs     []org
	repos    []repo
	proxies  []proxy
	jobs     []map[string]any // in list order
	copyJobs []map[string]any // backup copy jobs (v6+), in list order
	access   map[string]time.Time
	refresh  map[string]bool
	requests []Request
	faults   []Fault
	ignored  []string // paths IgnoreOnPut drops from every PUT
	// extraPolicy names schedulePolicy properties the stored jobs carry
	// although no document lists them; a PUT may send them back.
	extraPolicy map[string]bool
	sessions    int
}

// Request is one request the server received.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

type config struct {
	version       apiVersion
	jobs          int
	rawJobs       []map[string]any
	tokenLifetime time.Duration
	username      string
	password      string
	listener      net.Listener
	pageSize      int
	latency       time.Duration
}

// Option configures a server.
type Option func(*config)

// WithVersion sets the newest API version served ("v2" … "v8"); the default is v8.
func WithVersion(v string) Option {
	return func(c *config) {
		pv, err := parseVersion(v)
		if err != nil {
			panic(err) // a test's typo: fail loudly
		}
		c.version = pv
	}
}

// WithJobs sets how many jobs the server holds: the realistic seed jobs
// first, then generated ones. The default is the seed jobs alone.
func WithJobs(n int) Option { return func(c *config) { c.jobs = n } }

// WithTokenLifetime sets expires_in of issued tokens (default one hour).
func WithTokenLifetime(d time.Duration) Option { return func(c *config) { c.tokenLifetime = d } }

// WithCredentials sets the accepted username and password.
func WithCredentials(username, password string) Option {
	return func(c *config) { c.username, c.password = username, password }
}

// WithListener serves on l instead of a new loopback port (for the demo).
func WithListener(l net.Listener) Option { return func(c *config) { c.listener = l } }

// WithDefaultPageSize sets the v8 default page size (the product's is 30).
func WithDefaultPageSize(n int) Option { return func(c *config) { c.pageSize = n } }

// WithLatency delays every answer by d, as a server across a WAN or under
// load would, so scale tests and benchmarks see what concurrency buys.
// Requests are delayed side by side, not one after another.
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithRawJob adds a job document exactly as given, after the seeded jobs and
// without any check, to see how clients cope with what a server may hold:
// names with escape sequences, enum values no document lists, windows of the
// wrong length (see HostileJob). An "id" is made up if the document has none.
func WithRawJob(doc map[string]any) Option {
	return func(c *config) { c.rawJobs = append(c.rawJobs, deepCopy(doc).(map[string]any)) }
}

func newServer(opts []Option) *Server {
	cfg := config{version: newestVersion, tokenLifetime: time.Hour,
		username: DefaultUsername, password: DefaultPassword, pageSize: 30}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{Username: cfg.username, Password: cfg.password, Version: cfg.version.String(),
		v: cfg.version, cfg: cfg, access: map[string]time.Time{}, refresh: map[string]bool{}}
	s.orgs = seedOrgs()
	s.proxies = seedProxies()
	s.repos = seedRepos(s.proxies)
	s.jobs = seedJobs(cfg.version, cfg.jobs, s.orgs, s.repos)
	for i, doc := range cfg.rawJobs {
		if _, ok := doc["id"]; !ok {
			doc["id"] = stableID(fmt.Sprintf("raw job %d", i))
		}
		s.jobs = append(s.jobs, doc)
	}
	s.extraPolicy = undocumentedPolicyFields(cfg.version, s.jobs)
	s.copyJobs = seedCopyJobs(cfg.version, s.jobs)
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	// Refused handshakes are what TLS tests provoke on purpose.
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	if cfg.listener != nil {
		s.ts.Listener.Close()
		s.ts.Listener = cfg.listener
	}
	return s
}

// NewServer starts a fake server over plain HTTP.
func NewServer(opts ...Option) *Server {
	s := newServer(opts)
	s.ts.Start()
	s.URL = s.ts.URL
	return s
}

// NewTLSServer starts a fake server over HTTPS with a freshly generated
// self-signed certificate, as a VBO server's port 4443 usually has.
func NewTLSServer(opts ...Option) *Server {
	s := newServer(opts)
	cert, err := selfSignedCertificate()
	if err != nil {
		panic("fakevbo: " + err.Error())
	}
	s.ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.ts.StartTLS()
	s.URL = s.ts.URL
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.ts.Close() }

// Client returns an HTTP client that trusts the server's certificate.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Certificate returns the server's TLS certificate, or nil over plain HTTP.
func (s *Server) Certificate() *x509.Certificate { return s.ts.Certificate() }

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsFor returns the received requests with the method whose path,
// compared case-insensitively, contains part.
func (s *Server) RequestsFor(method, part string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Method == method && containsFold(r.Path, part) {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
