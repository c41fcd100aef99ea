package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// Backup copy jobs in show and set. A ref (id or exact name) is looked up
// among the copy jobs and, unless --kind says which, among the backup jobs
// too: a ref both kinds answer to is an error naming each.

// flagUse is one use of an edit flag as typed, kept so a copy job's edits
// can be built from the same command line: the backup job edits are parsed
// into model.Settings at flag time, and copy jobs take other values
// (--type Immediate) and fewer flags.
type flagUse struct {
	name, value string
	// field is where the value came from when not a flag: "c.json:
	// dailyTime" for apply's file; errors name it instead of the flag.
	field string
}

// label is how errors name the use: its flag, or the file's field.
func (u flagUse) label() string {
	if u.field != "" {
		return u.field
	}
	return "--" + u.name
}

// copyOnly marks an edit whose value exists only for copy jobs (--type
// Immediate): it has no apply for a backup job.
func copyOnly(name, value string) edit { return edit{field: "--" + name + " " + value} }

// notForBackupJobs is the usage error for an edit only copy jobs take,
// given for a backup job: "--type Immediate is for backup copy jobs only;
// backup jobs take Daily or Periodically".
func notForBackupJobs(e edit) error {
	if strings.HasPrefix(e.field, "--type ") {
		return usagef("%s is for backup copy jobs only; backup jobs take %s", e.field, orList(enumNames(model.ScheduleTypes())))
	}
	return usagef("%s is for backup copy jobs only", e.field)
}

// orList is "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// resolveRefs finds each job refs name, of either kind (resolveJob), each
// once, and plans the copy jobs' edits from uses: a flag a named copy job
// does not have, or an edit a named backup job cannot take, is a usage
// error naming it (named jobs are never skipped silently).
func resolveRefs(ctx context.Context, sess *session, errOut io.Writer, refs []string, kind string, edits []edit, uses []flagUse) (targets []*model.Job, copyPlans []plan, err error) {
	seen := map[string]bool{}
	var copies []*model.CopyJob
	for _, ref := range refs {
		job, cj, err := resolveJob(ctx, sess, errOut, ref, kind)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case job != nil && !seen[strings.ToLower(job.ID)]:
			seen[strings.ToLower(job.ID)] = true
			targets = append(targets, job)
		case cj != nil && !seen[strings.ToLower(cj.ID)]:
			seen[strings.ToLower(cj.ID)] = true
			copies = append(copies, cj)
		}
	}
	if len(targets) > 0 {
		for _, e := range edits {
			if e.apply == nil {
				return nil, nil, notForBackupJobs(e)
			}
		}
	}
	if len(copies) > 0 {
		var scratch model.CopySettings // a value no copy job takes is refused before any plan
		for _, u := range uses {
			if err := copyEdit(u, &scratch); err != nil {
				return nil, nil, err
			}
		}
	}
	return targets, makeCopyPlans(copies, uses, sess.store.APIVersion()), nil
}

// parseKind reads --kind.
func parseKind(s string) (string, error) {
	switch strings.ToLower(s) {
	case "":
		return "", nil
	case kindBackup, kindCopy:
		return strings.ToLower(s), nil
	}
	return "", usagef("--kind %q is not one of backup, copy", s)
}

// findCopyJob reads the copy job ref names: by id with one GET when ref is
// shaped like an id, else by exact name in the list. nil when none.
func findCopyJob(ctx context.Context, store *jobstore.Store, ref string) (*model.CopyJob, error) {
	if !store.APIVersion().HasCopyJobs() {
		return nil, nil
	}
	if model.LooksLikeJobID(ref) {
		j, err := store.GetCopyJob(ctx, ref)
		if err == nil || !apiclient.IsNotFound(err) {
			return j, err
		}
	}
	jobs, err := store.ListCopyJobs(ctx)
	if len(decodeErrors(err)) == 0 && err != nil {
		return nil, err
	}
	return copyByName(jobs, ref)
}

