package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultUserAgent is the User-Agent sent when Config.UserAgent is empty.
const DefaultUserAgent = "vbosched-apiclient"

// Config says where and how to connect.
type Config struct {
	// BaseURL is the server, "https://vbo.example.com:4443"; a path or a
	// /vN suffix is ignored. A bare host gets https:// and port 4443.
	BaseURL string
	// APIVersion is "v2" … "v8", or "auto" (or "") to probe newest first.
	APIVersion string
	// Username is the VBO user, "DOMAIN\user" or "user@domain".
	Username string
	// Password is the user's password; it is only ever sent in the login form.
	Password string
	// UserAgent names the program in every request, "vbosched/1.2.0", so a
	// server's logs tell its clients apart; DefaultUserAgent when empty.
	UserAgent string

	// TLS says which server certificates to trust; ignored with HTTPClient.
	TLS TLSConfig
	// Timeout bounds each HTTP request (default 30s).
	Timeout time.Duration
	// PageSize is the v8 page size asked for when listing; 0 means
	// DefaultPageSize, and more than MaxPageSize is MaxPageSize.
	PageSize int
	// HTTPClient replaces the client built from TLS and Timeout, e.g. for
	// a proxy of your own or a test server's client.
	HTTPClient *http.Client
}

// Client talks to one server as one user; make one with New. It is safe
// for concurrent use.
type Client struct {
	base      *url.URL
	cfg       Config
	http      *http.Client
	pageSize  int
	userAgent string
	now       func() time.Time // the clock for token expiry; tests move it

	authMu  sync.Mutex // one login or refresh at a time
	mu      sync.Mutex // guards version and tok
	version int        // the API version in use, 0 until known
	tok     token
}

// New checks the configuration and builds a client; it sends nothing.
func New(cfg Config) (*Client, error) {
	base, err := ParseServerURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{base: base, cfg: cfg, http: cfg.HTTPClient, pageSize: cfg.PageSize, userAgent: cfg.UserAgent, now: time.Now}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if v := strings.ToLower(strings.TrimSpace(cfg.APIVersion)); v != "" && v != "auto" {
		n, err := parseVersion(v)
		if err != nil {
			return nil, err
		}
		c.version = n
	}
	if c.http == nil {
		transport, err := cfg.TLS.transport()
		if err != nil {
			return nil, err
		}
		timeout := cfg.Timeout
		if timeout == 0 {
			timeout = 30 * time.Second
		}
		c.http = &http.Client{Transport: transport, Timeout: timeout}
	}
	return c, nil
}

// ParseServerURL reads "https://host:4443", "host:4443" or "host"; it
// defaults to https and port 4443 and drops any path.
func ParseServerURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("no server given (use --server or VBO_SERVER)")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("server %q is not a URL like https://vbo.example.com:4443", s)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("server %q: scheme must be https (or http)", s)
	}
	if u.Port() == "" {
		u.Host += ":4443"
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

func parseVersion(s string) (int, error) {
	var n int
	if _, err := fmt.Sscanf(strings.TrimPrefix(strings.ToLower(s), "v"), "%d", &n); err != nil || n < 2 || n > 8 {
		return 0, fmt.Errorf("API version %q is not one of v2 … v8 or auto", s)
	}
	return n, nil
}

// BaseURL is the server's base URL, "https://host:port", without a version.
func (c *Client) BaseURL() string { return c.base.String() }

// APIVersion is the version in use, 2 … 8: the one configured, or the one
// found by the first call (or Login); 0 until then with "auto".
func (c *Client) APIVersion() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

// ready logs in if needed (which finds the version when it is "auto") and
// returns the version in use, for methods whose request depends on it.
func (c *Client) ready(ctx context.Context) (int, error) {
	if err := c.ensureToken(ctx); err != nil {
		return 0, err
	}
	return c.APIVersion(), nil
}

// pathf builds a path under /vN/ ("Jobs/{id}") with each argument escaped,
// so an id can never reach another resource.
func pathf(format string, args ...any) string {
	escaped := make([]any, len(args))
	for i, a := range args {
		escaped[i] = url.PathEscape(fmt.Sprint(a))
	}
	return fmt.Sprintf(format, escaped...)
}

// APIError is an error answer from the server: the status, the server's
// message and errorCode, and the request. It never holds the token, the
// password or the server's stackTrace.
type APIError struct {
	// Method and Path are the request's, "PUT" and "/v8/Jobs/{id}".
	Method string
	Path   string
	// StatusCode is the HTTP status, e.g. 400 or 404.
	StatusCode int
	// Message is the server's message (or OAuth error_description), if any.
	Message string
	// ErrorCode is the server's errorCode (v7+), e.g. "ResourceNotFound".
	ErrorCode string
}

// Error names the request, the status and the server's message and code.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.ErrorCode != "" {
		msg += " (" + e.ErrorCode + ")"
	}
	return msg
}

