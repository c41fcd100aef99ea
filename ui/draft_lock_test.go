package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// sessionDrafts is one session's view of drafts shared between sessions
// (shared), with a lock per job as the cli's store keeps on disk.
type sessionDrafts struct {
	*memDrafts
	shared *locks
	me     string
}

type locks struct {
	mu    sync.Mutex
	owner map[string]string // job → session
}

func (d sessionDrafts) LockDraft(id string) error {
	d.shared.mu.Lock()
	defer d.shared.mu.Unlock()
	if o, ok := d.shared.owner[id]; ok && o != d.me {
		return &DraftInUseError{By: o + ", since 00:07"}
	}
	d.shared.owner[id] = d.me
	return nil
}

func (d sessionDrafts) TakeDraft(id string) error {
	d.shared.mu.Lock()
	defer d.shared.mu.Unlock()
	d.shared.owner[id] = d.me
	return nil
}

func (d sessionDrafts) UnlockDraft(id string) {
	d.shared.mu.Lock()
	defer d.shared.mu.Unlock()
	if d.shared.owner[id] == d.me {
		delete(d.shared.owner, id)
	}
}

func (d sessionDrafts) SaveDraft(base *model.Job, edit model.Settings) error {
	d.shared.mu.Lock()
	taken := d.shared.owner[base.ID] != d.me
	d.shared.mu.Unlock()
	if taken {
		return errors.New("another vbosched session took this job's draft over")
	}
	return d.memDrafts.SaveDraft(base, edit)
}

// DeleteDraft refuses, as SaveDraft does, a draft another session took
// over (the cli's store checks the owner before either).
func (d sessionDrafts) DeleteDraft(id string) error {
	d.shared.mu.Lock()
	o, held := d.shared.owner[id]
	d.shared.mu.Unlock()
	if held && o != d.me {
		return errors.New("another vbosched session took this job's draft over")
	}
	return d.memDrafts.DeleteDraft(id)
}

func twoSessions(t *testing.T) (first, second Model, d *memDrafts, shared *locks) {
	t.Helper()
	d, shared = newMemDrafts(), &locks{owner: map[string]string{}}
	b := newMemBackend(t, "v8")
	open := func(me string) Model {
		m := New(Options{Backend: b, Drafts: sessionDrafts{d, shared, me}})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m, _ = drive(t, next.(Model), m.loadJobs())
		m, _ = keys(t, m, "enter")
		return m
	}
	first = open("pid 1 on host1")
	first, _ = keys(t, first, "space", "l", "space")
	return first, open("pid 2 on host2"), d, shared
}

func TestDraftLock_ASecondEditorIsToldWhoHasTheJob(t *testing.T) {
	first, second, d, _ := twoSessions(t)
	id := first.editor.job.ID
	v := view(second)
	for _, want := range []string{"being edited in another vbosched session", "pid 1 on host1, since 00:07", "r: open it read-only", "t: take"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the second editor does not say %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "unsaved draft") || second.editor.offer != nil {
		t.Fatal("the second editor offers the first one's live draft")
	}
	second, _ = keys(t, second, "n", "y", "space")
	if dr, ok := d.get(id); !ok || dr.Edit != first.editor.draft.Settings {
		t.Error("keys in the second editor changed the first one's draft")
	}

	t.Run("read-only: nothing edits, nothing is written", func(t *testing.T) {
		m, _ := keys(t, second, "r")
		before := m.editor.draft
		writes := d.writes
		m, _ = keys(t, m, "space", "p", "3", "tab", "space", "ctrl+s")
		l := m.editorLayout()
		next, _ := m.Update(tea.MouseClickMsg{X: l.gridX + 10, Y: l.gridY + 2, Button: tea.MouseLeft})
		m = next.(Model)
		if m.editor.draft != before || m.screen != screenEditor || d.writes != writes {
			t.Errorf("read-only editor: draft changed %v, screen %v, %d writes", m.editor.draft != before, m.screen, d.writes-writes)
		}
		if !strings.Contains(view(m), "READ-ONLY") {
			t.Errorf("the header does not say read-only:\n%s", view(m))
		}
		if dr, _ := d.get(id); dr.Edit != first.editor.draft.Settings {
			t.Error("the read-only editor touched the first one's draft")
		}
	})
	t.Run("taking over offers the draft, and the first editor is told", func(t *testing.T) {
		m, _ := keys(t, second, "t")
		if m.editor.offer == nil {
			t.Fatalf("taking over does not offer the draft:\n%s", view(m))
		}
		m, _ = keys(t, m, "y")
		if m.editor.draft.Settings != first.editor.draft.Settings {
			t.Error("the restored draft is not the first editor's edits")
		}
		asked, _ := keys(t, first, "ctrl+c") // no edit since the take-over
		if v := view(asked); strings.Contains(v, "stay in a draft") || !strings.Contains(v, "LOSE your edits") {
			t.Errorf("the taken-over editor's quit question promises a draft it no longer owns:\n%s", v)
		}
		f, _ := keys(t, first, "l", "space")
		if !strings.Contains(view(f), "NO DRAFT") || !strings.Contains(view(f), "another vbosched session took") {
			t.Errorf("the first editor is not told its draft was taken over:\n%s", view(f))
		}
		next, cmd := f.Update(HangupMsg{})
		f, _ = drive(t, next.(Model), cmd)
		if strings.Contains(f.ExitNote(), "kept as a draft") || !f.ExitFailed() {
			t.Errorf("after a take-over the first editor's exit note: %q (failed %v)", f.ExitNote(), f.ExitFailed())
		}
	})
}

