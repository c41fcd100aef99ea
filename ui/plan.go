package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// planGrouping is what the plan screen splits the jobs by.
type planGrouping int

const (
	groupNone planGrouping = iota
	groupOrganization
	// groupRepository groups by the repository's id: the names would take
	// the /BackupRepositories lookup, which the Backend does not offer yet.
	// Proxies are not offered for the same reason: a job names its
	// repository, and only the repository names its proxy.
	groupRepository
	groupings
)

func (g planGrouping) noun() string {
	return [...]string{"all jobs", "organization", "repository"}[g]
}

// planGroup is one map of the plan screen.
type planGroup struct {
	name string // terminal-safe
	plan model.Plan
}

// planScreen is the fleet's week on one map: the jobs the list shows,
// whole or split by a grouping, one group at a time. Its verbs compute the
// plan; Render only reads it.
type planScreen struct {
	jobs     []*model.Job
	orgs     map[string]string
	version  model.APIVersion
	grouping planGrouping
	groups   []planGroup
	group    int
	cursor   model.Cell
	pick     int // the job of the cursor's hour that enter opens
}

func newPlanScreen(jobs []*model.Job, orgs map[string]string, v model.APIVersion) planScreen {
	p := planScreen{jobs: jobs, orgs: orgs, version: v, cursor: model.Cell{Day: time.Monday, Hour: 22}}
	p.regroup()
	return p
}

// regroup plans the jobs again under the current grouping.
func (p *planScreen) regroup() {
	p.group, p.pick = 0, 0
	if p.grouping == groupNone {
		p.groups = []planGroup{{name: "all jobs", plan: model.PlanJobs(p.jobs, p.version)}}
		return
	}
	key := func(j *model.Job) string { return j.OrganizationID }
	if p.grouping == groupRepository {
		key = func(j *model.Job) string { return j.RepositoryID }
	}
	p.groups = nil
	for _, g := range model.GroupJobs(p.jobs, key) {
		name := g.Key
		if p.grouping == groupOrganization && p.orgs[g.Key] != "" {
			name = p.orgs[g.Key]
		}
		if name == "" {
			name = "(none)"
		}
		p.groups = append(p.groups, planGroup{name: model.SafeText(name), plan: model.PlanJobs(g.Jobs, p.version)})
	}
}

// CycleGrouping moves to the next grouping: all jobs, organization, repository.
func (p *planScreen) CycleGrouping() {
	p.grouping = (p.grouping + 1) % groupings
	p.regroup()
}

// NextGroup shows the next (d=1) or previous (d=-1) group.
func (p *planScreen) NextGroup(d int) {
	p.group = (p.group + d + len(p.groups)) % len(p.groups)
	p.pick = 0
}

// Move moves the hour cursor, stopping at the week's edges.
func (p *planScreen) Move(days, hours int) {
	p.cursor.Day = time.Weekday(max(0, min(model.Days-1, int(p.cursor.Day)+days)))
	p.cursor.Hour = max(0, min(model.HoursPerDay-1, p.cursor.Hour+hours))
	p.pick = 0
}

// NextJob picks the next job of the cursor's hour, round.
func (p *planScreen) NextJob(d int) {
	if n := len(p.hourJobs()); n > 0 {
		p.pick = (p.pick + d + n) % n
	}
}

// planEntry is one job listed under the map for the cursor's hour.
type planEntry struct {
	job    model.PlanJob
	starts bool
}

// hourJobs lists the cursor hour's jobs: those starting first, then those
// that may run.
func (p planScreen) hourJobs() []planEntry {
	g := &p.groups[p.group].plan
	h := g.Hours[p.cursor.Index()]
	var out []planEntry
	for _, k := range h.Starting {
		out = append(out, planEntry{g.Jobs[k], true})
	}
	for _, k := range h.MayRun {
		if !g.Jobs[k].Starts[p.cursor.Index()] {
			out = append(out, planEntry{g.Jobs[k], false})
		}
	}
	return out
}

// Picked is the job enter opens, nil in an hour without jobs.
func (p planScreen) Picked() *model.Job {
	entries := p.hourJobs()
	if len(entries) == 0 {
		return nil
	}
	id := entries[min(p.pick, len(entries)-1)].job.ID
	for _, j := range p.jobs {
		if j.ID == id {
			return j
		}
	}
	return nil
}

