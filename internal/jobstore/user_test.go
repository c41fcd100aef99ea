package jobstore

import (
	"context"
	"testing"
)

// Saves through a WithUser view are audited as that user, and the store it
// came from keeps its own: vbosched serve gives each SSH key such a view.
func TestWithUser_SavesAuditedAsTheViewsUser(t *testing.T) {
	s, srv, log := newAuditedStore(t)
	ctx := context.Background()
	tests := []struct {
		store *Store
		want  string
	}{
		{s.WithUser("SHA256:abc alice@laptop"), "SHA256:abc alice@laptop"},
		{s, "auditor"},
	}
	for i, tt := range tests {
		base, err := tt.store.GetJob(ctx, srv.JobID("Legal hold"))
		if err != nil {
			t.Fatal(err)
		}
		edit := base.Settings()
		edit.Policy.RetryNumber = 3 + i
		if _, err := tt.store.SaveJob(ctx, base, edit); err != nil {
			t.Fatalf("SaveJob: %v", err)
		}
	}
	recs, _, err := log.Read()
	if err != nil || len(recs) != len(tests) {
		t.Fatalf("audit log: %d records, %v", len(recs), err)
	}
	for i, tt := range tests {
		if got := recs[i].APIUser; got != tt.want {
			t.Errorf("save %d audited as %q, want %q", i, got, tt.want)
		}
	}
}
