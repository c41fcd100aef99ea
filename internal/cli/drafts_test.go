package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/internal/serve"
	"github.com/vbosched/vbosched/model"
	"github.com/vbosched/vbosched/ui"
)

// runIn runs the command line in-process with only env.
func runIn(env map[string]string, args ...string) run {
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }}, "test")
	return run{code, out.String(), errOut.String()}
}

func TestDraftsCommand_ListsThenClears(t *testing.T) {
	srv := newServer(t)
	state := t.TempDir()
	env := map[string]string{"XDG_STATE_HOME": state, "HOME": t.TempDir()}
	id := srv.JobID("Exchange nightly")
	doc, err := json.Marshal(srv.Job(id))
	if err != nil {
		t.Fatal(err)
	}
	doc = bytes.Replace(doc, []byte("Exchange nightly"), []byte(`Exchange \u001b]0;pwned\u0007nightly`), 1)
	job, err := model.DecodeJob(doc)
	if err != nil {
		t.Fatal(err)
	}
	edit := job.Settings()
	edit.Policy.RetryNumber = 5
	// The editor writes through the same store the command reads.
	ds, err := openDraftStore(&session{store: jobstore.New(nil, "host"), url: srv.URL}, Env{Getenv: func(k string) string { return env[k] }})
	if err == nil {
		err = ds.SaveDraft(job, edit)
	}
	if err != nil {
		t.Fatalf("draft store: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(state, "vbosched", "drafts", "*.json")); len(files) != 1 {
		t.Fatalf("the draft is not under XDG_STATE_HOME: %v", files)
	}
	if d, err := ds.LoadDraft(id); err != nil || d == nil || d.Edit != edit {
		t.Fatalf("the editor's store does not read the draft: %v", err)
	}

	r := runIn(env, "drafts")
	if r.code != 0 {
		t.Fatalf("drafts: exit %d: %s", r.code, r.err)
	}
	for _, want := range []string{srv.URL, `Exchange \x1b]0;pwned\x07nightly`, "schedulePolicy.retryNumber: 3 → 5"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("drafts lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out, "\x1b") {
		t.Error("a job name's escape sequence reached the terminal")
	}
	if r = runIn(env, "drafts", "--clear"); r.code != 0 || !strings.Contains(r.out, "removed 1 draft(s)") {
		t.Fatalf("drafts --clear: exit %d: %s%s", r.code, r.out, r.err)
	}
	if r = runIn(env, "drafts"); r.code != 0 || strings.TrimSpace(r.out) != "no drafts" {
		t.Errorf("after --clear: exit %d: %s", r.code, r.out)
	}
}

func TestDraftsCommand_ClearLeavesTheDraftOfAnOpenJobUnlessForced(t *testing.T) {
	srv := newServer(t)
	env := map[string]string{"XDG_STATE_HOME": t.TempDir(), "HOME": t.TempDir()}
	job, err := model.DecodeJob(mustMarshal(t, srv.Job(srv.JobID("Exchange nightly"))))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := openDraftStore(&session{store: jobstore.New(nil, "host"), url: srv.URL}, Env{Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	locker := ds.(ui.DraftLocker)
	if err := locker.LockDraft(job.ID); err != nil { // the editor has the job open
		t.Fatal(err)
	}
	defer locker.UnlockDraft(job.ID)
	edit := job.Settings()
	edit.Policy.RetryNumber = 5
	if err := ds.SaveDraft(job, edit); err != nil {
		t.Fatal(err)
	}
	r := runIn(env, "drafts", "--clear")
	if r.code != 0 || !strings.Contains(r.out, "removed 0 draft(s)") || !strings.Contains(r.out, "open in another vbosched session (pid") ||
		!strings.Contains(r.out, "--force") {
		t.Fatalf("drafts --clear with the job open: exit %d:\n%s%s", r.code, r.out, r.err)
	}
	if d, err := ds.LoadDraft(job.ID); err != nil || d == nil {
		t.Fatalf("the open job's draft is gone after --clear: %v", err)
	}
	if r = runIn(env, "drafts", "--clear", "--force"); r.code != 0 || !strings.Contains(r.out, "removed 1 draft(s)") {
		t.Errorf("drafts --clear --force: exit %d:\n%s%s", r.code, r.out, r.err)
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The finding N1 on disk: A edits, B takes the draft over, A quits; C and
// drafts --clear must leave B's draft alone while B edits.
func TestDraftStore_ATakenOverDraftStaysInUseAfterTheFirstEditorQuits(t *testing.T) {
	srv := newServer(t)
	env := map[string]string{"XDG_STATE_HOME": t.TempDir(), "HOME": t.TempDir()}
	job, err := model.DecodeJob(mustMarshal(t, srv.Job(srv.JobID("Exchange nightly"))))
	if err != nil {
		t.Fatal(err)
	}
	session := func() *draftStore {
		ds, err := openDraftStore(&session{store: jobstore.New(nil, "host"), url: srv.URL}, Env{Getenv: func(k string) string { return env[k] }})
		if err != nil {
			t.Fatal(err)
		}
		return ds.(*draftStore)
	}
	a, b, c := session(), session(), session() // one process: told apart by when each began
	if err := a.LockDraft(job.ID); err != nil {
		t.Fatal(err)
	}
	edit := job.Settings()
	edit.Policy.RetryNumber = 5
	if err := a.SaveDraft(job, edit); err != nil {
		t.Fatal(err)
	}
	if err := b.LockDraft(job.ID); !errors.As(err, new(*ui.DraftInUseError)) {
		t.Fatalf("B opening the job A edits: %v", err)
	}
	if err := b.TakeDraft(job.ID); err != nil {
		t.Fatal(err)
	}
	defer b.UnlockDraft(job.ID)
	if err := a.SaveDraft(job, edit); err == nil || !strings.Contains(err.Error(), "took this job's draft over") {
		t.Errorf("A writing after the take-over: %v", err)
	}
	edit.Policy.RetryNumber = 6
	if err := b.SaveDraft(job, edit); err != nil {
		t.Fatal(err)
	}
	a.UnlockDraft(job.ID) // A quits
	if err := c.LockDraft(job.ID); !errors.As(err, new(*ui.DraftInUseError)) {
		t.Fatalf("C opening the job B edits, after A quit: %v (C would be offered B's live draft)", err)
	}
	if r := runIn(env, "drafts", "--clear"); r.code != 0 || !strings.Contains(r.out, "removed 0 draft(s)") {
		t.Fatalf("drafts --clear while B edits: exit %d:\n%s%s", r.code, r.out, r.err)
	}
	if err := b.SaveDraft(job, edit); err != nil {
		t.Errorf("B writing after A quit: %v", err)
	}
	b.UnlockDraft(job.ID) // B quits: the draft is anyone's
	if err := c.LockDraft(job.ID); err != nil {
		t.Errorf("C opening the job after B quit: %v", err)
	}
	c.UnlockDraft(job.ID)
}

// vbosched serve keeps each key's drafts in a folder of its own under the
// drafts directory: `drafts` lists them by key, and --clear keeps them
// (they are operators' edits) unless --serve is given.
func TestDraftsCommand_SeesTheDraftsOfServeSessions(t *testing.T) {
	srv := newServer(t)
	state := t.TempDir()
	env := map[string]string{"XDG_STATE_HOME": state, "HOME": t.TempDir()}
	root, err := draftsDir(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	job, err := model.DecodeJob(mustJSON(t, srv.Job(srv.JobID("Exchange nightly"))))
	if err != nil {
		t.Fatal(err)
	}
	edit := job.Settings()
	edit.Policy.RetryNumber = 5
	sess := &session{store: jobstore.New(nil, "host"), url: srv.URL}
	u := serve.User{Fingerprint: "SHA256:abc/d+e", Comment: "alice@laptop"}
	ds := newDraftStore(noteKey(keyDraftsDir(filepath.Join(root, "serve"), u), u, slog.New(slog.DiscardHandler)), sess)
	if err := ds.SaveDraft(job, edit); err != nil {
		t.Fatal(err)
	}

	r := runIn(env, "drafts")
	// The key as serve's log names it, not as its folder is named.
	for _, want := range []string{"vbosched serve, key SHA256:abc/d+e (alice@laptop):", "Exchange nightly", "retryNumber: 3 → 5"} {
		if r.code != 0 || !strings.Contains(r.out, want) {
			t.Errorf("drafts: exit %d, output lacks %q:\n%s%s", r.code, want, r.out, r.err)
		}
	}
	if strings.Contains(r.out, "no drafts") {
		t.Errorf("drafts says there are none above the serve drafts:\n%s", r.out)
	}
	if r := runIn(env, "drafts", "--serve"); r.code != ExitUsage {
		t.Errorf("drafts --serve without --clear: exit %d, want 2", r.code)
	}
	r = runIn(env, "drafts", "--clear")
	if r.code != 0 || !strings.Contains(r.out, "kept 1 draft(s) of vbosched serve sessions") {
		t.Errorf("drafts --clear: exit %d, want the serve draft kept and said:\n%s%s", r.code, r.out, r.err)
	}
	r = runIn(env, "drafts", "--clear", "--serve")
	if r.code != 0 || !strings.Contains(r.out, "removed 1 draft(s) of vbosched serve, key SHA256:abc/d+e (alice@laptop)") {
		t.Errorf("drafts --clear --serve: exit %d, want the serve draft removed:\n%s%s", r.code, r.out, r.err)
	}
	if r = runIn(env, "drafts"); !strings.Contains(r.out, "no drafts") || strings.Contains(r.out, "serve") {
		t.Errorf("drafts after --clear --serve:\n%s", r.out)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Two operators on one job are told of each other whichever way they came:
// two SSH keys of vbosched serve, or one key and the local editor on the
// same host and state folder (finding G22). Each key's drafts stay its own.
func TestDraftStore_EditorsOfOneJobAreToldOfEachOtherAcrossKeysAndTheLocalEditor(t *testing.T) {
	srv := newServer(t)
	env := map[string]string{"XDG_STATE_HOME": t.TempDir(), "HOME": t.TempDir()}
	root, err := draftsDir(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	job, err := model.DecodeJob(mustJSON(t, srv.Job(srv.JobID("Exchange nightly"))))
	if err != nil {
		t.Fatal(err)
	}
	sess := &session{store: jobstore.New(nil, "host"), url: srv.URL}
	key := func(fp, comment string) func() *draftStore {
		u := serve.User{Fingerprint: fp, Comment: comment}
		return func() *draftStore {
			return newKeyDraftStore(root, keyDraftsDir(filepath.Join(root, "serve"), u), u, sess)
		}
	}
	local := func() *draftStore {
		ds, err := openDraftStore(sess, Env{Getenv: func(k string) string { return env[k] }})
		if err != nil {
			t.Fatal(err)
		}
		return ds.(*draftStore)
	}
	rw, rw2 := key("SHA256:rw", "rw@ops"), key("SHA256:rw2", "rw2@ops")
	tests := []struct {
		name          string
		first, second func() *draftStore
		want          string // in the second's notice: who has the job
	}{
		{"two keys", rw, rw2, "vbosched serve, key SHA256:rw (rw@ops), pid"},
		{"a key, then the local editor", rw, local, "vbosched serve, key SHA256:rw (rw@ops), pid"},
		{"the local editor, then a key", local, rw2, "pid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, second := tt.first(), tt.second()
			if err := first.LockDraft(job.ID); err != nil {
				t.Fatal(err)
			}
			defer first.Close()
			edit := job.Settings()
			edit.Policy.RetryNumber = 5
			if err := first.SaveDraft(job, edit); err != nil {
				t.Fatal(err)
			}
			defer first.DeleteDraft(job.ID)
			var inUse *ui.DraftInUseError
			if err := second.LockDraft(job.ID); !errors.As(err, &inUse) || !strings.HasPrefix(inUse.By, tt.want) {
				t.Fatalf("the second editor opening the job: %v, want it told %q", err, tt.want)
			}
			if d, err := second.LoadDraft(job.ID); err != nil || d != nil {
				t.Errorf("the second editor read the first's draft: %+v, %v", d, err)
			}
			if err := second.TakeDraft(job.ID); err != nil {
				t.Fatal(err)
			}
			defer second.Close()
			if err := first.SaveDraft(job, edit); err == nil || !strings.Contains(err.Error(), "took this job's draft over") {
				t.Errorf("the first editor writing after the take-over: %v", err)
			}
		})
	}
}

// A read-only key may open a job another session edits only read-only: it
// cannot take the job over, which would stop that session's drafts of
// edits the read-only key could never save. A job no one has, it opens.
func TestDraftStore_AReadOnlyKeyCannotTakeAJobOver(t *testing.T) {
	srv := newServer(t)
	root := t.TempDir()
	job, err := model.DecodeJob(mustJSON(t, srv.Job(srv.JobID("Exchange nightly"))))
	if err != nil {
		t.Fatal(err)
	}
	sess := &session{store: jobstore.New(nil, "host"), url: srv.URL}
	open := func(u serve.User) *draftStore {
		return newKeyDraftStore(root, keyDraftsDir(filepath.Join(root, "serve"), u), u, sess)
	}
	rw := open(serve.User{Fingerprint: "SHA256:rw", Comment: "rw@ops"})
	ro := open(serve.User{Fingerprint: "SHA256:ro", Comment: "ro@ops", ReadOnly: true})
	if err := rw.LockDraft(job.ID); err != nil {
		t.Fatal(err)
	}
	var inUse *ui.DraftInUseError
	if err := ro.TakeDraft(job.ID); !errors.As(err, &inUse) || !strings.Contains(inUse.By, "read-only") {
		t.Fatalf("a read-only key taking over: %v, want it refused and told why", err)
	}
	if err := rw.SaveDraft(job, job.Settings()); err != nil {
		t.Errorf("the editing key's draft after the refused take-over: %v", err)
	}
	rw.UnlockDraft(job.ID)
	if err := ro.TakeDraft(job.ID); err != nil {
		t.Errorf("a read-only key opening a job no one has: %v", err)
	}
	if err := rw.LockDraft(job.ID); !errors.As(err, &inUse) || !strings.Contains(inUse.By, "read-only key SHA256:ro (ro@ops)") {
		t.Errorf("the editing key told of the read-only one: %v", err)
	}
	ro.Close()
}
