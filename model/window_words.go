package model

import (
	"fmt"
	"strings"
)

// WindowWords is one of a job's windows in words, as the editor shows it
// under the grid and `vbosched show` prints it above the grid.
type WindowWords struct {
	// Title names the window, its state and its hours:
	// "Backup window on: Mon-Fri 20:00-06:00, Sat-Sun".
	Title string
	// Hours counts the allowed hours and says which clock they are on:
	// "92 of 168 h allowed · hours in server local time · minuteOffset 15".
	Hours string
}

// DescribeWindowWords puts the backup window (or with periodic, the
// periodic window) in words. Before v7 the periodic window has no switch of
// its own, so its title then says what it applies to instead of on or off.
func (p SchedulePolicy) DescribeWindowWords(k WindowKind, v APIVersion) WindowWords {
	wsp, enabledp := p.Window(k)
	ws, enabled := *wsp, *enabledp
	periodic := k == PeriodicWindowKind
	name := k.String()
	name = strings.ToUpper(name[:1]) + name[1:]
	state := " on"
	switch {
	case periodic && !v.HasPeriodicWindowSwitch():
		state = " (for runs every 1 hour or more)"
	case !enabled:
		state = " off (not enforced)"
	}
	if ws.Problem != "" {
		return WindowWords{
			Title: fmt.Sprintf("%s%s: unreadable", name, state),
			Hours: fmt.Sprintf("the server's hours %s: shown and sent back as read, not editable here", ws.Problem),
		}
	}
	w := WindowWords{
		Title: fmt.Sprintf("%s%s: %s", name, state, ws.Hours),
		Hours: fmt.Sprintf("%d of %d h allowed · hours in server local time", ws.Hours.Count(), WindowHours),
	}
	if ws.MinuteOffset != 0 {
		w.Hours += fmt.Sprintf(" · minuteOffset %d", ws.MinuteOffset)
	}
	return w
}

// DescribeLimitingWindow is, for a list's one column, the window that
// limits the job: the backup window when it is enforced (the job runs only
// in it), "starts" and the periodic window when that applies (an hourly
// job starts only in it), both when both do, "off" when neither.
func (p SchedulePolicy) DescribeLimitingWindow(v APIVersion) string {
	if !p.PeriodicWindowApplies(v) {
		return p.DescribeWindow()
	}
	starts := "starts " + p.PeriodicWindow.Hours.String()
	if p.PeriodicWindow.Problem != "" {
		starts = "starts: unreadable: " + p.PeriodicWindow.Problem
	}
	if p.BackupWindowEnabled || p.BackupWindow.Problem != "" {
		return p.DescribeWindow() + "; " + starts
	}
	return starts
}
