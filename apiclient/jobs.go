package apiclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// ListJobs returns every backup job's document, as the server sent it,
// following v8's pages to the end.
func (c *Client) ListJobs(ctx context.Context) ([]json.RawMessage, error) {
	return c.list(ctx, "Jobs", nil)
}

// ListJobPages calls each with the job documents of every page, in the
// server's order, as the pages arrive (v8 pages of Config.PageSize, a few
// asked for at once; one call with every job before v8). A program can show
// the first page while the rest is read, and need not hold every page's
// answer at once. An error from each stops the listing and is returned.
func (c *Client) ListJobPages(ctx context.Context, each func(jobs []json.RawMessage) error) error {
	return c.listPages(ctx, "Jobs", nil, each)
}

// GetJob returns one job's document, as the server sent it.
func (c *Client) GetJob(ctx context.Context, id string) (json.RawMessage, error) {
	return c.getDocument(ctx, pathf("Jobs/%s", id))
}

// getDocument reads one document (a job, a copy job) as the server sent it.
func (c *Client) getDocument(ctx context.Context, path string) (json.RawMessage, error) {
	resp, err := c.do(ctx, request{method: http.MethodGet, path: path})
	if err != nil {
		return nil, err
	}
	var doc json.RawMessage
	if err := resp.decode(&doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// updated is a PUT's answer: 200 or 204 (what the versions document), else
// an error saying the document may or may not have changed, as what.
func updated(resp response, what string) error {
	if resp.status != http.StatusOK && resp.status != http.StatusNoContent {
		return fmt.Errorf("%s %s: unexpected status %d %s; the %s may or may not have changed: read it again to see",
			resp.method, resp.path, resp.status, http.StatusText(resp.status), what)
	}
	return nil
}

// UpdateJob sends PUT /vN/Jobs/{id} with body (see model.Job.PutBody). On
// v8 it asks the server to leave selected and excluded items as they are.
func (c *Client) UpdateJob(ctx context.Context, id string, body []byte) error {
	v, err := c.ready(ctx)
	if err != nil {
		return err
	}
	r := request{method: http.MethodPut, path: pathf("Jobs/%s", id), body: body}
	if v >= 8 {
		r.query = url.Values{"skipItemUpdate": {"true"}}
	}
	resp, err := c.do(ctx, r)
	if err != nil {
		return err
	}
	return updated(resp, "job")
}

// StartJob starts a job now, with the endpoint of the version in use.
func (c *Client) StartJob(ctx context.Context, id string) error {
	v, err := c.ready(ctx)
	if err != nil {
		return err
	}
	r := request{method: http.MethodPost, path: pathf("Jobs/%s/start", id), body: []byte(`{"full":false}`)}
	if v < 6 {
		r = request{method: http.MethodPost, path: pathf("Jobs/%s/Action", id), body: []byte(`{"start":null}`)}
	}
	_, err = c.do(ctx, r)
	return err
}

// SetJobEnabled enables or disables a job with the version's action: POST
// /vN/Jobs/{id}/enable or /disable from v6 on, POST /vN/Jobs/{id}/Action
// with {"enable": null} or {"disable": null} before.
func (c *Client) SetJobEnabled(ctx context.Context, id string, enabled bool) error {
	v, err := c.ready(ctx)
	if err != nil {
		return err
	}
	action := "disable"
	if enabled {
		action = "enable"
	}
	r := request{method: http.MethodPost, path: pathf("Jobs/%s/"+action, id)}
	if v < 6 {
		r = request{method: http.MethodPost, path: pathf("Jobs/%s/Action", id), body: []byte(`{"` + action + `":null}`)}
	}
	_, err = c.do(ctx, r)
	return err
}

// Organization is an organization's id and name, for display.
type Organization struct {
	// ID is the organization's id, as jobs name it in organizationId.
	ID string `json:"id"`
	// Name is its name, e.g. "contoso.onmicrosoft.com"; untrusted text.
	Name string `json:"name"`
}

// extendedViewSince is the first version whose GET /Organizations documents
// extendedView: v6 makes it required (default true), v7 and v8 optional
// (default true). The v2–v4 documents have no such parameter.
const extendedViewSince = 6

// Organizations lists the organizations the server protects. It asks for
// the short view (extendedView=false) where the version documents the
// choice: the extended view makes the server query each backup proxy, which
// is slow and fails while a proxy is offline, for fields this client does not read.
func (c *Client) Organizations(ctx context.Context) ([]Organization, error) {
	v, err := c.ready(ctx)
	if err != nil {
		return nil, err
	}
	var query url.Values
	if v >= extendedViewSince {
		query = url.Values{"extendedView": {"false"}}
	}
	raws, err := c.list(ctx, "Organizations", query)
	if err != nil {
		return nil, err
	}
	orgs := make([]Organization, 0, len(raws))
	for _, raw := range raws {
		var o Organization
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, fmt.Errorf("GET /v%d/Organizations: an organization is not the JSON expected: %v", v, err)
		}
		orgs = append(orgs, o)
	}
	return orgs, nil
}
