package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func copyJob(id string, p CopyPolicy, source string) *CopyJob {
	return &CopyJob{ID: id, Name: id, IsEnabled: true, BackupJobID: source, RepositoryID: "repo-archive", Policy: p}
}

func copyDaily(days DailyType, at string) CopyPolicy {
	s := daily(days, at)
	return CopyPolicy{Type: DailyAtTime, DailyType: s.DailyType, DailyTime: s.DailyTime}
}

func copyWindow(p CopyPolicy, w Window) CopyPolicy {
	p.WindowEnabled, p.Window.Hours = true, w
	return p
}

// Each copy job's hours below are worked out by hand from starts_copy.go's
// model: the copy window holds a start until the top of its next allowed
// hour, and an Immediate copy starts in the hour its source run starts.
func TestPlanFleet_CopyJobStartsAndMayRun(t *testing.T) {
	source := planned("src", daily(Everyday, "22:00"))
	tests := []struct {
		name            string
		copy            *CopyJob
		sources         []*Job
		starts, mayRun  string // windows, as ParseWindow reads them
		unknown, absent bool
	}{
		{"daily at a time, no window: its days at its hour",
			copyJob("c", copyDaily(Workdays, "23:00"), "src"), nil, "Mon-Fri 23-00", "always", false, false},
		{"daily at a time outside the window waits for it to open",
			copyJob("c", copyWindow(copyDaily(Saturday, "23:00"), win(t, "Mon-Fri 20-06")), "src"), nil, "Mon 20-21", "Mon-Fri 20-06", false, false},
		{"every 8 hours within a night window: one start when it opens, the held ones merged",
			copyJob("c", copyWindow(CopyPolicy{Type: CopyPeriodically, Every: Hours8}, win(t, "everyday 00-06")), "src"), nil,
			"everyday 00-01", "everyday 00-06", false, false},
		{"every 4 hours, no window: around the clock",
			copyJob("c", CopyPolicy{Type: CopyPeriodically, Every: Hours4}, "src"), nil,
			"everyday 00-01; everyday 04-05; everyday 08-09; everyday 12-13; everyday 16-17; everyday 20-21", "always", false, false},
		{"immediate: in the hour its source starts",
			copyJob("c", CopyPolicy{Type: Immediate}, "src"), []*Job{source}, "everyday 22-23", "always", false, false},
		{"immediate: the source's start held by the copy window",
			copyJob("c", copyWindow(CopyPolicy{Type: Immediate}, win(t, "everyday 01-06")), "SRC"), []*Job{source}, "everyday 01-02", "everyday 01-06", false, false},
		{"immediate without its source: starts unknown, may run by its window",
			copyJob("c", CopyPolicy{Type: Immediate}, "gone"), []*Job{source}, "", "always", true, false},
		{"immediate with a disabled source: no starts, and that is known",
			copyJob("c", CopyPolicy{Type: Immediate}, "src"), []*Job{disabled(planned("src", daily(Everyday, "22:00")))}, "", "always", false, false},
		{"no schedule type: left out",
			copyJob("c", CopyPolicy{}, "src"), nil, "", "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := PlanFleet(PlanInput{CopyJobs: []*CopyJob{tt.copy}, Sources: tt.sources}, 8)
			if tt.absent {
				if len(plan.Jobs) != 0 {
					t.Fatalf("planned %+v, want it left out", plan.Jobs)
				}
				return
			}
			if len(plan.Jobs) != 1 {
				t.Fatalf("planned %d jobs, want 1", len(plan.Jobs))
			}
			pj := plan.Jobs[0]
			if pj.Kind != PlanCopy || pj.SourceID != tt.copy.BackupJobID {
				t.Errorf("kind %v source %q, want copy of %q", pj.Kind, pj.SourceID, tt.copy.BackupJobID)
			}
			var starts Window
			if tt.starts != "" {
				starts = win(t, tt.starts)
			}
			if pj.Starts != starts {
				t.Errorf("starts %s, want %s", pj.Starts, starts)
			}
			if want := win(t, tt.mayRun); pj.MayRun != want {
				t.Errorf("may run %s, want %s", pj.MayRun, want)
			}
			if (pj.StartsUnknown != "") != tt.unknown {
				t.Errorf("StartsUnknown %q, want unknown=%v", pj.StartsUnknown, tt.unknown)
			}
			if tt.unknown && !strings.Contains(pj.StartsUnknown, "source backup job") {
				t.Errorf("StartsUnknown %q does not say the source backup job is missing", pj.StartsUnknown)
			}
		})
	}
}

