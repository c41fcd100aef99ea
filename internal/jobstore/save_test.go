package jobstore

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

func policyOf(j map[string]any) map[string]any { return j["schedulePolicy"].(map[string]any) }

// A change by someone else to any field the PUT carries refuses the save
// and names that field; nothing is sent.
func TestSaveJob_RefusesAConcurrentChangeOfEachCarriedField(t *testing.T) {
	tests := []struct {
		name   string
		field  string
		change func(j map[string]any)
	}{
		{"isEnabled", "isEnabled", func(j map[string]any) { j["isEnabled"] = true }},
		{"repositoryId", "repositoryId", func(j map[string]any) { j["repositoryId"] = "00000000-0000-0000-0000-00000000beef" }},
		{"description", model.FieldDescription, func(j map[string]any) { j["description"] = "theirs" }},
		{"a modelled policy field", model.FieldRetryNumber, func(j map[string]any) { policyOf(j)["retryNumber"] = 9 }},
		{"an unknown policy field", "schedulePolicy.adaptiveThrottling", func(j map[string]any) {
			policyOf(j)["adaptiveThrottling"] = map[string]any{"enabled": false, "maxMbps": 200}
		}},
		{"the window", model.FieldWindow, func(j map[string]any) {
			policyOf(j)["backupWindowSettings"].(map[string]any)["backupWindow"].([]bool)[0] = true
		}},
		{"the eTag alone", "eTag", func(map[string]any) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion("v8"))
			ctx := context.Background()
			id := srv.JobID("Legal hold")
			base, err := s.GetJob(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			srv.ChangeJob(id, tt.change)
			edit := base.Settings()
			edit.Policy.RetryWaitMinutes = 45
			srv.ResetRequests()
			_, err = s.SaveJob(ctx, base, edit)
			var se *model.StaleError
			if !errors.As(err, &se) {
				t.Fatalf("SaveJob = %v, want a StaleError", err)
			}
			if !hasField(se.Theirs, tt.field) {
				t.Errorf("Theirs = %v, want %s among them", se.Theirs, tt.field)
			}
			if n := len(srv.RequestsFor("PUT", "/Jobs/")); n != 0 {
				t.Errorf("%d PUTs after a concurrent change, want none", n)
			}
		})
	}
}

func hasField(cs []model.FieldChange, field string) bool {
	for _, c := range cs {
		if c.Field == field {
			return true
		}
	}
	return false
}

// Saving over their change, with base = StaleError.Current and my edits
// merged onto theirs, keeps what they changed: their switch (an edited
// field, so it is the merge that keeps it) and fields outside the edit.
func TestSaveJob_FromCurrentKeepsTheirFields(t *testing.T) {
	s, srv := newStore(t, fakevbo.WithVersion("v8"))
	ctx := context.Background()
	id := srv.JobID("Legal hold")
	base, _ := s.GetJob(ctx, id)
	srv.ChangeJob(id, func(j map[string]any) { j["isEnabled"] = true })
	mine := base.Settings()
	mine.Policy.RetryNumber = 5
	_, err := s.SaveJob(ctx, base, mine)
	var se *model.StaleError
	if !errors.As(err, &se) {
		t.Fatalf("first save = %v", err)
	}
	merged, err := model.Merge(base.Settings(), mine, se.Current.Settings()).Settings()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := s.SaveJob(ctx, se.Current, merged)
	if err != nil {
		t.Fatal(err)
	}
	if !saved.IsEnabled || saved.Policy.RetryNumber != 5 {
		t.Errorf("saved isEnabled %v retry %d, want their true and my 5", saved.IsEnabled, saved.Policy.RetryNumber)
	}
}

