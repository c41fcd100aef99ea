//go:build unix

package drafts

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func owner(pid int) Owner {
	return Owner{PID: pid, Host: "host1", Since: time.Date(2026, 11, 29, 0, 7, 0, 0, time.UTC)}
}

func TestLock_ASecondSessionIsToldWhoHasTheDraft(t *testing.T) {
	s := testStore(t)
	first, err := s.Lock(server, "j1", owner(100))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Lock(server, "j1", owner(200))
	var inUse *InUseError
	if !errors.As(err, &inUse) || !errors.Is(err, ErrInUse) || inUse.Owner.PID != 100 || !strings.Contains(err.Error(), "pid 100 on host1") {
		t.Fatalf("a second lock: %v", err)
	}
	if _, err := s.Lock(server, "j2", owner(200)); err != nil {
		t.Errorf("another job's draft: %v", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	second, err := s.Lock(server, "j1", owner(200))
	if err != nil {
		t.Fatalf("after the first session let go: %v", err)
	}
	second.Release()
}

func TestLock_TakingOverTellsTheFirstSession(t *testing.T) {
	s := testStore(t)
	first, err := s.Lock(server, "j1", owner(100))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	if err := s.CheckOwner(server, "j1", owner(100)); err != nil {
		t.Fatalf("the owner's check: %v", err)
	}
	taker, err := s.TakeOver(server, "j1", owner(200))
	if err != nil {
		t.Fatal(err)
	}
	defer taker.Release()
	if err := s.CheckOwner(server, "j1", owner(100)); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "pid 200") {
		t.Errorf("the first session's check after a take-over: %v", err)
	}
	if err := s.CheckOwner(server, "j1", owner(200)); err != nil {
		t.Errorf("the new owner's check: %v", err)
	}
}

func TestClear_LeavesDraftsOfLiveSessionsUnlessForced(t *testing.T) {
	s := testStore(t)
	for _, id := range []string{"j1", "j2"} {
		j := testJob(t, id, id)
		if err := s.Save(New("VBO", server, j, j.Settings())); err != nil {
			t.Fatal(err)
		}
	}
	l, err := s.Lock(server, "j1", owner(100))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	n, inUse, err := s.Clear(false)
	if err != nil || n != 1 || len(inUse) != 1 || inUse[0].Owner.PID != 100 {
		t.Fatalf("Clear(false) = %d, %v, %v; want 1 removed and the open one named", n, inUse, err)
	}
	if _, err := s.Load(server, "j1"); err != nil {
		t.Errorf("the open job's draft was removed: %v", err)
	}
	if n, inUse, err := s.Clear(true); err != nil || n != 1 || len(inUse) != 0 {
		t.Errorf("Clear(true) = %d, %v, %v; want the open one removed", n, inUse, err)
	}
}

// The finding N1: A edits, B takes over, A quits; C opening the job (or
// drafts --clear) must see B's live draft as in use, until B quits.
func TestLock_ATakeOverHoldsAfterTheFirstSessionQuits(t *testing.T) {
	tests := []struct {
		name      string
		takerLive bool
		bQuits    bool
		wantInUse bool
	}{
		{name: "the taker still edits: a third session is told", takerLive: true, wantInUse: true},
		{name: "the taker crashed: the draft is free", takerLive: false, wantInUse: false},
		{name: "the taker quit: the draft is free", takerLive: true, bQuits: true, wantInUse: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testStore(t)
			s.Alive = func(o Owner) bool { return o.PID != 200 || tt.takerLive }
			j := testJob(t, "j1", "j1")
			if err := s.Save(New("VBO", server, j, edited(j))); err != nil {
				t.Fatal(err)
			}
			a, err := s.Lock(server, "j1", owner(100))
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.TakeOver(server, "j1", owner(200))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Release()
			if b.Check() {
				t.Fatal("the taker holds the flock while the first session does")
			}
			if err := a.Release(); err != nil { // A quits
				t.Fatal(err)
			}
			if tt.bQuits {
				b.Release()
			}
			c, err := s.Lock(server, "j1", owner(300))
			if got := errors.Is(err, ErrInUse); got != tt.wantInUse {
				t.Fatalf("a third session's Lock: %v; want in use %v", err, tt.wantInUse)
			}
			if tt.wantInUse && !strings.Contains(err.Error(), "pid 200") {
				t.Errorf("the third session is not told who has it: %v", err)
			}
			c.Release()
			n, inUse, err := s.Clear(false)
			if err != nil || (n == 0) != tt.wantInUse || (len(inUse) == 1) != tt.wantInUse {
				t.Errorf("drafts --clear: removed %d, in use %v, %v; want in use %v", n, inUse, err, tt.wantInUse)
			}
		})
	}
}