func TestPlanFleet_BackupJobsThenCopyJobsEachWithItsKind(t *testing.T) {
	src := planned("src", daily(Everyday, "22:00"))
	cp := copyJob("c", CopyPolicy{Type: Immediate}, "src")
	off := copyJob("off", copyDaily(Everyday, "22:00"), "src")
	off.IsEnabled = false
	plan := PlanFleet(PlanInput{Jobs: []*Job{src}, CopyJobs: []*CopyJob{cp, off}}, 8)
	var got []string
	for _, j := range plan.Jobs {
		got = append(got, j.Kind.String()+":"+j.ID)
	}
	if want := []string{"backup:src", "copy:c", "copy:off"}; !slices.Equal(got, want) {
		t.Fatalf("planned %v, want %v", got, want)
	}
	if plan.Jobs[1].OrganizationID != "org-a" {
		t.Errorf("a copy job without its own organization is in its source's: got %q", plan.Jobs[1].OrganizationID)
	}
	c := Cell{Day: 1, Hour: 22}
	if plan.StartsAt(c) != 2 || plan.AllowedAt(c) != 2 {
		t.Errorf("Mon 22:00: %d start, %d may run; want 2 and 2 (the disabled copy job not counted)", plan.StartsAt(c), plan.AllowedAt(c))
	}
	if n, off := plan.Count(PlanCopy); n != 2 || off != 1 {
		t.Errorf("Count(copy) = %d, %d disabled; want 2, 1", n, off)
	}
}