// After a PUT the store reads the job back; a field the server dropped is
// a NotAppliedError naming it, and the outcomes that may or may not have
// stored the job are UnknownOutcomeErrors.
func TestSaveJob_Outcomes(t *testing.T) {
	tests := []struct {
		name    string
		arrange func(srv *fakevbo.Server)
		check   func(t *testing.T, err error)
		outcome audit.Outcome
	}{
		{"a server that ignores a field", func(srv *fakevbo.Server) { srv.IgnoreOnPut(model.FieldRetryNumber) },
			func(t *testing.T, err error) {
				var na *model.NotAppliedError
				if !errors.As(err, &na) || !hasField(na.Missing, model.FieldRetryNumber) || len(na.Missing) != 1 {
					t.Errorf("err = %v, want NotApplied naming only %s", err, model.FieldRetryNumber)
				}
			}, audit.NotApplied},
		{"a drop after the PUT was stored", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", DropAfterStore: true})
		}, wantUnknown, audit.Unknown},
		{"a drop before the PUT was stored", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Drop: true})
		}, wantUnknown, audit.Unknown},
		{"a 400", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 400})
		}, func(t *testing.T, err error) {
			var ae *apiclient.APIError
			var unknown *model.UnknownOutcomeError
			if !errors.As(err, &ae) || ae.StatusCode != 400 || errors.As(err, &unknown) {
				t.Errorf("err = %v, want the APIError 400", err)
			}
		}, audit.Failed},
		{"a 502 after the PUT was stored", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 502, StoreFirst: true})
		}, func(t *testing.T, err error) {
			if err != nil {
				t.Errorf("err = %v, want saved: the job read back shows the change", err)
			}
		}, audit.Saved},
		{"a 500 that stored nothing", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 500})
		}, func(t *testing.T, err error) {
			var ae *apiclient.APIError
			if !errors.As(err, &ae) || ae.StatusCode != 500 || !strings.Contains(err.Error(), "read back is unchanged") {
				t.Errorf("err = %v, want the APIError 500 after an unchanged read-back", err)
			}
		}, audit.Failed},
		{"a 503 and the read-back fails", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 503, StoreFirst: true, Hook: func() {
				srv.InjectFault(fakevbo.Fault{Method: "GET", Path: "/Jobs/", Status: 500})
			}})
		}, wantUnknown, audit.Unknown},
		{"a 502 and the job shows something else", func(srv *fakevbo.Server) {
			id := srv.JobID("Legal hold")
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 502, Hook: func() {
				srv.ChangeJob(id, func(j map[string]any) { j["description"] = "someone else's" })
			}})
		}, wantUnknown, audit.Unknown},
		{"a 409 is taken at its word", func(srv *fakevbo.Server) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 409, StoreFirst: true})
		}, func(t *testing.T, err error) {
			var ae *apiclient.APIError
			if !errors.As(err, &ae) || ae.StatusCode != 409 || strings.Contains(err.Error(), "read back") {
				t.Errorf("err = %v, want the APIError 409 without a read-back", err)
			}
		}, audit.Failed},
		{"a clean save", func(*fakevbo.Server) {}, func(t *testing.T, err error) {
			if err != nil {
				t.Errorf("err = %v", err)
			}
		}, audit.Saved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv, log := newAuditedStore(t)
			ctx := context.Background()
			base, _ := s.GetJob(ctx, srv.JobID("Legal hold"))
			tt.arrange(srv)
			edit := base.Settings()
			edit.Policy.RetryNumber = 6
			_, err := s.SaveJob(ctx, base, edit)
			tt.check(t, err)
			recs, _, rerr := log.Read()
			if rerr != nil || len(recs) != 1 || recs[0].Outcome != tt.outcome {
				t.Fatalf("audit = %+v, %v; want one entry %s", recs, rerr, tt.outcome)
			}
			if !hasField(recs[0].Changes, model.FieldRetryNumber) || recs[0].APIUser != "auditor" || len(recs[0].PolicyBefore) == 0 {
				t.Errorf("audit entry = %+v", recs[0].Entry)
			}
		})
	}
}

func wantUnknown(t *testing.T, err error) {
	t.Helper()
	var unknown *model.UnknownOutcomeError
	if !errors.As(err, &unknown) {
		t.Errorf("err = %v, want UnknownOutcomeError", err)
	}
}

func newAuditedStore(t *testing.T, opts ...fakevbo.Option) (*Store, *fakevbo.Server, *audit.Log) {
	t.Helper()
	srv := fakevbo.NewServer(append([]fakevbo.Option{fakevbo.WithVersion("v8")}, opts...)...)
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, Username: srv.Username, Password: srv.Password})
	if err != nil {
		t.Fatal(err)
	}
	log := audit.Open(filepath.Join(t.TempDir(), "audit.jsonl"))
	return New(c, "test", WithAudit(log, "auditor", func(err error) {
		if !strings.Contains(err.Error(), "it was saved") { // the note of a save answered with an error
			t.Errorf("audit warning: %v", err)
		}
	})), srv, log
}

