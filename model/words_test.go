package model

import "testing"

func TestChangeWords_NameFieldsAndValuesAsTheConsoleDoes(t *testing.T) {
	tests := []struct {
		name            string
		change          FieldChange
		label, old, new string
	}{
		{"type", FieldChange{FieldType, "Daily", "Periodically", "", ""}, "Run the job", "Daily at", "Periodically every"},
		{"manual", FieldChange{FieldType, "Periodically", "ManualOnly", "", ""}, "Run the job", "Periodically every", "Manually only"},
		{"interval", FieldChange{FieldEvery, "Minutes10", "Hours1", "", ""}, "Periodically every", "Every 10 minutes", "Every hour"},
		{"interval in hours", FieldChange{FieldEvery, "Hours4", "Hours12", "", ""}, "Periodically every", "Every 4 hours", "Every 12 hours"},
		{"backup window switch", FieldChange{FieldWindowEnabled, "false", "true", "", ""}, "Terminate job if it exceeds allowed backup window", "off", "on"},
		{"window offset", FieldChange{FieldWindowOffset, "0", "120", "", ""}, "Backup window time zone", "the server's local time", "UTC+02:00, the server's zone"},
		{"retry wait", FieldChange{FieldRetryWait, "10", "1", "", ""}, "Wait before each attempt", "10 minutes", "1 minute"},
		{"offset", FieldChange{FieldOffsetMinutes, "0", "15", "", ""}, "Start time within an hour", ":00 past the hour", ":15 past the hour"},
		{"unknown enum stays as read", FieldChange{FieldEvery, `"Hours24" (unknown to vbosched)`, "Hours1", "", ""}, "Periodically every", `"Hours24" (unknown to vbosched)`, "Every hour"},
		{"unmodelled field keeps its API name", FieldChange{"schedulePolicy.foo", "1", "2", "", ""}, "schedulePolicy.foo", "1", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			label, old, new := ChangeWords(tt.change)
			if label != tt.label || old != tt.old || new != tt.new {
				t.Errorf("ChangeWords = %q, %q → %q; want %q, %q → %q", label, old, new, tt.label, tt.old, tt.new)
			}
		})
	}
}

func TestZoneWords_SayWhoseClockTheHoursAreOn(t *testing.T) {
	tests := []struct {
		offset int
		want   string
	}{
		{0, "times in the server's local time"},
		{120, "times in UTC+02:00, the server's zone"},
		{-330, "times in UTC-05:30, the server's zone"},
	}
	for _, tt := range tests {
		if got := ZoneWords(tt.offset); got != tt.want {
			t.Errorf("ZoneWords(%d) = %q, want %q", tt.offset, got, tt.want)
		}
	}
}

func TestPolicyWords_ReadAsTheConsole(t *testing.T) {
	p := SchedulePolicy{Type: Periodically, Every: Hours4, OffsetMinutes: 15, RetryEnabled: true, RetryNumber: 9, RetryWaitMinutes: 14}
	if got, want := p.ScheduleWords(), "Periodically every 4 hours at :15"; got != want {
		t.Errorf("ScheduleWords = %q, want %q", got, want)
	}
	if got, want := p.RetryWords(), "9 times, wait 14 minutes before each attempt"; got != want {
		t.Errorf("RetryWords = %q, want %q", got, want)
	}
	d := SchedulePolicy{Type: Daily, DailyType: Workdays, DailyTime: Clock(22 * 3600)}
	if got, want := d.ScheduleWords(), "Daily at 22:00 on Workdays"; got != want {
		t.Errorf("ScheduleWords = %q, want %q", got, want)
	}
}
