package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/model"
	"github.com/vbosched/vbosched/ui"
)

// planHour is one hour of `plan --json`.
type planHour struct {
	Day      string   `json:"day"`
	Hour     int      `json:"hour"`
	Allowed  int      `json:"allowed"`
	Starts   int      `json:"starts"`
	Starting []string `json:"startingJobIds"`
	MayRun   []string `json:"mayRunJobIds"`
	// Disabled jobs that would start or run then, not counted above.
	Disabled []string `json:"disabledJobIds,omitempty"`
}

// planGroup is one group of `plan --json` (the whole selection without --by).
type planGroup struct {
	Profile string     `json:"profile,omitempty"`
	By      string     `json:"by,omitempty"`
	Key     string     `json:"key,omitempty"`
	Name    string     `json:"name,omitempty"`
	Jobs    int        `json:"jobs"`
	Hours   []planHour `json:"hours"`
}

// fleet is the jobs a plan or lint command looks at.
type fleet struct {
	sess *session
	jobs []*model.Job
	// unreadable is the selected jobs the server sent in a form vbosched
	// cannot read: they are missing from the plan, and the command fails.
	unreadable []plan
}

// openFleet connects and picks the jobs (selectFleet).
func openFleet(ctx context.Context, conn *connection, refs []string, sel selection) (*fleet, error) {
	sess, err := conn.open(ctx)
	if err != nil {
		return nil, err
	}
	f, err := selectFleet(ctx, sess, refs, sel)
	if err != nil {
		sess.close()
	}
	return f, err
}

// selectFleet picks the jobs of an open session: those named and selected,
// or every job when nothing is named or selected.
func selectFleet(ctx context.Context, sess *session, refs []string, sel selection) (*fleet, error) {
	jobs, decodeErrs, err := sess.listJobs(ctx)
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 && !sel.any() {
		sel.all = true
	}
	chosen, unreadable, err := sel.resolve(ctx, sess.store, jobs, decodeErrs, refs)
	if err != nil {
		return nil, err
	}
	return &fleet{sess: sess, jobs: chosen, unreadable: unreadable}, nil
}

// unreadableError fails a command whose plan misses jobs it could not read.
func (f *fleet) unreadableError() error {
	if len(f.unreadable) == 0 {
		return nil
	}
	var lines []string
	for _, p := range f.unreadable {
		lines = append(lines, fmt.Sprintf("%s: %v", p.job.Label(), p.unreadable))
	}
	return failed("%d selected job(s) could not be read and are not in the plan:\n%s", len(f.unreadable), strings.Join(lines, "\n"))
}

func newPlanCommand(conn *connection) *cobra.Command {
	var sel selection
	var asJSON, allProfiles bool
	var by string
	cmd := &cobra.Command{
		Use:   "plan [JOB...]",
		Short: "Show on one 7×24 map when the jobs may run and when they start",
		Long: `plan puts the selected jobs (every job when none is named or selected) on one
7×24 map of the week: in each hour, how many jobs start then (after the backup
window has held back the starts it denies) and how many may run then (allowed
by their backup window). The busiest hours are listed under the map. Manual-only
jobs are left out; disabled jobs are listed apart and not counted.`,
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, refs []string) error {
			grouping := model.GroupNone
			if by != "" {
				g, err := model.ParsePlanGrouping(by)
				if err != nil {
					return usagef("--by: %v", err)
				}
				grouping, by = g, g.String()
			}
			ctx := cmd.Context()
			names, err := conn.profileNames(allProfiles)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			var groups []plannedGroup
			if names != nil {
				// One map per server: their hours are each server's local time.
				err = conn.eachProfile(ctx, names, cmd.ErrOrStderr(), func(name string, sess *session) error {
					f, err := selectFleet(ctx, sess, refs, sel)
					if err != nil {
						return err
					}
					gs, err := planGroups(ctx, f, grouping)
					if err != nil {
						return err
					}
					for _, g := range gs {
						g.profile = name
						groups = append(groups, g)
					}
					return f.unreadableError()
				})
			} else {
				f, ferr := openFleet(ctx, conn, refs, sel)
				if ferr != nil {
					return ferr
				}
				defer f.sess.close()
				if groups, err = planGroups(ctx, f, grouping); err != nil {
					return err
				}
				err = f.unreadableError()
			}
			if asJSON {
				doc := []planGroup{}
				for _, g := range groups {
					doc = append(doc, g.json(by))
				}
				if werr := writeJSON(out, doc); werr != nil {
					return werr
				}
			} else {
				for i, g := range groups {
					if i > 0 {
						fmt.Fprintln(out)
					}
					g.write(out, by)
				}
			}
			return err
		},
	}
	sel.addFlags(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: for each hour, the jobs allowed to run and starting")
	cmd.Flags().StringVar(&by, "by", "", "one map per organization, repository or proxy (a job's proxy is its repository's)")
	allProfilesFlag(cmd.Flags(), &allProfiles)
	return cmd
}

