package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// The plan screen's groupings, cycled by b in this order: all jobs, then
// model.PlanGroupings.
const (
	groupNone         = model.GroupNone
	groupOrganization = model.GroupOrganization
	groupRepository   = model.GroupRepository
	groupProxy        = model.GroupProxy
	groupings         = 4
)

func groupingNoun(g model.PlanGrouping) string {
	if g == groupNone {
		return "all jobs"
	}
	return g.String()
}

// NamingBackend is a Backend that can read the server's repositories and
// proxies (jobstore.Store does), for the plan screen's grouping: with it,
// repositories show by name and jobs can be grouped by proxy (a job's
// proxy is its repository's). Without it the plan groups repositories by
// id and offers no proxy grouping.
type NamingBackend interface {
	Backend
	// PlanNames reads what grouping by g needs, once a session.
	PlanNames(ctx context.Context, g model.PlanGrouping) (model.PlanNames, error)
}

// planNamesLoadedMsg is the repositories and proxies read for the plan.
type planNamesLoadedMsg struct {
	names model.PlanNames
	err   error
}

// loadPlanNames reads the repositories and proxies in one go: the proxy
// grouping needs both, and the repository grouping's names come with them.
func loadPlanNames(b NamingBackend) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := timeout()
		defer cancel()
		names, err := b.PlanNames(ctx, groupProxy)
		return planNamesLoadedMsg{names: names, err: err}
	}
}

// planGroup is one map of the plan screen.
type planGroup struct {
	name string // terminal-safe
	plan model.Plan
}

// planScreen is the fleet's week on one map: the jobs the list shows,
// backup jobs and backup copy jobs, whole or split by a grouping, one group
// at a time. Its verbs compute the plan; Render only reads it.
type planScreen struct {
	input    model.PlanInput
	version  model.APIVersion
	grouping model.PlanGrouping
	// names are the organizations' (from the list) and, once read, the
	// repositories' and proxies'.
	names    model.PlanNames
	canName  bool   // the Backend is a NamingBackend
	named    bool   // repositories and proxies are read
	loading  bool   // they are being read
	namesErr string // why they could not be read, terminal-safe
	groups   []planGroup
	group    int
	cursor   model.Cell
	pick     int // the job of the cursor's hour that enter opens
}

// newPlanScreen plans in: the jobs and copy jobs to show, and in Sources
// every backup job the list holds, where copy jobs find their source.
func newPlanScreen(in model.PlanInput, orgs map[string]string, v model.APIVersion, canName bool) planScreen {
	lower := make(map[string]string, len(orgs))
	for id, name := range orgs {
		lower[strings.ToLower(id)] = name // PlanNames are keyed by lower-case id
	}
	p := planScreen{input: in, version: v, names: model.PlanNames{Organizations: lower}, canName: canName,
		cursor: model.Cell{Day: time.Monday, Hour: 22}}
	p.regroup()
	return p
}

// regroup plans the jobs again under the current grouping.
func (p *planScreen) regroup() {
	p.group, p.pick = 0, 0
	if p.grouping == groupProxy && !p.named {
		// Without the repositories every job would fall in one wrong
		// group: show them all, under what is going on.
		name := "reading the proxies…"
		if p.namesErr != "" {
			name = "proxies unknown: " + p.namesErr + " (b again to retry)"
		}
		p.groups = []planGroup{{name: name, plan: model.PlanFleet(p.input, p.version)}}
		return
	}
	p.groups = nil
	for _, g := range model.GroupPlanInput(p.input, p.grouping, p.names) {
		p.groups = append(p.groups, planGroup{name: model.SafeText(g.Name), plan: model.PlanFleet(g.Input(), p.version)})
	}
}

// CycleGrouping moves to the next grouping: all jobs, organization,
// repository, proxy (only when the Backend can name proxies). It reports
// whether the repositories and proxies must be read first (NamesLoaded
// takes them).
func (p *planScreen) CycleGrouping() (needNames bool) {
	p.grouping = (p.grouping + 1) % groupings
	if p.grouping == groupProxy && !p.canName {
		p.grouping = groupNone
	}
	needNames = p.canName && !p.named && !p.loading && (p.grouping == groupRepository || p.grouping == groupProxy)
	if needNames {
		p.loading, p.namesErr = true, ""
	}
	p.regroup()
	return needNames
}