// Title is the screen's header title.
func (p planScreen) Title() string {
	if p.grouping == groupNone {
		return fmt.Sprintf("Plan of %d jobs", len(p.jobs))
	}
	return fmt.Sprintf("Plan: %s (%s %d of %d)", p.groups[p.group].name, p.grouping.noun(), p.group+1, len(p.groups))
}

// Render draws the map, its legend, the cursor's hour and its jobs in
// height lines.
func (p planScreen) Render(s *Styles, width, height int) string {
	g := &p.groups[p.group].plan
	most := g.MaxAllowed()
	var b strings.Builder
	var head strings.Builder
	for h := 0; h < model.HoursPerDay; h += 3 {
		fmt.Fprintf(&head, "%-6s", fmt.Sprintf("%02d", h))
	}
	b.WriteString("\n" + s.Dim.Render("       "+strings.TrimRight(head.String(), " ")) + "\n")
	for d := time.Sunday; d <= time.Saturday; d++ {
		b.WriteString("  " + s.Label.Render(d.String()[:3]) + "  ")
		for h := range model.HoursPerDay {
			c := model.Cell{Day: d, Hour: h}
			glyph := PlanGlyph(g.StartsAt(c), g.AllowedAt(c), most)
			st := s.OK
			switch {
			case c == p.cursor:
				st = s.Selected
			case g.StartsAt(c) > 0:
				st = s.Warn
			case g.AllowedAt(c) == 0:
				st = s.Dim
			}
			b.WriteString(st.Render(glyph))
		}
		b.WriteByte('\n')
	}
	b.WriteString(truncate(s.Dim.Render("       "+PlanLegend), width) + "\n\n")
	entries := p.hourJobs()
	b.WriteString(truncate(fmt.Sprintf("  %s  %s", s.Bold.Render(p.cursor.String()),
		fmt.Sprintf("%d start · %d may run", g.StartsAt(p.cursor), g.AllowedAt(p.cursor))), width))
	room := height - 12 // the lines above
	for i, e := range entries {
		if i == room-1 && len(entries) > room {
			b.WriteString("\n" + s.Dim.Render(fmt.Sprintf("    … %d more (tab moves on to them)", len(entries)-i)))
			break
		}
		what := "may run"
		if e.starts {
			what = "starts "
		}
		line := fmt.Sprintf("    %s  %s", what, model.SafeText(e.job.Name))
		if e.job.Disabled {
			line += "  (disabled, not counted)"
		}
		line = truncate(line, width)
		if i == min(p.pick, len(entries)-1) {
			line = s.Selected.Render(">" + line[1:])
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

// openPlan plans the jobs the list shows, so a filter narrows the plan.
func (m Model) openPlan() Model {
	l := &m.list
	jobs := make([]*model.Job, 0, len(l.shown))
	for _, i := range l.shown {
		if j := l.jobs[i]; j != nil { // an unreadable job has no schedule to plan
			jobs = append(jobs, j)
		}
	}
	m.plan = newPlanScreen(jobs, l.orgs, m.opts.Backend.APIVersion())
	m.screen = screenPlan
	return m
}

func (m Model) planKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	p := &m.plan
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		p.Move(-1, 0)
	case key.Matches(msg, k.Down):
		p.Move(1, 0)
	case key.Matches(msg, k.Left):
		p.Move(0, -1)
	case key.Matches(msg, k.Right):
		p.Move(0, 1)
	case key.Matches(msg, k.NextJob):
		p.NextJob(1)
	case key.Matches(msg, k.PrevJob):
		p.NextJob(-1)
	case key.Matches(msg, k.GroupBy):
		p.CycleGrouping()
	case key.Matches(msg, k.NextGroup):
		p.NextGroup(1)
	case key.Matches(msg, k.PrevGroup):
		p.NextGroup(-1)
	case key.Matches(msg, k.Open):
		if j := p.Picked(); j != nil {
			return m, m.openEditor(j)
		}
	case key.Matches(msg, k.Back):
		m.screen = screenList
	}
	return m, nil
}

func (m Model) renderPlan() string {
	return m.frame(m.plan.Render(&m.styles, m.width, m.height-3), "")
}
