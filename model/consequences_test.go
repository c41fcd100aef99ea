package model

import (
	"slices"
	"testing"
)

func TestConsequences_HandComputed(t *testing.T) {
	type want struct{ code, field, text string } // text "" = not checked
	tests := []struct {
		name string
		p    SchedulePolicy
		v    APIVersion
		want []want
	}{
		{"a daily start in a denied hour waits for the window",
			withBackupWindow(daily(Workdays, "22:00"), win(t, "everyday 23-22")), 8,
			[]want{{WarnStartDelayed, FieldWindow,
				"The 22:00 start on Mon–Fri falls in an hour the backup window denies: Veeam waits and starts the job at 23:00 the same day."}}},
		{"a Friday start waits over the weekend, and the window leaves an hour a day",
			withBackupWindow(daily(Workdays, "22:00"), win(t, "Mon-Thu 23-24; Mon 08-09")), 8,
			[]want{{WarnStartDelayed, FieldWindow,
				"The 22:00 start on Mon–Fri falls in an hour the backup window denies: Veeam waits and starts the job on Mon–Thu at 23:00 the same day; on Fri at 08:00 3 days later."},
				{WarnShortRun, FieldWindow,
					"Veeam terminates the job when the backup window closes: on Mon a run starting at 23:00 gets only 1 h before the window closes at 00:00 (the window allows 2 h on that day); on Tue–Thu a run starting at 23:00 gets only 1 h before the window closes at 00:00 (the window allows 1 h on those days). That is less than 2 h; a backup that takes longer is cut short."}}},
		{"a window of one hour after the start cuts runs short",
			withBackupWindow(daily(Workdays, "22:00"), win(t, "Mon-Fri 22-23")), 8,
			[]want{{WarnShortRun, FieldWindow,
				"Veeam terminates the job when the backup window closes: on Mon–Fri a run starting at 22:00 gets only 1 h before the window closes at 23:00 (the window allows 1 h on those days). That is less than 2 h; a backup that takes longer is cut short."}}},
		{"minutes count in the time a run gets",
			withBackupWindow(daily(Workdays, "22:30"), win(t, "Mon-Fri 22-24")), 8,
			[]want{{WarnShortRun, FieldWindow,
				"Veeam terminates the job when the backup window closes: on Mon–Fri a run starting at 22:30 gets only 1 h 30 min before the window closes at 00:00 (the window allows 2 h on those days). That is less than 2 h; a backup that takes longer is cut short."}}},
		{"exactly two hours is enough",
			withBackupWindow(daily(Workdays, "22:00"), win(t, "Mon-Fri 22-24")), 8, nil},
		{"a window across midnight gives its hours on both days",
			withBackupWindow(daily(Everyday, "23:00"), win(t, "everyday 23-01")), 8, nil},
		{"periodic starts in denied hours fold into one run when the window opens",
			withBackupWindow(every(Hours4, 15), win(t, "everyday 06-24")), 8,
			[]want{{WarnStartDelayed, FieldWindow,
				"14 of 42 starts a week (every 4 hours at :15) fall in hours the backup window denies: Veeam holds each until the window opens and then starts the job once, 35 runs a week in all. For example the Sun 00:15 start waits until Sun 06:00."}}},
		{"every 30 minutes in two hours a day: the wait over Saturday night is one run",
			withBackupWindow(every(Minutes30, 0), win(t, "everyday 08-10")), 8,
			[]want{{WarnStartDelayed, FieldWindow,
				"308 of 336 starts a week (every 30 minutes) fall in hours the backup window denies: Veeam holds each until the window opens and then starts the job once, 28 runs a week in all. For example the Sun 00:00 start waits until Sun 08:00."}}},
		{"an offset on a minute interval does nothing",
			every(Minutes30, 10), 8,
			[]want{{WarnOffsetIgnored, FieldOffsetMinutes,
				"The 10-minute start offset does nothing: Veeam applies it only to intervals of an hour or more, and this job runs every 30 minutes from :00."}}},
		{"an offset on an hour interval is fine", every(Hours2, 10), 8, nil},
		{"a periodic window that allows nothing",
			withPeriodicWindow(every(Hours2, 0), Window{}, true), 8,
			[]want{{WarnPeriodicWindowEmpty, FieldPeriodicWindow, ""}}},
		{"a periodic window that misses the starts on Saturday",
			withPeriodicWindow(every(Hours4, 15), win(t, "Mon-Fri 08-20; Sat 09-11"), true), 8,
			[]want{{WarnPeriodicWindowMissesStarts, FieldPeriodicWindow,
				"On Sat the periodic window allows hours, but none the job starts in (every 4 hours: 00:15, 04:15, 08:15, 12:15, 16:15, 20:15), so the job does not run on that day."}}},
		{"a periodic window that misses every start",
			withPeriodicWindow(every(Hours4, 0), win(t, "everyday 01-04"), true), 8,
			[]want{{WarnPeriodicWindowMissesStarts, FieldPeriodicWindow,
				"The periodic window allows no hour the job starts in (every 4 hours: 00:00, 04:00, 08:00, 12:00, 16:00, 20:00), so the job never starts on its schedule."}}},
		{"long start lists keep their ends",
			withPeriodicWindow(every(Hours2, 30), win(t, "everyday 01-02"), true), 8,
			[]want{{WarnPeriodicWindowMissesStarts, FieldPeriodicWindow,
				"The periodic window allows no hour the job starts in (every 2 hours: 00:30, 02:30, …, 22:30), so the job never starts on its schedule."}}},
		{"a periodic window switched off on v7 is not checked",
			withPeriodicWindow(every(Hours2, 0), Window{}, false), 7, nil},
		{"a periodic window on a minute interval does not limit it",
			withPeriodicWindow(every(Minutes15, 0), win(t, "Mon 08-10"), true), 8,
			[]want{{WarnPeriodicWindowIgnored, FieldPeriodicEnabled, ""}}},
		{"a periodic window allowing every hour on a minute interval changes nothing",
			withPeriodicWindow(every(Minutes15, 0), AllowAll(), true), 8, nil},
		{"a backup window that allows nothing",
			withBackupWindow(daily(Everyday, "22:00"), Window{}), 8,
			[]want{{WarnBackupWindowEmpty, FieldWindow, ""}}},
		{"a daily job with no windows", daily(Everyday, "22:00"), 8, nil},
		{"manual only in an open window", withBackupWindow(SchedulePolicy{Type: ManualOnly}, AllowAll()), 8, nil},
	}
	for _, tt := range tests {
		got := Consequences(tt.p, tt.v)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d warnings %v, want %d", tt.name, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Code != w.code || g.Field != w.field || (w.text != "" && g.Text != w.text) {
				t.Errorf("%s: warning %d\n got %s %s %q\nwant %s %s %q", tt.name, i, g.Code, g.Field, g.Text, w.code, w.field, w.text)
			}
		}
	}
}

