package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// The plan screen opens on Mon 22:00, where three demo jobs start
// (Exchange nightly, SharePoint hourly, Public folders).
func TestPlanScreen_Keys(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		check func(t *testing.T, m Model)
	}{
		{"P plans the jobs the list shows", []string{"P"}, func(t *testing.T, m Model) {
			if m.screen != screenPlan || len(m.plan.input.Jobs) != 8 {
				t.Errorf("screen %d with %d jobs, want the plan of 8", m.screen, len(m.plan.input.Jobs))
			}
		}},
		{"a filter narrows the plan", []string{"/", "E", "x", "c", "h", "enter", "P"}, func(t *testing.T, m Model) {
			if len(m.plan.input.Jobs) != 1 || m.plan.input.Jobs[0].Name != "Exchange nightly" {
				t.Errorf("planned %d jobs, want Exchange nightly alone", len(m.plan.input.Jobs))
			}
			if !strings.Contains(view(m), "Plan of 1 job") || !strings.Contains(view(m), "1 start · 1 may run") {
				t.Errorf("view:\n%s", view(m))
			}
		}},
		{"the cursor's hour lists its jobs, starts first", []string{"P"}, func(t *testing.T, m Model) {
			v := view(m)
			for _, want := range []string{"Mon 22:00  3 start · 5 may run", ">   starts   Exchange nightly", "    may run  Teams weekends"} {
				if !strings.Contains(v, want) {
					t.Errorf("view lacks %q:\n%s", want, v)
				}
			}
		}},
		{"arrows move the hour and stop at the week's edges", []string{"P", "l*5", "k*9"}, func(t *testing.T, m Model) {
			if m.plan.cursor != (model.Cell{Day: time.Sunday, Hour: 23}) {
				t.Errorf("cursor %v, want Sun 23:00", m.plan.cursor)
			}
		}},
		{"tab and enter open the picked job in the editor", []string{"P", "tab", "enter"}, func(t *testing.T, m Model) {
			if m.screen != screenEditor || m.editor.job.Name != "SharePoint hourly" {
				t.Errorf("screen %d, job %v; want SharePoint hourly's editor", m.screen, m.editor.job)
			}
		}},
		{"enter in an hour without jobs stays", []string{"/", "E", "x", "c", "h", "enter", "P", "h*10", "enter"}, func(t *testing.T, m Model) {
			if m.screen != screenPlan {
				t.Errorf("screen %d, want the plan still", m.screen)
			}
		}},
		{"b groups by organization, ] moves to the next", []string{"P", "b", "]"}, func(t *testing.T, m Model) {
			if len(m.plan.groups) != 3 || m.plan.group != 1 {
				t.Fatalf("%d groups, at %d; want 3, at 1", len(m.plan.groups), m.plan.group)
			}
			if !strings.Contains(view(m), "Plan: fabrikam.onmicrosoft.com (organization 2 of 3)") {
				t.Errorf("view:\n%s", view(m))
			}
		}},
		{"b again groups by repository, then all jobs", []string{"P", "b", "b"}, func(t *testing.T, m Model) {
			if m.plan.grouping != groupRepository || len(m.plan.groups) != 1 {
				t.Errorf("grouping %v with %d groups; the demo keeps every job in one repository", m.plan.grouping, len(m.plan.groups))
			}
			if m = press(t, m, "b"); m.plan.grouping != groupNone {
				t.Errorf("grouping %v after a third b, want all jobs", m.plan.grouping)
			}
		}},
		{"q from a job opened on the plan returns to the plan where it was", []string{"P", "l", "b", "tab", "enter"}, func(t *testing.T, m Model) {
			if m.screen != screenEditor {
				t.Fatalf("screen %d, want a job opened from the plan", m.screen)
			}
			if m = press(t, m, "q"); m.screen != screenPlan || m.plan.grouping != groupOrganization || m.plan.cursor != (model.Cell{Day: time.Monday, Hour: 23}) {
				t.Errorf("screen %d, grouping %v, cursor %v; want the plan by organization at Mon 23:00", m.screen, m.plan.grouping, m.plan.cursor)
			}
			if m = press(t, m, "q"); m.screen != screenList {
				t.Errorf("screen %d after q on the plan, want the list", m.screen)
			}
		}},
		{"q goes back to the list", []string{"P", "q"}, func(t *testing.T, m Model) {
			if m.screen != screenList {
				t.Errorf("screen %d, want the list", m.screen)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 80, 24)
			tt.check(t, press(t, m, tt.keys...))
		})
	}
}

func TestPlanScreen_ListHelpNamesThePlanKey(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	if !strings.Contains(view(m), "P plan") {
		t.Errorf("the list's help lacks the plan key:\n%s", view(m))
	}
}

func TestPlanScreen_DisabledJobsAreMarked(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "P", "j*4", "l") // Fri 23:00: Legal hold (disabled) starts
	if v := view(m); !strings.Contains(v, "starts   Legal hold  (disabled, not counted)") {
		t.Errorf("view:\n%s", v)
	}
}

// Goldens at the two sizes, plain (as NO_COLOR reads it) and in colour.
func TestGoldenPlanScreen(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"all", []string{"P"}},
		{"by-organization", []string{"P", "b", "]", "l"}},
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				m, _ := loaded(t, "v8", sz[0], sz[1])
				golden.RequireEqual(t, view(press(t, m, sc.keys...)))
			})
			t.Run(fmt.Sprintf("%s-colour-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				m, _ := loaded(t, "v8", sz[0], sz[1])
				golden.RequireEqual(t, press(t, m, sc.keys...).View().Content)
			})
		}
	}
}
