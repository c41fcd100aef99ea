package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// memDrafts is a Drafts held in memory that counts its writes.
type memDrafts struct {
	mu      sync.Mutex
	drafts  map[string]StoredDraft
	writes  int
	deletes int
}

func newMemDrafts() *memDrafts { return &memDrafts{drafts: map[string]StoredDraft{}} }

func (d *memDrafts) SaveDraft(base *model.Job, edit model.Settings) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.writes++
	d.drafts[base.ID] = StoredDraft{Base: base, Edit: edit, Saved: time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC)}
	return nil
}

func (d *memDrafts) LoadDraft(id string) (*StoredDraft, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if dr, ok := d.drafts[id]; ok {
		return &dr, nil
	}
	return nil, nil
}

func (d *memDrafts) DeleteDraft(id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.deletes++
	delete(d.drafts, id)
	return nil
}

func (d *memDrafts) get(id string) (StoredDraft, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	dr, ok := d.drafts[id]
	return dr, ok
}

// drive is run that also follows the trust messages and reports whether
// the program asked to quit.
func drive(t testing.TB, m Model, cmd tea.Cmd) (Model, bool) {
	t.Helper()
	if cmd == nil {
		return m, false
	}
	quit := false
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			var q bool
			m, q = drive(t, m, c)
			quit = quit || q
		}
	case tea.QuitMsg:
		return m, true
	case jobsLoadedMsg, jobSavedMsg, draftLoadedMsg, draftSyncedMsg, jobReloadedMsg, copyJobsLoadedMsg, jobRereadMsg:
		next, cmd := m.Update(msg)
		return drive(t, next.(Model), cmd)
	}
	return m, quit
}

// keys is press through drive; the last key's quit is reported.
func keys(t testing.TB, m Model, ks ...string) (Model, bool) {
	t.Helper()
	quit := false
	for _, k := range ks {
		n := 1
		if name, count, ok := strings.Cut(k, "*"); ok && len(name) > 0 {
			fmt.Sscan(count, &n)
			k = name
		}
		for range n {
			next, cmd := m.Update(keyMsg(k))
			m, quit = drive(t, next.(Model), cmd)
		}
	}
	return m, quit
}

// withDrafts is the demo on the in-memory backend with drafts, jobs loaded.
func withDrafts(t testing.TB, d *memDrafts) (Model, *memBackend) {
	t.Helper()
	b := newMemBackend(t, "v8")
	return withDraftsOn(t, b, d), b
}

// withDraftsOn is a new program on b, as after a restart.
func withDraftsOn(t testing.TB, b *memBackend, d *memDrafts) Model {
	t.Helper()
	m := New(Options{Backend: b, Drafts: d})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = drive(t, next.(Model), m.loadJobs())
	return m
}

// serverChanges changes a job on the in-memory server as another operator
// would, and returns it as the server now has it.
func serverChanges(t testing.TB, b *memBackend, id string, change func(doc map[string]any)) *model.Job {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, j := range b.jobs {
		if j.ID != id {
			continue
		}
		var doc map[string]any
		if err := json.Unmarshal(j.Raw(), &doc); err != nil {
			t.Fatal(err)
		}
		change(doc)
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		b.jobs[i] = decodeJob(t, data)
		return b.jobs[i]
	}
	t.Fatalf("no job %s", id)
	return nil
}

func policy(doc map[string]any) map[string]any { return doc["schedulePolicy"].(map[string]any) }

func TestSave_TheSavedJobIsTheNewBaseline(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	m, _ = keys(t, m, "enter", "space", "ctrl+s", "y")
	if m.result.err != nil {
		t.Fatalf("save: %v", m.result.err)
	}
	m, _ = keys(t, m, "x")
	if strings.Contains(view(m), "unsaved changes") || !strings.Contains(view(m), "as on the server") {
		t.Errorf("after a save the header still says unsaved:\n%s", view(m))
	}
	if m, _ = keys(t, m, "q"); m.screen != screenList {
		t.Errorf("q after a save asked to discard instead of leaving: %q", m.editor.message)
	}
}

