package cli

import (
	"context"
	"fmt"
	"io"
	"regexp"
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
	Profile string `json:"profile,omitempty"`
	By      string `json:"by,omitempty"`
	Key     string `json:"key,omitempty"`
	Name    string `json:"name,omitempty"`
	Jobs    int    `json:"jobs"`
	// Planned is the group's jobs, backup jobs first, then copy jobs;
	// the hours name them by id.
	Planned []plannedJob `json:"planned"`
	Hours   []planHour   `json:"hours"`
}

// plannedJob is one job of a `plan --json` group.
type plannedJob struct {
	Kind     string `json:"kind"` // "backup" or "copy"
	ID       string `json:"id"`
	Name     string `json:"name"`
	Disabled bool   `json:"disabled,omitempty"`
	// SourceJobID is a copy job's source backup job.
	SourceJobID string `json:"sourceJobId,omitempty"`
	// StartsUnknown says why a copy job's starts cannot be told (its
	// source backup job is not listed); it is counted where it may run.
	StartsUnknown string `json:"startsUnknown,omitempty"`
}

// fleet is the jobs a plan or lint command looks at.
type fleet struct {
	sess   *session
	jobs   []*model.Job
	copies []*model.CopyJob
	// sources is every backup job the server listed, selected or not:
	// where a copy job's source backup job is found.
	sources []*model.Job
	// note is said on standard error: why the fleet is empty when that is
	// not the user's doing (--kind copy on a server before v6).
	note string
	// unreadable is the selected jobs the server sent in a form vbosched
	// cannot read: they are missing from the plan, and the command fails.
	unreadable []plan
	// copyErr is why the backup copy jobs could not be listed: the fleet
	// is the backup jobs alone, and the command fails saying so.
	copyErr error
}

// say writes the fleet's note, if it has one, naming the profile when
// several are asked.
func (f *fleet) say(w io.Writer, profile string) {
	switch {
	case f.note == "":
	case profile != "":
		fmt.Fprintf(w, "vbosched: profile %s: %s\n", model.SafeText(profile), f.note)
	default:
		fmt.Fprintf(w, "vbosched: %s\n", f.note)
	}
}

// input is the fleet as the planner takes it.
func (f *fleet) input() model.PlanInput {
	return model.PlanInput{Jobs: f.jobs, CopyJobs: f.copies, Sources: f.sources}
}

// size is how many jobs of either kind the fleet holds.
func (f *fleet) size() int { return len(f.jobs) + len(f.copies) }

// eachFleet picks the jobs (selectFleet) of every profile asked
// (eachProfile), or of the one server, says the fleet's note and hands it
// to do; jobs the server sent unreadable fail the command after do had
// the rest.
func (c *connection) eachFleet(ctx context.Context, names []string, errw io.Writer, refs []string, sel selection, kind string,
	do func(profile string, f *fleet) error) error {
	one := func(profile string, sess *session) error {
		f, err := selectFleet(ctx, sess, refs, sel, kind)
		if err != nil {
			return err
		}
		f.say(errw, profile)
		if err := do(profile, f); err != nil {
			return err
		}
		return f.unreadableError()
	}
	if names != nil {
		return c.eachProfile(ctx, names, errw, one)
	}
	sess, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer sess.close()
	return one("", sess)
}

