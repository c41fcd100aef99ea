package ui

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/model"
)

// copyChanged is copy job j as another operator left it on the server.
func copyChanged(t testing.TB, j *model.CopyJob, change func(doc map[string]any)) *model.CopyJob {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(j.Raw(), &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	c, err := model.DecodeCopyJob(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// theirCopyChange allows Wed 12:00 in the copy window and moves the time
// to 21:00; mine (the tests' keys) denies Sun 00:00 and may set the time.
func theirCopyChange(doc map[string]any) {
	p := policy(doc)
	p["dailyTime"] = "21:00:00"
	hours := p["backupCopyWindowSettings"].(map[string]any)["backupWindow"].([]any)
	hours[int(time.Wednesday)*24+12] = true
}

// staleCopySave opens the first copy job, makes edits, and saves it into a
// CopyStaleError as the store would answer after another operator's change.
func staleCopySave(t *testing.T, edits ...string) (Model, *memBackend, *model.CopyJob) {
	t.Helper()
	m, b := openCopy(t, 120, 40)
	m, _ = keys(t, m, edits...)
	base := m.editor.copyJob
	current := copyChanged(t, base, theirCopyChange)
	b.copyErr = &model.CopyStaleError{Base: base, Current: current, Theirs: model.CopyChanges(base.Settings(), current.Settings())}
	m, _ = keys(t, m, "ctrl+s", "y")
	b.copyErr = nil
	if m.screen != screenConflict {
		t.Fatalf("a stale copy save did not open the conflict screen: screen %v\n%s", m.screen, view(m))
	}
	return m, b, current
}

func TestCopyConflict_MergeOverwriteAndCancel(t *testing.T) {
	sun0, wed12 := model.Cell{}, model.Cell{Day: time.Wednesday, Hour: 12}
	t.Run("the screen says both sides' changes", func(t *testing.T) {
		m, _, _ := staleCopySave(t, "d")
		v := view(m)
		for _, want := range []string{"Exchange nightly – archive was changed on the server", "Daily at: 23:00 → 21:00", "+ Wed 12:00-13:00", "− Sun 00:00-01:00"} {
			if !strings.Contains(v, want) {
				t.Errorf("no %q on the conflict screen:\n%s", want, v)
			}
		}
	})
	t.Run("m applies mine on top of theirs, hour by hour", func(t *testing.T) {
		m, _, current := staleCopySave(t, "d")
		m, _ = keys(t, m, "m")
		w := toCopy(m.editor.draft).Policy
		if m.screen != screenReview || m.editor.copyJob != current || w.Window.Hours.At(sun0) || !w.Window.Hours.At(wed12) || w.DailyTime.String() != "21:00" {
			t.Errorf("after m: screen %v, base is theirs %v, Sun 00 %v, Wed 12 %v, time %s", m.screen, m.editor.copyJob == current,
				w.Window.Hours.At(sun0), w.Window.Hours.At(wed12), w.DailyTime)
		}
		if !strings.Contains(view(m), "hours from both sides") {
			t.Errorf("the review does not say the window is combined:\n%s", view(m))
		}
	})
	t.Run("a field both changed is decided with m or t", func(t *testing.T) {
		// Mine: 22:00; theirs: 21:00.
		m, _, _ := staleCopySave(t, "tab", "down*2", "enter", "ctrl+u", "2", "2", ":", "0", "0", "enter")
		m, _ = keys(t, m, "m")
		if !m.conflict.merging || len(m.conflict.open) != 1 || m.conflict.open[0].Field != model.FieldDailyTime {
			t.Fatalf("open conflicts: %+v\n%s", m.conflict, view(m))
		}
		m, _ = keys(t, m, "m")
		if got := toCopy(m.editor.draft).Policy.DailyTime.String(); m.screen != screenReview || got != "22:00" {
			t.Errorf("after keep mine: screen %v, time %s", m.screen, got)
		}
	})
	t.Run("o overwrites theirs with mine", func(t *testing.T) {
		m, _, current := staleCopySave(t, "d")
		m, _ = keys(t, m, "o")
		w := toCopy(m.editor.draft).Policy
		if m.screen != screenReview || m.editor.copyJob != current || w.Window.Hours.At(wed12) || w.DailyTime.String() != "23:00" {
			t.Errorf("after o: screen %v, Wed 12 %v, time %s", m.screen, w.Window.Hours.At(wed12), w.DailyTime)
		}
	})
	t.Run("esc keeps editing, nothing sent", func(t *testing.T) {
		m, b, _ := staleCopySave(t, "d")
		m, _ = keys(t, m, "esc")
		if m.screen != screenEditor || !m.editor.dirty() || len(b.copySaved) != 0 {
			t.Errorf("after esc: screen %v, dirty %v, saves %d", m.screen, m.editor.dirty(), len(b.copySaved))
		}
	})
}

func TestCopySave_OutcomesAreReportedAsForBackupJobs(t *testing.T) {
	t.Run("not applied: the server's copy job is the base, the edits stay", func(t *testing.T) {
		m, b := openCopy(t, 120, 40)
		m, _ = keys(t, m, "d")
		shown := copyChanged(t, m.editor.copyJob, func(doc map[string]any) { policy(doc)["dailyTime"] = "20:00:00" })
		b.copyErr = &model.CopyNotAppliedError{Saved: shown, Missing: []model.FieldChange{{Field: model.FieldCopyWindow, Old: "sent", New: "shown"}}}
		m, _ = keys(t, m, "ctrl+s", "y")
		if v := view(m); !strings.Contains(v, "Not saved as sent.") || !strings.Contains(v, "Backup copy window hours: sent") {
			t.Errorf("the result:\n%s", v)
		}
		m, _ = keys(t, m, "x")
		if m.editor.copyJob != shown || !m.editor.dirty() {
			t.Error("the copy job the server shows is not the base with the edits on top")
		}
	})
	t.Run("unknown: r reads the copy job again", func(t *testing.T) {
		m, b := openCopy(t, 120, 40)
		m, _ = keys(t, m, "d")
		b.copyErr = &model.CopyUnknownOutcomeError{Job: m.editor.copyJob, Err: errors.New("connection reset")}
		m, _ = keys(t, m, "ctrl+s", "y")
		if v := view(m); !strings.Contains(v, "Unknown whether it was saved.") || !strings.Contains(v, "r: reload") {
			t.Errorf("the result:\n%s", v)
		}
		b.copyErr = nil
		m, _ = keys(t, m, "r")
		if m.screen != screenEditor || m.editor.dirty() || m.editor.message != "reloaded from the server" {
			t.Errorf("after r: screen %v, dirty %v, %q", m.screen, m.editor.dirty(), m.editor.message)
		}
	})
}

// copyDraftsOn is a new program on b with drafts d, the jobs and copy jobs
// listed, as after a restart.
func copyDraftsOn(t testing.TB, b *memBackend, d *memDrafts) Model {
	t.Helper()
	return withDraftsOn(t, b, d)
}

func TestCopyDrafts_AnUnsavedCopyEditSurvivesARestart(t *testing.T) {
	d := newMemDrafts()
	b := newMemBackend(t, "v8").withCopyJobs(t)
	m := copyDraftsOn(t, b, d)
	m, _ = keys(t, m, "j*8", "enter", "d", "tab", "left")
	id, edit := m.editor.copyJob.ID, toCopy(m.editor.draft)
	stored, ok := d.get(id)
	if !ok || stored.CopyBase == nil || stored.Base != nil || stored.CopyEdit != edit {
		t.Fatalf("the copy job's draft on disk: %v, %+v", ok, stored)
	}
	// SIGHUP: quits once the draft is written, saying it is kept.
	next, cmd := m.Update(HangupMsg{})
	m, quit := drive(t, next.(Model), cmd)
	if !quit || !strings.Contains(m.ExitNote(), "kept as a draft") {
		t.Errorf("after SIGHUP: quit %v, note %q", quit, m.ExitNote())
	}
	m = copyDraftsOn(t, b, d)
	m, _ = keys(t, m, "j*8", "enter")
	if m.editor.offer == nil || !strings.Contains(view(m), "unsaved draft") {
		t.Fatalf("no restore offered:\n%s", view(m))
	}
	m, _ = keys(t, m, "y")
	if toCopy(m.editor.draft) != edit || !m.editor.dirty() {
		t.Errorf("restored %+v, want %+v", toCopy(m.editor.draft), edit)
	}
}

func TestCopyDrafts_ADraftNeverRestoresOntoTheOtherKind(t *testing.T) {
	d := newMemDrafts()
	b := newMemBackend(t, "v8").withCopyJobs(t)
	cj := b.copies[0]
	// A backup job's draft stored under the copy job's id.
	d.drafts[cj.ID] = StoredDraft{Base: b.jobs[0], Edit: func() model.Settings { s := b.jobs[0].Settings(); s.Name = "x"; return s }()}
	m := copyDraftsOn(t, b, d)
	m, _ = keys(t, m, "j*8", "enter")
	if m.editor.offer != nil || m.editor.unreadable == "" || !strings.Contains(view(m), "a backup job's, not this job's") {
		t.Errorf("a backup job's draft offered on a copy job:\n%s", view(m))
	}
	if _, ok := d.get(cj.ID); !ok {
		t.Error("the other kind's draft was deleted")
	}
}

// H11: after a conflict, o puts mine over the copy job as the server has it.
// Mine has no interval (a daily copy job); theirs is Periodically every 4
// hours. The PUT cannot unset the interval, so the review must not list
// "Every 4 hours → not set" and the edit keeps Hours4, as the server will.
func TestCopyConflict_OverwriteNeverClaimsAnUnsetThePUTCannotSend(t *testing.T) {
	m, b := openCopy(t, 120, 40)
	m, _ = keys(t, m, "d")
	base := m.editor.copyJob
	if base.Policy.Every != model.IntervalUnset {
		t.Fatalf("the fixture's copy job has an interval (%v): the test needs one without", base.Policy.Every)
	}
	current := copyChanged(t, base, func(doc map[string]any) {
		p := policy(doc)
		p["type"] = "Periodically"
		p["periodicallyEvery"] = "Hours4"
	})
	b.copyErr = &model.CopyStaleError{Base: base, Current: current, Theirs: model.CopyChanges(base.Settings(), current.Settings())}
	m, _ = keys(t, m, "ctrl+s", "y")
	b.copyErr = nil
	if m.screen != screenConflict {
		t.Fatalf("a stale copy save did not open the conflict screen: screen %v\n%s", m.screen, view(m))
	}
	m, _ = keys(t, m, "o")
	if m.screen != screenReview {
		t.Fatalf("after o: screen %v\n%s", m.screen, view(m))
	}
	v := view(m)
	if strings.Contains(v, "not set") {
		t.Errorf("the review claims an unset the PUT cannot send:\n%s", v)
	}
	if !strings.Contains(v, "Run the job: Periodically every → Daily at") {
		t.Errorf("the review does not list mine's schedule type:\n%s", v)
	}
	if got := toCopy(m.editor.draft).Policy.Every; got != model.Hours4 {
		t.Errorf("the edit's interval is %v, want Hours4 as the server keeps it", got)
	}
}
