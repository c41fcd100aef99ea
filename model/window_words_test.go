package model

import "testing"

func TestDescribeWindowWords(t *testing.T) {
	nights, _ := ParseWindow("everyday 20:00-06:00")
	p := SchedulePolicy{
		BackupWindowEnabled: true, BackupWindow: WindowSettings{Hours: nights},
		PeriodicWindow: WindowSettings{Hours: AllowAll(), MinuteOffset: 15},
	}
	off := p
	off.BackupWindowEnabled = false
	tests := []struct {
		name     string
		p        SchedulePolicy
		periodic bool
		v        APIVersion
		want     WindowWords
	}{
		{"backup window on", p, false, 8, WindowWords{"Backup window on: everyday 20:00-06:00", "70 of 168 h allowed · hours in server local time"}},
		{"backup window off is not enforced", off, false, 8, WindowWords{"Backup window off (not enforced): everyday 20:00-06:00", "70 of 168 h allowed · hours in server local time"}},
		{"periodic window with its own switch", p, true, 7, WindowWords{"Periodic window off (not enforced): always", "168 of 168 h allowed · hours in server local time · minuteOffset 15"}},
		{"periodic window before the switch", p, true, 6, WindowWords{"Periodic window (for runs every 1 hour or more): always", "168 of 168 h allowed · hours in server local time · minuteOffset 15"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.DescribeWindowWords(kindOf(tt.periodic), tt.v); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func kindOf(periodic bool) WindowKind {
	if periodic {
		return PeriodicWindowKind
	}
	return BackupWindowKind
}
