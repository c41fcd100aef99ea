package apiclient

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// DefaultPageSize is the v8 page size asked for when Config.PageSize is 0.
// The v8 documents allow up to 10,000 items a page and default to 30; at
// 30, a service provider's 10,000 jobs take 334 requests one after another.
// A thousand keeps a page's answer a few megabytes, so pages can be decoded
// and shown as they arrive.
const DefaultPageSize = 1000

// MaxPageSize is the largest page the v8 documents allow ("The maximum
// supported number of items per page is 10,000").
const MaxPageSize = 10000

// pagesInFlight bounds the page requests sent at once after the first:
// enough to hide the server's latency, few enough not to load it.
const pagesInFlight = 3

// page is v8's paged list answer. It carries no total, so the pages after
// the first are asked for by offset, a few at a time, until one says it is
// the last.
type page struct {
	Offset  int               `json:"offset"`
	Limit   int               `json:"limit"`
	Results []json.RawMessage `json:"results"`
	Links   map[string]struct {
		Href string `json:"href"`
	} `json:"_links"`
}

// pageResult is one page's items and whether the server said more follow.
type pageResult struct {
	items []json.RawMessage
	more  bool
	err   error
}

// list fetches a collection, every page. Servers before v8 answer a plain
// array.
func (c *Client) list(ctx context.Context, path string, query url.Values) ([]json.RawMessage, error) {
	var all []json.RawMessage
	err := c.listPages(ctx, path, query, func(items []json.RawMessage) error {
		all = append(all, items...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// listPages calls each with every page of a collection, in order, as the
// pages arrive. On v8 the first page is read alone; then up to
// pagesInFlight pages are asked for at once by offset, and each is handed
// on as soon as those before it have been. An error from each stops the
// listing and is returned.
func (c *Client) listPages(ctx context.Context, path string, query url.Values, each func([]json.RawMessage) error) error {
	v, err := c.ready(ctx)
	if err != nil {
		return err
	}
	if v < 8 {
		resp, err := c.do(ctx, request{method: http.MethodGet, path: path, query: query})
		if err != nil {
			return err
		}
		var items []json.RawMessage
		if err := resp.decode(&items); err != nil {
			return err
		}
		return each(items)
	}
	limit := c.PageSize()
	first := c.page(ctx, path, query, 0, limit)
	if first.err != nil {
		return first.err
	}
	if err := each(first.items); err != nil {
		return err
	}
	if !first.more || len(first.items) == 0 {
		return nil
	}
	// The first page's length is the step: a server may cap the limit
	// asked for below what it documents.
	step := len(first.items)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // pages asked for past the end are not waited for
	next := step
	var queue []chan pageResult
	ask := func() {
		ch := make(chan pageResult, 1) // buffered: a page nobody waits for any more does not block
		go func(offset int) { ch <- c.page(ctx, path, query, offset, limit) }(next)
		queue = append(queue, ch)
		next += step
	}
	for range pagesInFlight {
		ask()
	}
	for len(queue) > 0 {
		p := <-queue[0]
		queue = queue[1:]
		if p.err != nil {
			return p.err
		}
		if err := each(p.items); err != nil {
			return err
		}
		// Only the presence of a next link is trusted, not its href:
		// hrefs may be relative or carry another version.
		if !p.more || len(p.items) == 0 {
			return nil
		}
		ask()
	}
	return nil
}

// page reads one v8 page.
func (c *Client) page(ctx context.Context, path string, query url.Values, offset, limit int) pageResult {
	q := url.Values{}
	for k, vals := range query {
		q[k] = vals
	}
	q.Set("offset", strconv.Itoa(offset))
	q.Set("limit", strconv.Itoa(limit))
	resp, err := c.do(ctx, request{method: http.MethodGet, path: path, query: q})
	if err != nil {
		return pageResult{err: err}
	}
	var p page
	if err := resp.decode(&p); err != nil {
		return pageResult{err: err}
	}
	_, more := p.Links["next"]
	return pageResult{items: p.Results, more: more}
}

// PageSize is the v8 page size the client asks for when listing: a server
// may answer with fewer items a page, never more.
func (c *Client) PageSize() int {
	if c.pageSize <= 0 {
		return DefaultPageSize
	}
	return min(c.pageSize, MaxPageSize)
}
