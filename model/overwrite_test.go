package model

import "testing"

// An edit put over the server's job (overwrite after a conflict, a merge)
// cannot unset an enum the server has a value for: the PUT leaves it out and
// the server keeps it. So the edit keeps the server's value and its diff
// claims no "→ (unset)" the save never makes (H11, as F3 for revert).
func TestOverwrite_AnUnsetThePUTCannotSendKeepsTheServersValue(t *testing.T) {
	tests := []struct {
		name              string
		mine, current     CopySettings
		want              CopySettings
		wantChangedFields []string
	}{
		{"mine Immediate with no interval over theirs Periodically every 4 hours keeps the interval",
			CopySettings{Policy: CopyPolicy{Type: Immediate}},
			CopySettings{Policy: CopyPolicy{Type: CopyPeriodically, Every: Hours4, WindowEnabled: true}},
			CopySettings{Policy: CopyPolicy{Type: Immediate, Every: Hours4}},
			[]string{FieldType, FieldCopyWindowEnabled}},
		{"days and interval mine has no value for stay the server's",
			CopySettings{Policy: CopyPolicy{Type: Immediate}},
			CopySettings{Policy: CopyPolicy{Type: DailyAtTime, DailyType: Workdays, Every: Hours1}},
			CopySettings{Policy: CopyPolicy{Type: Immediate, DailyType: Workdays, Every: Hours1}},
			[]string{FieldType}},
		{"a value mine has is sent over theirs",
			CopySettings{Policy: CopyPolicy{Type: CopyPeriodically, Every: Hours1}},
			CopySettings{Policy: CopyPolicy{Type: CopyPeriodically, Every: Hours4}},
			CopySettings{Policy: CopyPolicy{Type: CopyPeriodically, Every: Hours1}},
			[]string{FieldEvery}},
		{"unset on both sides stays unset",
			CopySettings{Policy: CopyPolicy{Type: Immediate}},
			CopySettings{IsEnabled: true, Policy: CopyPolicy{Type: Immediate}},
			CopySettings{Policy: CopyPolicy{Type: Immediate}},
			[]string{FieldIsEnabled}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OverwriteCopy(tt.mine, tt.current)
			if got != tt.want {
				t.Fatalf("OverwriteCopy = %+v, want %+v", got, tt.want)
			}
			changes := CopyChanges(tt.current, got)
			if len(changes) != len(tt.wantChangedFields) {
				t.Fatalf("changes %v, want fields %v", changes, tt.wantChangedFields)
			}
			for i, c := range changes {
				if c.Field != tt.wantChangedFields[i] || c.New == orUnset("") {
					t.Errorf("change %v, want field %s and no unset", c, tt.wantChangedFields[i])
				}
			}
		})
	}
}

// A backup job's enums follow the same rule, and so does a merge in which
// mine unset what theirs still has.
func TestOverwrite_BackupJobAndMergeKeepTheServersEnum(t *testing.T) {
	current := Settings{Policy: SchedulePolicy{Type: Periodically, Every: Hours4, DailyType: Everyday}}
	mine := Settings{Policy: SchedulePolicy{Type: Periodically}} // days and interval unset
	want := Settings{Policy: SchedulePolicy{Type: Periodically, Every: Hours4, DailyType: Everyday}}
	if got := Overwrite(mine, current); got != want {
		t.Errorf("Overwrite = %+v, want %+v", got, want)
	}
	base := current
	if got, err := Merge(base, mine, current).Settings(); err != nil || got != want {
		t.Errorf("Merge(mine unset the interval).Settings() = %+v, %v; want %+v", got, err, want)
	}
	cb := CopySettings{Policy: CopyPolicy{Type: CopyPeriodically, Every: Hours4}}
	cm := CopySettings{Policy: CopyPolicy{Type: Immediate}}
	cw := CopySettings{Policy: CopyPolicy{Type: Immediate, Every: Hours4}}
	if got, err := MergeCopy(cb, cm, cb).Settings(); err != nil || got != cw {
		t.Errorf("MergeCopy(mine unset the interval).Settings() = %+v, %v; want %+v", got, err, cw)
	}
}