// A log that cannot be written refuses the save before anything is sent,
// naming the file and the way out: a save must never pass unrecorded. A
// hosted store (vbosched serve) tells its SSH operator to ask the admin,
// without host paths or flags they cannot use; the cause stays in
// HostDetail for the host's log.
func TestSaveJob_UnwritableAuditLogRefusesBeforeSending(t *testing.T) {
	for _, hosted := range []bool{false, true} {
		t.Run(map[bool]string{false: "local", true: "hosted"}[hosted], func(t *testing.T) {
			srv := fakevbo.NewServer(fakevbo.WithVersion("v8"))
			t.Cleanup(srv.Close)
			c, _ := apiclient.New(apiclient.Config{BaseURL: srv.URL, Username: srv.Username, Password: srv.Password})
			blocker := filepath.Join(t.TempDir(), "file")
			if err := writeFile(blocker); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(blocker, "audit.jsonl")
			s := New(c, "test", WithAudit(audit.Open(path), "u", func(err error) { t.Errorf("warning: %v", err) }))
			if hosted {
				s = s.Hosted()
			}
			ctx := context.Background()
			base, _ := s.GetJob(ctx, srv.JobID("Legal hold"))
			edit := base.Settings()
			edit.Policy.RetryNumber = 6
			srv.ResetRequests()
			_, err := s.SaveJob(ctx, base, edit)
			var ae *AuditError
			if !errors.As(err, &ae) {
				t.Fatalf("SaveJob = %v, want an AuditError", err)
			}
			want, never := []string{path, "nothing was sent", "--audit-log PATH", "--no-audit"}, []string{}
			if hosted {
				want = []string{"the server cannot record saves (its audit log failed); nothing was sent: ask the admin of this vbosched serve"}
				never = []string{path, "--audit-log", "--no-audit"}
				if !strings.Contains(ae.HostDetail(), path) {
					t.Errorf("HostDetail %q lacks the file", ae.HostDetail())
				}
			}
			for _, w := range want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			for _, w := range never {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q tells the operator %q", err, w)
				}
			}
			if n := len(srv.RequestsFor("PUT", "/Jobs/")); n != 0 {
				t.Errorf("%d PUTs with an unwritable audit log, want none", n)
			}
		})
	}
}

// When the outcome line cannot be written after the PUT, the save stands
// and the hook gets an UnrecordedError that says the save happened.
func TestSaveJob_OutcomeLineFailureIsReportedAsUnrecorded(t *testing.T) {
	srv := fakevbo.NewServer(fakevbo.WithVersion("v8"))
	t.Cleanup(srv.Close)
	c, _ := apiclient.New(apiclient.Config{BaseURL: srv.URL, Username: srv.Username, Password: srv.Password})
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	var warned []error
	s := New(c, "test", WithAudit(audit.Open(path), "u", func(err error) { warned = append(warned, err) }))
	ctx := context.Background()
	base, _ := s.GetJob(ctx, srv.JobID("Legal hold"))
	edit := base.Settings()
	edit.Policy.RetryNumber = 6
	// While the PUT is handled the log's file becomes a directory: the
	// intent line is in, the outcome line cannot be (root included).
	srv.InjectFault(fakevbo.Fault{Method: "PUT", Hook: func() {
		if err := os.Rename(path, path+".moved"); err != nil {
			t.Error(err)
		}
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Error(err)
		}
	}})
	if _, err := s.SaveJob(ctx, base, edit); err != nil {
		t.Fatalf("SaveJob = %v, want the save to stand", err)
	}
	var ue *UnrecordedError
	if len(warned) != 1 || !errors.As(warned[0], &ue) || ue.Outcome != audit.Saved ||
		!strings.Contains(warned[0].Error(), "happened") {
		t.Errorf("warnings = %v, want one UnrecordedError of a saved job", warned)
	}
}

// A process killed between the PUT and the outcome line leaves the intent
// line, which reads as unknown: the save leaves a trace.
func TestSaveJob_IntentWithoutOutcomeReadsAsUnknown(t *testing.T) {
	s, srv, log := newAuditedStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, _ := s.GetJob(ctx, srv.JobID("Legal hold"))
	edit := base.Settings()
	edit.Policy.RetryNumber = 6
	// The "crash": once the PUT is stored, the outcome line is made
	// impossible to find by removing the log and putting back only what
	// was in it then.
	var atPUT []byte
	srv.InjectFault(fakevbo.Fault{Method: "PUT", Hook: func() {
		var err error
		if atPUT, err = os.ReadFile(log.Path()); err != nil {
			t.Error(err)
		}
	}})
	if _, err := s.SaveJob(ctx, base, edit); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(log.Path(), atPUT, 0o600); err != nil {
		t.Fatal(err)
	}
	recs, _, err := log.Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("audit = %+v, %v; want one entry", recs, err)
	}
	if r := recs[0]; r.Outcome != audit.Unknown || r.Detail != audit.NoOutcome || !hasField(r.Changes, model.FieldRetryNumber) ||
		len(r.JobBefore) == 0 {
		t.Errorf("entry = %+v, want unknown with the change and the job before", r.Entry)
	}
}

func writeFile(path string) error { return os.WriteFile(path, []byte("x"), 0o600) }

