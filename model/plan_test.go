package model

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func planned(id string, p SchedulePolicy) *Job {
	return &Job{ID: id, Name: id, IsEnabled: true, OrganizationID: "org-a", Policy: p}
}

func disabled(j *Job) *Job { j.IsEnabled = false; return j }

// The fleet of issue #13, each hour below worked out by hand:
//
//	nightly:  Daily on workdays at 22:00, no window: starts Mon–Fri 22.
//	held:     the same, its backup window denying 22:00: starts Mon–Fri 23.
//	periodic: every 4 hours at :15 in a periodic window Mon–Fri 08–18:
//	          starts Mon–Fri 08:15, 12:15, 16:15.
//	manual:   ManualOnly: not planned at all.
//	off:      disabled, Daily every day at 22:00: listed, not counted.
func planFleet(t *testing.T) []*Job {
	return []*Job{
		planned("nightly", daily(Workdays, "22:00")),
		planned("held", withBackupWindow(daily(Workdays, "22:00"), win(t, "everyday 23-22"))),
		planned("periodic", withPeriodicWindow(every(Hours4, 15), win(t, "Mon-Fri 08-18"), true)),
		planned("manual", SchedulePolicy{Type: ManualOnly}),
		disabled(planned("off", daily(Everyday, "22:00"))),
	}
}

func TestPlanJobs_HandComputedFleet(t *testing.T) {
	plan := PlanJobs(planFleet(t), 8)
	var ids []string
	for _, j := range plan.Jobs {
		ids = append(ids, j.ID)
	}
	if want := []string{"nightly", "held", "periodic", "off"}; !slices.Equal(ids, want) {
		t.Fatalf("planned jobs %v, want %v (manual only left out)", ids, want)
	}
	if !plan.Jobs[3].Disabled || plan.Jobs[0].Disabled {
		t.Errorf("only the disabled job is marked: %+v", plan.Jobs)
	}
	tests := []struct {
		cell              Cell
		allowed, starts   int
		starting, mayRunN []string
	}{
		{Cell{time.Monday, 22}, 2, 1, []string{"nightly", "off"}, []string{"nightly", "periodic", "off"}},
		{Cell{time.Monday, 23}, 3, 1, []string{"held"}, []string{"nightly", "held", "periodic", "off"}},
		{Cell{time.Friday, 12}, 3, 1, []string{"periodic"}, []string{"nightly", "held", "periodic", "off"}},
		{Cell{time.Friday, 20}, 3, 0, nil, []string{"nightly", "held", "periodic", "off"}},
		{Cell{time.Saturday, 22}, 2, 0, []string{"off"}, []string{"nightly", "periodic", "off"}},
		{Cell{time.Sunday, 8}, 3, 0, nil, []string{"nightly", "held", "periodic", "off"}},
	}
	for _, tt := range tests {
		t.Run(tt.cell.String(), func(t *testing.T) {
			if got := plan.AllowedAt(tt.cell); got != tt.allowed {
				t.Errorf("allowed %d, want %d", got, tt.allowed)
			}
			if got := plan.StartsAt(tt.cell); got != tt.starts {
				t.Errorf("starts %d, want %d", got, tt.starts)
			}
			if got := jobIDs(plan, plan.Hours[tt.cell.Index()].Starting); !slices.Equal(got, tt.starting) {
				t.Errorf("starting %v, want %v", got, tt.starting)
			}
			if got := jobIDs(plan, plan.Hours[tt.cell.Index()].MayRun); !slices.Equal(got, tt.mayRunN) {
				t.Errorf("may run %v, want %v", got, tt.mayRunN)
			}
		})
	}
	if got := plan.Jobs[2].Starts.Count(); got != 15 {
		t.Errorf("the periodic job starts in %d hours, want 15 (3 a day, Mon–Fri)", got)
	}
}

func jobIDs(p Plan, idx []int) []string {
	var out []string
	for _, k := range idx {
		out = append(out, p.Jobs[k].ID)
	}
	return out
}

func TestPlan_BusiestHoursFirstThenWeekOrder(t *testing.T) {
	jobs := []*Job{
		planned("a", daily(Workdays, "22:00")),
		planned("b", daily(Monday, "22:30")),
		planned("c", daily(Sunday, "01:00")),
	}
	plan := PlanJobs(jobs, 8)
	got := fmt.Sprint(plan.Busiest(3))
	if want := "[Mon 22:00 Sun 01:00 Tue 22:00]"; got != want {
		t.Errorf("busiest %s, want %s", got, want)
	}
	if plan.MaxStarts() != 2 || plan.MaxAllowed() != 3 {
		t.Errorf("max starts %d, max allowed %d; want 2 and 3", plan.MaxStarts(), plan.MaxAllowed())
	}
}

func TestGroupJobs_InOrderOfFirstJob(t *testing.T) {
	jobs := []*Job{{ID: "1", RepositoryID: "r2"}, {ID: "2", RepositoryID: "r1"}, {ID: "3", RepositoryID: "r2"}}
	groups := GroupJobs(jobs, func(j *Job) string { return j.RepositoryID })
	if len(groups) != 2 || groups[0].Key != "r2" || len(groups[0].Jobs) != 2 || groups[1].Key != "r1" {
		t.Errorf("groups %+v", groups)
	}
}

func TestDecodeJob_ReadsTheRepository(t *testing.T) {
	j, err := DecodeJob([]byte(`{"id":"j","repositoryId":"r-1","schedulePolicy":{"type":"ManualOnly"}}`))
	if err != nil || j.RepositoryID != "r-1" {
		t.Fatalf("repository %q, err %v", j.RepositoryID, err)
	}
}
