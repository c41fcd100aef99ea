package cli

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/muesli/cancelreader"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// editFlag is a flag whose every use appends an edit to one shared list, so
// edits apply in the order they were given (--allow X --deny Y --allow Z).
type editFlag struct {
	list  *[]edit
	typ   string
	parse func(string) (edit, error)
	last  string
	name  string
	uses  *[]flagUse // every use as typed, for copy jobs (copyjobs.go)
}

func (f *editFlag) String() string { return f.last }
func (f *editFlag) Type() string   { return f.typ }
func (f *editFlag) Set(s string) error {
	e, err := f.parse(s)
	if err != nil && f.uses != nil && copyEdit(flagUse{name: f.name, value: s}, &model.CopySettings{}) == nil {
		// A value only a copy job takes (--type Immediate): whether it
		// applies is known once the job is.
		e, err = copyOnly(f.name, s), nil
	}
	if f.uses != nil && err == nil {
		*f.uses = append(*f.uses, flagUse{name: f.name, value: s})
	}
	if err != nil {
		var ee *ExitError // cobra's flag error func marks it as usage again
		if errors.As(err, &ee) {
			return ee.Err
		}
		return err
	}
	f.last = s
	*f.list = append(*f.list, e)
	return nil
}

// intParse reads a number for field and hands it to the edit's constructor,
// which checks its range.
func intParse(field string, f func(int) (edit, error)) func(string) (edit, error) {
	return func(s string) (edit, error) {
		n, err := model.ParseWholeNumber(field, s)
		if err != nil {
			return edit{}, refused(err)
		}
		return f(n)
	}
}

// boolParse reads true or false for a switch whose edit is chosen at
// compile time.
func boolParse(f func(bool) edit) func(string) (edit, error) {
	return func(s string) (edit, error) {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return edit{}, fmt.Errorf("%q is not true or false", s)
		}
		return f(b), nil
	}
}

// addEditFlags defines the flags that edit a schedule, shared by set.
func addEditFlags(fs *pflag.FlagSet, list *[]edit, uses *[]flagUse) {
	def := func(name, typ, usage string, parse func(string) (edit, error)) *pflag.Flag {
		fs.Var(&editFlag{list: list, typ: typ, parse: parse, name: name, uses: uses}, name, usage)
		return fs.Lookup(name)
	}
	names := func(vals []string) string { return strings.Join(vals, "|") }
	def("type", "TYPE", "schedule type: "+names(enumNames(model.ScheduleTypes()))+"; of a copy job: "+names(enumNames(model.CopyScheduleTypes())), typeEdit)
	def("daily-type", "DAYS", "days of a Daily job: "+names(enumNames(model.DailyTypes())), dailyTypeEdit)
	def("daily-time", "HH:MM", "start time of a Daily job, 00:00–23:59", dailyTimeEdit)
	def("every", "INTERVAL", "interval of a Periodically job: "+names(enumNames(model.Intervals())), everyEdit)
	def("offset-minutes", fmt.Sprintf("%d-%d", model.MinOffsetMinutes, model.MaxOffsetMinutes),
		"shift periodic runs within the hour, for intervals in hours (v6+)", intParse(model.FieldOffsetMinutes, offsetEdit))
	for _, w := range []struct {
		prefix string
		kind   model.WindowKind
		note   string
	}{{"", model.BackupWindowKind, ""}, {"periodic-", model.PeriodicWindowKind, " (v6+)"}} {
		for _, op := range windowOps() {
			kind, op := w.kind, op
			def(w.prefix+op.flag(), "SPEC", op.usage(kind.String()+w.note),
				func(s string) (edit, error) { return windowEdit(kind, op, s) })
		}
	}
	def("window-enabled", "BOOL", "turn the backup window on or off",
		boolParse(func(b bool) edit { return windowEnabledEdit(model.BackupWindowKind, b) })).NoOptDefVal = "true"
	def("periodic-window-enabled", "BOOL", "turn the periodic window on or off (v7+)",
		boolParse(func(b bool) edit { return windowEnabledEdit(model.PeriodicWindowKind, b) })).NoOptDefVal = "true"
	def("retry", "BOOL", "retry a failed job", boolParse(retryEnabledEdit)).NoOptDefVal = "true"
	def("retry-number", fmt.Sprintf("%d-%d", model.MinRetryNumber, model.MaxRetryNumber), "retry attempts",
		intParse(model.FieldRetryNumber, retryNumberEdit))
	def("retry-wait", "MINUTES", fmt.Sprintf("minutes between retries, %d–%d", model.MinRetryWait, model.MaxRetryWait),
		intParse(model.FieldRetryWait, retryWaitEdit))
	def("enabled", "BOOL", "enable (--enabled) or disable (--enabled=false) the job, a backup or backup copy job",
		boolParse(enabledEdit)).NoOptDefVal = "true"
	def("name", "NAME", "rename the job", nameEdit)
	def("description", "TEXT", "set the description", descriptionEdit)
}