// IsNotFound reports whether err is a 404 from the server.
func IsNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.StatusCode == http.StatusNotFound
}

func newAPIError(method, path string, resp *http.Response, body []byte) *APIError {
	e := &APIError{Method: method, Path: path, StatusCode: resp.StatusCode}
	var doc struct {
		Message          string `json:"message"`
		ErrorCode        string `json:"errorCode"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(body, &doc) == nil {
		e.Message, e.ErrorCode = doc.Message, doc.ErrorCode
		if e.Message == "" {
			e.Message = doc.ErrorDescription
		}
	}
	return e
}

// request is one call: the method, the path under /vN/ ("Jobs/{id}"), a
// query, a body. The version is added when it is sent, once it is known, so
// no method can build a path before the client has logged in.
type request struct {
	method      string
	path        string
	query       url.Values
	body        []byte
	contentType string
}

// response is a 2xx answer to the request sent as method and path (with
// its /vN prefix), which errors name.
type response struct {
	method      string
	path        string
	status      int
	contentType string
	body        []byte
}

// decode reads a JSON answer into v, and says what came instead when it is
// not JSON: the content type and the first bytes. Never use it on a token
// reply, whose first bytes may be the token (see grant).
func (resp response) decode(v any) error {
	if err := json.Unmarshal(resp.body, v); err != nil {
		first := bytes.TrimSpace(resp.body)
		if len(first) > 60 {
			first = first[:60]
		}
		return fmt.Errorf("%s %s: the server's answer is not the JSON expected (content type %q, %v); it starts %q",
			resp.method, resp.path, resp.contentType, err, first)
	}
	return nil
}

// do sends the request under the version in use, with a fresh token: it logs
// in first when needed (finding the version), and on a 401 refreshes once
// (then logs in again) and retries.
func (c *Client) do(ctx context.Context, r request) (response, error) {
	v, err := c.ready(ctx)
	if err != nil {
		return response{}, err
	}
	used := c.accessToken()
	resp, err := c.send(ctx, r, v, used)
	if resp.status == http.StatusUnauthorized {
		if err := c.reauthenticate(ctx, used); err != nil {
			return response{}, err
		}
		resp, err = c.send(ctx, r, v, c.accessToken())
	}
	return resp, err
}

// send sends r once to /v{version}/{r.path}, with bearer as the token, or
// without one when bearer is "" (probing, login).
func (c *Client) send(ctx context.Context, r request, version int, bearer string) (response, error) {
	path := fmt.Sprintf("/v%d/%s", version, r.path)
	u := *c.base
	u.Path = path
	u.RawQuery = r.query.Encode()
	var rd io.Reader
	if r.body != nil {
		rd = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), rd)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	if r.body != nil {
		ct := r.contentType
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	hresp, err := c.http.Do(req)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", r.method, path, unwrapURLError(err))
	}
	defer hresp.Body.Close()
	resp := response{method: r.method, path: path, status: hresp.StatusCode, contentType: hresp.Header.Get("Content-Type")}
	resp.body, err = io.ReadAll(io.LimitReader(hresp.Body, 64<<20))
	if err != nil {
		return resp, fmt.Errorf("%s %s: reading the answer: %w", r.method, path, err)
	}
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		return resp, newAPIError(r.method, path, hresp, resp.body)
	}
	return resp, nil
}

// unwrapURLError drops the URL that net/http wraps around transport errors:
// the message already names the method and path.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