func TestLock_TheTakerGetsTheFlockOnceTheFirstSessionQuits(t *testing.T) {
	s := testStore(t)
	s.Alive = func(Owner) bool { return false } // only the flock protects the draft now
	a, err := s.Lock(server, "j1", owner(100))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.TakeOver(server, "j1", owner(200))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	a.Release()
	if !b.Check() {
		t.Fatal("the taker did not get the flock after the first session let go")
	}
	if _, err := s.Lock(server, "j1", owner(300)); !errors.Is(err, ErrInUse) {
		t.Errorf("a third session's Lock while the taker holds the flock: %v", err)
	}
}

// Stores sharing their lock files (vbosched serve's keys and the local
// editor) are told of each other's sessions on a job, by who they are,
// and a take-over in one reaches the other; each store's drafts stay its
// own.
func TestLock_StoresSharingLocksAreToldOfEachOther(t *testing.T) {
	root := t.TempDir()
	local := Open(root)
	keyA := Open(filepath.Join(root, "serve", "A")).WithLocks(root)
	keyB := Open(filepath.Join(root, "serve", "B")).WithLocks(root)
	a := owner(100)
	a.Who, a.Drafts = "vbosched serve, key A", keyA.Dir()
	tests := []struct {
		name  string
		other *Store
	}{
		{"another key", keyB},
		{"the local editor", local},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, err := keyA.Lock(server, "j1", a)
			if err != nil {
				t.Fatal(err)
			}
			defer first.Release()
			_, err = tt.other.Lock(server, "j1", owner(200))
			var inUse *InUseError
			if !errors.As(err, &inUse) || !strings.Contains(err.Error(), "vbosched serve, key A, pid 100 on host1") {
				t.Fatalf("the other store's lock while key A edits: %v", err)
			}
			taker, err := tt.other.TakeOver(server, "j1", owner(200))
			if err != nil {
				t.Fatal(err)
			}
			defer taker.Release()
			if err := keyA.CheckOwner(server, "j1", a); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "pid 200") {
				t.Errorf("key A's check after the other took over: %v", err)
			}
		})
	}
}

// drafts --clear keeps a store's draft only while a session of that store
// has the job open: another key's session on the same job, holding the
// shared lock, never reads this draft.
func TestClear_KeepsOnlyDraftsOpenInTheirOwnStore(t *testing.T) {
	root := t.TempDir()
	keyA := Open(filepath.Join(root, "serve", "A")).WithLocks(root)
	keyB := Open(filepath.Join(root, "serve", "B")).WithLocks(root)
	j := testJob(t, "j1", "j1")
	for _, s := range []*Store{keyA, keyB} {
		if err := s.Save(New("VBO", server, j, j.Settings())); err != nil {
			t.Fatal(err)
		}
	}
	a := owner(100)
	a.Drafts = keyA.Dir()
	l, err := keyA.Lock(server, "j1", a)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if n, inUse, err := keyB.Clear(false); err != nil || n != 1 || len(inUse) != 0 {
		t.Errorf("key B's Clear while key A edits the job = %d, %v, %v; want B's draft removed", n, inUse, err)
	}
	if n, inUse, err := keyA.Clear(false); err != nil || n != 0 || len(inUse) != 1 {
		t.Errorf("key A's Clear while key A edits the job = %d, %v, %v; want A's draft kept", n, inUse, err)
	}
}