func TestSave_NotAppliedNamesTheFieldsAndKeepsTheEdits(t *testing.T) {
	m, b := loaded(t, "v8", 120, 40)
	m, _ = keys(t, m, "enter", "p", "3")
	base := m.editor.job
	edited := m.editor.draft.Settings
	b.saveErr = &model.NotAppliedError{Saved: base, Missing: []model.FieldChange{
		{Field: model.FieldWindow, Old: edited.Policy.BackupWindow.Hours.String(), New: base.Policy.BackupWindow.Hours.String()}}}
	m, _ = keys(t, m, "ctrl+s", "y")
	screen := view(m)
	if !strings.Contains(screen, "Not saved as sent") || !strings.Contains(screen, "Backup window hours: sent everyday 20:00-06:00 → server shows") {
		t.Fatalf("the result does not say which field the server ignored:\n%s", screen)
	}
	m, _ = keys(t, m, "x")
	if m.screen != screenEditor || !m.editor.dirty() || m.editor.draft.Settings != edited {
		t.Errorf("edits lost after a save the server did not apply")
	}
}

// A save that stood while someone else changed a field it did not edit is
// saved (the edits are the new baseline), with a note naming that field;
// one of which only part landed says "Partly saved" and keeps the edits.
func TestSave_ResultTellsOthersChangesAndPartlySaved(t *testing.T) {
	theirs := []model.FieldChange{{Field: model.FieldRetryNumber, Old: "3", New: "6"}}
	tests := []struct {
		name      string
		note, err error
		want      []string
		dirty     bool
	}{
		{"saved with someone else's change", &model.ChangedSinceError{Label: "job", Theirs: theirs}, nil,
			[]string{"Saved.", "changed on the server since: schedulePolicy.retryNumber 3 → 6"}, false},
		{"partly saved", nil, &model.PartlySavedError{Label: "job", Saved: theirs, Missing: []model.FieldChange{{Field: model.FieldIsEnabled, Old: "false", New: "true"}}},
			[]string{"Partly saved.", "not saved: isEnabled (sent false, the server shows true)"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, b := loaded(t, "v8", 120, 40)
			m, _ = keys(t, m, "enter", "space")
			b.saveNote, b.saveErr = tt.note, tt.err
			m, _ = keys(t, m, "ctrl+s", "y")
			screen := strings.Join(strings.Fields(view(m)), " ")
			for _, w := range tt.want {
				if !strings.Contains(screen, w) {
					t.Errorf("the result lacks %q:\n%s", w, view(m))
				}
			}
			m, _ = keys(t, m, "x")
			if m.editor.dirty() != tt.dirty {
				t.Errorf("after the result, unsaved edits %v, want %v", m.editor.dirty(), tt.dirty)
			}
		})
	}
}

func TestSave_UnknownOutcomeSaysSoAndReloads(t *testing.T) {
	m, b := loaded(t, "v8", 120, 40)
	m, _ = keys(t, m, "enter", "space")
	b.saveErr = &model.UnknownOutcomeError{Job: m.editor.job, Err: errors.New("connection reset")}
	m, _ = keys(t, m, "ctrl+s", "y")
	if !strings.Contains(view(m), "Unknown whether it was saved") || !strings.Contains(view(m), "r: reload") {
		t.Fatalf("the result does not say the outcome is unknown:\n%s", view(m))
	}
	changed := serverChanges(t, b, m.editor.job.ID, func(doc map[string]any) { doc["description"] = "as the server has it" })
	m, _ = keys(t, m, "r")
	if m.screen != screenEditor || m.editor.dirty() || m.editor.job != changed {
		t.Errorf("r did not reload the job: screen %v, dirty %v", m.screen, m.editor.dirty())
	}
}

