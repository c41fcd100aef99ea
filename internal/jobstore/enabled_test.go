package jobstore

import (
	"context"
	"encoding/json"
	"errors"
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
				puts := srv.RequestsFor("PUT", "/Jobs/")
				if len(puts) != 1 {
					t.Fatalf("%d PUTs, want 1", len(puts))
				}
				if got := hasKey(t, puts[0].Body, "isEnabled"); got != tt.putCarriesIt {
					t.Errorf("PUT body carries isEnabled: %v, want %v", got, tt.putCarriesIt)
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