func enumNames[T fmt.Stringer](vals []T) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = v.String()
	}
	return out
}

// selection says which jobs a command acts on.
type selection struct {
	all          bool
	organization string
	match        string
}

func (s *selection) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&s.all, "all", false, "every job")
	fs.StringVar(&s.organization, "organization", "", "every job of this organization (name or id)")
	fs.StringVar(&s.match, "match", "", "every job whose name matches this regular expression")
}

func (s *selection) any() bool { return s.all || s.organization != "" || s.match != "" }

// resolve picks the target jobs: the named ones, plus those the filters
// select, each once, in list order. unreadable are the jobs the list could
// not decode (*jobstore.DecodeError, joined); those the filters may select
// come back as plans that fail, so a fleet-wide change never reports itself
// complete while skipping them. A job whose name or organization could not
// be read may be in the selection, so it is counted in.
func (s *selection) resolve(ctx context.Context, store *jobstore.Store, jobs []*model.Job, unreadable error, refs []string) ([]*model.Job, []plan, error) {
	if len(refs) == 0 && !s.any() {
		return nil, nil, usagef("name at least one job (id or exact name), or use --all, --organization or --match")
	}
	out, failedPlans, err := s.pick(ctx, store, jobs, unreadable, refs)
	if err == nil && s.any() && len(out) == 0 && len(failedPlans) == 0 {
		return nil, nil, errNoMatch
	}
	return out, failedPlans, err
}

// errNoMatch is a selection that holds no job.
var errNoMatch = usagef("no job matches the --all/--organization/--match selection")

// pick is resolve without the check that the selection holds a job.
func (s *selection) pick(ctx context.Context, store *jobstore.Store, jobs []*model.Job, unreadable error, refs []string) ([]*model.Job, []plan, error) {
	var re *regexp.Regexp
	if s.match != "" {
		var err error
		if re, err = regexp.Compile(s.match); err != nil {
			return nil, nil, usagef("--match: %v", err)
		}
	}
	chosen := map[string]bool{}
	for _, ref := range refs {
		j, err := model.FindJob(jobs, ref)
		if err != nil {
			return nil, nil, usage(err)
		}
		chosen[j.ID] = true
	}
	if s.any() {
		for _, j := range jobs {
			if s.organization != "" && !strings.EqualFold(j.OrganizationID, s.organization) &&
				!strings.EqualFold(store.OrganizationName(ctx, j.OrganizationID), s.organization) {
				continue
			}
			if re != nil && !re.MatchString(j.Name) {
				continue
			}
			chosen[j.ID] = true
		}
	}
	var failedPlans []plan
	if s.any() {
		for _, de := range decodeErrors(unreadable) {
			if s.mayHold(ctx, store, re, de) {
				failedPlans = append(failedPlans, unreadablePlan(de))
			}
		}
	}
	var out []*model.Job
	for _, j := range jobs {
		if chosen[j.ID] {
			out = append(out, j)
		}
	}
	return out, failedPlans, nil
}

// mayHold says whether an unreadable job may be in the selection: its
// organization and name as far as they could be read, and yes for what
// could not.
func (s *selection) mayHold(ctx context.Context, store *jobstore.Store, re *regexp.Regexp, de *jobstore.DecodeError) bool {
	if s.organization != "" && de.OrganizationID != "" && !strings.EqualFold(de.OrganizationID, s.organization) &&
		!strings.EqualFold(store.OrganizationName(ctx, de.OrganizationID), s.organization) {
		return false
	}
	if re != nil && de.Name != "" && !re.MatchString(de.Name) {
		return false
	}
	return true
}