// plannedGroup is one map to print.
type plannedGroup struct {
	profile   string // with several profiles
	key, name string
	plan      model.Plan
}

// planGroups plans the fleet, split by g. The names come from the server's
// lists, read once a session; grouping by repository or proxy fails when
// the repositories (or proxies) cannot be read, since the groups would be
// wrong, not merely unnamed.
func planGroups(ctx context.Context, f *fleet, g model.PlanGrouping) ([]plannedGroup, error) {
	v := f.sess.store.APIVersion()
	if g == model.GroupNone {
		return []plannedGroup{{plan: model.PlanJobs(f.jobs, v)}}, nil
	}
	names, err := f.sess.store.PlanNames(ctx, g)
	if err != nil {
		return nil, failed("plan --by %s: %v", g, err)
	}
	var out []plannedGroup
	for _, jg := range model.GroupPlanJobs(f.jobs, g, names) {
		out = append(out, plannedGroup{key: jg.Key, name: jg.Name, plan: model.PlanJobs(jg.Jobs, v)})
	}
	return out, nil
}

func (g plannedGroup) json(by string) planGroup {
	doc := planGroup{Profile: g.profile, By: by, Key: g.key, Jobs: len(g.plan.Jobs), Hours: []planHour{}}
	if by != "" {
		doc.Name = g.name
	}
	ids := func(idx []int, disabled bool) []string {
		out := []string{}
		for _, k := range idx {
			if g.plan.Jobs[k].Disabled == disabled {
				out = append(out, g.plan.Jobs[k].ID)
			}
		}
		return out
	}
	for i := range model.WindowHours {
		c := model.CellAt(i)
		h := g.plan.Hours[i]
		ph := planHour{Day: c.Day.String()[:3], Hour: c.Hour, Allowed: g.plan.AllowedAt(c), Starts: g.plan.StartsAt(c),
			Starting: ids(h.Starting, false), MayRun: ids(h.MayRun, false)}
		if off := ids(h.Starting, true); len(off) > 0 {
			ph.Disabled = off
		}
		doc.Hours = append(doc.Hours, ph)
	}
	return doc
}

// busiestShown is how many hours the text output lists under the map.
const busiestShown = 5

func (g plannedGroup) write(w io.Writer, by string) {
	p := &g.plan
	if g.profile != "" {
		fmt.Fprintf(w, "Profile %s\n", model.SafeText(g.profile))
	}
	if by != "" {
		fmt.Fprintf(w, "%s %s\n", strings.ToUpper(by[:1])+by[1:], model.SafeText(g.name))
	}
	enabled, off := 0, 0
	for _, j := range p.Jobs {
		if j.Disabled {
			off++
		} else {
			enabled++
		}
	}
	fmt.Fprintf(w, "%d job(s) planned", enabled)
	if off > 0 {
		fmt.Fprintf(w, ", %d disabled (not counted)", off)
	}
	fmt.Fprintln(w, "; times are the server's local time")
	writePlanGrid(w, p)
	busiest := p.Busiest(busiestShown)
	if len(busiest) == 0 {
		fmt.Fprintln(w, "\nNo job starts on its own.")
		return
	}
	fmt.Fprintln(w, "\nBusiest hours:")
	for _, c := range busiest {
		var names []string
		for _, k := range p.Hours[c.Index()].Starting {
			if j := p.Jobs[k]; !j.Disabled {
				names = append(names, model.SafeText(j.Name))
			}
		}
		if len(names) > busiestNames { // a line a reader can take in; --json lists them all
			names = append(names[:busiestNames], fmt.Sprintf("and %d more", len(names)-busiestNames))
		}
		fmt.Fprintf(w, "  %s  %d start, %d may run: %s\n", c, p.StartsAt(c), p.AllowedAt(c), strings.Join(names, ", "))
	}
}

// busiestNames is how many starting jobs a busiest hour names.
const busiestNames = 5

func writePlanGrid(w io.Writer, p *model.Plan) {
	most := p.MaxAllowed()
	cw := ui.PlanCellWidth(p.MaxStarts(), 0)
	fmt.Fprintf(w, "     %s\n", ui.PlanHead(cw))
	for d := time.Sunday; d <= time.Saturday; d++ {
		var row strings.Builder
		for h := range model.HoursPerDay {
			c := model.Cell{Day: d, Hour: h}
			row.WriteString(ui.PlanGlyph(p.StartsAt(c), p.AllowedAt(c), most, cw))
		}
		fmt.Fprintf(w, "%s  %s\n", d.String()[:3], row.String())
	}
	fmt.Fprintf(w, "     %s\n", ui.PlanLegend)
}
