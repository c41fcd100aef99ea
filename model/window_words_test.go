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

func TestDescribeLimitingWindow_ShowsTheWindowThatLimitsTheJob(t *testing.T) {
	nights, _ := ParseWindow("Mon-Fri 20-06")
	office, _ := ParseWindow("Mon-Fri 08-18")
	hourly := SchedulePolicy{Type: Periodically, Every: Hours4, HasPeriodicWindow: true,
		PeriodicWindow: WindowSettings{Hours: office}, PeriodicWindowEnabled: true, BackupWindow: WindowSettings{Hours: nights}}
	tests := []struct {
		name string
		p    func() SchedulePolicy
		v    APIVersion
		want string
	}{
		{"periodic window limits an hourly job", func() SchedulePolicy { return hourly }, 8, "starts Mon-Fri 08:00-18:00"},
		{"both windows", func() SchedulePolicy { p := hourly; p.BackupWindowEnabled = true; return p }, 8,
			"Mon-Fri 20:00-06:00; starts Mon-Fri 08:00-18:00"},
		{"periodic window switched off", func() SchedulePolicy { p := hourly; p.PeriodicWindowEnabled = false; return p }, 8, "off"},
		{"v6 has no switch: the window applies", func() SchedulePolicy { p := hourly; p.PeriodicWindowEnabled = false; return p }, 6,
			"starts Mon-Fri 08:00-18:00"},
		{"minute interval: no periodic window", func() SchedulePolicy { p := hourly; p.Every = Minutes30; return p }, 8, "off"},
		{"daily job: the backup window", func() SchedulePolicy {
			return SchedulePolicy{Type: Daily, BackupWindowEnabled: true, BackupWindow: WindowSettings{Hours: nights}}
		}, 8, "Mon-Fri 20:00-06:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p().DescribeLimitingWindow(tt.v); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