// NamesLoaded takes the repositories and proxies read, or why they could
// not be; a later cycle to them asks again.
func (p *planScreen) NamesLoaded(names model.PlanNames, err error) {
	p.loading = false
	if err != nil {
		p.namesErr = model.SafeText(err.Error())
	} else {
		p.names.Repositories, p.names.Proxies, p.named = names.Repositories, names.Proxies, true
	}
	if p.grouping == groupRepository || p.grouping == groupProxy {
		p.regroup()
	}
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

// Picked is the job enter opens: a backup job or a backup copy job, both
// nil in an hour without jobs.
func (p planScreen) Picked() (*model.Job, *model.CopyJob) {
	entries := p.hourJobs()
	if len(entries) == 0 {
		return nil, nil
	}
	e := entries[min(p.pick, len(entries)-1)].job
	if e.Kind == model.PlanCopy {
		for _, c := range p.input.CopyJobs {
			if c.ID == e.ID {
				return nil, c
			}
		}
		return nil, nil
	}
	for _, j := range p.input.Jobs {
		if j.ID == e.ID {
			return j, nil
		}
	}
	return nil, nil
}

// Title is the screen's header title.
func (p planScreen) Title() string {
	if p.grouping == groupNone {
		jobs, copies := len(p.input.Jobs), len(p.input.CopyJobs)
		switch {
		case copies == 0:
			return "Plan of " + count(jobs, "job", "jobs")
		case jobs == 0:
			return "Plan of " + count(copies, "backup copy job", "backup copy jobs")
		}
		return "Plan of " + count(jobs, "job", "jobs") + " and " + count(copies, "backup copy job", "backup copy jobs")
	}
	return fmt.Sprintf("Plan: %s (%s %d of %d)", p.groups[p.group].name, groupingNoun(p.grouping), p.group+1, len(p.groups))
}

// Render draws the map, its legend, the cursor's hour and its jobs in
// height lines.
func (p planScreen) Render(s *Styles, width, height int) string {
	g := &p.groups[p.group].plan
	most := g.MaxAllowed()
	var b strings.Builder
	cw := PlanCellWidth(g.MaxStarts(), (width-7)/model.HoursPerDay)
	b.WriteString("\n" + s.Dim.Render("       "+PlanHead(cw)) + "\n")
	for d := time.Sunday; d <= time.Saturday; d++ {
		b.WriteString("  " + s.Label.Render(d.String()[:3]) + "  ")
		for h := range model.HoursPerDay {
			c := model.Cell{Day: d, Hour: h}
			glyph := PlanGlyph(g.StartsAt(c), g.AllowedAt(c), most, cw)
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
		if e.job.Kind == model.PlanCopy {
			line += "  (backup copy)"
			if e.job.StartsUnknown != "" {
				line += "  starts unknown: source job not listed"
			}
		}
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
	_, canName := m.opts.Backend.(NamingBackend)
	// Copy jobs join when the list shows them: CopyJobs then holds the
	// shown ones, Sources every backup job read.
	in := model.PlanInput{Jobs: jobs, Sources: make([]*model.Job, 0, len(l.jobs))}
	for _, j := range l.jobs {
		if j != nil {
			in.Sources = append(in.Sources, j)
		}
	}
	for _, i := range l.shown {
		if c := l.copyAt(i); c != nil {
			in.CopyJobs = append(in.CopyJobs, c)
		}
	}
	m.plan = newPlanScreen(in, l.orgs, m.opts.Backend.APIVersion(), canName)
	m.screen = screenPlan
	return m
}

func (m Model) planKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	p := &m.plan
	k := m.keys
	if days, hours, ok := moveKeyDelta(k, msg); ok {
		p.Move(days, hours)
		return m, nil
	}
	switch {
	case key.Matches(msg, k.NextJob):
		p.NextJob(1)
	case key.Matches(msg, k.PrevJob):
		p.NextJob(-1)
	case key.Matches(msg, k.GroupBy):
		if p.CycleGrouping() {
			return m, loadPlanNames(m.opts.Backend.(NamingBackend))
		}
	case key.Matches(msg, k.NextGroup):
		p.NextGroup(1)
	case key.Matches(msg, k.PrevGroup):
		p.NextGroup(-1)
	case key.Matches(msg, k.Open):
		if j, c := p.Picked(); j != nil || c != nil {
			return m, m.openListed(j, c)
		}
	case key.Matches(msg, k.Back):
		m.screen = screenList
	}
	return m, nil
}

func (m Model) renderPlan() string {
	return m.frame(m.plan.Render(&m.styles, m.width, m.height-3), "")
}

// count is n and the noun for n of something.
func count(n int, one, more string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, more)
}