func TestDraftLock_LeavingTheJobGivesItsDraftUp(t *testing.T) {
	first, _, _, shared := twoSessions(t)
	id := first.editor.job.ID
	keys(t, first, "q", "y") // discard and back to the list
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if o, ok := shared.owner[id]; ok {
		t.Errorf("after leaving the job its draft is still held by %s", o)
	}
}

// The finding N10: an editor opened read-only offers no editing key, in
// its help line or its help screen, and those keys only say read-only.
func TestDraftLock_AReadOnlyEditorOffersNoEditingKey(t *testing.T) {
	_, second, _, _ := twoSessions(t)
	m, _ := keys(t, second, "r")
	screens := []struct {
		name       string
		keys       []string
		want, lack []string
	}{
		{"help line", nil, []string{"q back", "r reload", "? help"}, []string{"ctrl+s", "space", "toggle", "select a rectangle", "presets"}},
		{"help line in the form", []string{"tab"}, []string{"q back", "r reload"}, []string{"ctrl+s", "edit field", "undo"}},
		{"help screen", []string{"?"}, []string{"reload"}, []string{"ctrl+s", "toggle hour", "allow selection", "deny selection", "presets", "undo", "edit field"}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			v := view(press(t, m, sc.keys...))
			for _, w := range sc.want {
				if !strings.Contains(v, w) {
					t.Errorf("lacks %q:\n%s", w, v)
				}
			}
			for _, l := range sc.lack {
				if strings.Contains(v, l) {
					t.Errorf("offers %q:\n%s", l, v)
				}
			}
		})
	}
	for _, k := range []string{"space", "a", "d", "p", "u", "ctrl+s", "v"} {
		r := press(t, m, k)
		if !strings.HasPrefix(r.editor.message, "read-only") || r.editor.draft != m.editor.draft || r.editor.presets || r.screen != screenEditor {
			t.Errorf("%s in a read-only editor: message %q, presets %v, screen %v", k, r.editor.message, r.editor.presets, r.screen)
		}
	}
	back, _ := keys(t, m, "q")
	if back.screen != screenList {
		t.Fatalf("q in a read-only editor: screen %v, want the list", back.screen)
	}
	other, _ := keys(t, back, "j", "enter") // a job no one else edits
	if v := view(other); other.editor.readOnly || !strings.Contains(v, "ctrl+s") {
		t.Errorf("the next job opened is still read-only:\n%s", v)
	}
}

