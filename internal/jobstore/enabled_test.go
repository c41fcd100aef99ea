package jobstore

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

// Disabling and enabling a backup job, with the request each version
// documents, and the job read back as saved.
func TestSaveJob_SwitchesIsEnabledAndReadsItBack(t *testing.T) {
	tests := []struct {
		version       string
		putCarriesIt  bool   // v6+: isEnabled in the PUT body
		actionRequest string // before v6: the Action endpoint
	}{
		{"v2", false, "/Action"},
		{"v5", false, "/Action"},
		{"v6", true, ""},
		{"v8", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion(tt.version))
			ctx := context.Background()
			id := srv.JobID("Exchange nightly")
			base, err := s.GetJob(ctx, id)
			if err != nil || !base.IsEnabled {
				t.Fatalf("the seeded job: %v, enabled %v", err, base != nil && base.IsEnabled)
			}
			for _, want := range []bool{false, true} {
				edit := base.Settings()
				edit.IsEnabled = want
				srv.ResetRequests()
				saved, err := s.SaveJob(ctx, base, edit)
				if err != nil {
					t.Fatalf("isEnabled %v: %v", want, err)
				}
				if saved.IsEnabled != want || srv.Job(id)["isEnabled"] != want {
					t.Errorf("isEnabled %v: read back %v, stored %v", want, saved.IsEnabled, srv.Job(id)["isEnabled"])
				}
				// Before v6 the switch alone is only the action: a PUT of
				// the document as read would change nothing.
				puts := srv.RequestsFor("PUT", "/Jobs/")
				if want := map[bool]int{true: 1, false: 0}[tt.putCarriesIt]; len(puts) != want {
					t.Fatalf("%d PUTs, want %d", len(puts), want)
				}
				if len(puts) == 1 && !hasKey(t, puts[0].Body, "isEnabled") {
					t.Errorf("the PUT body does not carry isEnabled")
				}
				actions := srv.RequestsFor("POST", "/Action")
				if (tt.actionRequest != "") != (len(actions) == 1) {
					t.Errorf("%d Action requests, want one only before v6", len(actions))
				}
				base = saved
			}
		})
	}
}

// Someone switching the job off (or on) since the edit began is a
// concurrent change on every version, v2 included where the PUT does not
// carry the switch: nothing is sent.
func TestSaveJob_AConcurrentSwitchIsStale(t *testing.T) {
	for _, version := range []string{"v2", "v6", "v8"} {
		t.Run(version, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion(version))
			ctx := context.Background()
			id := srv.JobID("Exchange nightly")
			base, err := s.GetJob(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			srv.ChangeJob(id, func(j map[string]any) { j["isEnabled"] = false })
			edit := base.Settings()
			edit.Policy.RetryWaitMinutes = 45
			srv.ResetRequests()
			_, err = s.SaveJob(ctx, base, edit)
			var se *model.StaleError
			if !errors.As(err, &se) || !hasField(se.Theirs, model.FieldIsEnabled) {
				t.Fatalf("SaveJob = %v, want a StaleError naming %s", err, model.FieldIsEnabled)
			}
			if n := len(srv.RequestsFor("PUT", "/Jobs/")) + len(srv.RequestsFor("POST", "/Jobs/")); n != 0 {
				t.Errorf("%d requests sent after a concurrent change, want none", n)
			}
		})
	}
}

func hasKey(t *testing.T, body []byte, key string) bool {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, body)
	}
	_, ok := m[key]
	return ok
}

// Before v6 a save of the switch and the schedule is a PUT and an action:
// the outcome names what the job read back shows, field by field. A field
// the save did not edit that someone changed meanwhile is theirs, named in
// a note on a save that stood; a save of which one request landed is
// partly saved, naming both sides; a refused action with nothing else
// edited is a plain failure, never "accepted".
func TestSaveJob_BeforeV6TellsWhatTheReadBackShows(t *testing.T) {
	retry := func(srv *fakevbo.Server, id string, n int) func() {
		return func() {
			srv.ChangeJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryNumber"] = n })
		}
	}
	tests := []struct {
		name    string
		retry   int // the edit's retryNumber; 0 leaves it as read
		fault   func(srv *fakevbo.Server, id string)
		want    string // the error's type
		text    []string
		stored  bool // isEnabled on the server afterwards
		actions int
	}{
		{"someone changes a field not edited before the action", 0, func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "POST", Path: "/Action", Hook: retry(srv, id, 6)})
		}, "changed since", []string{"changed on the server since: schedulePolicy.retryNumber 3 → 6"}, false, 1},
		{"the PUT ignored, the action landed", 8, func(srv *fakevbo.Server, id string) {
			srv.IgnoreOnPut("schedulePolicy.retryNumber")
		}, "partly", []string{"partly saved", "saved isEnabled true → false", "not saved: schedulePolicy.retryNumber (sent 8, the server shows 3)"}, false, 1},
		{"the PUT landed, the action ignored", 8, func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "POST", Path: "/Action", Body: "{}"})
		}, "partly", []string{"saved schedulePolicy.retryNumber 3 → 8", "not saved: isEnabled (sent false, the server shows true)"}, true, 1},
		{"the PUT landed, the action refused", 8, func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "POST", Path: "/Action", Status: 500})
		}, "partly", []string{"saved schedulePolicy.retryNumber 3 → 8", "the Disabled action answered"}, true, 1},
		{"only the switch, the action refused", 0, func(srv *fakevbo.Server, id string) {
			srv.InjectFault(fakevbo.Fault{Method: "POST", Path: "/Action", Status: 500})
		}, "failed", []string{"still shows isEnabled true: nothing was saved"}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, srv := newStore(t, fakevbo.WithVersion("v5"))
			ctx := context.Background()
			id := srv.JobID("Exchange nightly")
			base, err := s.GetJob(ctx, id)
			if err != nil || !base.IsEnabled || base.Policy.RetryNumber != 3 {
				t.Fatalf("the seeded job: %v", err)
			}
			edit := base.Settings()
			edit.IsEnabled = false
			if tt.retry != 0 {
				edit.Policy.RetryNumber = tt.retry
			}
			tt.fault(srv, id)
			srv.ResetRequests()
			_, err = s.SaveJob(ctx, base, edit)
			var cs *model.ChangedSinceError
			var ps *model.PartlySavedError
			var na *model.NotAppliedError
			got := "failed"
			switch {
			case err == nil:
				got = "saved"
			case errors.As(err, &cs):
				got = "changed since"
			case errors.As(err, &ps):
				got = "partly"
			case errors.As(err, &na):
				got = "not applied"
			}
			if got != tt.want {
				t.Fatalf("outcome %s, want %s: %v", got, tt.want, err)
			}
			for _, w := range tt.text {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			for _, bad := range []string{"accepted", "may not support"} {
				if strings.Contains(err.Error(), bad) {
					t.Errorf("error %q says %q", err, bad)
				}
			}
			if srv.Job(id)["isEnabled"] != tt.stored {
				t.Errorf("isEnabled on the server %v, want %v", srv.Job(id)["isEnabled"], tt.stored)
			}
			if n := len(srv.RequestsFor("POST", "/Action")); n != tt.actions {
				t.Errorf("%d actions, want %d", n, tt.actions)
			}
		})
	}
}
