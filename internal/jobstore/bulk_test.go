package jobstore

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

// oneGETs counts the reads of one job (GET /vN/Jobs/{id}); lists counts the
// reads of the list (GET /vN/Jobs, a page each).
func oneGETs(srv *fakevbo.Server, collection string) (one, lists int) {
	for _, r := range srv.RequestsFor(http.MethodGet, "/"+collection) {
		rest := r.Path[strings.Index(strings.ToLower(r.Path), "/"+strings.ToLower(collection))+len(collection)+1:]
		if strings.Trim(rest, "/") == "" {
			lists++
		} else {
			one++
		}
	}
	return one, lists
}

func retryEdits(t *testing.T, s *Store, n int) []JobSave {
	t.Helper()
	jobs, err := s.ListJobs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var saves []JobSave
	for _, j := range jobs[:n] {
		edit := j.Settings()
		edit.Policy.RetryNumber = 6
		saves = append(saves, JobSave{Base: j, Edit: edit})
	}
	return saves
}

// On v8 the saves the server accepted are read back with the list's pages
// when that takes fewer requests, and one by one otherwise; each job is
// still read again alone before its PUT.
func TestSaveJobs_ReadsBackWithListPagesWhereThatPaysOff(t *testing.T) {
	tests := []struct {
		name       string
		version    string
		saves      int
		listed     int // 0: the caller did not list
		wantOne    int
		wantListed bool
	}{
		{"v8, every job", "v8", 8, 8, 8, true},
		{"v8, one job of eight: a GET is cheaper than the list", "v8", 1, 8, 2, false},
		{"v8, the caller did not list", "v8", 8, 0, 16, false},
		{"v7 lists without pages: one by one", "v7", 8, 8, 16, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv, log := newAuditedStore(t, fakevbo.WithVersion(tt.version))
			saves := retryEdits(t, s, tt.saves)
			srv.ResetRequests()
			for i, err := range s.SaveJobs(context.Background(), saves, Bulk{Parallel: 3, Listed: tt.listed}) {
				if err != nil {
					t.Errorf("save %d: %v", i, err)
				}
			}
			one, lists := oneGETs(srv, "Jobs")
			if one != tt.wantOne || (lists > 0) != tt.wantListed {
				t.Errorf("%d GETs of one job and %d of the list, want %d and list read %v", one, lists, tt.wantOne, tt.wantListed)
			}
			if n := len(srv.RequestsFor(http.MethodPut, "/Jobs/")); n != tt.saves {
				t.Errorf("%d PUTs, want %d", n, tt.saves)
			}
			recs, _, err := log.Read()
			if err != nil || len(recs) != tt.saves {
				t.Fatalf("audit: %d records, %v; want %d", len(recs), err, tt.saves)
			}
			for _, r := range recs {
				if r.Outcome != audit.Saved || len(r.JobAfter) == 0 || r.ETagAfter == "" && tt.version == "v8" {
					t.Errorf("audit record %s: outcome %s, job after %d bytes, eTag after %q", r.JobName, r.Outcome, len(r.JobAfter), r.ETagAfter)
				}
			}
		})
	}
}

// A job read back from the list is compared as SaveJob compares it: a
// field the server dropped is not applied; a PUT answered with an error is
// settled at once; a list that fails leaves each job to be read back alone.
func TestSaveJobs_BulkReadBackOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		arrange func(srv *fakevbo.Server, puts int)
		check   func(t *testing.T, i int, err error)
		want    func(i int) audit.Outcome
	}{
		{"a server that ignores a field", func(srv *fakevbo.Server, _ int) { srv.IgnoreOnPut(model.FieldRetryNumber) },
			func(t *testing.T, i int, err error) {
				var na *model.NotAppliedError
				if !errors.As(err, &na) || !hasField(na.Missing, model.FieldRetryNumber) {
					t.Errorf("save %d: %v, want NotApplied naming %s", i, err, model.FieldRetryNumber)
				}
			}, func(int) audit.Outcome { return audit.NotApplied }},
		{"one PUT refused with a 400", func(srv *fakevbo.Server, _ int) {
			srv.InjectFault(fakevbo.Fault{Method: http.MethodPut, Status: http.StatusBadRequest})
		}, func(t *testing.T, i int, err error) {
			if (i == 0) != (err != nil) {
				t.Errorf("save %d: %v, want only the first refused", i, err)
			}
		}, func(i int) audit.Outcome {
			if i == 0 {
				return audit.Failed
			}
			return audit.Saved
		}},
		{"the list fails after the PUTs", func(srv *fakevbo.Server, puts int) {
			var n atomic.Int32
			srv.InjectFault(fakevbo.Fault{Method: http.MethodPut, Times: puts, Hook: func() {
				if int(n.Add(1)) == puts {
					srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/v8/Jobs", Status: http.StatusInternalServerError})
				}
			}})
		}, func(t *testing.T, i int, err error) {
			if err != nil {
				t.Errorf("save %d: %v, want saved (read back alone)", i, err)
			}
		}, func(int) audit.Outcome { return audit.Saved }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv, log := newAuditedStore(t, fakevbo.WithVersion("v8"))
			saves := retryEdits(t, s, 8)
			tt.arrange(srv, len(saves))
			errs := s.SaveJobs(context.Background(), saves, Bulk{Parallel: 1, Listed: 8})
			for i, err := range errs {
				tt.check(t, i, err)
			}
			recs, _, err := log.Read()
			if err != nil || len(recs) != len(saves) {
				t.Fatalf("audit: %d records, %v", len(recs), err)
			}
			outcome := map[string]audit.Outcome{}
			for _, r := range recs {
				outcome[r.JobID] = r.Outcome
			}
			for i, sv := range saves {
				if got := outcome[sv.Base.ID]; got != tt.want(i) {
					t.Errorf("audit outcome of save %d = %s, want %s", i, got, tt.want(i))
				}
			}
		})
	}
}

