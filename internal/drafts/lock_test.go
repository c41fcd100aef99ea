//go:build unix

package drafts

import (
	"errors"
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
	if err := s.TakeOver(server, "j1", owner(200)); err != nil {
		t.Fatal(err)
	}
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
