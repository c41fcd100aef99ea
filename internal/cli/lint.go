package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/model"
)

// lintFinding is one finding of `lint --json`.
type lintFinding struct {
	Code   string   `json:"code"`
	JobIDs []string `json:"jobIds"`
	Field  string   `json:"field,omitempty"`
	Day    string   `json:"day,omitempty"`
	Hour   *int     `json:"hour,omitempty"`
	Text   string   `json:"text"`
}

func newLintCommand(conn *connection) *cobra.Command {
	var sel selection
	var asJSON bool
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

Exit codes: 0 nothing found, 1 findings (or a job could not be read, or the
server failed), 2 usage. Codes in the output are stable: %s, %s, %s and the
editor's warning codes.`, model.LintCrowdedHour, model.LintDisabledWithWindow, model.LintNeverStarts),
		ValidArgsFunction: conn.completeJobs,
		RunE: func(cmd *cobra.Command, refs []string) error {
			if maxStarts < 1 {
				return usagef("--max-starts %d: give 1 or more jobs per hour", maxStarts)
			}
			ctx := cmd.Context()
			f, err := openFleet(ctx, conn, refs, sel)
			if err != nil {
				return err
			}
			defer f.sess.close()
			findings := model.Lint(f.jobs, f.sess.store.APIVersion(), model.LintOptions{
				MaxStarts: maxStarts, OrganizationName: func(id string) string { return f.sess.store.OrganizationName(ctx, id) },
			})
			out := cmd.OutOrStdout()
			if asJSON {
				doc := []lintFinding{}
				for _, x := range findings {
					lf := lintFinding{Code: x.Code, JobIDs: x.JobIDs, Field: x.Field, Text: x.Text}
					if x.Hour != nil {
						lf.Day, lf.Hour = x.Hour.Day.String()[:3], &x.Hour.Hour
					}
					doc = append(doc, lf)
				}
				if err := writeJSON(out, doc); err != nil {
					return err
				}
			} else {
				for _, x := range findings {
					fmt.Fprintf(out, "%s: %s\n", x.Code, model.SafeText(x.Text))
				}
				if len(findings) == 0 {
					fmt.Fprintf(out, "No findings in %d job(s).\n", len(f.jobs))
				}
			}
			if err := f.unreadableError(); err != nil {
				return err
			}
			if len(findings) > 0 {
				return failed("%d finding(s) in %d job(s)", len(findings), len(f.jobs))
			}
			return nil
		},
	}
	sel.addFlags(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: one object per finding, with its code and jobs")
	cmd.Flags().IntVar(&maxStarts, "max-starts", maxStarts, "the most jobs of one organization that may start in one hour")
	return cmd
}
