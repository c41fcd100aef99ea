package model

import "testing"

// A change to a field the schedule's type does not use is named as such,
// so a front end can say that when the job runs is unaffected (G15).
func TestIdleNote_FieldsTheTypeDoesNotUse(t *testing.T) {
	tests := []struct {
		name  string
		typ   ScheduleType
		field string
		want  string // "" for a field the type uses
	}{
		{"interval of a Daily job", Daily, FieldEvery,
			`the schedule is unaffected: a Daily job does not use "Periodically every"; it is kept for when the job's type is Periodically`},
		{"daily time of a periodic job", Periodically, FieldDailyTime,
			`the schedule is unaffected: a Periodically job does not use "Daily at"; it is kept for when the job's type is Daily`},
		{"interval of a manual job", ManualOnly, FieldEvery,
			`the schedule is unaffected: a ManualOnly job does not use "Periodically every"; it is kept for when the job's type is Periodically`},
		{"interval of a periodic job", Periodically, FieldEvery, ""},
		{"daily time of a Daily job", Daily, FieldDailyTime, ""},
		{"the window of any job", Daily, FieldWindow, ""},
		{"a type vbosched does not know", ScheduleTypeUnknown, FieldEvery, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := SchedulePolicy{Type: tt.typ}.IdleNote(tt.field)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("IdleNote(%s) on %v = %q, %v; want %q", tt.field, tt.typ, got, ok, tt.want)
			}
		})
	}
	copyTests := []struct {
		name  string
		typ   CopyScheduleType
		field string
		want  string
	}{
		{"interval of an immediate copy job", Immediate, FieldEvery,
			`the schedule is unaffected: an Immediate job does not use "Periodically every"; it is kept for when the job's type is Periodically`},
		{"daily time of a periodic copy job", CopyPeriodically, FieldDailyTime,
			`the schedule is unaffected: a Periodically job does not use "Daily at"; it is kept for when the job's type is DailyAtTime`},
		{"daily time of a DailyAtTime copy job", DailyAtTime, FieldDailyTime, ""},
	}
	for _, tt := range copyTests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CopyPolicy{Type: tt.typ}.IdleNote(tt.field)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("IdleNote(%s) on %v = %q, %v; want %q", tt.field, tt.typ, got, ok, tt.want)
			}
		})
	}
}