// The finding G3: q on the result screen after a save leaves the editor,
// and with it the job's draft lock, so opening the job again is not
// "being edited in another vbosched session" by this very session.
func TestDraftLock_LeavingAfterASaveGivesTheDraftUp(t *testing.T) {
	first, _, _, shared := twoSessions(t)
	id := first.editor.job.ID
	saved, _ := keys(t, first, "ctrl+s", "y")
	if saved.screen != screenResult || saved.result.err != nil {
		t.Fatalf("the save did not reach the result screen: %v\n%s", saved.result.err, view(saved))
	}
	back, _ := keys(t, saved, "q")
	if back.screen != screenList || back.editor.open() {
		t.Fatalf("q after the save: screen %v, editor open %v", back.screen, back.editor.open())
	}
	shared.mu.Lock()
	o, held := shared.owner[id]
	shared.mu.Unlock()
	if held {
		t.Errorf("after saving and leaving the job its draft is still held by %s", o)
	}
	again, _ := keys(t, back, "enter")
	if v := view(again); strings.Contains(v, "another vbosched session") || again.editor.job == nil || again.editor.job.ID != id {
		t.Errorf("reopening the saved job:\n%s", v)
	}
}

// The finding G28: once another session took a job's draft over, leaving
// that job (whose draft this session can no longer delete) does not mark
// the next job opened "drafts cannot be written".
func TestDraftLock_ATakenOverJobDoesNotMarkTheNextOne(t *testing.T) {
	first, second, _, _ := twoSessions(t)
	keys(t, second, "t", "y") // take the draft over, restore it
	m, _ := keys(t, first, "q", "y")
	if m.screen != screenList {
		t.Fatalf("q, y: screen %v\n%s", m.screen, view(m))
	}
	m, _ = keys(t, m, "j", "enter")
	if v := view(m); strings.Contains(v, "drafts cannot be written") || strings.Contains(v, "NO DRAFT") || m.draftErr != nil {
		t.Errorf("the next job opened is marked for the taken-over one's draft (%v):\n%s", m.draftErr, v)
	}
}

// A read-only session (a read-only key of vbosched serve) can never save:
// it takes no job's lock, so an operator who can save is never told the
// job is being edited by it, and it writes no draft of its edits.
func TestDraftLock_AReadOnlySessionTakesNoLockAndKeepsNoDraft(t *testing.T) {
	d, shared := newMemDrafts(), &locks{owner: map[string]string{}}
	b := newMemBackend(t, "v8")
	open := func(me string, readOnly bool) Model {
		m := New(Options{Backend: b, Drafts: sessionDrafts{d, shared, me}, ReadOnly: readOnly})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m, _ = drive(t, next.(Model), m.loadJobs())
		m, _ = keys(t, m, "enter")
		return m
	}
	ro := open("pid 2 on host2", true)
	id := ro.editor.job.ID
	ro, _ = keys(t, ro, "space", "l", "space")
	if _, held := shared.owner[id]; held || d.writes != 0 {
		t.Errorf("the read-only session took the lock (%v) or wrote %d drafts", held, d.writes)
	}
	rw := open("pid 1 on host1", false)
	if rw.editor.inUse != "" || shared.owner[id] != "pid 1 on host1" {
		t.Errorf("the operator who can save was told the job is in use (%q), owner %q", rw.editor.inUse, shared.owner[id])
	}
}

// At 80 columns an insecure connection's editor opened read-only (the job
// is in use) still shows the job's whole name beside its state.
func TestDraftLock_TheReadOnlyMarkLeavesTheNameRoom(t *testing.T) {
	d, shared := newMemDrafts(), &locks{owner: map[string]string{}}
	b := newMemBackend(t, "v8")
	open := func(me string) Model {
		m := New(Options{Backend: b, Drafts: sessionDrafts{d, shared, me}, Insecure: true})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		m, _ = drive(t, next.(Model), m.loadJobs())
		m, _ = keys(t, m, "/", "A", "r", "c", "h", "i", "v", "enter", "enter")
		return m
	}
	open("pid 1 on host1")
	second, _ := keys(t, open("pid 2 on host2"), "r")
	header := strings.SplitN(view(second), "\n", 2)[0]
	if !strings.Contains(header, "Archiv Geschäftsführung") || !strings.Contains(header, "READ-ONLY") {
		t.Errorf("the header lost the name or the mark:\n%s", header)
	}
}