// selectFleet picks the jobs of an open session: those named and selected,
// or every job when nothing is named or selected; backup jobs, backup copy
// jobs (v6 and later) or both, as kind says ("" for both). A name or id
// both kinds answer to is a usage error unless kind says which.
func selectFleet(ctx context.Context, sess *session, refs []string, sel selection, kind string) (*fleet, error) {
	v := sess.store.APIVersion()
	if kind == kindCopy && !v.HasCopyJobs() {
		// A server before v6 has no backup copy jobs: none to plan or lint,
		// which is no failure (a fleet-wide check of copy jobs stays green
		// over older servers); one named is a job that cannot exist there.
		if len(refs) > 0 {
			return nil, usagef("no backup copy job has the id or name %q: this server speaks %s, and backup copy jobs came with v6",
				model.SafeText(refs[0]), v)
		}
		return &fleet{sess: sess, note: fmt.Sprintf("this server speaks %s: backup copy jobs came with v6, so it has none", v)}, nil
	}
	jobs, decodeErrs, err := sess.listJobs(ctx)
	if err != nil {
		return nil, err
	}
	f := &fleet{sess: sess, sources: jobs}
	var copies []*model.CopyJob
	var copyErrs error
	if kind != kindBackup && v.HasCopyJobs() {
		copies, copyErrs = sess.store.ListCopyJobs(ctx)
		if copyErrs != nil && len(decodeErrors(copyErrs)) == 0 {
			if kind == kindCopy {
				return nil, fmt.Errorf("listing backup copy jobs: %w", copyErrs)
			}
			// The backup jobs do not depend on them: go on without.
			f.copyErr, copies, copyErrs = copyErrs, nil, nil
		}
	}
	if len(refs) == 0 && !sel.any() {
		sel.all = true
	}
	// Refs a copy job answers to go to the copies, the rest to the backup
	// jobs' selection (which reports a ref nothing answers to).
	var backupRefs []string
	chosen := map[string]bool{}
	for _, ref := range refs {
		cj, err := copyByRef(copies, ref)
		if err != nil {
			return nil, err
		}
		if cj == nil {
			if kind == kindCopy {
				return nil, usagef("no backup copy job has the id or name %q: see `vbosched jobs`", model.SafeText(ref))
			}
			backupRefs = append(backupRefs, ref)
			continue
		}
		if bj, err := model.FindJob(jobs, ref); err == nil && kind == "" && !strings.EqualFold(cj.ID, ref) {
			if strings.EqualFold(bj.ID, ref) { // an exact id wins over a copy job's name
				backupRefs = append(backupRefs, ref)
				continue
			}
			return nil, usagef("%q names both a backup job (%s) and a backup copy job (%s): add --kind backup or --kind copy",
				model.SafeText(ref), bj.ID, cj.ID)
		}
		chosen[cj.ID] = true
	}
	copiesMatched, err := selectCopies(ctx, sess, f, copies, copyErrs, sel, chosen)
	if err != nil {
		return nil, err
	}
	if kind == kindCopy {
		if sel.any() && copiesMatched == 0 {
			return nil, usagef("no backup copy job matches the --all/--organization/--match selection")
		}
		return f, nil
	}
	if len(backupRefs) == 0 && !sel.any() {
		return f, nil
	}
	chosenJobs, unreadable, err := sel.resolve(ctx, sess.store, jobs, decodeErrs, backupRefs)
	if err != nil && sel.any() && copiesMatched > 0 {
		// No backup job matches the filters, but copy jobs do: the
		// selection is not empty. A bad ref fails again here.
		chosenJobs, unreadable, err = nil, nil, nil
		if len(backupRefs) > 0 {
			chosenJobs, unreadable, err = (&selection{}).resolve(ctx, sess.store, jobs, decodeErrs, backupRefs)
		}
	}
	if err != nil && f.copyErr != nil {
		return nil, failed("%v\nthe backup copy jobs could not be read, so it may be one of them: %v", err, f.copyErr)
	}
	if err != nil {
		return nil, err
	}
	f.jobs = chosenJobs
	f.unreadable = append(unreadable, f.unreadable...)
	return f, nil
}

// copyByRef is the copy job whose id or exact name is ref, nil when none.
func copyByRef(copies []*model.CopyJob, ref string) (*model.CopyJob, error) {
	var found *model.CopyJob
	for _, c := range copies {
		if strings.EqualFold(c.ID, ref) {
			return c, nil
		}
	}
	for _, c := range copies {
		if c.Name == ref {
			if found != nil {
				return nil, usagef("two backup copy jobs are named %q (%s, %s): name one by its id", model.SafeText(ref), found.ID, c.ID)
			}
			found = c
		}
	}
	return found, nil
}

// selectCopies puts into f the copy jobs chosen by ref and those sel's
// filters select (a copy job's organization is its own, else its source
// job's), in list order, and the unreadable copy jobs the filters may
// select. It returns how many the filters matched.
func selectCopies(ctx context.Context, sess *session, f *fleet, copies []*model.CopyJob, copyErrs error, sel selection, chosen map[string]bool) (int, error) {
	var re *regexp.Regexp
	if sel.match != "" {
		var err error
		if re, err = regexp.Compile(sel.match); err != nil {
			return 0, usagef("--match: %v", err)
		}
	}
	in := model.PlanInput{Sources: f.sources}
	matched := 0
	for _, c := range copies {
		if sel.any() {
			org := c.OrganizationID
			if src := in.Source(c); org == "" && src != nil {
				org = src.OrganizationID
			}
			orgOK := sel.organization == "" || strings.EqualFold(org, sel.organization) ||
				(org != "" && strings.EqualFold(sess.store.OrganizationName(ctx, org), sel.organization))
			if orgOK && (re == nil || re.MatchString(c.Name)) {
				chosen[c.ID] = true
				matched++
			}
		}
		if chosen[c.ID] {
			f.copies = append(f.copies, c)
		}
	}
	if sel.any() {
		for _, de := range decodeErrors(copyErrs) {
			if sel.mayHold(ctx, sess.store, re, de) {
				f.unreadable = append(f.unreadable, unreadablePlan(de))
				matched++
			}
		}
	}
	return matched, nil
}

