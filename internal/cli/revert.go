package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/model"
)

func newRevertCommand(conn *connection) *cobra.Command {
	var yes, dryRun bool
	cmd := &cobra.Command{
		Use:   "revert ENTRY",
		Short: "Put a job's settings back as they were before a save in the audit log",
		Long: `revert puts back the name, description, on/off switch and schedule a job
(or a backup copy job's switch and schedule) had before the save that the
audit log entry ENTRY (its id, or the first 4+ digits; see vbosched log)
records. Only the fields that save changed go back, each to its value
before the save; every other field stays as the server has it now. A
field that save changed and that holds another value now was changed by
someone else since: nothing is sent and revert names it.

--dry-run prints the PUT body that would be sent on stdout (nothing when
nothing would be), the changes on stderr, and sends nothing.`,
		Example: `  vbosched log "Exchange nightly"
  vbosched revert 1a2b3c4d --dry-run
  vbosched revert 1a2b3c4d`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, recs, err := conn.auditRecords(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			rec, err := audit.Find(recs, args[0])
			if err != nil {
				return usage(err)
			}
			return revert(cmd, conn, rec, yes, dryRun)
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the JSON body that would be PUT and send nothing")
	return cmd
}

// revertable says whether an entry's save may have changed the job: saved
// and not-applied saves did; unknown ones, and failed ones (an error answer
// is not proof nothing was stored; older versions logged such saves as
// failed without looking), may have, which the job itself then tells.
func revertable(rec audit.Record) error {
	switch rec.Outcome {
	case audit.Saved, audit.NotApplied, audit.PartlySaved:
		if len(rec.JobAfter) > 0 && len(rec.JobBefore) > 0 {
			return nil
		}
	case audit.Unknown, audit.Failed:
		if len(rec.JobBefore) > 0 {
			return nil
		}
	}
	return usagef("entry %s (%s) sent nothing to the server, so there is nothing to put back", rec.ID, rec.Outcome)
}

// revertStates decodes the job as it was before the save and, for a save
// known to have landed, as the save left it (after is nil otherwise).
func revertStates(rec audit.Record) (after, before *model.Job, err error) {
	if err := revertable(rec); err != nil {
		return nil, nil, err
	}
	before, err = model.DecodeJob(rec.JobBefore)
	if err == nil && len(rec.JobAfter) > 0 && (rec.Outcome == audit.Saved || rec.Outcome == audit.NotApplied || rec.Outcome == audit.PartlySaved) {
		after, err = model.DecodeJob(rec.JobAfter)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("entry %s (line %d of the audit log): %w", rec.ID, rec.Line, err)
	}
	return after, before, nil
}

// landedState decides, for an entry whose outcome was not known (or was an
// error answer), whether its change is what the job shows now: then the
// job as it is now is the state the save left, and revert goes on as for a
// saved entry. The entry's changes are compared with those between the job
// before and now, field, old and new value alike.
func landedState(rec audit.Record, before, current *model.Job) (*model.Job, error) {
	now := model.Changes(before.Settings(), current.Settings())
	if len(now) == 0 {
		return nil, nil // the caller says it is already as before
	}
	if sameChanges(now, rec.Changes) {
		return current, nil
	}
	return nil, &ExitError{Code: ExitFailed, Err: fmt.Errorf("entry %s (%s): %s shows neither that save's change nor the state before it; from before the save to now:\n%s\nrevert only undoes a save nothing came after; change the job with set or the editor instead",
		rec.ID, rec.Outcome, model.SafeText(current.Label()), model.SafeLines(changeLines(now)))}
}

func sameChanges(a, b []model.FieldChange) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[model.FieldChange]int{}
	for _, c := range a {
		seen[c]++
	}
	for _, c := range b {
		if seen[c] == 0 {
			return false
		}
		seen[c]--
	}
	return true
}

func revert(cmd *cobra.Command, conn *connection, rec audit.Record, yes, dryRun bool) error {
	if rec.Kind == audit.KindCopy {
		return revertCopy(cmd, conn, rec, yes, dryRun)
	}
	ctx := cmd.Context()
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	after, before, err := revertStates(rec)
	if err != nil {
		return err
	}
	sess, err := openServerOf(ctx, conn, rec)
	if err != nil {
		return err
	}
	defer sess.close()
	current, err := sess.store.GetJob(ctx, before.ID)
	if err != nil {
		return fmt.Errorf("reading %s: %w", before.Label(), err)
	}
	// An entry written before the switch was carried (v2–v5) does not know
	// it: it is whatever the job has now, never "disabled".
	before = before.WithEnabledOf(current)
	if after != nil {
		after = after.WithEnabledOf(current)
	}
	if after == nil {
		if after, err = landedState(rec, before, current); err != nil {
			return err
		}
		if after == nil {
			fmt.Fprintf(out, "%s is as it was before entry %s (%s): that save did not land, or was undone; nothing to revert\n",
				model.SafeText(current.Label()), rec.ID, rec.Outcome)
			return nil
		}
		fmt.Fprintf(out, "entry %s was %s, but %s shows its change: it landed, and is reverted as a saved entry\n",
			rec.ID, rec.Outcome, model.SafeText(current.Label()))
	}
	// Only the entry's own fields go back, and only while they show what
	// the entry left: any other field, and a field changed since, is
	// someone else's and stays as the server has it.
	edit, since := model.UndoChanges(before.Settings(), after.Settings(), current.Settings(), rec.Changes)
	if len(since) > 0 {
		return changedSinceError(rec, current.Label(), since, "the job with set or the editor")
	}
	p := plan{job: current, edit: edit}
	p.changes = model.Changes(current.Settings(), p.edit)
	if len(p.changes) == 0 {
		fmt.Fprintf(out, "%s is already as it was before entry %s\n", model.SafeText(current.Label()), rec.ID)
		return nil
	}
	plans := []plan{p}
	if dryRun {
		v := sess.store.APIVersion()
		if plans[0].body, err = current.PutBody(p.edit, v); err != nil {
			return refused(err)
		}
		writePlans(errOut, plans)
		writeSwitchActions(errOut, plans, v)
		return writeDryRun(out, plans, true)
	}
	writePlans(out, plans)
	if !yes {
		if err := confirmRevert(ctx, conn, errOut); err != nil {
			return err
		}
	}
	// Saving from the job as read above makes SaveJob's own check catch a
	// change made during the question.
	_, err = sess.store.SaveJob(ctx, current, p.edit)
	if err := summarizeResults(out, plans, []result{{err: err}}); err != nil {
		return err
	}
	return sess.unrecordedError()
}

func confirmRevert(ctx context.Context, conn *connection, errOut io.Writer) error {
	if !isTerminal(conn.env.In) {
		return usagef("not a terminal, so no one can confirm: pass --yes to revert")
	}
	ok, err := confirm(ctx, conn.env.In, errOut, "Put these settings back? [y/N] ")
	if err != nil {
		return err
	}
	if !ok {
		return failed("nothing was reverted: you did not answer y")
	}
	return nil
}

// revertCopy is revert for a backup copy job's entry: the same rules, with
// the copy job's document, comparisons and save.
func revertCopy(cmd *cobra.Command, conn *connection, rec audit.Record, yes, dryRun bool) error {
	ctx := cmd.Context()
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if err := revertable(rec); err != nil {
		return err
	}
	before, err := model.DecodeCopyJob(rec.JobBefore)
	var after *model.CopyJob
	if err == nil && len(rec.JobAfter) > 0 && (rec.Outcome == audit.Saved || rec.Outcome == audit.NotApplied || rec.Outcome == audit.PartlySaved) {
		after, err = model.DecodeCopyJob(rec.JobAfter)
	}
	if err != nil {
		return fmt.Errorf("entry %s (line %d of the audit log): %w", rec.ID, rec.Line, err)
	}
	sess, err := openServerOf(ctx, conn, rec)
	if err != nil {
		return err
	}
	defer sess.close()
	current, err := sess.store.GetCopyJob(ctx, before.ID)
	if err != nil {
		return fmt.Errorf("reading %s: %w", before.Label(), err)
	}
	if after == nil {
		now := model.CopyChanges(before.Settings(), current.Settings())
		switch {
		case len(now) == 0:
			fmt.Fprintf(out, "%s is as it was before entry %s (%s): that save did not land, or was undone; nothing to revert\n",
				model.SafeText(current.Label()), rec.ID, rec.Outcome)
			return nil
		case !sameChanges(now, rec.Changes):
			return &ExitError{Code: ExitFailed, Err: fmt.Errorf("entry %s (%s): %s shows neither that save's change nor the state before it; from before the save to now:\n%s\nrevert only undoes a save nothing came after; change the copy job with set --kind copy instead",
				rec.ID, rec.Outcome, model.SafeText(current.Label()), model.SafeLines(changeLines(now)))}
		}
		after = current
		fmt.Fprintf(out, "entry %s was %s, but %s shows its change: it landed, and is reverted as a saved entry\n",
			rec.ID, rec.Outcome, model.SafeText(current.Label()))
	}
	edit, since := model.UndoCopyChanges(before.Settings(), after.Settings(), current.Settings(), rec.Changes)
	if len(since) > 0 {
		return changedSinceError(rec, current.Label(), since, "the copy job with set --kind copy")
	}
	changes := model.CopyChanges(current.Settings(), edit)
	if len(changes) == 0 {
		fmt.Fprintf(out, "%s is already as it was before entry %s\n", model.SafeText(current.Label()), rec.ID)
		return nil
	}
	if !yes && !dryRun {
		// saveCopySettings asks "Save these changes…"; revert words its own
		// question, after the changes are shown, so show them first.
		for _, c := range changes {
			fmt.Fprintf(out, "  %s\n", model.SafeText(c.String()))
		}
		if err := confirmRevert(ctx, conn, errOut); err != nil {
			return err
		}
	}
	// Saving from the copy job as read above makes SaveCopyJob's own check
	// catch a change made during the question.
	return saveCopySettings(cmd, conn, sess, current, edit, changeOptions{yes: true, dryRun: dryRun})
}

// changedSinceError refuses a revert: a field the entry changed holds
// another value now (someone else's change), which revert never rolls back.
func changedSinceError(rec audit.Record, label string, since []model.FieldChange, instead string) error {
	return &ExitError{Code: ExitFailed, Err: fmt.Errorf("entry %s: %s was changed since that save (from what it left → now):\n%s\nnothing was sent: revert only puts back fields still as that save left them; change %s instead",
		rec.ID, model.SafeText(label), model.SafeLines(changeLines(since)), instead)}
}

// openServerOf connects to the server of the entry's save: a revert sent
// anywhere else would change another server's job of the same id.
func openServerOf(ctx context.Context, conn *connection, rec audit.Record) (*session, error) {
	sess, err := conn.open(ctx)
	if err != nil {
		return nil, err
	}
	if sess.store.Label() != rec.Server {
		sess.close()
		return nil, usagef("entry %s was a save on %s, but this is %s: connect to that server (--server) to revert it",
			rec.ID, model.SafeText(rec.Server), model.SafeText(sess.store.Label()))
	}
	return sess, nil
}
