package cli

import (
	"errors"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/drafts"
	"github.com/vbosched/vbosched/ui"
)

// vbosched serve runs many sessions in one process: one session's Close
// must free its jobs for the next session, as a standalone editor's exit
// does.
func TestDraftStore_CloseReleasesTheSessionsLocks(t *testing.T) {
	dir := t.TempDir()
	session := func(since time.Time) *draftStore {
		return &draftStore{store: drafts.Open(dir), server: "TEST", url: "https://vbo.test", owner: drafts.Me(since),
			locks: map[string]*drafts.Lock{}}
	}
	now := time.Now()
	first, second := session(now), session(now.Add(time.Second))
	for _, id := range []string{"job-1", "job-2"} {
		if err := first.LockDraft(id); err != nil {
			t.Fatalf("first session locking %s: %v", id, err)
		}
	}
	var inUse *ui.DraftInUseError
	if err := second.LockDraft("job-1"); !errors.As(err, &inUse) {
		t.Fatalf("second session locking a job the first holds: %v, want in use", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"job-1", "job-2"} {
		if err := second.LockDraft(id); err != nil {
			t.Errorf("after the first session closed, locking %s: %v", id, err)
		}
	}
}
