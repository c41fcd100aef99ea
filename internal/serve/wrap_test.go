package serve

import (
	"log/slog"
	"testing"

	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/ui"
)

// TestLogSaves_KeepsTheStoresOptionalInterfaces: through the wrapper an
// SSH session still streams the list and names the plan's proxies.
func TestLogSaves_KeepsTheStoresOptionalInterfaces(t *testing.T) {
	b := logSaves(jobstore.New(nil, "test"), slog.New(slog.DiscardHandler), false)
	if _, ok := b.(ui.PagedBackend); !ok {
		t.Error("the wrapped store is not a ui.PagedBackend")
	}
	if _, ok := b.(ui.NamingBackend); !ok {
		t.Error("the wrapped store is not a ui.NamingBackend: the plan would offer no proxies over SSH")
	}
}