// copyByName is the copy job named exactly ref, nil when none; two so
// named is a usage error asking for the id.
func copyByName(copies []*model.CopyJob, ref string) (*model.CopyJob, error) {
	var found *model.CopyJob
	for _, j := range copies {
		if j.Name == ref {
			if found != nil {
				return nil, usagef("two backup copy jobs are named %q (%s, %s): name one by its id", model.SafeText(ref), found.ID, j.ID)
			}
			found = j
		}
	}
	return found, nil
}

// resolveJob finds the one job ref names, of either kind (kind narrows it):
// an id first, with one GET /Jobs/{id} and, only when no backup job has
// it, one GET /CopyJobs/{id}, so an id needs no list and a backup job's
// does not touch copy jobs at all; an exact id wins over names of either
// kind. A name is looked up in the backup job list and, on v6 and later,
// the copy job list; a name both kinds answer to is a usage error naming
// each. When the copy jobs cannot be read, a name a backup job has still
// works (note on errOut); one no backup job has fails saying the copy jobs
// could not be read. Exactly one of job and cj is set when err is nil.
func resolveJob(ctx context.Context, sess *session, errOut io.Writer, ref, kind string) (job *model.Job, cj *model.CopyJob, err error) {
	v := sess.store.APIVersion()
	hasCopies := v.HasCopyJobs() && kind != kindBackup
	if kind == kindCopy && !v.HasCopyJobs() {
		return nil, nil, usagef("no backup copy job has the id or name %q: this server speaks %s, and backup copy jobs came with v6",
			model.SafeText(ref), v)
	}
	if model.LooksLikeJobID(ref) {
		if kind != kindCopy {
			j, ok, err := sess.store.JobByID(ctx, ref)
			if err != nil || ok {
				sess.remember(j)
				return j, nil, err
			}
		}
		if hasCopies {
			c, err := sess.store.GetCopyJob(ctx, ref)
			if err == nil {
				return nil, c, nil
			}
			if !apiclient.IsNotFound(err) {
				if kind == kindCopy {
					return nil, nil, err
				}
				return nil, nil, failed("no backup job has the id %s, and the backup copy job with that id could not be read: %v", model.SafeText(ref), err)
			}
		}
	}
	var backup *model.Job
	var unreadable error
	var notFound error
	if kind != kindCopy {
		jobs, bad, err := sess.listJobs(ctx)
		if err != nil {
			return nil, nil, err
		}
		unreadable = bad
		if backup, notFound = model.FindJob(jobs, ref); notFound != nil {
			var amb *model.AmbiguousJobError
			if errors.As(notFound, &amb) {
				return nil, nil, usage(notFound)
			}
		}
	}
	var copyErr error
	if hasCopies {
		copies, err := sess.store.ListCopyJobs(ctx)
		if err != nil && len(decodeErrors(err)) == 0 {
			copyErr = err
		} else if cj, err = copyByName(copies, ref); err != nil {
			return nil, nil, err
		}
	}
	switch {
	case copyErr != nil && kind == kindCopy:
		return nil, nil, fmt.Errorf("listing backup copy jobs to find %q: %w", model.SafeText(ref), copyErr)
	case copyErr != nil && backup == nil:
		return nil, nil, failed("no backup job has the id or name %q, and the backup copy jobs could not be read, so it may name one: %v",
			model.SafeText(ref), copyErr)
	case copyErr != nil:
		fmt.Fprintf(errOut, "note: the backup copy jobs could not be read (%v); %q is the backup job %s\n",
			copyErr, model.SafeText(ref), backup.ID)
	case backup != nil && cj != nil:
		return nil, nil, usagef("%q names both a backup job (%s) and a backup copy job (%s): add --kind backup or --kind copy",
			model.SafeText(ref), backup.ID, cj.ID)
	}
	switch {
	case backup != nil:
		return backup, nil, nil
	case cj != nil:
		return nil, cj, nil
	case kind == kindCopy:
		return nil, nil, usagef("no backup copy job has the id or name %q: see `vbosched jobs`", model.SafeText(ref))
	case unreadable != nil: // perhaps it was one of the jobs that did not decode
		return nil, nil, fmt.Errorf("%v\n%w", notFound, unreadable)
	}
	return nil, nil, usage(notFound)
}

