package apiclient

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// A bulk save keeps up to 64 requests in flight; the client keeps that many
// connections for the next ones instead of closing all but two and
// reopening them (a TLS handshake each).
func TestTransport_KeepsAConnectionPerRequestInFlight(t *testing.T) {
	const inFlight = 16
	var conns atomic.Int32
	var arrived sync.WaitGroup
	release := make(chan struct{})
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived.Done()
		<-release
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	tr, err := TLSConfig{}.transport()
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: tr}
	for r := range 2 {
		release = make(chan struct{})
		arrived.Add(inFlight)
		var done sync.WaitGroup
		for range inFlight {
			done.Add(1)
			go func() {
				defer done.Done()
				resp, err := client.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
			}()
		}
		arrived.Wait() // every request is on a connection of its own
		close(release)
		done.Wait()
		if r == 0 && conns.Load() != inFlight {
			t.Fatalf("%d connections for %d requests at once", conns.Load(), inFlight)
		}
	}
	if n := conns.Load(); n != inFlight {
		t.Errorf("%d connections after two rounds of %d requests at once, want %d: the second round reopened %d", n, inFlight, inFlight, n-inFlight)
	}
}
