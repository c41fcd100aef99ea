package model

import (
	"slices"
	"strings"
	"testing"
)

func codes(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

func TestLint_EachRuleTriggersAndStaysQuiet(t *testing.T) {
	fiveAt22 := func(org string) []*Job {
		var jobs []*Job
		for _, id := range []string{"a", "b", "c", "d", "e"} {
			j := planned(org+id, daily(Workdays, "22:00"))
			j.OrganizationID = org
			jobs = append(jobs, j)
		}
		return jobs
	}
	windowed := func(j *Job) *Job {
		j.Policy.BackupWindowEnabled, j.Policy.BackupWindow.Hours = true, AllowAll()
		return j
	}
	tests := []struct {
		name string
		jobs func(*testing.T) []*Job
		max  int
		want []string
	}{
		{"a start in a denied hour", func(t *testing.T) []*Job {
			return []*Job{planned("j", withBackupWindow(daily(Workdays, "22:00"), win(t, "everyday 23-22")))}
		}, 0, []string{WarnStartDelayed}},
		{"a start in an allowed hour", func(t *testing.T) []*Job {
			return []*Job{planned("j", withBackupWindow(daily(Workdays, "22:00"), win(t, "everyday 20-06")))}
		}, 0, nil},
		{"a window that closes an hour after the start", func(t *testing.T) []*Job {
			return []*Job{planned("j", withBackupWindow(daily(Everyday, "22:00"), win(t, "everyday 22-23")))}
		}, 0, []string{WarnShortRun}},
		{"an offset on a minute interval", func(*testing.T) []*Job { return []*Job{planned("j", every(Minutes30, 15))} }, 0,
			[]string{WarnOffsetIgnored}},
		{"an offset on an hour interval", func(*testing.T) []*Job { return []*Job{planned("j", every(Hours4, 15))} }, 0, nil},
		{"a periodic window that misses the starts on some days", func(t *testing.T) []*Job {
			return []*Job{planned("j", withPeriodicWindow(every(Hours8, 0), win(t, "Mon-Fri 08-16; Sat 09-10"), true))}
		}, 0, []string{WarnPeriodicWindowMissesStarts}},
		{"a disabled job with its backup window on", func(*testing.T) []*Job {
			return []*Job{disabled(windowed(planned("j", daily(Workdays, "22:00"))))}
		}, 0, []string{LintDisabledWithWindow}},
		{"an enabled job with its backup window on", func(*testing.T) []*Job {
			return []*Job{windowed(planned("j", daily(Workdays, "22:00")))}
		}, 0, nil},
		{"a disabled job without windows", func(*testing.T) []*Job { return []*Job{disabled(planned("j", daily(Workdays, "22:00")))} }, 0, nil},
		{"a daily job that names no days never starts", func(*testing.T) []*Job {
			return []*Job{planned("j", SchedulePolicy{Type: Daily, DailyTime: 22 * 3600})}
		}, 0, []string{LintNeverStarts}},
		{"an empty backup window is told once, by the editor's warning", func(t *testing.T) []*Job {
			return []*Job{planned("j", withBackupWindow(daily(Workdays, "22:00"), Window{}))}
		}, 0, []string{WarnBackupWindowEmpty}},
		{"manual only is no finding", func(*testing.T) []*Job { return []*Job{planned("j", SchedulePolicy{Type: ManualOnly})} }, 0, nil},
		{"five jobs of one organization at 22:00 on workdays", func(*testing.T) []*Job { return fiveAt22("org") }, 0,
			slices.Repeat([]string{LintCrowdedHour}, 5)},
		{"five jobs at 22:00 within --max-starts 5", func(*testing.T) []*Job { return fiveAt22("org") }, 5, nil},
		{"four jobs of one organization and one of another", func(*testing.T) []*Job {
			jobs := fiveAt22("org")
			jobs[4].OrganizationID = "other"
			return jobs
		}, 0, nil},
		{"a disabled fifth job does not crowd the hour", func(*testing.T) []*Job {
			jobs := fiveAt22("org")
			disabled(jobs[4])
			return jobs
		}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lint(tt.jobs(t), 8, LintOptions{MaxStarts: tt.max})
			if !slices.Equal(codes(got), tt.want) {
				t.Errorf("codes %v, want %v\n%+v", codes(got), tt.want, got)
			}
		})
	}
}

func TestLint_CrowdedHourNamesTheOrganizationHourAndJobs(t *testing.T) {
	var jobs []*Job
	for _, id := range []string{"a", "b", "c"} {
		jobs = append(jobs, planned(id, daily(Monday, "22:10")))
	}
	got := Lint(jobs, 8, LintOptions{MaxStarts: 2, OrganizationName: func(string) string { return "Contoso" }})
	if len(got) != 1 {
		t.Fatalf("findings %+v, want one", got)
	}
	f := got[0]
	if !slices.Equal(f.JobIDs, []string{"a", "b", "c"}) || f.Hour == nil || f.Hour.String() != "Mon 22:00" {
		t.Errorf("finding %+v", f)
	}
	if !strings.Contains(f.Text, `3 jobs of organization "Contoso" start Mon 22:00 (more than 2): a, b, c.`) {
		t.Errorf("text %q", f.Text)
	}
}