// writeCopyJob prints a copy job for people.
func writeCopyJob(w io.Writer, j *model.CopyJob, source string, v model.APIVersion) {
	safe := model.SafeText
	p := j.Policy
	fmt.Fprintf(w, "%s\n", safe(j.Name))
	for _, problem := range j.Problems() {
		fmt.Fprintf(w, "  ! %s\n", problem)
	}
	fmt.Fprintf(w, "  kind          backup copy job\n")
	fmt.Fprintf(w, "  id            %s\n", safe(j.ID))
	fmt.Fprintf(w, "  copies        %s (%s)\n", safe(orDash(source)), safe(j.BackupJobID))
	fmt.Fprintf(w, "  enabled       %s, last status %s\n", onOff(j.IsEnabled), safe(orDash(j.LastStatus)))
	fmt.Fprintf(w, "  schedule      %s\n", p.Describe())
	words := p.DescribeWindowWords(v)
	fmt.Fprintf(w, "\n%s\n  %s\n", words.Title, words.Hours)
	if p.Window.Problem != "" {
		fmt.Fprintf(w, "  ! %s\n", p.Window.Problem)
		return
	}
	writeReadableGrid(w, p.Window)
}

// copyEdit applies one flag use to a copy job's settings, or says, as a
// usage error naming the flag, that copy jobs do not have it.
func copyEdit(u flagUse, st *model.CopySettings) error {
	p := &st.Policy
	refuse := func(err error) error { // a model rule's refusal, said of the file's field when from a file
		if u.field != "" {
			return usagef("%s: %v", u.field, err)
		}
		return usage(err)
	}
	switch u.name {
	case "type":
		t, err := model.ParseCopyScheduleType(u.value)
		if err != nil {
			return usagef("%s for a backup copy job: %v", u.label(), err)
		}
		p.Type = t
	case "every":
		iv, err := model.ParseInterval(u.value)
		if err != nil {
			return refuse(err)
		}
		p.Every = iv
	case "daily-type":
		d, err := model.ParseDailyType(u.value)
		if err != nil {
			return refuse(err)
		}
		p.DailyType = d
	case "daily-time":
		c, err := model.ParseDailyTime(u.value)
		if err != nil {
			return refuse(err)
		}
		p.DailyTime = c
	case "window", "allow", "deny":
		hours, err := model.ParseWindow(u.value)
		if err != nil {
			return usagef("%s: %v", u.label(), err)
		}
		for _, op := range windowOps() {
			if op.flag() == u.name {
				op.applyTo(&p.Window.Hours, hours)
			}
		}
	case "window-enabled", "enabled":
		b, err := strconv.ParseBool(u.value)
		if err != nil {
			return usagef("%s %q is not true or false", u.label(), u.value)
		}
		if u.name == "enabled" {
			st.IsEnabled = b
		} else {
			p.WindowEnabled = b
		}
	default:
		return usagef("--%s is not a setting of backup copy jobs (they take --type, --every, --daily-type, --daily-time, --window, --allow, --deny, --window-enabled and --enabled)", u.name)
	}
	return nil
}

// setCopyJob is set for one backup copy job: plan, show, confirm, save,
// read back, with set's words and exit codes.
func setCopyJob(cmd *cobra.Command, conn *connection, sess *session, job *model.CopyJob, uses []flagUse, opts changeOptions) error {
	st := job.Settings()
	for _, u := range uses {
		if err := copyEdit(u, &st); err != nil {
			return err
		}
	}
	return saveCopySettings(cmd, conn, sess, job, st, opts)
}

