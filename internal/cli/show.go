package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/model"
)

// findOne connects and resolves one job of either kind by id or exact
// name (resolveJob): one session, one GET for an id.
func findOne(cmd *cobra.Command, conn *connection, ref, kind string) (*session, *model.Job, *model.CopyJob, error) {
	sess, err := conn.open(cmd.Context())
	if err != nil {
		return nil, nil, nil, err
	}
	job, cj, err := resolveJob(cmd.Context(), sess, cmd.ErrOrStderr(), ref, kind)
	if err != nil {
		sess.close()
		return nil, nil, nil, err
	}
	return sess, job, cj, nil
}

// jobsByID reads the jobs refs name one by one when every ref is the id of
// a job and no filter selects more: then set needs no list. ok is false
// when the list is needed after all.
func jobsByID(ctx context.Context, sess *session, refs []string, sel selection) (jobs []*model.Job, ok bool, err error) {
	if len(refs) == 0 || sel.any() {
		return nil, false, nil
	}
	seen := map[string]bool{}
	for _, ref := range refs {
		j, ok := sess.known[strings.ToLower(ref)]
		if !ok {
			if j, ok, err = sess.store.JobByID(ctx, ref); err != nil || !ok {
				return nil, false, err
			}
		}
		if !seen[j.ID] { // each once, as resolve does
			seen[j.ID] = true
			jobs = append(jobs, j)
		}
	}
	return jobs, true, nil
}

