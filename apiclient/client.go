// Package apiclient is a thin client for the Veeam Backup for Microsoft 365
// REST API: token login with refresh, and listing, reading, editing and
// starting backup jobs. It knows HTTP and JSON and nothing of the screen;
// job documents pass through it as raw JSON, so no field is lost on the way.
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

// Version is vbosched's version, named in the User-Agent.
var Version = "dev"

// Config says where and how to connect.
type Config struct {
	// BaseURL is the server, "https://vbo.example.com:4443"; a path or a
	// /vN suffix is ignored. A bare host gets https:// and port 4443.
	BaseURL string
	// APIVersion is "v2" … "v8", or "auto" (or "") to probe newest first.
	APIVersion string
	Username   string
	Password   string

	TLS TLSConfig
	// Timeout bounds each HTTP request (default 30s).
	Timeout time.Duration
	// PageSize is the v8 page size asked for when listing; 0 = the server's default.
	PageSize int
	// HTTPClient replaces the client built from TLS and Timeout (tests).
	HTTPClient *http.Client
}

// Client talks to one server as one user. It is safe for concurrent use.
type Client struct {
	base     *url.URL
	cfg      Config
	http     *http.Client
	pageSize int
	now      func() time.Time // the clock for token expiry; tests move it

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
	c := &Client{base: base, cfg: cfg, http: cfg.HTTPClient, pageSize: cfg.PageSize, now: time.Now}
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

// BaseURL is the server's base URL.
func (c *Client) BaseURL() string { return c.base.String() }

// APIVersion is the version in use: 2 … 8, or 0 before Login has probed.
func (c *Client) APIVersion() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.version
}

func (c *Client) path(format string, args ...any) string {
	escaped := make([]any, len(args))
	for i, a := range args {
		escaped[i] = url.PathEscape(fmt.Sprint(a))
	}
	return fmt.Sprintf("/v%d", c.APIVersion()) + fmt.Sprintf(format, escaped...)
}

// APIError is an error answer from the server: the status, the server's
// message and errorCode, and the request. It never holds the token, the
// password or the server's stackTrace.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Message    string
	ErrorCode  string
}

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

// request is one call: the method, the path under /vN, a query, a body.
type request struct {
	method      string
	path        string
	query       url.Values
	body        []byte
	contentType string
	anonymous   bool
}

// response is a 2xx answer.
type response struct {
	status      int
	contentType string
	body        []byte
}

// decode reads a JSON answer into v, and says what came instead when it is
// not JSON: the content type and the first bytes.
func (resp response) decode(r request, v any) error {
	if err := json.Unmarshal(resp.body, v); err != nil {
		first := bytes.TrimSpace(resp.body)
		if len(first) > 60 {
			first = first[:60]
		}
		return fmt.Errorf("%s %s: the server's answer is not the JSON expected (content type %q, %v); it starts %q",
			r.method, r.path, resp.contentType, err, first)
	}
	return nil
}

// do sends the request with a fresh token, refreshing once (then logging in
// again) on a 401.
func (c *Client) do(ctx context.Context, r request) (response, error) {
	if !r.anonymous {
		if err := c.ensureToken(ctx); err != nil {
			return response{}, err
		}
	}
	used := c.accessToken()
	resp, err := c.send(ctx, r)
	if resp.status == http.StatusUnauthorized && !r.anonymous {
		if err := c.reauthenticate(ctx, used); err != nil {
			return response{}, err
		}
		resp, err = c.send(ctx, r)
	}
	return resp, err
}

func (c *Client) send(ctx context.Context, r request) (response, error) {
	u := *c.base
	u.Path = r.path
	u.RawQuery = r.query.Encode()
	var rd io.Reader
	if r.body != nil {
		rd = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), rd)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("User-Agent", "vbosched/"+Version)
	req.Header.Set("Accept", "application/json")
	if r.body != nil {
		ct := r.contentType
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	if !r.anonymous {
		req.Header.Set("Authorization", "Bearer "+c.accessToken())
	}
	hresp, err := c.http.Do(req)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", r.method, r.path, unwrapURLError(err))
	}
	defer hresp.Body.Close()
	resp := response{status: hresp.StatusCode, contentType: hresp.Header.Get("Content-Type")}
	resp.body, err = io.ReadAll(io.LimitReader(hresp.Body, 64<<20))
	if err != nil {
		return resp, fmt.Errorf("%s %s: reading the answer: %w", r.method, r.path, err)
	}
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		return resp, newAPIError(r.method, r.path, hresp, resp.body)
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
