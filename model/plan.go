package model

import (
	"cmp"
	"slices"
)

// The planner: where in the week a fleet of jobs may run and starts, from
// the job documents alone, so the TUI's plan screen, `vbosched plan` and
// `lint` share one computation. Admins spread starts because Microsoft 365
// throttles an organization that many jobs hit at once, and keep runs out
// of business hours; both need the whole fleet on one map.

// PlanJob is one job as the planner sees it.
type PlanJob struct {
	ID             string
	Name           string
	OrganizationID string
	RepositoryID   string
	// Disabled jobs are planned as if enabled, so a map shows what turning
	// them on would add, but they are marked and not counted.
	Disabled bool
	// MayRun is the hours the job's effective window lets it run: the
	// backup window when enforced, else every hour.
	MayRun Window
	// Starts is the hours in which a run starts, after the backup window
	// has held back the starts it denies (the hour the job really starts).
	Starts Window
}

// PlanHour lists the planned jobs of one hour, as indexes into Plan.Jobs,
// disabled ones included.
type PlanHour struct {
	MayRun   []int
	Starting []int
}

// Plan is a fleet's week. Jobs that never start on their own (manual only,
// no schedule type) are left out: they add nothing to any hour.
type Plan struct {
	Jobs  []PlanJob
	Hours [WindowHours]PlanHour
}

// PlanJobs plans jobs on an API v server, keeping their order.
func PlanJobs(jobs []*Job, v APIVersion) Plan {
	var p Plan
	for _, j := range jobs {
		if j.Policy.Type != Daily && j.Policy.Type != Periodically {
			continue
		}
		pj := PlanJob{ID: j.ID, Name: j.Name, OrganizationID: j.OrganizationID, RepositoryID: j.RepositoryID,
			Disabled: !j.IsEnabled, MayRun: mayRun(j.Policy), Starts: runHours(j.Policy, v)}
		k := len(p.Jobs)
		p.Jobs = append(p.Jobs, pj)
		for i := range WindowHours {
			if pj.MayRun[i] {
				p.Hours[i].MayRun = append(p.Hours[i].MayRun, k)
			}
			if pj.Starts[i] {
				p.Hours[i].Starting = append(p.Hours[i].Starting, k)
			}
		}
	}
	return p
}

// mayRun is the hours p lets a job run: the backup window when enforced
// (Veeam starts nothing outside it and stops what runs when it closes).
func mayRun(p SchedulePolicy) Window {
	if p.BackupWindowEnabled {
		return p.BackupWindow.Hours
	}
	return AllowAll()
}

// runHours is the hours in which p's runs really start.
func runHours(p SchedulePolicy, v APIVersion) Window {
	var w Window
	for _, r := range actualStarts(p, v) {
		w[hourIndex(r.at)] = true
	}
	return w
}

// AllowedAt is how many enabled jobs may run in hour c.
func (p *Plan) AllowedAt(c Cell) int { return p.enabled(p.Hours[c.Index()].MayRun) }

// StartsAt is how many enabled jobs start in hour c.
func (p *Plan) StartsAt(c Cell) int { return p.enabled(p.Hours[c.Index()].Starting) }

func (p *Plan) enabled(idx []int) int {
	n := 0
	for _, k := range idx {
		if !p.Jobs[k].Disabled {
			n++
		}
	}
	return n
}

// MaxStarts is the most enabled jobs starting in any one hour, for scaling
// shades.
func (p *Plan) MaxStarts() int {
	m := 0
	for i := range WindowHours {
		m = max(m, p.StartsAt(CellAt(i)))
	}
	return m
}

// MaxAllowed is the most enabled jobs that may run in any one hour.
func (p *Plan) MaxAllowed() int {
	m := 0
	for i := range WindowHours {
		m = max(m, p.AllowedAt(CellAt(i)))
	}
	return m
}

// Busiest lists up to n hours with starts, most starts first, then most
// jobs allowed, then in week order: the hours to spread out first.
func (p *Plan) Busiest(n int) []Cell {
	var cells []Cell
	for i := range WindowHours {
		if c := CellAt(i); p.StartsAt(c) > 0 {
			cells = append(cells, c)
		}
	}
	slices.SortStableFunc(cells, func(a, b Cell) int {
		return cmp.Or(cmp.Compare(p.StartsAt(b), p.StartsAt(a)), cmp.Compare(p.AllowedAt(b), p.AllowedAt(a)))
	})
	return cells[:min(n, len(cells))]
}

// JobGroup is the jobs that share a key (an organization, a repository).
type JobGroup struct {
	Key string
	// Name is the key's name for people (GroupPlanJobs sets it).
	Name string
	Jobs []*Job
}

// GroupJobs splits jobs by key, groups in order of their first job, so a
// list sorted by name gives groups in that order too.
func GroupJobs(jobs []*Job, key func(*Job) string) []JobGroup {
	var out []JobGroup
	at := map[string]int{}
	for _, j := range jobs {
		k := key(j)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, JobGroup{Key: k})
		}
		out[i].Jobs = append(out[i].Jobs, j)
	}
	return out
}
