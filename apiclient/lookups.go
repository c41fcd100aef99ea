package apiclient

import (
	"context"
	"encoding/json"
	"fmt"
)

// Repository is a backup repository's id, name and proxy, for display and
// for grouping jobs by the proxy that runs them.
type Repository struct {
	// ID is the repository's id, as jobs name it in repositoryId.
	ID string `json:"id"`
	// Name is its name; untrusted text.
	Name string `json:"name"`
	// ProxyID is the backup proxy that writes to it. v8 repositories may
	// name a proxy pool instead (ProxyPoolID) and leave it empty.
	ProxyID string `json:"proxyId"`
	// ProxyPoolID is v8's proxy pool, when the repository has one.
	ProxyPoolID string `json:"proxyPoolId"`
}

// Proxy is a backup proxy's id and host name, for display.
type Proxy struct {
	// ID is the proxy's id, as repositories name it in proxyId.
	ID string `json:"id"`
	// HostName is the proxy's host name (every version documents it;
	// there is no name field); untrusted text.
	HostName string `json:"hostName"`
}

// BackupRepositories lists the backup repositories: GET /vN/BackupRepositories,
// every page on v8, a plain array before.
func (c *Client) BackupRepositories(ctx context.Context) ([]Repository, error) {
	return listOf[Repository](ctx, c, "BackupRepositories", "a repository")
}

// Proxies lists the backup proxies: GET /vN/Proxies, every page on v8, a
// plain array before. v6 and v7 document extendedView as optional with
// false the default, the short view wanted here, so it is not sent.
func (c *Client) Proxies(ctx context.Context) ([]Proxy, error) {
	return listOf[Proxy](ctx, c, "Proxies", "a proxy")
}

// listOf reads a collection and decodes each item as a T.
func listOf[T any](ctx context.Context, c *Client, path, what string) ([]T, error) {
	raws, err := c.list(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(raws))
	for _, raw := range raws {
		var item T
		if err := json.Unmarshal(raw, &item); err != nil {
			return nil, fmt.Errorf("GET /v%d/%s: %s is not the JSON expected: %v", c.APIVersion(), path, what, err)
		}
		out = append(out, item)
	}
	return out, nil
}