func TestEditor_ReloadAsksFirstWhenThereAreEdits(t *testing.T) {
	tests := []struct {
		name      string
		keys      []string
		reloaded  bool
		wantDirty bool
	}{
		{"no edits: reloads at once", []string{"r"}, true, false},
		{"edits, answered y: reloads", []string{"space", "r", "y"}, true, false},
		{"edits, answered n: keeps them", []string{"space", "r", "n"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, b := loaded(t, "v8", 120, 40)
			id := m.list.Selected().ID
			m, _ = keys(t, m, "enter") // opened (and read again) before the server changes
			changed := serverChanges(t, b, id, func(doc map[string]any) { doc["description"] = "changed meanwhile" })
			m, _ = keys(t, m, tt.keys...)
			if got := m.editor.job == changed; got != tt.reloaded {
				t.Errorf("reloaded = %v, want %v", got, tt.reloaded)
			}
			if m.editor.dirty() != tt.wantDirty {
				t.Errorf("dirty = %v, want %v", m.editor.dirty(), tt.wantDirty)
			}
		})
	}
}

// staleSave opens the first job, makes edits, lets the server change it
// with theirs and saves: the backend answers as the store does, with a
// StaleError.
func staleSave(t *testing.T, edits []string, theirs func(doc map[string]any)) (Model, *memBackend, *model.Job) {
	t.Helper()
	m, b := loaded(t, "v8", 120, 40)
	m, _ = keys(t, m, append([]string{"enter"}, edits...)...)
	base := m.editor.job
	current := serverChanges(t, b, base.ID, theirs)
	b.saveErr = &model.StaleError{Base: base, Current: current, Theirs: model.Changes(base.Settings(), current.Settings())}
	m, _ = keys(t, m, "ctrl+s", "y")
	b.saveErr = nil
	if m.screen != screenConflict {
		t.Fatalf("a stale save did not open the conflict screen: screen %v\n%s", m.screen, view(m))
	}
	return m, b, current
}

// Mine: Mon 00:00 allowed (space at the grid's first row below Sunday) and
// retries 5. Theirs: the description and Wed 12:00 allowed.
var (
	myEdits = []string{"j", "space", "tab", "down*6", "enter", "ctrl+u", "5", "enter"}
	theirs  = func(doc map[string]any) {
		doc["description"] = "changed by \x1b]0;pwned\x07someone"
		ws := policy(doc)["backupWindowSettings"].(map[string]any)
		hours := ws["backupWindow"].([]any)
		hours[int(time.Wednesday)*24+12] = true
	}
)

func TestConflict_ShowsTheirChangesSafely(t *testing.T) {
	m, _, _ := staleSave(t, myEdits, theirs)
	screen := view(m)
	for _, want := range []string{"changed on the server since you opened it", "Description:", `\x1b]0;pwned\a`, "+ Wed 12:00-13:00", "Retries: 3 times → 5 times"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the conflict screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(m.View().Content, "\x1b]0;") {
		t.Error("the server's escape sequence reached the terminal")
	}
}

func TestConflict_Choices(t *testing.T) {
	mon0, wed12 := model.Cell{Day: time.Monday}, model.Cell{Day: time.Wednesday, Hour: 12}
	tests := []struct {
		name                 string
		key                  string
		screen               screen
		wantMon, wantWed     bool
		wantRetry            int
		wantBaseIsTheServers bool
	}{
		{"m applies my edits on top of theirs", "m", screenReview, true, true, 5, true},
		{"o overwrites theirs with mine", "o", screenReview, true, false, 5, true},
		{"esc goes back to the editor with my edits", "esc", screenEditor, true, false, 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, current := staleSave(t, myEdits, theirs)
			m, _ = keys(t, m, tt.key)
			p := m.editor.draft.Policy
			if m.screen != tt.screen {
				t.Fatalf("screen %v, want %v\n%s", m.screen, tt.screen, view(m))
			}
			if p.BackupWindow.Hours.At(mon0) != tt.wantMon || p.BackupWindow.Hours.At(wed12) != tt.wantWed || p.RetryNumber != tt.wantRetry {
				t.Errorf("edit: Mon 00 %v, Wed 12 %v, retries %d", p.BackupWindow.Hours.At(mon0), p.BackupWindow.Hours.At(wed12), p.RetryNumber)
			}
			if (m.editor.job == current) != tt.wantBaseIsTheServers {
				t.Errorf("the edit's base is the server's current job: %v, want %v", m.editor.job == current, tt.wantBaseIsTheServers)
			}
		})
	}
}