// A server that stores what it is sent shows every field back, on every
// version: the read-back check must not cry wolf.
func TestSaveJob_CleanSaveOnEveryVersion(t *testing.T) {
	for _, v := range []string{"v2", "v3", "v4", "v5", "v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion(v))
			ctx := context.Background()
			for _, name := range []string{"Legal hold", "Archiv Geschäftsführung", "Teams weekends"} {
				base, err := s.GetJob(ctx, srv.JobID(name))
				if err != nil {
					t.Fatal(err)
				}
				edit := base.Settings()
				edit.Description = "edited"
				edit.Policy.RetryNumber = 4
				edit.Policy.BackupWindow.Hours[100] = !edit.Policy.BackupWindow.Hours[100]
				saved, err := s.SaveJob(ctx, base, edit)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if got := model.Changes(edit, saved.Settings()); len(got) != 0 {
					t.Errorf("%s: saved differs from the edit: %v", name, got)
				}
			}
		})
	}
}

// Cancelling while the PUT is on its way (ctrl+c mid-save) lets the PUT be
// answered and read back within settleGrace: the save is settled, not
// left unknown. A server that does not answer within the grace leaves it
// unknown, whether or not it got to store it.
func TestSaveJob_CancelledMidFlight(t *testing.T) {
	tests := []struct {
		name        string
		answers     bool
		wantUnknown bool
	}{
		{"the server answers: settled as saved", true, false},
		{"no answer within the grace: unknown", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion("v8"))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			base, _ := s.GetJob(ctx, srv.JobID("Legal hold"))
			hook := cancel
			if !tt.answers {
				grace := settleGrace
				settleGrace = time.Millisecond
				t.Cleanup(func() { settleGrace = grace })
				release := make(chan struct{})
				t.Cleanup(func() { close(release) })
				hook = func() { cancel(); <-release }
			}
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Hook: hook})
			edit := base.Settings()
			edit.Policy.RetryNumber = 6
			saved, err := s.SaveJob(ctx, base, edit)
			if tt.wantUnknown {
				wantUnknown(t, err)
				return
			}
			if err != nil || saved == nil || saved.Settings().Policy.RetryNumber != 6 {
				t.Errorf("err = %v, saved %v; want saved with retryNumber 6", err, saved)
			}
		})
	}
}

// A context cancelled before the PUT means nothing is sent, and says so.
func TestSaveJob_CancelledBeforeSendingSendsNothing(t *testing.T) {
	s, srv := newStore(t, fakevbo.WithVersion("v8"))
	ctx, cancel := context.WithCancel(context.Background())
	base, _ := s.GetJob(ctx, srv.JobID("Legal hold"))
	srv.InjectFault(fakevbo.Fault{Method: "GET", Path: "/Jobs/" + base.ID, After: cancel})
	edit := base.Settings()
	edit.Policy.RetryNumber = 6
	_, err := s.SaveJob(ctx, base, edit)
	var unknown *model.UnknownOutcomeError
	if err == nil || errors.As(err, &unknown) || !strings.Contains(err.Error(), "nothing was sent") {
		t.Errorf("err = %v, want nothing sent", err)
	}
	if n := len(srv.RequestsFor("PUT", "/Jobs/")); n != 0 {
		t.Errorf("%d PUTs after cancel", n)
	}
}

// The editor's way out of a StaleError: merge mine onto theirs and save
// from the server's state; both changes land, nothing of theirs is lost.
func TestSaveJob_MergedOntoCurrent(t *testing.T) {
	s, srv := newStore(t, fakevbo.WithVersion("v8"))
	ctx := context.Background()
	id := srv.JobID("Legal hold")
	base, _ := s.GetJob(ctx, id)
	srv.ChangeJob(id, func(j map[string]any) {
		j["isEnabled"] = true
		policyOf(j)["retryWaitInterval"] = 45
	})
	mine := base.Settings()
	mine.Policy.RetryNumber = 5
	_, err := s.SaveJob(ctx, base, mine)
	var se *model.StaleError
	if !errors.As(err, &se) || !hasField(se.Theirs, model.FieldRetryWait) {
		t.Fatalf("first save = %v", err)
	}
	merged, err := model.Merge(base.Settings(), mine, se.Current.Settings()).Settings()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := s.SaveJob(ctx, se.Current, merged)
	if err != nil {
		t.Fatal(err)
	}
	p := saved.Policy
	if !saved.IsEnabled || p.RetryNumber != 5 || p.RetryWaitMinutes != 45 {
		t.Errorf("saved isEnabled %v retry %d wait %d; want true, 5 (mine), 45 (theirs)", saved.IsEnabled, p.RetryNumber, p.RetryWaitMinutes)
	}
}
