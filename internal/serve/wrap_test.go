package serve

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
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
	if _, ok := b.(ui.CopyBackend); !ok {
		t.Error("the wrapped store is not a ui.CopyBackend: an SSH session would list no backup copy jobs")
	}
}

// TestLogSaves_AReadOnlyKeyCannotSaveACopyJob: the wrapper refuses a copy
// job's save for a read-only key as it does a backup job's, before the
// store is asked (its client is nil here: asking it would panic).
func TestLogSaves_AReadOnlyKeyCannotSaveACopyJob(t *testing.T) {
	b := logSaves(jobstore.New(nil, "test"), slog.New(slog.DiscardHandler), true).(ui.CopyBackend)
	cj, err := model.DecodeCopyJob([]byte(`{"id":"c1","name":"copy","schedulePolicy":{"type":"Immediate"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SaveCopyJob(context.Background(), cj, cj.Settings()); !errors.Is(err, errReadOnly) {
		t.Errorf("a read-only key's copy-job save: %v, want it refused", err)
	}
}