func TestConflict_SameFieldChangedBothWaysIsTheUsersToDecide(t *testing.T) {
	for _, side := range []struct {
		key  string
		want int
	}{{"m", 5}, {"t", 7}} {
		t.Run(side.key, func(t *testing.T) {
			m, b, current := staleSave(t, myEdits, func(doc map[string]any) { policy(doc)["retryNumber"] = 7 })
			m, _ = keys(t, m, "m")
			if m.screen != screenConflict || !strings.Contains(view(m), "was 3 · mine 5 · theirs 7") {
				t.Fatalf("the conflict on retryNumber is not shown:\n%s", view(m))
			}
			m, _ = keys(t, m, side.key)
			if m.screen != screenReview || m.editor.draft.Policy.RetryNumber != side.want || m.editor.job != current {
				t.Fatalf("after %s: screen %v, retries %d", side.key, m.screen, m.editor.draft.Policy.RetryNumber)
			}
			if !m.editor.draft.Policy.BackupWindow.Hours.At(model.Cell{Day: time.Monday}) {
				t.Error("my window edit was lost in the merge")
			}
			m, _ = keys(t, m, "y")
			if saves := b.saves(); len(saves) != 1 || saves[0].Policy.RetryNumber != side.want {
				t.Errorf("saved %v", saves)
			}
		})
	}
}

func TestGoldenConflict(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, sc := range []struct {
			name string
			keys []string
		}{{"conflict", nil}, {"conflict-resolve", []string{"m"}}} {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				m, _, _ := staleSave(t, myEdits, func(doc map[string]any) {
					theirs(doc)
					policy(doc)["retryNumber"] = 7
				})
				next, _ := m.Update(tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
				m, _ = keys(t, next.(Model), sc.keys...)
				golden.RequireEqual(t, view(m))
			})
		}
	}
}

func TestDrafts_EveryEditIsWrittenAndABurstCoalesces(t *testing.T) {
	d := newMemDrafts()
	m, _ := withDrafts(t, d)
	m, _ = keys(t, m, "enter")
	id := m.editor.job.ID
	// Five toggles without the writes landing: one write goes out, the
	// others wait for it.
	var pending []tea.Cmd
	for _, k := range []string{"space", "l", "space", "l", "space"} {
		next, cmd := m.Update(keyMsg(k))
		m = next.(Model)
		if cmd != nil {
			pending = append(pending, cmd)
		}
	}
	if len(pending) != 1 {
		t.Fatalf("%d draft writes queued for a burst of keys, want 1", len(pending))
	}
	m, _ = drive(t, m, pending[0]) // lands, and the latest state is written
	dr, ok := d.get(id)
	if !ok || dr.Edit != m.editor.draft.Settings {
		t.Fatalf("the last state did not land: %v", ok)
	}
	if d.writes != 2 {
		t.Errorf("%d writes, want 2", d.writes)
	}
}

func TestDrafts_SavingOrDiscardingRemovesTheDraft(t *testing.T) {
	for _, tt := range []struct {
		name string
		keys []string
	}{
		{"save", []string{"ctrl+s", "y"}},
		{"discard with q", []string{"q", "y"}},
		{"undo to the server's state", []string{"u"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newMemDrafts()
			m, _ := withDrafts(t, d)
			m, _ = keys(t, m, "enter", "space")
			id := m.editor.job.ID
			if _, ok := d.get(id); !ok {
				t.Fatal("an edit wrote no draft")
			}
			keys(t, m, tt.keys...)
			if _, ok := d.get(id); ok {
				t.Errorf("the draft is still there after %s", tt.name)
			}
		})
	}
}

