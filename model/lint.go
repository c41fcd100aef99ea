package model

import (
	"cmp"
	"fmt"
	"strings"
)

// Lint codes beyond the editor's warnings (the Warn… codes), stable across
// releases for scripts and monitoring.
const (
	// LintDisabledWithWindow: a disabled job still has a backup or periodic
	// window switched on; someone meant it to run, or the window is stale.
	LintDisabledWithWindow = "disabled-with-window"
	// LintNeverStarts: a scheduled job whose schedule and windows together
	// never start it, for a reason the editor's warnings do not already name.
	LintNeverStarts = "never-starts"
	// LintCrowdedHour: more than the allowed number of jobs of one
	// organization start in the same hour, which Microsoft 365 throttles.
	LintCrowdedHour = "crowded-hour"
)

// DefaultMaxStarts is how many jobs of one organization may start in one
// hour before lint reports it. It is our choice, not a vendor figure (the
// issue's default): Microsoft 365 throttles per organization, and more
// than a handful of jobs starting together is rarely planned.
const DefaultMaxStarts = 4

// Finding is one thing lint reports.
type Finding struct {
	// Code is a Warn… or Lint… code.
	Code string
	// Kind is the kind of the jobs the finding is about.
	Kind PlanKind
	// JobIDs is the job the finding is about, or the jobs of a crowded hour.
	JobIDs []string
	// Field is the API path the finding is about, "" for fleet findings.
	Field string
	// Hour is set for a crowded hour.
	Hour *Cell
	// Text says what is wrong, in the console's words; job names in it
	// are as the server sent them (print it through SafeText).
	Text string
}

// LintOptions tunes Lint.
type LintOptions struct {
	// MaxStarts is the most jobs of one organization that may start in one
	// hour; 0 means DefaultMaxStarts.
	MaxStarts int
	// OrganizationName names an organization id in texts; nil uses the id.
	OrganizationName func(id string) string
}

// Lint lists what is wrong with a fleet's schedules on an API v server:
// each job's editor warnings (Consequences), disabled jobs that still have
// windows, jobs that never start, then hours in which too many jobs of one
// organization start. Jobs in order, then hours in week order.
func Lint(jobs []*Job, v APIVersion, opt LintOptions) []Finding {
	return LintFleet(PlanInput{Jobs: jobs}, v, opt)
}

// LintFleet is Lint for backup jobs and backup copy jobs: the backup jobs'
// findings, then the copy jobs' (lintCopyJob), then the crowded hours,
// which count backup jobs only: a copy job reads the backup repository,
// not Microsoft 365.
func LintFleet(in PlanInput, v APIVersion, opt LintOptions) []Finding {
	var out []Finding
	for _, j := range in.Jobs {
		out = append(out, lintJob(j, v)...)
	}
	source := in.sourceOf()
	for _, c := range in.CopyJobs {
		out = append(out, lintCopyJob(c, source(c), v)...)
	}
	return append(out, crowdedHours(in.Jobs, v, opt)...)
}

func lintJob(j *Job, v APIVersion) []Finding {
	var out []Finding
	p := j.Policy
	nowhere := false
	for _, w := range Consequences(p, v) {
		out = append(out, Finding{Code: w.Code, JobIDs: []string{j.ID}, Field: w.Field, Text: j.Label() + ": " + w.Text})
		nowhere = nowhere || w.Code == WarnBackupWindowEmpty || w.Code == WarnPeriodicWindowEmpty || w.Code == WarnPeriodicWindowMissesStarts
	}
	if !j.IsEnabled {
		var on []string
		if p.BackupWindowEnabled {
			on = append(on, "backup window")
		}
		if p.PeriodicWindowApplies(v) && p.PeriodicWindowEnabled {
			on = append(on, "periodic window")
		}
		if len(on) > 0 {
			out = append(out, Finding{Code: LintDisabledWithWindow, JobIDs: []string{j.ID}, Field: "isEnabled", Text: fmt.Sprintf(
				"%s is disabled but its %s is on: enable the job if it should run, or turn the window off.", j.Label(), strings.Join(on, " and "))})
		}
	}
	if (p.Type == Daily || p.Type == Periodically) && !nowhere {
		if why := WhyNoRuns(p, v); why != "" {
			out = append(out, Finding{Code: LintNeverStarts, JobIDs: []string{j.ID}, Field: FieldType, Text: j.Label() + ": " + why + "."})
		}
	}
	return out
}

// crowdedHours reports, per organization, the hours in which more than
// opt.MaxStarts enabled jobs start.
func crowdedHours(jobs []*Job, v APIVersion, opt LintOptions) []Finding {
	limit := opt.MaxStarts
	if limit <= 0 {
		limit = DefaultMaxStarts
	}
	name := opt.OrganizationName
	if name == nil {
		name = func(id string) string { return id }
	}
	var out []Finding
	for _, g := range GroupJobs(jobs, func(j *Job) string { return j.OrganizationID }) {
		plan := PlanJobs(g.Jobs, v)
		for i := range WindowHours {
			c := CellAt(i)
			if plan.StartsAt(c) <= limit {
				continue
			}
			var ids, names []string
			for _, k := range plan.Hours[i].Starting {
				if pj := plan.Jobs[k]; !pj.Disabled {
					ids = append(ids, pj.ID)
					names = append(names, cmp.Or(pj.Name, pj.ID))
				}
			}
			org := cmp.Or(name(g.Key), g.Key, "(no organization)")
			out = append(out, Finding{Code: LintCrowdedHour, JobIDs: ids, Hour: &c, Text: fmt.Sprintf(
				"%d jobs of organization %q start %s (more than %d): %s. Microsoft 365 throttles an organization many jobs hit at once; move some starts to other hours.",
				len(ids), org, c, limit, strings.Join(names, ", "))})
		}
	}
	return out
}
