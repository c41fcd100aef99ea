package model

import (
	"errors"
	"strings"
	"testing"
)

func TestFindJob(t *testing.T) {
	jobs := []*Job{
		{ID: "a1", Name: "Exchange"},
		{ID: "b2", Name: "exchange"},
		{ID: "c3", Name: "Teams"},
		{ID: "d4", Name: "Teams"},
		{ID: "e5", Name: "OneDrive"},
	}
	tests := []struct {
		name, ref string
		wantID    string
		wantErr   string // a part of the error text
		ambiguous []string
	}{
		{name: "id in any case", ref: "B2", wantID: "b2"},
		{name: "exact name beats a name in another case", ref: "Exchange", wantID: "a1"},
		{name: "name in another case when it is the only one", ref: "onedrive", wantID: "e5"},
		{name: "shared exact name lists the ids", ref: "Teams", wantErr: `2 jobs are named "Teams"`, ambiguous: []string{"c3", "d4"}},
		{name: "shared name in another case lists the ids", ref: "EXCHANGE", wantErr: `2 jobs are named "EXCHANGE"`, ambiguous: []string{"a1", "b2"}},
		{name: "unknown says where to look", ref: "SharePoint", wantErr: "run `vbosched jobs`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := FindJob(jobs, tt.ref)
			if tt.wantErr == "" {
				if err != nil || j.ID != tt.wantID {
					t.Fatalf("FindJob(%q) = %v, %v; want %s", tt.ref, j, err, tt.wantID)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("FindJob(%q) error %v, want it to contain %q", tt.ref, err, tt.wantErr)
			}
			var amb *AmbiguousJobError
			if tt.ambiguous == nil {
				var none *NoJobError
				if !errors.As(err, &none) {
					t.Errorf("error %T, want *NoJobError", err)
				}
				return
			}
			if !errors.As(err, &amb) || len(amb.Jobs) != len(tt.ambiguous) {
				t.Fatalf("error %v, want *AmbiguousJobError with %v", err, tt.ambiguous)
			}
			for _, id := range tt.ambiguous {
				if !strings.Contains(err.Error(), id) {
					t.Errorf("error lacks id %s:\n%v", id, err)
				}
			}
		})
	}
}

func TestLooksLikeJobID(t *testing.T) {
	tests := []struct {
		ref  string
		want bool
	}{
		{"9a1d2b7e-3c4f-4a5b-8c6d-7e8f9a0b1c2d", true},
		{"9A1D2B7E-3C4F-4A5B-8C6D-7E8F9A0B1C2D", true},
		{"Exchange nightly", false},
		{"9a1d2b7e3c4f4a5b8c6d7e8f9a0b1c2d", false},     // no dashes
		{"9a1d2b7e-3c4f-4a5b-8c6d-7e8f9a0b1c2g", false}, // not hex
		{"9a1d2b7e-3c4f-4a5b-8c6d_7e8f9a0b1c2d", false}, // a dash misplaced
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksLikeJobID(tt.ref); got != tt.want {
			t.Errorf("LooksLikeJobID(%q) = %v, want %v", tt.ref, got, tt.want)
		}
	}
}