func TestDrafts_OpeningAJobOffersItsDraft(t *testing.T) {
	mon0, wed12 := model.Cell{Day: time.Monday}, model.Cell{Day: time.Wednesday, Hour: 12}
	for _, tt := range []struct {
		name          string
		serverChanged bool
		key           string
		wantMon       bool
		wantWed       bool
		wantDraft     bool
	}{
		{"restore", false, "y", true, false, true},
		{"restore onto a job changed since", true, "y", true, true, true},
		{"discard", false, "n", false, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := newMemDrafts()
			m, b := withDrafts(t, d)
			m, _ = keys(t, m, "enter", "j", "space", "tab", "down*6", "enter", "ctrl+u", "5", "enter")
			id, edit := m.editor.job.ID, m.editor.draft.Settings
			if tt.serverChanged {
				serverChanges(t, b, id, theirs)
			}
			// A new program, as after a dropped session.
			m = withDraftsOn(t, b, d)
			m, _ = keys(t, m, "enter")
			if m.editor.offer == nil || !strings.Contains(view(m), "unsaved draft") {
				t.Fatalf("no restore offered:\n%s", view(m))
			}
			m, _ = keys(t, m, tt.key)
			p := m.editor.draft.Policy
			if p.BackupWindow.Hours.At(mon0) != tt.wantMon || p.BackupWindow.Hours.At(wed12) != tt.wantWed {
				t.Errorf("window after %s: Mon 00 %v, Wed 12 %v", tt.key, p.BackupWindow.Hours.At(mon0), p.BackupWindow.Hours.At(wed12))
			}
			if tt.wantMon && p.RetryNumber != edit.Policy.RetryNumber {
				t.Errorf("retries %d, want %d", p.RetryNumber, edit.Policy.RetryNumber)
			}
			if _, ok := d.get(id); ok != tt.wantDraft {
				t.Errorf("draft on disk %v, want %v", ok, tt.wantDraft)
			}
		})
	}
}

func TestQuit_CtrlCWithEditsAsks(t *testing.T) {
	d := newMemDrafts()
	m, _ := withDrafts(t, d)
	m, quit := keys(t, m, "enter", "space", "ctrl+c")
	if quit || !m.editor.confirmQuit || !strings.Contains(view(m), "y: quit, your edits stay in a draft") {
		t.Fatalf("ctrl+c with edits quit without asking (quit %v):\n%s", quit, view(m))
	}
	if m, quit = keys(t, m, "n"); quit || !m.editor.dirty() {
		t.Fatalf("n: quit %v, dirty %v", quit, m.editor.dirty())
	}
	m, quit = keys(t, m, "ctrl+c", "y")
	if !quit {
		t.Fatal("y did not quit")
	}
	if _, ok := d.get(m.editor.job.ID); !ok {
		t.Error("quitting with ctrl+c removed the draft")
	}
	if _, quit = keys(t, New(Options{Backend: newMemBackend(t, "v8")}), "ctrl+c"); !quit {
		t.Error("ctrl+c without edits did not quit at once")
	}
}

func TestQuit_CtrlCDuringASaveWaitsForItsOutcome(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	m, _ = keys(t, m, "enter", "space", "ctrl+s")
	next, saveCmd := m.Update(keyMsg("y")) // the save is in flight: its command not run yet
	m = next.(Model)
	m, quit := keys(t, m, "ctrl+c")
	if quit || !strings.Contains(view(m), "waiting for the server's answer") {
		t.Fatalf("ctrl+c during a save did not wait (quit %v):\n%s", quit, view(m))
	}
	t.Run("the save's outcome arrives", func(t *testing.T) {
		m, quit := drive(t, m, saveCmd)
		if !quit || m.ExitNote() != "the save ended: saved" {
			t.Errorf("quit %v, note %q", quit, m.ExitNote())
		}
	})
	t.Run("a second ctrl+c abandons it", func(t *testing.T) {
		m, quit := keys(t, m, "ctrl+c")
		if !quit || !strings.Contains(m.ExitNote(), "its outcome is unknown") || !m.ExitFailed() {
			t.Errorf("quit %v, note %q", quit, m.ExitNote())
		}
	})
}

func TestConflict_AWindowWithHoursFromBothSidesIsPointedOut(t *testing.T) {
	m, _, _ := staleSave(t, myEdits, theirs)
	m, _ = keys(t, m, "m")
	if !strings.Contains(view(m), "check Backup window hours: it has hours from both sides") {
		t.Errorf("the review does not point out the combined window:\n%s", view(m))
	}
}