func TestGroupPlanInput_PlacesCopyJobs(t *testing.T) {
	src := planned("src", daily(Everyday, "22:00"))
	src.RepositoryID = "REPO-1"
	own := copyJob("own", CopyPolicy{Type: Immediate}, "src")
	own.OrganizationID = "org-b"
	inherit := copyJob("inherit", CopyPolicy{Type: Immediate}, "src")
	orphan := copyJob("orphan", CopyPolicy{Type: Immediate}, "gone")
	in := PlanInput{CopyJobs: []*CopyJob{own, inherit, orphan}, Sources: []*Job{src}}
	names := PlanNames{Repositories: map[string]PlanRepository{"repo-1": {Name: "Main", ProxyID: "PX-1"}}, Proxies: map[string]string{"px-1": "proxy1"}}
	tests := []struct {
		g    PlanGrouping
		want []string // group name: copy job ids
	}{
		{GroupOrganization, []string{"org-b: own", "org-a: inherit", "(none): orphan"}},
		{GroupRepository, []string{UnknownRepositoryGroup + ": own inherit orphan"}},
		{GroupProxy, []string{"proxy1: own inherit", UnknownSourceGroup + ": orphan"}},
	}
	for _, tt := range tests {
		t.Run(tt.g.String(), func(t *testing.T) {
			var got []string
			for _, g := range GroupPlanInput(in, tt.g, names) {
				var ids []string
				for _, c := range g.CopyJobs {
					ids = append(ids, c.ID)
				}
				got = append(got, g.Name+": "+strings.Join(ids, " "))
				if len(g.Input().Sources) != 1 {
					t.Errorf("group %s lost the source jobs", g.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("groups %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLintFleet_CopyJobFindings(t *testing.T) {
	src := planned("src", daily(Everyday, "22:00"))
	manual := planned("manual", SchedulePolicy{Type: ManualOnly})
	off := disabled(planned("off", daily(Everyday, "22:00")))
	sources := []*Job{src, manual, off}
	tests := []struct {
		name string
		copy *CopyJob
		want []string
		says string
	}{
		{"a daily start inside its window", copyJob("c", copyWindow(copyDaily(Workdays, "23:00"), win(t, "Mon-Fri 20-06")), "src"), nil, ""},
		{"a daily start outside its window", copyJob("c", copyWindow(copyDaily(Saturday, "23:00"), win(t, "Mon-Fri 20-06")), "src"),
			[]string{WarnStartDelayed}, "Sat 23:00 waits until Mon 20:00"},
		{"periodic starts outside the window are by design", copyJob("c", copyWindow(CopyPolicy{Type: CopyPeriodically, Every: Hours8}, win(t, "everyday 00-06")), "src"), nil, ""},
		{"a window that never opens", copyJob("c", copyWindow(copyDaily(Everyday, "23:00"), Window{}), "src"),
			[]string{WarnBackupWindowEmpty}, "backup copy window"},
		{"a disabled copy job with its window on", func() *CopyJob {
			c := copyJob("c", copyWindow(copyDaily(Everyday, "23:00"), AllowAll()), "src")
			c.IsEnabled = false
			return c
		}(), []string{LintDisabledWithWindow}, "backup copy window is on"},
		{"a source that is gone", copyJob("c", CopyPolicy{Type: Immediate}, "gone"), []string{LintCopySourceMissing}, "not in the server's job list"},
		{"a disabled source", copyJob("c", copyDaily(Everyday, "23:00"), "off"), []string{LintCopySourceDisabled}, `"off" is disabled`},
		{"immediate after a source that never starts on its own", copyJob("c", CopyPolicy{Type: Immediate}, "manual"), []string{LintNeverStarts}, "manual only"},
		{"a periodic copy without an interval", copyJob("c", CopyPolicy{Type: CopyPeriodically}, "src"), []string{LintNeverStarts}, "no interval"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LintFleet(PlanInput{CopyJobs: []*CopyJob{tt.copy}, Sources: sources}, 8, LintOptions{})
			if !slices.Equal(codes(got), tt.want) {
				t.Fatalf("codes %v, want %v: %+v", codes(got), tt.want, got)
			}
			for _, f := range got {
				if f.Kind != PlanCopy || !slices.Equal(f.JobIDs, []string{"c"}) || !strings.HasPrefix(f.Text, `copy job "c"`) {
					t.Errorf("finding %+v: want it about copy job c", f)
				}
				if !strings.Contains(f.Text, tt.says) {
					t.Errorf("text %q does not say %q", f.Text, tt.says)
				}
			}
		})
	}
}

func TestLintFleet_CopyJobsAreNotCountedInCrowdedHours(t *testing.T) {
	var jobs []*Job
	var copies []*CopyJob
	for _, id := range []string{"a", "b", "c", "d"} {
		jobs = append(jobs, planned(id, daily(Workdays, "22:00")))
		copies = append(copies, copyJob("copy-"+id, CopyPolicy{Type: Immediate}, id))
	}
	if got := LintFleet(PlanInput{Jobs: jobs, CopyJobs: copies}, 8, LintOptions{}); len(got) != 0 {
		t.Errorf("4 backup jobs and their 4 copies at 22:00: %v, want nothing (copy jobs read the repository, not Microsoft 365)", codes(got))
	}
}

// BenchmarkPlanFleetWithCopyJobs: 2000 backup jobs alone, then with 500
// immediate copy jobs, each copy finding its source among all 2000: what
// the copy jobs add, in allocations and bytes.
func BenchmarkPlanFleetWithCopyJobs(b *testing.B) {
	for _, copies := range []int{0, 500} {
		b.Run(fmt.Sprintf("copies=%d", copies), func(b *testing.B) { benchPlanFleet(b, copies) })
	}
}

func benchPlanFleet(b *testing.B, copies int) {
	var in PlanInput
	for i := range 2000 {
		in.Jobs = append(in.Jobs, planned(fmt.Sprintf("job-%d", i), every(Hours4, i%60)))
	}
	for i := range copies {
		in.CopyJobs = append(in.CopyJobs, copyJob(fmt.Sprintf("copy-%d", i), CopyPolicy{Type: Immediate}, fmt.Sprintf("JOB-%d", i*4)))
	}
	b.ReportAllocs()
	for b.Loop() {
		PlanFleet(in, 8)
	}
}

// CopyStarts (the editor's start marks) marks a copy start that waits only
// where copyStartsDelayed warns of it: a DailyAtTime start; a periodic or
// Immediate copy job's starts are where it really starts, none waiting.
func TestCopyStarts_WaitOnlyWhereAWarningSaysSo(t *testing.T) {
	source := planned("src", daily(Everyday, "12:00"))
	night := win(t, "Mon-Fri 20-06")
	tests := []struct {
		name          string
		copy          *CopyJob
		source        *Job
		starts, waits string // windows, as ParseWindow reads them; "" for none
	}{
		{"daily in a denied hour waits", copyJob("c", copyWindow(copyDaily(Saturday, "23:00"), night), "src"), source, "Sat 23-00", "Sat 23-00"},
		{"every 8 hours in a night window: held starts merge when it opens", copyJob("c", copyWindow(CopyPolicy{Type: CopyPeriodically, Every: Hours8}, night), "src"), source,
			"Tue-Sat 00-01; Mon-Fri 20-21", ""},
		{"immediate after its source: held until the window opens", copyJob("c", copyWindow(CopyPolicy{Type: Immediate}, night), "src"), source, "Mon-Fri 20-21", ""},
		{"immediate without its source: unknown, none", copyJob("c", copyWindow(CopyPolicy{Type: Immediate}, night), "gone"), nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := CopyStarts(tt.copy, tt.source, NewestAPIVersion)
			want := func(text string) Window {
				if text == "" {
					return Window{}
				}
				return win(t, text)
			}
			if got := s.Hours(); got != want(tt.starts) {
				t.Errorf("starts %s, want %s", got, tt.starts)
			}
			if s.Denied != want(tt.waits) {
				t.Errorf("waits %s, want %s", s.Denied, tt.waits)
			}
			if delayed := copyStartsDelayed(tt.copy.Policy, NewestAPIVersion) != ""; delayed != (s.Denied.Count() > 0) {
				t.Errorf("a start-delayed warning (%v) without waiting marks, or the reverse", delayed)
			}
		})
	}
}
