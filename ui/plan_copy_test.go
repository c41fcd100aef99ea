package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// withCopyJobs opens the plan screen as the list will once it shows copy
// jobs: the list's jobs, two backup copy jobs, and every job as a source.
// "Exchange nightly – archive" copies daily on workdays at 22:00 (it starts
// in the screen's first hour, Mon 22:00); "Orphan copy" copies immediately
// after a backup job the list does not hold, so its starts are unknown.
func withCopyJobs(t *testing.T, w, h int) Model {
	t.Helper()
	m, _ := loaded(t, "v8", w, h)
	m = press(t, m, "P")
	var source string
	for _, j := range m.plan.input.Jobs {
		if j.Name == "Exchange nightly" {
			source = j.ID
		}
	}
	at, err := model.ParseClock("22:00")
	if err != nil {
		t.Fatal(err)
	}
	in := m.plan.input
	in.CopyJobs = []*model.CopyJob{
		{ID: "copy-1", Name: "Exchange nightly – archive", IsEnabled: true, BackupJobID: source,
			Policy: model.CopyPolicy{Type: model.DailyAtTime, DailyType: model.Workdays, DailyTime: at}},
		{ID: "copy-2", Name: "Orphan copy", IsEnabled: true, BackupJobID: "gone", Policy: model.CopyPolicy{Type: model.Immediate}},
	}
	m.plan = newPlanScreen(in, m.list.orgs, 8, false)
	return m
}

func TestPlanScreen_CopyJobs(t *testing.T) {
	m := withCopyJobs(t, 80, 24)
	v := view(m)
	for _, want := range []string{
		"Plan of 8 jobs and 2 backup copy jobs",
		"Mon 22:00  4 start · 7 may run",
		"starts   Exchange nightly – archive  (backup copy)",
		"may run  Orphan copy  (backup copy)  starts unknown: source job not listed",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	// Mon 22:00 lists Exchange nightly, SharePoint hourly, Public folders,
	// then the copy: tab three times picks it, and enter opens its editor.
	m = press(t, m, "tab*3")
	if j, c := m.plan.Picked(); j != nil || c == nil || c.ID != "copy-1" {
		t.Fatalf("picked %v, %v; want the copy job", j, c)
	}
	if m = press(t, m, "enter"); m.screen != screenEditor || m.editor.copyJob == nil || m.editor.copyJob.ID != "copy-1" {
		t.Errorf("screen %d after enter on a copy job, want its editor", m.screen)
	}
}

func TestGoldenPlanScreenWithCopyJobs(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			golden.RequireEqual(t, view(withCopyJobs(t, sz[0], sz[1])))
		})
	}
}