func decodeErrors(err error) []*jobstore.DecodeError {
	var out []*jobstore.DecodeError
	var walk func(error)
	walk = func(err error) {
		if de, ok := err.(*jobstore.DecodeError); ok {
			out = append(out, de)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// unreadablePlan stands for a selected job that could not be read: nothing
// is sent for it, and it fails the command.
func unreadablePlan(de *jobstore.DecodeError) plan {
	name := de.Name
	if name == "" {
		name = "job " + cmp.Or(de.ID, "(no readable id)")
	}
	return plan{job: &model.Job{ID: de.ID, Name: name}, unreadable: de}
}

// plan is what a change does to one job.
type plan struct {
	job     *model.Job
	edit    model.Settings
	changes []model.FieldChange
	body    []byte
	err     error // invalid for this job: nothing will be sent
	// unreadable is the job's decode error when the server sent it in a
	// form vbosched cannot read: nothing is sent, and it counts as failed.
	unreadable error
	// copyJob is set for a backup copy job (set_copies.go): job then only
	// names it, and copyEdit is what changes instead of edit.
	copyJob  *model.CopyJob
	copyEdit model.CopySettings
	// skipped says which flags the job does not take, one note each;
	// tookAny that it takes at least one.
	skipped []string
	tookAny bool
	// idle says, for each change to a field the job's schedule type does
	// not use, that when the job runs is unaffected (model IdleNote).
	idle []string
}

// noteIdle fills p.idle from its changes.
func (p *plan) noteIdle() {
	p.idle = nil
	for _, c := range p.changes {
		var note string
		var ok bool
		if p.copyJob != nil {
			note, ok = p.copyEdit.Policy.IdleNote(c.Field)
		} else {
			note, ok = p.edit.Policy.IdleNote(c.Field)
		}
		if ok {
			p.idle = append(p.idle, note)
		}
	}
}

func makePlans(jobs []*model.Job, edits []edit, v model.APIVersion) []plan {
	plans := make([]plan, len(jobs))
	for i, j := range jobs {
		st := j.Settings()
		p := plan{job: j}
		for _, e := range edits {
			if e.apply == nil { // a value only copy jobs take, in a selection of both kinds
				p.skip(notForBackups(e.field))
				continue
			}
			p.tookAny = true
			e.apply(&st)
		}
		p.edit, p.changes = st, model.Changes(j.Settings(), st)
		p.noteIdle()
		if len(p.changes) > 0 {
			p.body, p.err = j.PutBody(st, v)
		}
		plans[i] = p
	}
	return plans
}

// changeOptions are the flags that govern how a change is carried out.
type changeOptions struct {
	yes, dryRun, run bool
	// parallel is how many saves are in flight at once (--parallel).
	parallel int
	// copies lets a selection hold backup copy jobs too (set, v6+); kind
	// narrows it to one kind ("" both), and uses are the edits as typed,
	// which copy jobs are planned from.
	copies bool
	kind   string
	uses   []flagUse
	// asJSON prints the results as JSON on stdout, the plan on stderr
	// (set --json).
	asJSON bool
	// bases are the states edits started from, by job id, when they did not
	// start from the fresh read (apply of an exported file): a job that
	// changed since is refused, and its save checks against that state.
	bases map[string]*model.Job
	// basesServer is the server bases were read from ("" when not known):
	// on another server they are not the jobs' earlier states.
	basesServer string
}

func (o *changeOptions) addFlags(fs *pflag.FlagSet) {
	fs.BoolVarP(&o.yes, "yes", "y", false, "do not ask for confirmation")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the JSON body that would be PUT and send nothing")
	fs.BoolVar(&o.run, "run", false, "start each changed job after saving it")
	fs.IntVar(&o.parallel, "parallel", defaultParallel, fmt.Sprintf("saves in flight at once, %d–%d; the default is modest for a production server (each save is a read and a write of the job configuration there, and the API documents no rate limit to aim at)", 1, maxParallel))
}

// defaultParallel is how many saves set and apply have in flight. Each save
// costs the server a read and a write of its configuration database; eight
// at a time is few enough that the console and running backups do not
// notice, and enough to hide a WAN's latency: 1,000 jobs in about 250 round
// trips instead of 2,000. --parallel raises it for a server that can take
// more.
const defaultParallel = 8

// maxParallel bounds --parallel: past it a server's request queue, not the
// round trip, is what limits a bulk save.
const maxParallel = 64

func (o *changeOptions) check() error {
	if o.parallel < 1 || o.parallel > maxParallel {
		return usagef("--parallel %d is out of range: give 1 to %d saves in flight (default %d)", o.parallel, maxParallel, defaultParallel)
	}
	return nil
}

func newSetCommand(conn *connection) *cobra.Command {
	var edits []edit
	var uses []flagUse
	var kindFlag string
	var sel selection
	var opts changeOptions
	cmd := &cobra.Command{
		Use: "set [JOB...] [flags]",
		Long: `Change what the flags name on one or many jobs, and nothing else.

Name the jobs (by id or exact name) or select them with --all, --organization
or --match, not both: names and a selection together are refused (exit 2).`,
		Short: "Change what the flags name on one or many jobs, and nothing else",
		Example: `  vbosched set "Exchange nightly" --daily-time 23:00
  vbosched set --match '^Exchange' --window "everyday 20:00-06:00" --window-enabled
  vbosched set "Teams weekends" --allow "Sat-Sun" --deny "Sun 12:00-14:00" --dry-run`,
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(edits) == 0 {
				return usagef("nothing to change: give at least one of --type, --daily-time, --window, … (see --help)")
			}
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			if len(args) > 0 && sel.any() {
				// One rule for both kinds: a name never widens to a
				// selection, and a selection never hides a name.
				return usagef("set takes jobs named by id or name, or a selection (--all, --organization, --match) without names, not both: drop the names to change every job the selection holds, or the selection to change the named jobs")
			}
			if len(args) > 0 && !sel.any() && kind != kindBackup {
				// Named jobs of either kind: each found by id or name
				// (resolveJob), copy jobs planned from the flags as typed.
				opts.copies, opts.kind, opts.uses = true, kind, uses
				return changeJobs(cmd, conn, args, sel, opts, edits)
			}
			if sel.any() && len(args) == 0 && kind != kindBackup {
				// The selection may hold copy jobs: each flag is applied
				// where the job has it (set_copies.go).
				opts.copies, opts.kind, opts.uses = true, kind, uses
				return changeJobs(cmd, conn, args, sel, opts, edits)
			}
			for _, e := range edits {
				if e.apply == nil {
					return notForBackupJobs(e)
				}
			}
			return changeJobs(cmd, conn, args, sel, opts, edits)
		},
	}
	addEditFlags(cmd.Flags(), &edits, &uses)
	cmd.Flags().StringVar(&kindFlag, "kind", "", "which kind of job a name means when both have it, and which kind --all, --organization and --match select (both by default, copy jobs from v6): backup or copy")
	sel.addFlags(cmd.Flags())
	opts.addFlags(cmd.Flags())
	cmd.Flags().BoolVar(&opts.asJSON, "json", false, "print each job's result and the counts as JSON on stdout (the plan goes to stderr)")
	return cmd
}

// changeJobs is the shared body of set and apply: plan, show, confirm, save.
func changeJobs(cmd *cobra.Command, conn *connection, refs []string, sel selection, opts changeOptions, edits []edit) error {
	ctx := cmd.Context()
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if err := opts.check(); err != nil {
		conn.dropKept()
		return err
	}
	sess, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer sess.close()
	var targets []*model.Job
	var unreadable, copyPlans []plan
	byID := false
	if opts.copies && len(refs) > 0 {
		if targets, copyPlans, err = resolveRefs(ctx, sess, errOut, refs, opts.kind, edits, opts.uses); err != nil {
			return err
		}
		byID = true // found: no selection to make
	} else if targets, byID, err = jobsByID(ctx, sess, refs, sel); err != nil {
		return err
	}
	copyListed := 0
	bulk := jobstore.Bulk{Parallel: opts.parallel}
	if !byID {
		jobs, decodeErrs, err := sess.listJobs(ctx) // a job named by ref that is unreadable: FindJob says so
		if err != nil {
			return err
		}
		bulk.Listed = len(jobs) + len(decodeErrors(decodeErrs))
		if opts.copies {
			if targets, unreadable, copyPlans, copyListed, err = selectWithCopies(ctx, sess.store, sel, opts, jobs, decodeErrs); err != nil {
				return err
			}
		} else if targets, unreadable, err = sel.resolve(ctx, sess.store, jobs, decodeErrs, refs); err != nil {
			return err
		}
	}
	if err := oneJobEdits(edits, len(targets)+len(unreadable), sel); err != nil {
		return err
	}
	if opts.basesServer != "" && !strings.EqualFold(serverColumn(opts.basesServer), serverColumn(sess.store.Label())) && len(opts.bases) > 0 {
		fmt.Fprintf(errOut, "note: this file was exported from %s; this is %s: it applies to job %s here as to any other job\n",
			model.SafeText(opts.basesServer), model.SafeText(sess.store.Label()), model.SafeText(shortIDs(opts.bases)))
		opts.bases = nil
	}
	if err := startFromBases(targets, opts.bases, sess.store.APIVersion()); err != nil {
		return err
	}
	plans := append(makePlans(targets, edits, sess.store.APIVersion()), unreadable...)
	if opts.copies {
		plans = append(plans, copyPlans...)
		if err := refuseUnusedFlags(plans, edits, opts.uses); err != nil {
			return err
		}
	}
	if opts.dryRun {
		writePlans(errOut, plans)
		writeSwitchActions(errOut, plans, sess.store.APIVersion())
		if err := writeDryRun(out, plans, len(refs) == 1 && !sel.any()); err != nil {
			return err
		}
		if n := countUnreadable(plans); n > 0 {
			return failed("%d selected job(s) could not be read; nothing would be sent for them (see above)", n)
		}
		return nil
	}
	summary := summarizeResults
	if opts.asJSON {
		writePlans(errOut, plans)
		summary = summarizeJSON
	} else {
		writePlans(out, plans)
	}
	toSend := 0
	for _, p := range plans {
		if p.err == nil && len(p.changes) > 0 {
			toSend++
		}
	}
	if toSend == 0 {
		return summary(out, plans, nil)
	}
	if !opts.yes {
		if !isTerminal(conn.env.In) {
			return usagef("not a terminal, so no one can confirm: pass --yes to save, or --dry-run to see the request")
		}
		yes, err := confirm(ctx, conn.env.In, errOut, fmt.Sprintf("Save these changes to %d job(s)? [y/N] ", toSend))
		if err != nil {
			return err
		}
		if !yes {
			return failed("nothing was saved: you did not answer y")
		}
	}
	results := savePlans(ctx, sess.store, plans, opts.run, bulk, copyListed)
	if err := summary(out, plans, results); err != nil {
		return err
	}
	if ctx.Err() != nil {
		// ctrl+c while the saves were in flight: they were let finish and
		// are reported above, and the exit says the user interrupted, for
		// one job as for many (exitCode makes it 130, or 143 on SIGTERM).
		return interrupted("during the save: the save(s) in flight finished and are reported above")
	}
	return sess.unrecordedError()
}

// oneJobEdits refuses --name and --description for more than one job (or
// a selection): names must differ, and one typo'd command would otherwise
// rename a fleet, each undone by a revert of its own. A description is
// refused too: one description for many jobs is a name-like label, and
// --match or --all with it is far more often a slip than a wish.
func oneJobEdits(edits []edit, targets int, sel selection) error {
	if targets <= 1 && !sel.any() {
		return nil
	}
	for _, e := range edits {
		switch e.field {
		case model.FieldName:
			return usagef("--name renames one job, and this command selects %d (names must differ): name a single job", targets)
		case model.FieldDescription:
			return usagef("--description sets one job's description, and this command selects %d: name a single job", targets)
		}
	}
	return nil
}

// startFromBases replaces each target that has a base with that base, or
// refuses, sending nothing, when the job changed since: a StaleError per
// job, with what changed.
func startFromBases(targets []*model.Job, bases map[string]*model.Job, v model.APIVersion) error {
	var stale []string
	for i, current := range targets {
		base, ok := bases[current.ID]
		if !ok {
			continue
		}
		base = base.WithEnabledOf(current) // a file from before the switch was carried
		if theirs := model.CompareJobs(base, current, v); len(theirs) > 0 {
			err := &model.StaleError{Base: base, Current: current, Theirs: theirs}
			stale = append(stale, fmt.Sprintf("%v\nchanged since the export:\n%s", err, changeLines(theirs)))
			continue
		}
		targets[i] = base
	}
	if len(stale) > 0 {
		return failed("%s\nexport the job again and redo your edit, or pass --force to apply the file over those changes",
			strings.Join(stale, "\n"))
	}
	return nil
}

// confirm asks a yes/no question; only y or yes is yes. The read runs in a
// goroutine so ctrl+c (ctx cancelled) ends the wait at once rather than
// after the next Enter. On a terminal the read is then cancelled and
// waited for: a read left pending would swallow the terminal's answer when
// fang asks it for its background colour before printing the error, and
// the program would hang there.
func confirm(ctx context.Context, in io.Reader, out io.Writer, question string) (bool, error) {
	fmt.Fprint(out, question)
	r, err := cancelreader.NewReader(in)
	if err != nil {
		return false, fmt.Errorf("reading the answer: %w", err)
	}
	defer r.Close()
	answered := make(chan string, 1)
	go func() {
		answer, _ := bufio.NewReader(r).ReadString('\n')
		answered <- answer
	}()
	select {
	case <-ctx.Done():
		if r.Cancel() { // false for readers that are not files: their read cannot be stopped
			<-answered
		}
		fmt.Fprintln(out) // end the prompt's line before the error
		return false, interrupted("at the prompt: nothing was saved")
	case answer := <-answered:
		answer = strings.ToLower(strings.TrimSpace(answer))
		return answer == "y" || answer == "yes", nil
	}
}

func shortIDs(jobs map[string]*model.Job) string {
	ids := make([]string, 0, len(jobs))
	for id := range jobs {
		ids = append(ids, shortID(id))
	}
	return strings.Join(ids, ", ")
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// writePlans prints what each plan changes; job names and errors may quote
// the server, so they go through model.SafeText.
func writePlans(w io.Writer, plans []plan) {
	for _, p := range plans {
		label := planLabel(p)
		switch {
		case p.unreadable != nil:
			fmt.Fprintf(w, "%s: unreadable, nothing will be sent:\n  %s\n", label, model.SafeLines(p.unreadable.Error()))
		case p.err != nil:
			fmt.Fprintf(w, "%s: invalid, nothing will be sent:\n  %s\n", label, model.SafeLines(p.err.Error()))
		case p.skippedAll():
			fmt.Fprintf(w, "%s: skipped, nothing will be sent: %s\n", label, strings.Join(p.skipped, "; "))
		case len(p.changes) == 0:
			fmt.Fprintf(w, "%s: already as asked\n", label)
		default:
			fmt.Fprintf(w, "%s:\n", label)
			for _, c := range p.changes {
				fmt.Fprintf(w, "  %s\n", model.SafeText(c.String()))
			}
			for _, note := range p.idle {
				fmt.Fprintf(w, "  note: %s\n", note)
			}
			if p.copyJob == nil {
				for _, warn := range p.job.Warnings(p.edit) {
					fmt.Fprintf(w, "  warning: %s\n", warn)
				}
			}
			if len(plans) <= 3 {
				writeWindowChanges(w, p)
			}
		}
		if !p.skippedAll() {
			for _, note := range p.skipped {
				fmt.Fprintf(w, "  skipped: %s\n", note)
			}
		}
	}
}

// planLabel names a plan's job in the lines before the save: name and short
// id, and the kind for a backup copy job.
func planLabel(p plan) string {
	name, id := model.SafeText(p.job.Name), model.SafeText(shortID(p.job.ID))
	if p.copyJob != nil {
		return fmt.Sprintf("%s (%s, backup copy job)", name, id)
	}
	return fmt.Sprintf("%s (%s)", name, id)
}

func writeWindowChanges(w io.Writer, p plan) {
	if p.copyJob != nil {
		if old, new := p.copyJob.Policy.Window.Hours, p.copyEdit.Policy.Window.Hours; old != new {
			fmt.Fprintln(w, "  backup copy window:")
			writeWindowDiff(w, "  ", old, new)
		}
		return
	}
	old, new := p.job.Policy, p.edit.Policy
	if old.BackupWindow.Hours != new.BackupWindow.Hours {
		fmt.Fprintln(w, "  backup window:")
		writeWindowDiff(w, "  ", old.BackupWindow.Hours, new.BackupWindow.Hours)
	}
	if old.PeriodicWindow.Hours != new.PeriodicWindow.Hours {
		fmt.Fprintln(w, "  periodic window:")
		writeWindowDiff(w, "  ", old.PeriodicWindow.Hours, new.PeriodicWindow.Hours)
	}
}

// writeDryRun prints what --dry-run would send, in one shape for each
// command line: with one job named (single), the PUT body alone, or nothing
// when nothing would be sent; with several named or a selection, always an
// array of {id, name, kind, body, skipped}, [] when nothing would be sent.
func writeDryRun(w io.Writer, plans []plan, single bool) error {
	var bodies []plan
	invalid := 0
	for _, p := range plans {
		if p.err != nil {
			invalid++
		} else if p.body != nil || p.skippedAll() {
			bodies = append(bodies, p)
		}
	}
	if single { // one job named: its PUT body alone, or nothing when none would be sent
		if len(bodies) == 1 && bodies[0].body != nil {
			_, err := fmt.Fprintf(w, "%s\n", model.SafeJSON(bodies[0].body))
			return err
		}
		if invalid > 0 {
			return usagef("the job would get an invalid schedule; see above")
		}
		return nil
	}
	// kind is "copy" for a backup copy job (PUT /vN/CopyJobs/{id});
	// skipped names the flags the job does not take, and a job that takes
	// none of them has no body.
	type entry struct {
		ID      string          `json:"id"`
		Name    string          `json:"name"`
		Kind    string          `json:"kind,omitempty"`
		Body    json.RawMessage `json:"body,omitempty"`
		Skipped []string        `json:"skipped,omitempty"`
	}
	entries := []entry{}
	for _, p := range bodies {
		e := entry{ID: p.job.ID, Name: p.job.Name, Body: p.body, Skipped: p.skipped}
		if p.copyJob != nil {
			e.Kind = kindCopy
		}
		entries = append(entries, e)
	}
	if err := writeJSON(w, entries); err != nil {
		return err
	}
	if invalid > 0 {
		return usagef("%d job(s) would get an invalid schedule; see above", invalid)
	}
	return nil
}

// writeSwitchActions says, for a dry run before v6, which jobs the save
// would switch on or off with the Action endpoint after the PUT printed:
// that PUT does not carry isEnabled (model.APIVersion.EnabledInPut).
func writeSwitchActions(w io.Writer, plans []plan, v model.APIVersion) {
	for _, p := range plans {
		if p.err != nil || p.body == nil || p.copyJob != nil {
			continue
		}
		if req := p.job.SwitchRequest(p.edit, v); req != "" {
			fmt.Fprintf(w, "%s (%s): after the PUT, %s (the %s PUT does not carry the switch)\n",
				model.SafeText(p.job.Name), model.SafeText(shortID(p.job.ID)), model.SafeText(req), v)
		}
	}
}

// result is the outcome of saving one plan.
type result struct {
	err     error
	started bool
}

// savePlans saves the plans that change something, bulk.Parallel at a
// time (jobstore.SaveJobs and SaveCopyJobs: each re-read and compared
// before its PUT, read back after it, in bulk where that pays off; bulk
// counts the backup jobs listed, copyListed the copy jobs); one failure
// never stops the rest. With run, each backup job saved is then started
// (a copy job runs after its source job).
func savePlans(ctx context.Context, store *jobstore.Store, plans []plan, run bool, bulk jobstore.Bulk, copyListed int) []result {
	results := make([]result, len(plans))
	var saves []jobstore.JobSave
	var copySaves []jobstore.CopyJobSave
	var at, copyAt []int
	for i, p := range plans {
		switch {
		case p.err != nil || p.unreadable != nil || len(p.changes) == 0:
		case p.copyJob != nil:
			copySaves = append(copySaves, jobstore.CopyJobSave{Base: p.copyJob, Edit: p.copyEdit})
			copyAt = append(copyAt, i)
		default:
			saves = append(saves, jobstore.JobSave{Base: p.job, Edit: p.edit})
			at = append(at, i)
		}
	}
	for n, err := range store.SaveJobs(ctx, saves, bulk) {
		results[at[n]].err = err
	}
	if len(copySaves) > 0 {
		copyBulk := bulk
		copyBulk.Listed = copyListed
		for n, err := range store.SaveCopyJobs(ctx, copySaves, copyBulk) {
			results[copyAt[n]].err = err
		}
	}
	if !run {
		return results
	}
	sem := make(chan struct{}, max(1, bulk.Parallel))
	var wg sync.WaitGroup
	for _, i := range append(at, copyAt...) {
		if results[i].err != nil {
			continue
		}
		start := store.StartJob
		if plans[i].copyJob != nil {
			start = store.StartCopyJob // POST /CopyJobs/{id}/start, v6–v8
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := start(ctx, plans[i].job.ID); err != nil {
				results[i].err = fmt.Errorf("saved, but starting it failed: %w", err)
				return
			}
			results[i].started = true
		}()
	}
	wg.Wait()
	return results
}

// outcome is one job's result line: its status word, what to know about it,
// and the flags it did not take.
type outcome struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Status  string   `json:"status"`
	Detail  string   `json:"detail,omitempty"`
	Skipped []string `json:"skipped,omitempty"`
}

// tally is the counts of a change, and each flag skipped with how many
// jobs skipped it, in the order first met.
type tally struct {
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Invalid   int `json:"invalid"`
	// Saves that did not end in a known state, counted apart from failed
	// (the server said no): not sent (interrupted before the PUT, or the
	// job could not be read again), unknown (sent, no answer), not read
	// back (answered, but what was stored is not verified).
	// Partly saved (before v6, one of the two requests landed): the job
	// did change, so it is neither changed nor failed.
	PartlySaved int            `json:"partlySaved"`
	NotSent     int            `json:"notSent"`
	Unknown     int            `json:"unknown"`
	NotReadBack int            `json:"notReadBack"`
	Skipped     int            `json:"skipped"`
	Skips       map[string]int `json:"skips,omitempty"`
	notes       []string
}

// outcomes sorts each plan into its outcome and counts them.
func outcomes(plans []plan, results []result) ([]outcome, tally) {
	var t tally
	out := make([]outcome, len(plans))
	for i, p := range plans {
		o := outcome{ID: p.job.ID, Name: p.job.Name, Kind: kindBackup, Status: "changed"}
		if p.copyJob != nil {
			o.Kind = kindCopy
		}
		switch {
		case p.unreadable != nil:
			o.Status, o.Detail = "failed", "unreadable: "+p.unreadable.Error()+"; nothing was sent"
			t.Failed++
		case p.err != nil:
			o.Status, o.Detail = "invalid", p.err.Error()
			t.Invalid++
		case p.skippedAll():
			o.Status = "skipped"
			t.Skipped++
		case len(p.changes) == 0:
			o.Status = "unchanged"
			t.Unchanged++
		case results != nil && results[i].err != nil:
			if note, ok := model.SavedWithNote(results[i].err); ok {
				// Saved: every field edited shows; the note says what
				// someone else changed meanwhile.
				o.Detail = note
				t.Changed++
				break
			}
			o.Status, o.Detail = describeSaveError(results[i].err)
			switch o.Status {
			case "partly saved":
				t.PartlySaved++
			case "not sent":
				t.NotSent++
			case "unknown":
				t.Unknown++
			case "not read back":
				t.NotReadBack++
			default:
				t.Failed++
			}
		default:
			t.Changed++
			if results != nil && results[i].started {
				o.Status = "changed, started"
			}
			o.Detail = strings.Join(p.idle, "; ")
		}
		if p.unreadable == nil && p.err == nil {
			o.Skipped = p.skipped
			for _, note := range p.skipped {
				if t.Skips == nil {
					t.Skips = map[string]int{}
				}
				if t.Skips[note] == 0 {
					t.notes = append(t.notes, note)
				}
				t.Skips[note]++
			}
		}
		out[i] = o
	}
	return out, t
}

// exitError is the exit a change's counts make: any failure 1, invalid
// input with nothing sent 2.
func (t tally) exitError(jobs int) error {
	switch {
	case t.Failed > 0 || t.PartlySaved > 0 || t.NotSent > 0 || t.Unknown > 0 || t.NotReadBack > 0:
		return &ExitError{Code: ExitFailed, Err: fmt.Errorf("%d of %d job(s) not saved or not verified: %s", t.Failed+t.PartlySaved+t.NotSent+t.Unknown+t.NotReadBack, jobs, t.unsaved())}
	case t.Invalid > 0 && t.Changed == 0:
		return usagef("%d job(s) would get an invalid schedule; nothing was sent for them", t.Invalid)
	case t.Invalid > 0:
		return &ExitError{Code: ExitFailed, Err: fmt.Errorf("%d job(s) would get an invalid schedule; nothing was sent for them", t.Invalid)}
	}
	return nil
}

type count struct {
	n    int
	word string
}

// unsettled counts the saves that are neither saved nor refused, as the
// summary words them; those at zero are left out.
func (t tally) unsettled() []count {
	var out []count
	for _, c := range []count{{t.PartlySaved, "partly saved"}, {t.NotReadBack, "answered but not read back"}, {t.Unknown, "unknown"}, {t.NotSent, "not sent"}} {
		if c.n > 0 {
			out = append(out, c)
		}
	}
	return out
}

// unsaved words the counts of every save that did not end saved.
func (t tally) unsaved() string {
	parts := []string{}
	if t.Failed > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", t.Failed))
	}
	for _, c := range t.unsettled() {
		parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
	}
	return strings.Join(parts, ", ")
}

// summarizeResults prints a line a job and a summary; any failure makes the
// exit code 1, and invalid input with nothing sent makes it 2.
func summarizeResults(w io.Writer, plans []plan, results []result) error {
	jobs, t := outcomes(plans, results)
	fmt.Fprintln(w)
	for _, o := range jobs {
		detail := o.Detail
		switch {
		case o.Status == "skipped":
			detail = strings.Join(o.Skipped, "; ")
		case detail == "" && len(o.Skipped) > 0:
			detail = "skipped " + strings.Join(o.Skipped, "; ")
		case strings.HasPrefix(o.Status, "changed") && len(o.Skipped) > 0:
			detail += "; skipped " + strings.Join(o.Skipped, "; ")
		}
		name := model.SafeText(o.Name)
		if detail != "" {
			fmt.Fprintf(w, "%-10s %s: %s\n", o.Status, name, strings.ReplaceAll(model.SafeLines(detail), "\n", "\n           "))
		} else {
			fmt.Fprintf(w, "%-10s %s\n", o.Status, name)
		}
	}
	fmt.Fprintf(w, "%d changed, %d unchanged, %d failed, %d invalid", t.Changed, t.Unchanged, t.Failed, t.Invalid)
	if t.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped", t.Skipped)
	}
	for _, c := range t.unsettled() {
		fmt.Fprintf(w, ", %d %s", c.n, c.word)
	}
	fmt.Fprintln(w)
	for _, note := range t.notes {
		fmt.Fprintf(w, "skipped: %s (%d job(s))\n", note, t.Skips[note])
	}
	return t.exitError(len(plans))
}

// summarizeJSON is summarizeResults for set --json: {"jobs": [...], and
// the counts}, with the same exit code.
func summarizeJSON(w io.Writer, plans []plan, results []result) error {
	jobs, t := outcomes(plans, results)
	if err := writeJSON(w, struct {
		Jobs []outcome `json:"jobs"`
		tally
	}{jobs, t}); err != nil {
		return err
	}
	return t.exitError(len(plans))
}