func TestDrafts_RestoreWithAFieldChangedBothWaysAsks(t *testing.T) {
	d := newMemDrafts()
	m, b := withDrafts(t, d)
	m, _ = keys(t, m, append([]string{"enter"}, myEdits...)...)
	id := m.editor.job.ID
	current := serverChanges(t, b, id, func(doc map[string]any) { policy(doc)["retryNumber"] = 7 })

	m = withDraftsOn(t, b, d)
	m, _ = keys(t, m, "enter", "y")
	if m.screen != screenConflict || !strings.Contains(view(m), "Your draft of") || !strings.Contains(view(m), "was 3 · mine 5 · theirs 7") {
		t.Fatalf("restoring onto a conflicting change does not ask:\n%s", view(m))
	}
	m, _ = keys(t, m, "esc")
	if m.screen != screenEditor || m.editor.offer == nil {
		t.Fatalf("esc does not go back to the offer: screen %v", m.screen)
	}
	if _, ok := d.get(id); !ok {
		t.Fatal("cancelling the restore deleted the draft")
	}
	m, _ = keys(t, m, "y", "m")
	p := m.editor.draft.Policy
	if m.screen != screenEditor || m.editor.job != current || p.RetryNumber != 5 || !p.BackupWindow.Hours.At(model.Cell{Day: time.Monday}) {
		t.Errorf("after keeping mine: screen %v, retries %d, base is current %v", m.screen, p.RetryNumber, m.editor.job == current)
	}
	if dr, ok := d.get(id); !ok || dr.Base != current || dr.Edit != m.editor.draft.Settings {
		t.Error("the restored edit was not written as a draft on the server's current job")
	}
}

func TestQuit_HangupWaitsForTheLatestDraft(t *testing.T) {
	d := newMemDrafts()
	m, _ := withDrafts(t, d)
	m, _ = keys(t, m, "enter")
	next, write := m.Update(keyMsg("space")) // the draft's write is in flight
	m = next.(Model)
	next, sync := m.Update(keyMsg("l"))
	m = next.(Model)
	next, cmd := m.Update(HangupMsg{})
	if sync != nil || quits(cmd) {
		t.Fatal("the hangup quit before the draft was written")
	}
	m = next.(Model)
	m, quit := drive(t, m, write)
	if !quit {
		t.Fatal("the hangup did not quit once the draft landed")
	}
	if dr, ok := d.get(m.editor.job.ID); !ok || dr.Edit != m.editor.draft.Settings {
		t.Error("the latest edit is not in the draft")
	}
}

func TestDrafts_LeavingTheOfferUndecidedKeepsTheDraft(t *testing.T) {
	d := newMemDrafts()
	m, b := withDrafts(t, d)
	m, _ = keys(t, m, "enter", "space")
	id := m.editor.job.ID
	m = withDraftsOn(t, b, d)
	m, _ = keys(t, m, "enter", "q")
	if m.screen != screenList {
		t.Fatalf("q at the offer: screen %v", m.screen)
	}
	if _, ok := d.get(id); !ok {
		t.Error("leaving the offer undecided deleted the draft")
	}
}

// SaveCopyDraft makes memDrafts a CopyDrafts: a copy job's draft is kept
// with its kind.
func (d *memDrafts) SaveCopyDraft(base *model.CopyJob, edit model.CopySettings) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.writes++
	d.drafts[base.ID] = StoredDraft{CopyBase: base, CopyEdit: edit, Saved: time.Date(2026, 11, 28, 23, 0, 0, 0, time.UTC)}
	return nil
}

// H11 for a backup job: its days and interval are enums the PUT cannot
// unset either.
func TestConflict_OverwriteOfABackupJobNeverClaimsAnUnsetThePUTCannotSend(t *testing.T) {
	m, _, _ := staleSave(t, []string{"space"}, func(doc map[string]any) {
		p := policy(doc)
		p["type"] = "Periodically"
		p["periodicallyEvery"] = "Hours4"
		p["dailyType"] = "Weekends"
	})
	m, _ = keys(t, m, "o")
	if m.screen != screenReview {
		t.Fatalf("after o: screen %v\n%s", m.screen, view(m))
	}
	if v := view(m); strings.Contains(v, "not set") {
		t.Errorf("the review claims an unset the PUT cannot send:\n%s", v)
	}
}