func newShowCommand(conn *connection) *cobra.Command {
	var asJSON bool
	var kindFlag string
	cmd := &cobra.Command{
		Use:               "show JOB",
		Short:             "Show a job's schedule in words and its windows as a 7×24 grid",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			sess, job, cj, err := findOne(cmd, conn, args[0], kind)
			if err != nil {
				return err
			}
			defer sess.close()
			if cj != nil {
				return showCopyJob(cmd, conn, sess, cj, asJSON)
			}
			out := cmd.OutOrStdout()
			v := sess.store.APIVersion()
			if asJSON {
				warnings, runs, noRuns := consequences(job, v, conn.env.now())
				doc := struct {
					jobSummary
					Schedule scheduleDoc `json:"schedulePolicy"`
					Warnings []string    `json:"warnings"`
					NextRuns []string    `json:"nextRuns"`         // RFC 3339, on the server's clock
					NoRuns   string      `json:"noRuns,omitempty"` // why nextRuns is empty
				}{summarize(ctx, sess.store, job), docFromPolicy(job.Policy, v), warnings, []string{}, noRuns}
				for _, r := range runs {
					doc.NextRuns = append(doc.NextRuns, r.At.Format(time.RFC3339))
				}
				doc.jobSummary.Schedule = job.Policy.Describe()
				return writeJSON(out, doc)
			}
			writeJob(out, job, sess.store.OrganizationName(ctx, job.OrganizationID), v)
			writeConsequences(out, job, v, conn.env.now())
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&kindFlag, "kind", "", "which kind of job a name means when both have it: backup or copy")
	return cmd
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// writeJob prints a job for people; every string the server sent goes
// through model.SafeText.
func writeJob(w io.Writer, j *model.Job, org string, v model.APIVersion) {
	p := j.Policy
	safe := model.SafeText
	fmt.Fprintf(w, "%s\n", safe(j.Name))
	for _, problem := range j.Problems() { // already terminal-safe
		fmt.Fprintf(w, "  ! %s\n", problem)
	}
	fmt.Fprintf(w, "  id            %s\n", safe(j.ID))
	fmt.Fprintf(w, "  organization  %s\n", safe(org))
	fmt.Fprintf(w, "  enabled       %s, last status %s, next run %s\n", onOff(j.IsEnabled), safe(orDash(j.LastStatus)), safe(formatTime(j.NextRun)))
	fmt.Fprintf(w, "  schedule      %s\n", p.Describe())
	if p.RetryEnabled {
		fmt.Fprintf(w, "  retry         %d times, %d minutes apart\n", p.RetryNumber, p.RetryWaitMinutes)
	} else {
		fmt.Fprintf(w, "  retry         off\n")
	}
	words := p.DescribeWindowWords(model.BackupWindowKind, v)
	fmt.Fprintf(w, "\n%s\n  %s\n", words.Title, words.Hours)
	writeReadableGrid(w, p.BackupWindow)
	if p.HasPeriodicWindow {
		words := p.DescribeWindowWords(model.PeriodicWindowKind, v)
		fmt.Fprintf(w, "\n%s\n  %s\n", words.Title, words.Hours)
		if v.HasPeriodicWindowSwitch() { // before v7 the title says it
			fmt.Fprintln(w, "  for runs every 1 hour or more")
		}
		writeReadableGrid(w, p.PeriodicWindow)
	}
}

// nextRunsShown is how many runs show previews, as the editor does.
const nextRunsShown = 5

// consequences is what the schedule will do, as the editor shows it: the
// warnings of model.Job.EditWarnings (a start the window holds back, a
// window that terminates runs early, a setting the server ignores), and
// the next runs on the server's clock or why there are none.
func consequences(j *model.Job, v model.APIVersion, now time.Time) (warnings []string, runs []model.Run, noRuns string) {
	return consequencesOf(j.EditWarnings(j.Settings(), v), j.WhyNoRuns(j.Settings(), v), j.Policy, v, now)
}

// copyConsequences is consequences for a backup copy job: its warnings,
// and its next runs worked out on its schedule as a backup job's
// (CopyPolicy.AsSchedule).
func copyConsequences(j *model.CopyJob, v model.APIVersion, now time.Time) (warnings []string, runs []model.Run, noRuns string) {
	return consequencesOf(j.EditWarnings(j.Settings(), v), j.WhyNoRuns(j.Settings(), v), j.Policy.AsSchedule(), v, now)
}

func consequencesOf(ws []model.Warning, why string, p model.SchedulePolicy, v model.APIVersion, now time.Time) (warnings []string, runs []model.Run, noRuns string) {
	warnings = []string{} // none is [] in JSON, not null
	for _, w := range ws {
		warnings = append(warnings, w.Text)
	}
	if why != "" {
		return warnings, nil, why
	}
	offset := serverOffset(p)
	runs = model.NextRuns(p, v, now.In(time.FixedZone(model.UTCOffset(offset), offset*60)), nextRunsShown)
	return warnings, runs, ""
}

func writeConsequences(w io.Writer, j *model.Job, v model.APIVersion, now time.Time) {
	warnings, runs, noRuns := consequences(j, v, now)
	writeConsequencesOf(w, warnings, runs, noRuns, serverOffset(j.Policy), "backup window")
}

func writeConsequencesOf(w io.Writer, warnings []string, runs []model.Run, noRuns string, offset int, window string) {
	fmt.Fprintln(w)
	if len(warnings) == 0 {
		fmt.Fprintln(w, "No warnings: the job runs as scheduled.")
	}
	for _, warn := range warnings {
		fmt.Fprintf(w, "warning: %s\n", model.SafeText(warn))
	}
	if noRuns != "" {
		fmt.Fprintf(w, "No runs: %s\n", noRuns)
		return
	}
	fmt.Fprintf(w, "Next runs (%s):\n", model.ZoneWords(offset))
	for _, r := range runs {
		// With the date: a weekly job's five runs are five Fridays.
		line := r.At.Format("Mon 2006-01-02 15:04")
		if r.Delayed() {
			line += " (held back by the " + window + " from " + r.Scheduled.Format("Mon 15:04") + ")"
		}
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// serverOffset is the server's offset from UTC in minutes, from the
// backup window's minuteOffset or else the periodic window's; 0 when the
// server does not say, and the hours are then read as UTC's.
func serverOffset(p model.SchedulePolicy) int {
	if p.BackupWindow.MinuteOffset != 0 {
		return p.BackupWindow.MinuteOffset
	}
	return p.PeriodicWindow.MinuteOffset
}

// writeReadableGrid draws a window's grid, but not for a window that could
// not be read: an empty grid would look like hours nobody allowed.
func writeReadableGrid(w io.Writer, ws model.WindowSettings) {
	if ws.Problem == "" {
		writeWindowGrid(w, "  ", ws.Hours)
	}
}

func newExportCommand(conn *connection) *cobra.Command {
	var kindFlag string
	cmd := &cobra.Command{
		Use:   "export JOB",
		Short: "Print a job's schedule and windows as JSON, for apply",
		Long: `export prints the schedule and windows of a backup job, or the settings of a
backup copy job ("kind": "copy"), as JSON for apply. It leaves the job's
on/off switch out, so applying a file never enables or disables a job; add
"isEnabled": true or false to a file to do that on purpose.`,
		Example: `  vbosched export "Exchange nightly" > nightly.json
  vbosched export --kind copy "Exchange nightly – archive" > archive.json`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			sess, job, cj, err := findOne(cmd, conn, args[0], kind)
			if err != nil {
				return err
			}
			defer sess.close()
			if cj != nil {
				return exportCopyJob(cmd, sess, cj)
			}
			// A schedule exported to be applied elsewhere must be whole:
			// a part vbosched could not read cannot be carried.
			if probs := job.Problems(); len(probs) > 0 {
				return failed("%s cannot be exported: %s", model.SafeText(job.Label()), strings.Join(probs, "; "))
			}
			doc := docFromPolicy(job.Policy, sess.store.APIVersion())
			doc.Kind = kindBackup
			doc.ExportedFrom = job.CarriedDocument(sess.store.APIVersion())
			doc.ExportedFromServer = sess.store.Label()
			_, err = fmt.Fprint(cmd.OutOrStdout(), doc)
			return err
		},
	}
	cmd.Flags().StringVar(&kindFlag, "kind", "", "which kind of job a name means when both have it: backup or copy")
	return cmd
}

func newApplyCommand(conn *connection) *cobra.Command {
	var file, kindFlag string
	var force bool
	var sel selection
	var opts changeOptions
	cmd := &cobra.Command{
		Use:   "apply -f FILE [JOB...]",
		Short: "Apply a schedule exported with export to other jobs, or back to its own",
		Long: `apply sets what a file of export holds on the jobs named, and nothing else:
a field left out of the file is left as it is on each job. A backup job's
file applies to backup jobs (one, many, or a selection); a backup copy job's
file ("kind": "copy") applies to one backup copy job, named by id or name.
Either onto the other kind is refused. Applied back to the job it was
exported from, the file is refused if that job changed since the export
(--force applies it anyway). "isEnabled": true or false in a file enables
or disables the jobs; export never writes it.`,
		Example: `  vbosched export "Exchange nightly" > nightly.json
  vbosched apply -f nightly.json --match '^Exchange'
  vbosched apply -f archive.json --kind copy "Exchange nightly – archive"`,
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if file == "" {
				return usagef("apply needs -f FILE (use - for standard input)")
			}
			if len(args) > 0 && sel.any() {
				// set's rule: a name never widens to a selection.
				return usagef("apply takes jobs named by id or name, or a selection (--all, --organization, --match) without names, not both: drop the names to apply the file to every job the selection holds, or the selection to apply it to the named jobs")
			}
			var r io.Reader = conn.env.In
			if file != "-" {
				f, err := os.Open(file)
				if err != nil {
					return usage(err)
				}
				defer f.Close()
				r = f
			}
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			doc, copyDoc, err := readScheduleFile(r, file)
			if err != nil {
				return err
			}
			if copyDoc != nil {
				return applyCopyFile(cmd, conn, *copyDoc, file, args, sel, kind, force, opts)
			}
			edits, err := doc.edits()
			if err != nil {
				return err
			}
			if len(doc.ExportedFrom) > 0 && !force {
				exported, err := model.DecodeJob(doc.ExportedFrom)
				if err != nil {
					return usagef("%s: exportedFrom: %v", file, err)
				}
				opts.bases = map[string]*model.Job{exported.ID: exported}
				opts.basesServer = doc.ExportedFromServer
			}
			if err := refuseCopyTargets(cmd, conn, args, kind, file); err != nil {
				return err
			}
			return changeJobs(cmd, conn, args, sel, opts, edits)
		},
	}
	cmd.Flags().StringVarP(&file, "file", "f", "", "schedule file from export (- for standard input)")
	cmd.Flags().BoolVar(&force, "force", false, "apply the file to the job it was exported from even if that job changed since the export")
	cmd.Flags().StringVar(&kindFlag, "kind", "", "which kind of job a name means when both have it: backup or copy")
	sel.addFlags(cmd.Flags())
	opts.addFlags(cmd.Flags())
	return cmd
}

// completeJobs completes job names from the server, when one is configured
// and answers quickly; never from the demo.
func (c *connection) completeJobs(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	s, err := c.resolve()
	// Completion must never prompt: only with a password at hand.
	hasPassword := c.env.Getenv("VBO_PASSWORD") != "" || s.profile.PasswordFile != ""
	if err != nil || s.profile.Server == "" || c.demo || !hasPassword {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	sess, err := c.open(cmd.Context())
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer sess.close()
	jobs, _, _ := sess.listJobs(cmd.Context())
	names := make([]string, 0, len(jobs))
	for _, j := range jobs {
		// The shell prints candidates raw: a name with control characters
		// could drive the terminal, and could not be typed anyway.
		if model.SafeText(j.Name) == j.Name {
			names = append(names, j.Name)
		}
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
