package model

import (
	"cmp"
	"slices"
	"strings"
)

// The planner: where in the week a fleet of jobs may run and starts, from
// the job documents alone, so the TUI's plan screen, `vbosched plan` and
// `lint` share one computation. Admins spread starts because Microsoft 365
// throttles an organization that many jobs hit at once, and keep runs out
// of business hours; both need the whole fleet on one map.

// PlanKind is the kind of a planned job.
type PlanKind int

const (
	// PlanBackup is a backup job (Job).
	PlanBackup PlanKind = iota
	// PlanCopy is a backup copy job (CopyJob).
	PlanCopy
)

// String is the kind's word, as `plan --kind` and the JSON outputs take
// it: "backup" or "copy".
func (k PlanKind) String() string {
	if k == PlanCopy {
		return "copy"
	}
	return "backup"
}

// PlanJob is one job as the planner sees it.
type PlanJob struct {
	Kind           PlanKind
	ID             string
	Name           string
	OrganizationID string // a copy job's own (v8), else its source job's
	RepositoryID   string
	// SourceID is a copy job's source backup job (BackupJobID).
	SourceID string
	// StartsUnknown says why the job's starts cannot be told ("" when they
	// can): an Immediate copy job whose source job is not in the input. It
	// is planned by the hours it may run, with no starts.
	StartsUnknown string
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

// PlanInput is what a plan is made of: backup jobs and backup copy jobs.
type PlanInput struct {
	Jobs     []*Job
	CopyJobs []*CopyJob
	// Sources is where a copy job's source backup job is found by id: every
	// backup job the server listed, selected or not. nil looks in Jobs.
	Sources []*Job
}

// Source is the copy job's source backup job, nil when the input does not
// hold it.
func (in PlanInput) Source(c *CopyJob) *Job {
	for _, j := range in.sources() {
		if strings.EqualFold(j.ID, c.BackupJobID) {
			return j
		}
	}
	return nil
}

// sourceOf returns Source for many lookups: one pass over the sources,
// then a map (a fleet has thousands of jobs).
func (in PlanInput) sourceOf() func(c *CopyJob) *Job {
	byID := map[string]*Job{}
	src := in.sources()
	for i := len(src) - 1; i >= 0; i-- { // the first of equal ids wins, as in Source
		byID[strings.ToLower(src[i].ID)] = src[i]
	}
	return func(c *CopyJob) *Job { return byID[strings.ToLower(c.BackupJobID)] }
}

// PlanJobs plans backup jobs on an API v server, keeping their order.
func PlanJobs(jobs []*Job, v APIVersion) Plan { return PlanFleet(PlanInput{Jobs: jobs}, v) }

// PlanFleet plans in on an API v server: its backup jobs in order, then
// its copy jobs in order. A copy job is planned by its backup copy window
// and its starts (starts_copy.go); one whose schedule type is unset or
// unknown is left out like a manual-only backup job, and an Immediate one
// without its source job is planned by its window alone, StartsUnknown
// saying why.
func PlanFleet(in PlanInput, v APIVersion) Plan {
	var p Plan
	for _, j := range in.Jobs {
		if j.Policy.Type != Daily && j.Policy.Type != Periodically {
			continue
		}
		p.add(PlanJob{Kind: PlanBackup, ID: j.ID, Name: j.Name, OrganizationID: j.OrganizationID, RepositoryID: j.RepositoryID,
			Disabled: !j.IsEnabled, MayRun: mayRun(j.Policy), Starts: runHours(j.Policy, v)})
	}
	source := in.sourceOf()
	for _, c := range in.CopyJobs {
		if c.Policy.Type == CopyScheduleUnset || c.Policy.Type == CopyScheduleTypeUnknown {
			continue
		}
		src := source(c)
		pj := PlanJob{Kind: PlanCopy, ID: c.ID, Name: c.Name, OrganizationID: copyOrganization(c, src), RepositoryID: c.RepositoryID,
			SourceID: c.BackupJobID, Disabled: !c.IsEnabled, MayRun: copyMayRun(c.Policy)}
		var known bool
		if pj.Starts, known = CopyStartHours(c, src, v); !known {
			pj.StartsUnknown = WhyCopyNoRuns(c, src, v)
		}
		p.add(pj)
	}
	return p
}

// copyOrganization is a copy job's organization: its own (v8), else its
// source job's, else "".
func copyOrganization(c *CopyJob, src *Job) string {
	if c.OrganizationID == "" && src != nil {
		return src.OrganizationID
	}
	return c.OrganizationID
}

func (p *Plan) add(pj PlanJob) {
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

// Count is how many jobs of kind k are planned, and how many of them are
// disabled (not counted in the hours).
func (p *Plan) Count(k PlanKind) (planned, disabled int) {
	for _, j := range p.Jobs {
		if j.Kind == k {
			planned++
			if j.Disabled {
				disabled++
			}
		}
	}
	return planned, disabled
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
	Name     string
	Jobs     []*Job
	CopyJobs []*CopyJob // GroupPlanInput's
	sources  []*Job     // where the copy jobs' source jobs are found
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
