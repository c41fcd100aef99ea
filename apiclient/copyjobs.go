package apiclient

import (
	"context"
	"encoding/json"
	"net/http"
)

// copyJobsSince is the first API version with /CopyJobs.
const copyJobsSince = 6

// ListCopyJobs returns every backup copy job's document, as the server sent
// it, following v8's pages to the end. Before v6 there are no copy jobs and
// it returns none without asking.
func (c *Client) ListCopyJobs(ctx context.Context) ([]json.RawMessage, error) {
	v, err := c.ready(ctx)
	if err != nil {
		return nil, err
	}
	if v < copyJobsSince {
		return nil, nil
	}
	return c.list(ctx, "CopyJobs", nil)
}

// GetCopyJob returns one backup copy job's document, as the server sent it.
func (c *Client) GetCopyJob(ctx context.Context, id string) (json.RawMessage, error) {
	return c.getDocument(ctx, pathf("CopyJobs/%s", id))
}

// UpdateCopyJob sends PUT /vN/CopyJobs/{id} with body (see
// model.CopyJob.PutBody); v6–v8 document 204.
func (c *Client) UpdateCopyJob(ctx context.Context, id string, body []byte) error {
	resp, err := c.do(ctx, request{method: http.MethodPut, path: pathf("CopyJobs/%s", id), body: body})
	if err != nil {
		return err
	}
	return updated(resp, "copy job")
}

// StartCopyJob starts a backup copy job now: POST /vN/CopyJobs/{id}/start
// (v6–v8, no body; it answers 200 with the job session).
func (c *Client) StartCopyJob(ctx context.Context, id string) error {
	_, err := c.do(ctx, request{method: http.MethodPost, path: pathf("CopyJobs/%s/start", id)})
	return err
}