// Copy jobs go the same way: re-read alone, read back from the list.
func TestSaveCopyJobs_ReadsBackWithTheList(t *testing.T) {
	s, srv := newStore(t, fakevbo.WithVersion("v8"))
	ctx := context.Background()
	jobs, err := s.ListCopyJobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var saves []CopyJobSave
	for _, j := range jobs {
		edit := j.Settings()
		edit.Policy.WindowEnabled = !edit.Policy.WindowEnabled
		saves = append(saves, CopyJobSave{Base: j, Edit: edit})
	}
	srv.ResetRequests()
	for i, err := range s.SaveCopyJobs(ctx, saves, Bulk{Parallel: 2, Listed: len(jobs)}) {
		if err != nil {
			t.Errorf("save %d: %v", i, err)
		}
	}
	if one, lists := oneGETs(srv, "CopyJobs"); one != len(jobs) || lists == 0 {
		t.Errorf("%d GETs of one copy job, %d of the list; want %d and the list", one, lists, len(jobs))
	}
	for _, j := range jobs {
		if got := srv.CopyJob(j.ID)["schedulePolicy"].(map[string]any)["backupCopyWindowEnabled"]; got != !j.Policy.WindowEnabled {
			t.Errorf("%s: window switch still %v", j.Name, got)
		}
	}
}

// cancelAfterPUTs cancels a context once n PUTs have been answered, as a
// ctrl+c in the middle of a bulk save does.
type cancelAfterPUTs struct {
	n      int32
	seen   atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfterPUTs) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && r.Method == http.MethodPut && c.seen.Add(1) == c.n {
		c.cancel()
	}
	return resp, err
}

// A bulk save interrupted after some PUTs were answered still reads those
// jobs back and reports them saved, and reports the jobs it never sent as
// not sent, in its errors and in the audit log: neither "no answer came
// back" for a PUT the server answered, nor a failure for a job untouched.
func TestSaveJobs_InterruptedBulkSaveSettlesEveryJobHonestly(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		parallel int
		listed   int
	}{
		{"v8, read back with list pages", "v8", 1, 12},
		{"v8, read back one by one", "v8", 1, 0},
		{"v7", "v7", 1, 12},
	}
	const jobs, answered = 12, 5
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakevbo.NewServer(fakevbo.WithVersion(tt.version), fakevbo.WithJobs(jobs))
			t.Cleanup(srv.Close)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rt := &cancelAfterPUTs{n: answered, cancel: cancel}
			c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, Username: srv.Username, Password: srv.Password,
				HTTPClient: &http.Client{Transport: rt}})
			if err != nil {
				t.Fatal(err)
			}
			log := audit.Open(filepath.Join(t.TempDir(), "audit.jsonl"))
			s := New(c, "test", WithAudit(log, "auditor", func(err error) { t.Errorf("audit warning: %v", err) }))
			saves := retryEdits(t, s, jobs)
			errs := s.SaveJobs(ctx, saves, Bulk{Parallel: tt.parallel, Listed: tt.listed})
			saved, notSent := 0, 0
			for i, err := range errs {
				var ns *model.NotSentError
				switch {
				case err == nil:
					saved++
				case errors.As(err, &ns):
					notSent++
				default:
					t.Errorf("save %d: %v, want saved or not sent", i, err)
				}
			}
			if saved != answered || notSent != jobs-answered {
				t.Errorf("%d saved and %d not sent, want %d and %d", saved, notSent, answered, jobs-answered)
			}
			recs, _, err := log.Read()
			if err != nil {
				t.Fatal(err)
			}
			outcomes := map[audit.Outcome]int{}
			for _, r := range recs {
				outcomes[r.Outcome]++
			}
			if outcomes[audit.Saved] != answered || outcomes[audit.NotSent] != jobs-answered || len(recs) != jobs {
				t.Errorf("audit outcomes %v over %d records, want %d saved and %d not-sent", outcomes, len(recs), answered, jobs-answered)
			}
		})
	}
}