func TestJobEditWarnings_OneWarningPerField(t *testing.T) {
	minutes := &Job{IsEnabled: true, Policy: every(Minutes30, 10)}
	leftover := &Job{IsEnabled: true, Policy: daily(Everyday, "22:00")}
	leftover.Policy.Every, leftover.Policy.OffsetMinutes = Minutes30, 10 // kept from an earlier periodic schedule
	tests := []struct {
		name  string
		job   *Job
		codes []string
	}{
		{"a stored offset on a minute interval is said once, as a consequence", minutes, []string{WarnOffsetIgnored}},
		{"a stored offset on a daily job is kept as read", leftover, []string{WarnKeptAsRead}},
	}
	for _, tt := range tests {
		var codes []string
		for _, w := range tt.job.EditWarnings(tt.job.Settings(), 8) {
			codes = append(codes, w.Code)
			if w.Field != FieldOffsetMinutes {
				t.Errorf("%s: warning about %s, want %s", tt.name, w.Field, FieldOffsetMinutes)
			}
		}
		if !slices.Equal(codes, tt.codes) {
			t.Errorf("%s: codes %v, want %v", tt.name, codes, tt.codes)
		}
		if len(tt.job.Warnings(tt.job.Settings())) != 1 {
			t.Errorf("%s: Job.Warnings no longer reports the stored offset", tt.name)
		}
	}
}

func TestDayList_NamesRuns(t *testing.T) {
	tests := []struct {
		name string
		days DailyType
		want string
	}{
		{"workdays", Workdays, "Mon–Fri"},
		{"weekends keep week order", Weekends, "Sun, Sat"},
		{"every day", Everyday, "Sun–Sat"},
		{"one day", Wednesday, "Wed"},
	}
	for _, tt := range tests {
		if got := dayList(tt.days.Days()); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestJobEditWarnings_DisabledJobSaysSoFirst(t *testing.T) {
	tests := []struct {
		name        string
		enabled     bool
		emptyWindow bool
		codes       []string
		why         string
	}{
		{"an enabled job runs", true, false, nil, ""},
		{"a disabled job does not, whatever its schedule", false, false, []string{WarnJobDisabled}, JobDisabledNoRuns},
		{"a disabled job's schedule is still checked, after", false, true, []string{WarnJobDisabled, WarnBackupWindowEmpty}, JobDisabledNoRuns},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := daily(Everyday, "22:00")
			p.BackupWindowEnabled = tt.emptyWindow // on, allowing no hour
			j := &Job{IsEnabled: tt.enabled, Policy: p}
			var codes []string
			for _, w := range j.EditWarnings(j.Settings(), 8) {
				codes = append(codes, w.Code)
			}
			if !slices.Equal(codes, tt.codes) {
				t.Errorf("codes %v, want %v", codes, tt.codes)
			}
			if why := j.WhyNoRuns(j.Settings(), 8); why != tt.why {
				t.Errorf("WhyNoRuns = %q, want %q", why, tt.why)
			}
		})
	}
}
