package model

import (
	"strings"
	"testing"
)

// TestCopyPolicyDescribe_SaysWhatABackupJobSays: a copy job's schedule is
// worded as a backup job's of the same days, time and interval.
func TestCopyPolicyDescribe_SaysWhatABackupJobSays(t *testing.T) {
	tests := []struct {
		edits map[string]any
		want  string
	}{
		{map[string]any{"schedulePolicy.dailyType": "Workdays", "schedulePolicy.dailyTime": "23:00:00"}, "workdays at 23:00"},
		{map[string]any{"schedulePolicy.dailyType": "Everyday", "schedulePolicy.dailyTime": "12:00:00"}, "every day at 12:00"},
		{map[string]any{"schedulePolicy.type": "Periodically", "schedulePolicy.periodicallyEvery": "Hours4"}, "every 4 hours"},
		{map[string]any{"schedulePolicy.type": "Immediate"}, "after each new restore point"},
	}
	for _, tt := range tests {
		j := mustCopy(t, copyDoc(t, tt.edits))
		if got := j.Policy.Describe(); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.edits, got, tt.want)
		}
	}
	off := mustCopy(t, copyDoc(t, map[string]any{"schedulePolicy.backupCopyWindowEnabled": false}))
	if got := off.Policy.DescribeWindow(); got != "off" {
		t.Errorf("window off: %q, want off", got)
	}
}

// TestCopyJobEditWarnings_AsShowAndLintSayThem: a copy job warns of being
// disabled, of an empty copy window and of a daily start the window holds
// back ("every day", not "Sun–Sat", for an everyday start).
func TestCopyJobEditWarnings_AsShowAndLintSayThem(t *testing.T) {
	tests := []struct {
		name  string
		edits map[string]any
		codes []string
		text  string
	}{
		{"in the window", nil, nil, ""},
		{"disabled", map[string]any{"isEnabled": false}, []string{WarnJobDisabled}, "disabled"},
		{"held back every day", map[string]any{"schedulePolicy.dailyTime": "12:00:00"}, []string{WarnStartDelayed}, "The 12:00 start every day falls in an hour the backup copy window denies"},
		{"empty window", map[string]any{"schedulePolicy.backupCopyWindowSettings": map[string]any{"backupWindow": make([]bool, 168), "minuteOffset": 0}},
			[]string{WarnBackupWindowEmpty}, "allows no hour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := mustCopy(t, copyDoc(t, tt.edits))
			var codes, texts []string
			for _, w := range j.EditWarnings(j.Settings(), 8) {
				codes, texts = append(codes, w.Code), append(texts, w.Text)
			}
			if strings.Join(codes, ",") != strings.Join(tt.codes, ",") || !strings.Contains(strings.Join(texts, "\n"), tt.text) {
				t.Errorf("warnings %v:\n%s\nwant %v with %q", codes, strings.Join(texts, "\n"), tt.codes, tt.text)
			}
		})
	}
}
