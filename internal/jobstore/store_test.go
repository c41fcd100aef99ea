package jobstore

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

func newStore(t *testing.T, opts ...fakevbo.Option) (*Store, *fakevbo.Server) {
	t.Helper()
	srv := fakevbo.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, Username: srv.Username, Password: srv.Password})
	if err != nil {
		t.Fatal(err)
	}
	return New(c, "test"), srv
}

func TestListJobs_KeepsReadableJobs(t *testing.T) {
	s, srv := newStore(t, fakevbo.WithVersion("v6"))
	srv.ChangeJob(srv.JobID("Teams weekends"), func(j map[string]any) {
		j["schedulePolicy"].(map[string]any)["retryNumber"] = "three"
	})
	jobs, err := s.ListJobs(context.Background())
	var de *DecodeError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), `job "Teams weekends": schedulePolicy.retryNumber: "three" is not a whole number`) {
		t.Fatalf("error = %v", err)
	}
	if len(jobs) != 7 {
		t.Errorf("%d readable jobs, want 7", len(jobs))
	}
}

func TestListJobs_ListsJobsWithUnknownValuesMarked(t *testing.T) {
	s, srv := newStore(t, fakevbo.WithRawJob(fakevbo.HostileJob()))
	jobs, err := s.ListJobs(context.Background())
	if err != nil {
		t.Fatalf("a job with unknown values made the list fail: %v", err)
	}
	if len(jobs) != len(srv.Jobs()) {
		t.Fatalf("%d jobs listed, want all %d", len(jobs), len(srv.Jobs()))
	}
	hostile := jobs[len(jobs)-1]
	probs := strings.Join(hostile.Problems(), "\n")
	for _, want := range []string{`periodicallyEvery "Hours24" is unknown`, "backupWindow has 167 entries"} {
		if !strings.Contains(probs, want) {
			t.Errorf("problems %q lack %q", probs, want)
		}
	}
	for _, j := range jobs[:len(jobs)-1] {
		if p := j.Problems(); len(p) != 0 {
			t.Errorf("%s marked with %v", j.Label(), p)
		}
	}
}

func TestSaveJob(t *testing.T) {
	s, srv := newStore(t)
	ctx := context.Background()
	job, err := s.GetJob(ctx, srv.JobID("Legal hold"))
	if err != nil {
		t.Fatal(err)
	}
	edit := job.Settings()
	edit.Policy.RetryNumber = 7
	saved, err := s.SaveJob(ctx, job, edit)
	if err != nil || saved.Policy.RetryNumber != 7 {
		t.Fatalf("SaveJob: %v, retry %d", err, saved.Policy.RetryNumber)
	}
	// job is now stale: the server has retry 7. Saving from it again is a conflict.
	edit.Policy.RetryNumber = 9
	_, err = s.SaveJob(ctx, job, edit)
	var ce *model.StaleError
	if !errors.As(err, &ce) || ce.Current.Policy.RetryNumber != 7 {
		t.Fatalf("stale save: %v", err)
	}
	if n := len(srv.RequestsFor("PUT", "/Jobs/")); n != 1 {
		t.Errorf("%d PUTs, want 1", n)
	}
	// An invalid edit is refused before any request.
	srv.ResetRequests()
	edit = saved.Settings()
	edit.Policy.RetryWaitMinutes = 0
	if _, err := s.SaveJob(ctx, saved, edit); err == nil {
		t.Error("invalid edit saved")
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("an invalid edit sent %d requests", n)
	}
}

func TestOrganizationName(t *testing.T) {
	s, srv := newStore(t)
	j, _ := s.GetJob(context.Background(), srv.JobID("Archiv Geschäftsführung"))
	if got := s.OrganizationName(context.Background(), j.OrganizationID); got != "Müller & Söhne GmbH" {
		t.Errorf("OrganizationName = %q", got)
	}
	if got := s.OrganizationName(context.Background(), "0123456789abcdef"); got != "01234567…" {
		t.Errorf("unknown organization = %q", got)
	}
}
