package model

import (
	"testing"
	"time"
)

func TestMergeCopy_TheBackupJobsRulesOnACopyJobsFields(t *testing.T) {
	base := CopySettings{IsEnabled: true, Policy: CopyPolicy{Type: DailyAtTime, DailyType: Workdays, DailyTime: Clock(23 * 3600), WindowEnabled: true}}
	base.Policy.Window.Hours, _ = ParseWindow("Mon-Fri 20:00-06:00")
	sun0, wed12 := Cell{}, Cell{Day: time.Wednesday, Hour: 12}
	tests := []struct {
		name          string
		mine, theirs  func(s *CopySettings)
		wantConflicts []string
		wantCombined  bool
		check         func(t *testing.T, s CopySettings)
	}{
		{"a field only I changed is mine", func(s *CopySettings) { s.Policy.Type = CopyPeriodically; s.Policy.Every = Hours4 },
			func(s *CopySettings) { s.IsEnabled = false }, nil, false, func(t *testing.T, s CopySettings) {
				if s.Policy.Type != CopyPeriodically || s.Policy.Every != Hours4 || s.IsEnabled {
					t.Errorf("merged %+v", s)
				}
			}},
		{"a field both changed differently conflicts", func(s *CopySettings) { s.Policy.DailyTime = Clock(22 * 3600) },
			func(s *CopySettings) { s.Policy.DailyTime = Clock(21 * 3600) }, []string{FieldDailyTime}, false, nil},
		{"the copy window merges hour by hour", func(s *CopySettings) { s.Policy.Window.Hours.Set(sun0, true) },
			func(s *CopySettings) { s.Policy.Window.Hours.Set(wed12, true) }, nil, true, func(t *testing.T, s CopySettings) {
				if !s.Policy.Window.Hours.At(sun0) || !s.Policy.Window.Hours.At(wed12) {
					t.Errorf("merged window %s", s.Policy.Window.Hours)
				}
			}},
		{"copy windows on different clocks conflict whole", func(s *CopySettings) { s.Policy.Window.Hours.Set(sun0, true) },
			func(s *CopySettings) { s.Policy.Window.MinuteOffset = 60; s.Policy.Window.Hours.Set(wed12, true) }, []string{FieldCopyWindow}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mine, theirs := base, base
			tt.mine(&mine)
			tt.theirs(&theirs)
			r := MergeCopy(base, mine, theirs)
			var got []string
			for _, c := range r.Conflicts {
				got = append(got, c.Field)
			}
			if len(got) != len(tt.wantConflicts) || len(got) > 0 && got[0] != tt.wantConflicts[0] {
				t.Fatalf("conflicts %v, want %v", got, tt.wantConflicts)
			}
			if (len(r.Combined) > 0) != tt.wantCombined {
				t.Errorf("combined %v, want %v", r.Combined, tt.wantCombined)
			}
			s, err := r.Settings()
			if len(got) > 0 {
				if err == nil {
					t.Error("settings with an open conflict came without an error")
				}
				if err := r.Resolve(got[0], Mine); err != nil {
					t.Fatal(err)
				}
				if s, err = r.Settings(); err != nil || s.Policy != mine.Policy && got[0] == FieldDailyTime {
					t.Errorf("after keeping mine: %+v, %v", s.Policy, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}
