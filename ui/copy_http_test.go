package ui

import (
	"fmt"
	"testing"
)

// TestCopyEditor_EndToEndOnTheFakeServer opens a backup copy job over HTTP
// on each version that has them, edits its time and copy window, saves,
// then its type, saves again, and reads what the fake server stored.
func TestCopyEditor_EndToEndOnTheFakeServer(t *testing.T) {
	for _, v := range []string{"v6", "v7", "v8"} {
		t.Run(v, func(t *testing.T) {
			m, srv := loadedOverHTTP(t, v, 120, 40)
			m = press(t, m, "K", "K") // copy jobs only
			if m.list.SelectedCopy() == nil || m.list.SelectedCopy().Name != "Exchange nightly – archive" {
				t.Fatalf("the first copy job is not under the cursor:\n%s", view(m))
			}
			id := m.list.SelectedCopy().ID
			m = press(t, m, "enter", "d", "tab", "down*2", "enter", "ctrl+u", "2", "1", ":", "0", "0", "enter", "ctrl+s", "y")
			if m.result.err != nil || m.result.copyJob == nil {
				t.Fatalf("the first save: %v\n%s", m.result.err, view(m))
			}
			p := srv.CopyJob(id)["schedulePolicy"].(map[string]any)
			hours := p["backupCopyWindowSettings"].(map[string]any)["backupWindow"].([]any)
			if p["dailyTime"] != "21:00:00" || hours[0] != false || p["type"] != "DailyAtTime" {
				t.Errorf("stored after the first save: type %v, dailyTime %v, Sun 00:00 %v", p["type"], p["dailyTime"], hours[0])
			}
			m = press(t, m, "x", "up*2", "left", "ctrl+s", "y") // back to the editor; Run the job: DailyAtTime → Periodically
			if m.result.err != nil {
				t.Fatalf("the second save: %v\n%s", m.result.err, view(m))
			}
			p = srv.CopyJob(id)["schedulePolicy"].(map[string]any)
			if p["type"] != "Periodically" || p["periodicallyEvery"] == nil {
				t.Errorf("stored after the second save: type %v, every %v", p["type"], p["periodicallyEvery"])
			}
			if got := m.list.SelectedCopy(); got == nil || got.Policy.Type.String() != "Periodically" {
				t.Errorf("the list's row is not the copy job read back: %v", fmt.Sprint(got))
			}
		})
	}
}

func TestCopyList_NoCopyJobsBeforeV6(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v5", 120, 40)
	if m.list.CopyJobs() != 0 || len(srv.RequestsFor("GET", "/CopyJobs")) != 0 {
		t.Errorf("a v5 server: %d copy jobs listed, %d requests for them", m.list.CopyJobs(), len(srv.RequestsFor("GET", "/CopyJobs")))
	}
}
