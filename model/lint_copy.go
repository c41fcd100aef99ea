package model

import (
	"fmt"
	"strings"
	"time"
)

// Lint codes of backup copy jobs only.
const (
	// LintCopySourceMissing: a copy job's source backup job is not in the
	// server's job list (deleted, or not readable), so it has nothing new
	// to copy.
	LintCopySourceMissing = "copy-source-missing"
	// LintCopySourceDisabled: a copy job's source backup job is disabled,
	// so no new restore point comes to copy.
	LintCopySourceDisabled = "copy-source-disabled"
)

// lintCopyJob lists what is wrong with the copy job c: the backup job
// findings that apply to it (an empty copy window as backup-window-empty,
// a daily start the copy window holds back as start-delayed, a disabled
// copy job with its window on, one that never starts), then its source
// job src (nil when not listed).
func lintCopyJob(c *CopyJob, src *Job, v APIVersion) []Finding {
	var out []Finding
	add := func(code, field, text string) {
		out = append(out, Finding{Code: code, Kind: PlanCopy, JobIDs: []string{c.ID}, Field: field, Text: c.Label() + ": " + text})
	}
	p := c.Policy
	empty := p.WindowEnabled && p.Window.Problem == "" && p.Window.Hours.Count() == 0
	if empty {
		add(WarnBackupWindowEmpty, FieldCopyWindow,
			"the backup copy window is on and allows no hour, so Veeam never starts the backup copy job: allow some hours or turn the window off.")
	} else if text := copyStartsDelayed(p, v); text != "" {
		add(WarnStartDelayed, FieldCopyWindow, text)
	}
	if !c.IsEnabled && p.WindowEnabled {
		out = append(out, Finding{Code: LintDisabledWithWindow, Kind: PlanCopy, JobIDs: []string{c.ID}, Field: "isEnabled", Text: fmt.Sprintf(
			"%s is disabled but its backup copy window is on: enable the backup copy job if it should run, or turn the window off.", c.Label())})
	}
	if code, text := copySourceProblem(c, src); code != "" {
		add(code, FieldBackupJobID, text)
	}
	if !empty && src != nil && src.IsEnabled {
		if why := WhyCopyNoRuns(c, src, v); why != "" {
			add(LintNeverStarts, FieldType, why+".")
		}
	}
	return out
}

// copyStartsDelayed says which of a DailyAtTime copy job's starts fall in
// hours its copy window denies and when they happen instead, "" when none
// does. Periodically and Immediate copy jobs start in denied hours by
// design (their window is what limits them), so they are not reported.
func copyStartsDelayed(p CopyPolicy, v APIVersion) string {
	if p.Type != DailyAtTime || !p.WindowEnabled || p.Window.Problem != "" {
		return ""
	}
	s := copySchedule(p)
	var days []time.Weekday
	var moves []string
	for _, sec := range scheduledStarts(s, v) {
		at, ok := heldUntil(s, sec)
		if !ok || at == sec {
			continue
		}
		days = append(days, time.Weekday(sec/daySeconds))
		moves = append(moves, fmt.Sprintf("%s waits until %s", weekTime(sec), weekTime(at)))
	}
	if len(days) == 0 {
		return ""
	}
	return fmt.Sprintf("the %s start %s falls in an hour the backup copy window denies: Veeam waits and starts the backup copy job when the window opens (%s). Move the start into the window, or allow that hour.",
		p.DailyTime, onDays(days), strings.Join(moves, "; "))
}

// FieldBackupJobID is a backup copy job's source backup job.
const FieldBackupJobID = "backupJobId"

// copySourceProblem is what is wrong with the copy job c's source backup
// job src (nil when not in the server's job list), as a lint code and a
// clause: "" when nothing is.
func copySourceProblem(c *CopyJob, src *Job) (code, text string) {
	switch {
	case src == nil:
		return LintCopySourceMissing, fmt.Sprintf(
			"its source backup job (id %s) is not in the server's job list, so the backup copy job has nothing new to copy: point it at an existing backup job in the Veeam console, or delete it.", orUnset(c.BackupJobID))
	case !src.IsEnabled:
		return LintCopySourceDisabled, fmt.Sprintf(
			"its source backup job %q is disabled, so no new restore point comes to copy: enable that job, or disable the backup copy job.", src.Name)
	}
	return "", ""
}

// SourceWarnings is what lint says of the copy job's source backup job
// src (nil when not in the server's job list), for the editor and the
// review: that it is missing or disabled, in lint's words and codes.
func (j *CopyJob) SourceWarnings(src *Job) []Warning {
	code, text := copySourceProblem(j, src)
	if code == "" {
		return nil
	}
	return []Warning{{Code: code, Field: FieldBackupJobID, Text: upperFirst(text)}}
}
