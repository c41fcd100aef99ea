package jobstore

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

const archive = "Exchange nightly – archive"

// TestSaveCopyJob_RoundTripsOnEachVersion lists the copy jobs, changes one's
// type, interval, window switch and enabled switch, and reads the change
// back from the server, on every version that has copy jobs.
func TestSaveCopyJob_RoundTripsOnEachVersion(t *testing.T) {
	for _, v := range []string{"v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion(v))
			ctx := context.Background()
			jobs, err := s.ListCopyJobs(ctx)
			if err != nil || len(jobs) != 3 {
				t.Fatalf("ListCopyJobs = %d, %v", len(jobs), err)
			}
			base, err := s.GetCopyJob(ctx, srv.CopyJobID(archive))
			if err != nil {
				t.Fatal(err)
			}
			edit := base.Settings()
			edit.Policy.Type, edit.Policy.Every = model.CopyPeriodically, model.Hours2
			edit.Policy.WindowEnabled = false
			edit.IsEnabled = false
			saved, err := s.SaveCopyJob(ctx, base, edit)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Policy.Type != model.CopyPeriodically || saved.Policy.Every != model.Hours2 ||
				saved.Policy.WindowEnabled || saved.IsEnabled {
				t.Errorf("read back %+v enabled=%v", saved.Policy, saved.IsEnabled)
			}
			if saved.Policy.Window != base.Policy.Window || saved.BackupJobID != base.BackupJobID {
				t.Errorf("unedited values changed: %+v", saved)
			}
		})
	}
}

func TestSaveCopyJob_Outcomes(t *testing.T) {
	tests := []struct {
		name    string
		arrange func(srv *fakevbo.Server, id string)
		check   func(t *testing.T, err error)
	}{
		{"another client's change is stale, nothing sent", func(srv *fakevbo.Server, id string) {
			srv.ChangeCopyJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["dailyTime"] = "01:00:00" })
		}, func(t *testing.T, err error) {
			var stale *model.CopyStaleError
			if !errors.As(err, &stale) || !hasField(stale.Theirs, model.FieldDailyTime) {
				t.Errorf("err = %v, want a CopyStaleError naming dailyTime", err)
			}
		}},
		{"a server that ignores a field", func(srv *fakevbo.Server, id string) {
			srv.IgnoreOnPut(model.FieldCopyWindowEnabled)
		}, func(t *testing.T, err error) {
			var na *model.CopyNotAppliedError
			if !errors.As(err, &na) || !hasField(na.Missing, model.FieldCopyWindowEnabled) {
				t.Errorf("err = %v, want CopyNotAppliedError naming the window switch", err)
			}
		}},
		{"a drop after the PUT was stored", func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", DropAfterStore: true})
		}, func(t *testing.T, err error) {
			var unknown *model.CopyUnknownOutcomeError
			if !errors.As(err, &unknown) {
				t.Errorf("err = %v, want CopyUnknownOutcomeError", err)
			}
		}},
		{"a 502 after the PUT was stored is saved", func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 502, StoreFirst: true})
		}, func(t *testing.T, err error) {
			if err != nil {
				t.Errorf("err = %v, want saved", err)
			}
		}},
		{"a 400 is taken at its word", func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 400})
		}, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "nothing was saved") {
				t.Errorf("err = %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv, log := newAuditedStore(t)
			ctx := context.Background()
			id := srv.CopyJobID(archive)
			base, err := s.GetCopyJob(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			tt.arrange(srv, id)
			edit := base.Settings()
			edit.Policy.WindowEnabled = false
			_, err = s.SaveCopyJob(ctx, base, edit)
			tt.check(t, err)
			recs, _, rerr := log.Read()
			if rerr != nil || len(recs) == 0 {
				t.Fatalf("audit log: %d records, %v", len(recs), rerr)
			}
			if last := recs[len(recs)-1]; last.Kind != audit.KindCopy || last.JobID != id {
				t.Errorf("audit line %+v, want kind copy for %s", last.Entry, id)
			}
		})
	}
}