// saveCopySettings shows the changes from job to st, asks, saves through
// jobstore.SaveCopyJob (re-read, stale check, read-back, audit) and says how
// it ended: set, apply and revert of a backup copy job.
func saveCopySettings(cmd *cobra.Command, conn *connection, sess *session, job *model.CopyJob, st model.CopySettings, opts changeOptions) error {
	ctx := cmd.Context()
	out := cmd.OutOrStdout()
	v := sess.store.APIVersion()
	changes := model.CopyChanges(job.Settings(), st)
	lines, summary := out, summarizeResults
	if opts.asJSON {
		lines, summary = cmd.ErrOrStderr(), summarizeJSON
	}
	if opts.dryRun { // stdout is the PUT body alone, as for backup jobs
		lines = cmd.ErrOrStderr()
	}
	p := copyPlan(job)
	p.copyEdit, p.changes, p.tookAny = st, changes, true
	p.noteIdle()
	fmt.Fprintf(lines, "%s:\n", model.SafeText(job.Label()))
	for _, c := range changes {
		fmt.Fprintf(lines, "  %s\n", model.SafeText(c.String()))
	}
	for _, note := range p.idle {
		fmt.Fprintf(lines, "  note: %s\n", note)
	}
	if len(changes) == 0 {
		fmt.Fprintf(lines, "  no change\n")
		if opts.dryRun {
			return nil
		}
		return summary(out, []plan{p}, nil)
	}
	body, err := job.PutBody(st, v)
	if err != nil {
		return refused(err)
	}
	if opts.dryRun {
		_, err := fmt.Fprintf(out, "%s\n", model.SafeJSON(body))
		return err
	}
	if !opts.yes {
		if !isTerminal(conn.env.In) {
			return usagef("not a terminal, so no one can confirm: pass --yes to save, or --dry-run to see the request")
		}
		yes, err := confirm(ctx, conn.env.In, cmd.ErrOrStderr(), "Save these changes to 1 backup copy job? [y/N] ")
		if err != nil {
			return err
		}
		if !yes {
			return failed("nothing was saved: you did not answer y")
		}
	}
	_, err = sess.store.SaveCopyJob(ctx, job, st)
	if err := summary(out, []plan{p}, []result{{err: err}}); err != nil {
		return err
	}
	return sess.unrecordedError()
}

// showCopyJob is show for a backup copy job.
func showCopyJob(cmd *cobra.Command, conn *connection, sess *session, cj *model.CopyJob, asJSON bool) error {
	ctx := cmd.Context()
	v := sess.store.APIVersion()
	warnings, runs, noRuns := copyConsequences(cj, v, conn.env.now())
	// The source backup job's warnings, as the editor and lint give them
	// (model.CopyJob.SourceWarnings): missing only when the server says no
	// job has its id; a source that cannot be read is not called missing.
	source := ""
	src, found, err := sess.store.JobByID(ctx, cj.BackupJobID)
	if err == nil {
		if found {
			source = src.Name
		} else {
			src = nil
		}
		for _, w := range cj.SourceWarnings(src) {
			warnings = append(warnings, w.Text)
		}
	}
	if asJSON {
		rows := summarizeCopies(ctx, sess.store, []*model.CopyJob{cj}, []jobSummary{{ID: cj.BackupJobID, Name: source}})
		doc := struct {
			jobSummary
			Warnings []string `json:"warnings"`
			NextRuns []string `json:"nextRuns"`         // RFC 3339, on the server's clock
			NoRuns   string   `json:"noRuns,omitempty"` // why nextRuns is empty
			Document any      `json:"document"`
		}{rows[0], warnings, []string{}, noRuns, cj.Raw()}
		for _, r := range runs {
			doc.NextRuns = append(doc.NextRuns, r.At.Format(time.RFC3339))
		}
		return writeJSON(cmd.OutOrStdout(), doc)
	}
	writeCopyJob(cmd.OutOrStdout(), cj, source, v)
	writeConsequencesOf(cmd.OutOrStdout(), warnings, runs, noRuns, cj.Policy.Window.MinuteOffset, "backup copy window")
	return nil
}
