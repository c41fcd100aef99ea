package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

type token struct {
	access  string
	refresh string
	expires time.Time
}

// refreshMargin is how long before expiry a token is refreshed: a tenth of
// its lifetime, at most a minute, so short-lived tokens still get used.
func refreshMargin(lifetime time.Duration) time.Duration {
	return min(lifetime/10, time.Minute)
}

func (c *Client) accessToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tok.access
}

// Login finds the API version when it is "auto" (probing newest first) and
// logs in with the username and password. Calling it is optional: every
// other method logs in first when it has no token. Call it to check the
// credentials up front.
func (c *Client) Login(ctx context.Context) error {
	if c.APIVersion() == 0 {
		v, err := c.probeVersion(ctx)
		if err != nil {
			return err
		}
		c.mu.Lock()
		c.version = v
		c.mu.Unlock()
	}
	return c.grant(ctx, url.Values{"grant_type": {"password"}, "username": {c.cfg.Username}, "password": {c.cfg.Password}})
}

// probeVersion asks GET /vN/ServiceInstance without a token, from v8 down:
// 401 means the server speaks vN, 404 that it does not.
func (c *Client) probeVersion(ctx context.Context) (int, error) {
	var lastErr error
	for v := 8; v >= 2; v-- {
		_, err := c.send(ctx, request{method: http.MethodGet, path: "ServiceInstance"}, v, "")
		var ae *APIError
		switch {
		case err == nil, errors.As(err, &ae) && (ae.StatusCode == http.StatusUnauthorized || ae.StatusCode == http.StatusForbidden):
			return v, nil
		case errors.As(err, &ae) && ae.StatusCode == http.StatusNotFound:
			lastErr = err
			continue
		default:
			return 0, fmt.Errorf("finding the server's API version: %w", err)
		}
	}
	return 0, fmt.Errorf("the server at %s speaks none of API v2 … v8 (last answer: %v)", c.base, lastErr)
}

// grant posts a password or refresh grant to /vN/token and keeps the token
// it answers. Its errors never quote the reply's body: a reply the client
// cannot read may still hold a working token.
func (c *Client) grant(ctx context.Context, form url.Values) error {
	v := c.APIVersion()
	if v >= 7 {
		// Without it, v7+ also wants a browser's antiforgery cookie.
		form.Set("disable_antiforgery_token", "true")
	}
	r := request{method: http.MethodPost, path: "token", body: []byte(form.Encode()),
		contentType: "application/x-www-form-urlencoded"}
	resp, err := c.send(ctx, r, v, "")
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) && form.Get("grant_type") == "password" {
			return fmt.Errorf("logging in as %s: %w", c.cfg.Username, err)
		}
		return err
	}
	var doc struct {
		AccessToken  string  `json:"access_token"`
		RefreshToken string  `json:"refresh_token"`
		ExpiresIn    flexInt `json:"expires_in"`
	}
	// The parser's own message is left out too: it can quote the bytes it
	// choked on, which may be part of the token.
	if json.Unmarshal(resp.body, &doc) != nil {
		return fmt.Errorf("%s %s: the %d %s answer (content type %q) is not the token reply the API documents, so it is not shown; "+
			"check that the server address is the VB365 REST API (port 4443 by default), not a proxy or another service",
			resp.method, resp.path, resp.status, http.StatusText(resp.status), resp.contentType)
	}
	if doc.AccessToken == "" {
		return fmt.Errorf("%s %s: the %d %s answer holds no access_token; "+
			"check that the server address is the VB365 REST API (port 4443 by default), not a proxy or another service",
			resp.method, resp.path, resp.status, http.StatusText(resp.status))
	}
	lifetime := time.Duration(doc.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = time.Hour
	}
	c.mu.Lock()
	c.tok = token{access: doc.AccessToken, refresh: doc.RefreshToken,
		expires: c.now().Add(lifetime - refreshMargin(lifetime))}
	c.mu.Unlock()
	return nil
}

// flexInt reads expires_in whether the server sends 3600 or "3600".
type flexInt int

// UnmarshalJSON takes a number, a string holding one, or null (no lifetime
// given, which grant reads as an hour).
func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*n = 0
		return nil
	}
	if len(s) >= 2 && s[0] == '"' {
		s = s[1 : len(s)-1]
	}
	i, err := strconv.Atoi(s)
	*n = flexInt(i)
	return err
}

// ensureToken logs in, or refreshes a token about to expire. Concurrent
// callers wait for one login rather than each starting their own.
func (c *Client) ensureToken(ctx context.Context) error {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	c.mu.Lock()
	tok := c.tok
	c.mu.Unlock()
	switch {
	case tok.access == "":
		return c.Login(ctx)
	case c.now().After(tok.expires):
		return c.renew(ctx)
	}
	return nil
}

// reauthenticate renews the token after a 401 to a request sent with stale,
// unless another caller has renewed it since.
func (c *Client) reauthenticate(ctx context.Context, stale string) error {
	c.authMu.Lock()
	defer c.authMu.Unlock()
	if c.accessToken() != stale {
		return nil
	}
	return c.renew(ctx)
}

// renew refreshes the token, or logs in again if that fails.
func (c *Client) renew(ctx context.Context) error {
	c.mu.Lock()
	refresh := c.tok.refresh
	c.mu.Unlock()
	if refresh != "" {
		if err := c.grant(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}); err == nil {
			return nil
		}
	}
	return c.Login(ctx)
}

// Logout ends the session on servers that have it (v7+); elsewhere it only
// forgets the token.
func (c *Client) Logout(ctx context.Context) error {
	access := c.accessToken()
	var err error
	if v := c.APIVersion(); access != "" && v >= 7 {
		_, err = c.send(ctx, request{method: http.MethodPost, path: "token/logout"}, v, access)
	}
	c.mu.Lock()
	c.tok = token{}
	c.mu.Unlock()
	return err
}
