package ui

import (
	"strings"
	"testing"
)

// The finding N7: a job the server sends that cannot be read is a row of
// the list, marked and saying why, counted in the header, and opening it
// says why it cannot be edited; it is never silently left out.
func TestList_AnUnreadableJobIsAMarkedRowNotAMissingOne(t *testing.T) {
	for _, tt := range []struct {
		name     string
		pageSize int
	}{
		{"one page", 100},
		{"in a later page", 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, srv := pagedBackend(t, 8, tt.pageSize)
			jobs := srv.Jobs()
			badID, badName := jobs[4]["id"].(string), jobs[4]["name"].(string)
			srv.ChangeJob(badID, func(job map[string]any) {
				job["schedulePolicy"].(map[string]any)["dailyTime"] = "nonsense"
			})
			m := start(t, b, 160, 30) // wide enough for the reason in the LAST column
			v := view(m)
			if !strings.Contains(v, "8 jobs, 1 unreadable") {
				t.Errorf("the header does not count the unreadable job:\n%s", v)
			}
			row := ""
			for _, line := range strings.Split(v, "\n") {
				if strings.Contains(line, badName) {
					row = line
				}
			}
			if !strings.Contains(row, "! "+badName) || !strings.Contains(row, "unreadable") || !strings.Contains(row, "! schedulePolicy") {
				t.Errorf("the unreadable job's row is %q, want it marked with the reason:\n%s", row, v)
			}
			m.list.SetFilter(strings.ToLower(badName))
			if m.list.SelectedUnreadable() == "" {
				t.Fatalf("the filter does not find the unreadable job by name:\n%s", view(m))
			}
			m = press(t, m, "enter")
			if v := view(m); m.screen != screenList || !strings.Contains(v, "cannot edit") || !strings.Contains(v, "nonsense") {
				t.Errorf("opening the unreadable job: screen %v:\n%s", m.screen, view(m))
			}
			m.list.SetFilter("")
			m = press(t, m, "P") // the plan leaves it out rather than failing on it
			if m.screen != screenPlan || !strings.Contains(view(m), "7 jobs") {
				t.Errorf("the plan with an unreadable job:\n%s", view(m))
			}
		})
	}
}

func TestList_UnreadableRowsKeepTheCountsAcrossAReload(t *testing.T) {
	b, srv := pagedBackend(t, 8, 3)
	srv.ChangeJob(srv.Jobs()[1]["id"].(string), func(job map[string]any) {
		job["schedulePolicy"].(map[string]any)["dailyTime"] = "nonsense"
	})
	m := start(t, b, 120, 30)
	next, cmd := m.Update(keyMsg("r"))
	m = run(t, next.(Model), cmd)
	if m.list.Unreadable() != 1 || backupRows(m.list) != 8 || !strings.Contains(view(m), "8 jobs, 1 unreadable") {
		t.Errorf("after a reload: %d unreadable of %d:\n%s", m.list.Unreadable(), backupRows(m.list), view(m))
	}
}