// unreadableError fails a command whose plan misses jobs it could not read.
func (f *fleet) unreadableError() error {
	var lines []string
	for _, p := range f.unreadable {
		lines = append(lines, fmt.Sprintf("%s: %v", p.job.Label(), p.unreadable))
	}
	var msgs []string
	if len(lines) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d selected job(s) could not be read and are not in the plan:\n%s", len(lines), strings.Join(lines, "\n")))
	}
	if f.copyErr != nil {
		msgs = append(msgs, fmt.Sprintf("the backup copy jobs could not be read, so they were not checked (only backup jobs were looked at; --kind backup for those alone): %v", f.copyErr))
	}
	if len(msgs) == 0 {
		return nil
	}
	return failed("%s", strings.Join(msgs, "\n"))
}

func newPlanCommand(conn *connection) *cobra.Command {
	var sel selection
	var asJSON, allProfiles bool
	var by, kindFlag string
	cmd := &cobra.Command{
		Use:   "plan [JOB...]",
		Short: "Show on one 7×24 map when the jobs may run and when they start",
		Long: `plan puts the selected jobs (every job when none is named or selected) on one
7×24 map of the week: in each hour, how many jobs start then (after the backup
window has held back the starts it denies) and how many may run then (allowed
by their backup window). The busiest hours are listed under the map. Manual-only
jobs are left out; disabled jobs are listed apart and not counted.

Backup copy jobs (API v6 and later) are planned with the backup jobs unless
--kind says one kind: a copy job may run in its backup copy window and starts
at its time (daily), every N hours or minutes within the window (periodically),
or after each new restore point of its source backup job (immediate: in the
hours that job starts, held by the copy window; unknown when that job is not
listed).`,
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, refs []string) error {
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
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
			planned := 0 // servers planned: with none, nothing is printed
			// One map per server: their hours are each server's local time.
			err = conn.eachFleet(ctx, names, cmd.ErrOrStderr(), refs, sel, kind, func(profile string, f *fleet) error {
				gs, err := planGroups(ctx, f, grouping)
				if err != nil {
					return err
				}
				planned++
				for _, g := range gs {
					g.profile = profile
					groups = append(groups, g)
				}
				return nil
			})
			if planned == 0 && err != nil {
				return err
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
	cmd.Flags().StringVar(&kindFlag, "kind", "", "plan only backup jobs (backup) or only backup copy jobs (copy)")
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
		return []plannedGroup{{plan: model.PlanFleet(f.input(), v)}}, nil
	}
	names, err := f.sess.store.PlanNames(ctx, g)
	if err != nil {
		return nil, failed("plan --by %s: %v", g, err)
	}
	var out []plannedGroup
	for _, jg := range model.GroupPlanInput(f.input(), g, names) {
		out = append(out, plannedGroup{key: jg.Key, name: jg.Name, plan: model.PlanFleet(jg.Input(), v)})
	}
	return out, nil
}

func (g plannedGroup) json(by string) planGroup {
	doc := planGroup{Profile: g.profile, By: by, Key: g.key, Jobs: len(g.plan.Jobs), Planned: []plannedJob{}, Hours: []planHour{}}
	for _, j := range g.plan.Jobs {
		doc.Planned = append(doc.Planned, plannedJob{Kind: j.Kind.String(), ID: j.ID, Name: j.Name, Disabled: j.Disabled,
			SourceJobID: j.SourceID, StartsUnknown: j.StartsUnknown})
	}
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
	backups, backupsOff := p.Count(model.PlanBackup)
	copies, copiesOff := p.Count(model.PlanCopy)
	switch {
	case copies == 0:
		fmt.Fprintf(w, "%d job(s) planned", backups-backupsOff)
	case backups == 0:
		fmt.Fprintf(w, "%d backup copy job(s) planned", copies-copiesOff)
	default:
		fmt.Fprintf(w, "%d backup job(s) and %d backup copy job(s) planned", backups-backupsOff, copies-copiesOff)
	}
	if off := backupsOff + copiesOff; off > 0 {
		fmt.Fprintf(w, ", %d disabled (not counted)", off)
	}
	fmt.Fprintln(w, "; times are the server's local time")
	writePlanGrid(w, p)
	if copies > 0 {
		what := "backup and backup copy jobs"
		if backups == 0 {
			what = "backup copy jobs"
		}
		fmt.Fprintf(w, "     counts %s (a copy job by its backup copy window)\n", what)
	}
	for _, j := range p.Jobs {
		if j.StartsUnknown != "" {
			fmt.Fprintf(w, "  ! copy job %s: %s\n", model.SafeText(j.Name), model.SafeText(j.StartsUnknown))
		}
	}
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
