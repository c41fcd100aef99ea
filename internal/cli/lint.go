package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/model"
)

// lintFinding is one finding of `lint --json`.
type lintFinding struct {
	Profile string   `json:"profile,omitempty"`
	Code    string   `json:"code"`
	Kind    string   `json:"kind"` // of the jobs it is about: "backup" or "copy"
	JobIDs  []string `json:"jobIds"`
	Field   string   `json:"field,omitempty"`
	Day     string   `json:"day,omitempty"`
	Hour    *int     `json:"hour,omitempty"`
	Text    string   `json:"text"`
}

func newLintCommand(conn *connection) *cobra.Command {
	var sel selection
	var asJSON, allProfiles bool
	var kindFlag string
	maxStarts := model.DefaultMaxStarts
	cmd := &cobra.Command{
		Use:   "lint [JOB...]",
		Short: "Check the jobs' schedules and windows; exit 1 when something is found",
		Long: fmt.Sprintf(`lint checks the selected jobs (every job when none is named or selected): the
editor's warnings for each job (a start in a denied hour, a window that cuts
runs short, an offset the server ignores, a periodic window that misses the
starts), disabled jobs whose windows are still on, jobs that never start, and
hours in which more than --max-starts jobs of one organization start (Microsoft
365 throttles an organization many jobs hit at once).

Backup copy jobs (API v6 and later) are checked too unless --kind says one
kind: a backup copy window that allows no hour, a daily start outside it, a
disabled copy job whose window is on, one that never starts, and a source
backup job that is missing (%s) or disabled (%s). They are not counted in
crowded hours: a copy job reads the backup repository, not Microsoft 365.

Exit codes: 0 nothing found, 1 findings (or a job could not be read, or the
server failed), 2 usage. Codes in the output are stable: %s, %s, %s and the
editor's warning codes.`, model.LintCopySourceMissing, model.LintCopySourceDisabled,
			model.LintCrowdedHour, model.LintDisabledWithWindow, model.LintNeverStarts),
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, refs []string) error {
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			if maxStarts < 1 {
				return usagef("--max-starts %d: give 1 or more jobs per hour", maxStarts)
			}
			ctx := cmd.Context()
			names, err := conn.profileNames(allProfiles)
			if err != nil {
				return err
			}
			doc, jobs, linted := []lintFinding{}, 0, 0
			lintOne := func(profile string, f *fleet) {
				linted++
				jobs += f.size()
				for _, x := range model.LintFleet(f.input(), f.sess.store.APIVersion(), model.LintOptions{
					MaxStarts: maxStarts, OrganizationName: func(id string) string { return f.sess.store.OrganizationName(ctx, id) },
				}) {
					lf := lintFinding{Profile: profile, Code: x.Code, Kind: x.Kind.String(), JobIDs: x.JobIDs, Field: x.Field, Text: x.Text}
					if x.Hour != nil {
						lf.Day, lf.Hour = x.Hour.Day.String()[:3], &x.Hour.Hour
					}
					doc = append(doc, lf)
				}
			}
			err = conn.eachFleet(ctx, names, cmd.ErrOrStderr(), refs, sel, kind, func(profile string, f *fleet) error {
				lintOne(profile, f)
				return nil
			})
			if linted == 0 && err != nil {
				return err // no server was read: no "No findings" for a cron job to mail
			}
			out := cmd.OutOrStdout()
			if asJSON {
				if werr := writeJSON(out, doc); werr != nil {
					return werr
				}
			} else {
				for _, x := range doc {
					label := ""
					if x.Profile != "" {
						label = "[" + model.SafeText(x.Profile) + "] "
					}
					fmt.Fprintf(out, "%s%s: %s\n", label, x.Code, model.SafeText(x.Text))
				}
				if len(doc) == 0 {
					fmt.Fprintf(out, "No findings in %d job(s).\n", jobs)
				}
			}
			if err != nil {
				return err
			}
			if len(doc) > 0 {
				return failed("%d finding(s) in %d job(s)", len(doc), jobs)
			}
			return nil
		},
	}
	sel.addFlags(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: one object per finding, with its code and jobs")
	allProfilesFlag(cmd.Flags(), &allProfiles)
	cmd.Flags().StringVar(&kindFlag, "kind", "", "lint only backup jobs (backup) or only backup copy jobs (copy)")
	cmd.Flags().IntVar(&maxStarts, "max-starts", maxStarts, "the most jobs of one organization that may start in one hour")
	return cmd
}
