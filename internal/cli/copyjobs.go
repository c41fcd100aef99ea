package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

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
type flagUse struct{ name, value string }

// copyOnly marks an edit whose value exists only for copy jobs (--type
// Immediate): it has no apply for a backup job.
func copyOnly(name string) edit { return edit{field: "--" + name} }

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
	var found *model.CopyJob
	for _, j := range jobs {
		if j.Name == ref {
			if found != nil {
				return nil, usagef("two backup copy jobs are named %q (%s, %s): name one by its id", model.SafeText(ref), found.ID, j.ID)
			}
			found = j
		}
	}
	return found, nil
}

// resolveCopyRef decides whether ref is a copy job for show and set: the
// copy job, or nil to go on with backup jobs. A ref both kinds answer to,
// without --kind, is a usage error listing both.
func resolveCopyRef(ctx context.Context, sess *session, ref, kind string) (*model.CopyJob, error) {
	if kind == kindBackup {
		return nil, nil
	}
	cj, err := findCopyJob(ctx, sess.store, ref)
	if err != nil || cj == nil {
		if err == nil && kind == kindCopy {
			return nil, usagef("no backup copy job has the id or name %q: see `vbosched jobs`", model.SafeText(ref))
		}
		return nil, err
	}
	if kind == kindCopy {
		return cj, nil
	}
	var backup *model.Job
	if j, ok, err := sess.store.JobByID(ctx, ref); err == nil && ok {
		backup = j
	} else if jobs, _, err := sess.listJobs(ctx); err == nil {
		backup, _ = model.FindJob(jobs, ref)
	}
	if backup != nil {
		return nil, usagef("%q names both a backup job (%s) and a backup copy job (%s): add --kind backup or --kind copy",
			model.SafeText(ref), backup.ID, cj.ID)
	}
	return cj, nil
}

// writeCopyJob prints a copy job for people.
func writeCopyJob(w io.Writer, j *model.CopyJob, source string) {
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
	fmt.Fprintf(w, "\nBackup copy window: %s\n  %s\n", onOff(p.WindowEnabled), p.Window.Hours.String())
	if p.Window.Problem != "" {
		fmt.Fprintf(w, "  ! %s\n", p.Window.Problem)
		return
	}
	writeReadableGrid(w, p.Window)
}

func sourceName(ctx context.Context, store *jobstore.Store, id string) string {
	if j, err := store.GetJob(ctx, id); err == nil {
		return j.Name
	}
	return ""
}

// copyEdit applies one flag use to a copy job's settings, or says, as a
// usage error naming the flag, that copy jobs do not have it.
func copyEdit(u flagUse, st *model.CopySettings) error {
	p := &st.Policy
	switch u.name {
	case "type":
		t, err := model.ParseCopyScheduleType(u.value)
		if err != nil {
			return usagef("--type for a backup copy job: %v", err)
		}
		p.Type = t
	case "every":
		iv, err := model.ParseInterval(u.value)
		if err != nil {
			return refused(err)
		}
		p.Every = iv
	case "daily-type":
		d, err := model.ParseDailyType(u.value)
		if err != nil {
			return refused(err)
		}
		p.DailyType = d
	case "daily-time":
		c, err := model.ParseDailyTime(u.value)
		if err != nil {
			return refused(err)
		}
		p.DailyTime = c
	case "window", "allow", "deny":
		hours, err := model.ParseWindow(u.value)
		if err != nil {
			return usagef("--%s: %v", u.name, err)
		}
		for _, op := range windowOps() {
			if op.flag() == u.name {
				op.applyTo(&p.Window.Hours, hours)
			}
		}
	case "window-enabled", "enabled":
		b, err := strconv.ParseBool(u.value)
		if err != nil {
			return usagef("--%s %q is not true or false", u.name, u.value)
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
	p := copyPlan(job)
	p.copyEdit, p.changes, p.tookAny = st, changes, true
	fmt.Fprintf(lines, "%s:\n", model.SafeText(job.Label()))
	for _, c := range changes {
		fmt.Fprintf(lines, "  %s\n", model.SafeText(c.String()))
	}
	if len(changes) == 0 {
		fmt.Fprintf(lines, "  no change\n")
		return summary(out, []plan{p}, nil)
	}
	body, err := job.PutBody(st, v)
	if err != nil {
		return refused(err)
	}
	if opts.dryRun {
		fmt.Fprintf(out, "PUT /%s/CopyJobs/%s\n%s\n", v, job.ID, body)
		return nil
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

// setCopyJobs handles set when its one ref is a backup copy job; done is
// false when the command is about backup jobs and changeJobs goes on.
// Selections (--all, --organization, --match) pick both kinds
// (set_copies.go); several refs, or refs with a selection, name backup jobs.
func setCopyJobs(cmd *cobra.Command, conn *connection, refs []string, sel selection, kind string, uses []flagUse, opts changeOptions) (done bool, err error) {
	if kind == kindBackup {
		return false, nil
	}
	if sel.any() && len(refs) == 0 {
		return false, nil // a selection of either kind: changeJobs (set_copies.go)
	}
	if sel.any() || len(refs) != 1 {
		if kind == kindCopy {
			return true, usagef("set --kind copy takes one backup copy job named by id or name, or a selection (--all, --organization, --match) without names")
		}
		return false, nil
	}
	ctx := cmd.Context()
	sess, err := conn.open(ctx)
	if err != nil {
		return true, err
	}
	defer sess.close()
	cj, err := resolveCopyRef(ctx, sess, refs[0], kind)
	if err != nil || cj == nil {
		return err != nil, err
	}
	return true, setCopyJob(cmd, conn, sess, cj, uses, opts)
}

// showCopyJob is show for a backup copy job; done is false when ref is a
// backup job's and show goes on as before.
func showCopyJob(cmd *cobra.Command, conn *connection, ref, kind string, asJSON bool) (done bool, err error) {
	if kind == kindBackup {
		return false, nil
	}
	ctx := cmd.Context()
	sess, err := conn.open(ctx)
	if err != nil {
		return true, err
	}
	defer sess.close()
	cj, err := resolveCopyRef(ctx, sess, ref, kind)
	if err != nil || cj == nil {
		return err != nil, err
	}
	source := sourceName(ctx, sess.store, cj.BackupJobID)
	if asJSON {
		rows := summarizeCopies(ctx, sess.store, []*model.CopyJob{cj}, []jobSummary{{ID: cj.BackupJobID, Name: source}})
		return true, writeJSON(cmd.OutOrStdout(), struct {
			jobSummary
			Document any `json:"document"`
		}{rows[0], cj.Raw()})
	}
	writeCopyJob(cmd.OutOrStdout(), cj, source)
	return true, nil
}
