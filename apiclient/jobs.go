package apiclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// page is v8's paged list answer.
type page struct {
	Offset  int               `json:"offset"`
	Limit   int               `json:"limit"`
	Results []json.RawMessage `json:"results"`
	Links   map[string]struct {
		Href string `json:"href"`
	} `json:"_links"`
}

// list fetches a collection, following v8's pages to the end. Servers before
// v8 answer a plain array.
func (c *Client) list(ctx context.Context, path string, query url.Values) ([]json.RawMessage, error) {
	var all []json.RawMessage
	offset := 0
	for {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		if c.APIVersion() >= 8 {
			q.Set("offset", strconv.Itoa(offset))
			if c.pageSize > 0 {
				q.Set("limit", strconv.Itoa(c.pageSize))
			}
		}
		r := request{method: http.MethodGet, path: path, query: q}
		resp, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		if c.APIVersion() < 8 {
			var items []json.RawMessage
			if err := resp.decode(r, &items); err != nil {
				return nil, err
			}
			return items, nil
		}
		var p page
		if err := resp.decode(r, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Results...)
		// Only the presence of a next link is trusted, not its href: hrefs
		// may be relative or carry another version.
		if _, more := p.Links["next"]; !more || len(p.Results) == 0 {
			return all, nil
		}
		offset += len(p.Results)
	}
}

// ListJobs returns every backup job's document, as the server sent it.
func (c *Client) ListJobs(ctx context.Context) ([]json.RawMessage, error) {
	if err := c.ensureToken(ctx); err != nil {
		return nil, err
	}
	return c.list(ctx, c.path("/Jobs"), nil)
}

// GetJob returns one job's document, as the server sent it.
func (c *Client) GetJob(ctx context.Context, id string) (json.RawMessage, error) {
	if err := c.ensureToken(ctx); err != nil {
		return nil, err
	}
	r := request{method: http.MethodGet, path: c.path("/Jobs/%s", id)}
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var doc json.RawMessage
	if err := resp.decode(r, &doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// UpdateJob sends PUT /vN/Jobs/{id} with body (see model.Job.PutBody). On
// v8 it asks the server to leave selected and excluded items as they are.
func (c *Client) UpdateJob(ctx context.Context, id string, body []byte) error {
	if err := c.ensureToken(ctx); err != nil {
		return err
	}
	r := request{method: http.MethodPut, path: c.path("/Jobs/%s", id), body: body}
	if c.APIVersion() >= 8 {
		r.query = url.Values{"skipItemUpdate": {"true"}}
	}
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	if resp.status != http.StatusOK && resp.status != http.StatusNoContent {
		return fmt.Errorf("PUT %s: unexpected status %d", r.path, resp.status)
	}
	return nil
}

// StartJob starts a job now, with the endpoint of the version in use.
func (c *Client) StartJob(ctx context.Context, id string) error {
	if err := c.ensureToken(ctx); err != nil {
		return err
	}
	r := request{method: http.MethodPost, path: c.path("/Jobs/%s/start", id), body: []byte(`{"full":false}`)}
	if c.APIVersion() < 6 {
		r = request{method: http.MethodPost, path: c.path("/Jobs/%s/Action", id), body: []byte(`{"start":null}`)}
	}
	_, err := c.do(ctx, r)
	return err
}

// Organization is an organization's id and name, for display.
type Organization struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Organizations lists the organizations the server protects.
func (c *Client) Organizations(ctx context.Context) ([]Organization, error) {
	if err := c.ensureToken(ctx); err != nil {
		return nil, err
	}
	path := c.path("/Organizations")
	raws, err := c.list(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	orgs := make([]Organization, 0, len(raws))
	for _, raw := range raws {
		var o Organization
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, fmt.Errorf("GET %s: an organization is not the JSON expected: %v", path, err)
		}
		orgs = append(orgs, o)
	}
	return orgs, nil
}
