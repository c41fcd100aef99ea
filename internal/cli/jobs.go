package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// jobSummary is one job as `jobs --json` prints it.
type jobSummary struct {
	// Profile names the server's profile with --profile a,b or
	// --all-profiles; empty (and left out) for one server.
	Profile string `json:"profile,omitempty"`
	// Kind is "backup" for a backup job, "copy" for a backup copy job.
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
	// SourceJobID and SourceJobName are a copy job's backup job (its
	// backupJobId); the name is "" when the list does not hold that job.
	SourceJobID   string `json:"sourceJobId,omitempty"`
	SourceJobName string `json:"sourceJobName,omitempty"`
	// The organization's id and its name apart, each whole: the name is
	// for people, the id for scripts, and the name may be unknown ("").
	OrganizationID   string `json:"organizationId"`
	OrganizationName string `json:"organizationName"`
	Type             string `json:"type"`
	Schedule         string `json:"schedule"`
	Window           string `json:"window"`
	Enabled          bool   `json:"enabled"`
	LastStatus       string `json:"lastStatus"`
	NextRun          string `json:"nextRun,omitempty"`
	// Problems says what of the job vbosched could not read exactly (an
	// unknown value, a misshapen window); the job is listed all the same.
	Problems []string `json:"problems,omitempty"`
}

func summarize(ctx context.Context, store *jobstore.Store, j *model.Job) jobSummary {
	org, _ := store.LookupOrganization(ctx, j.OrganizationID)
	return jobSummary{
		Kind: kindBackup, ID: j.ID, Name: j.Name, OrganizationID: j.OrganizationID, OrganizationName: org,
		Type: j.Policy.Type.String(), Schedule: j.Policy.Describe(), Window: j.Policy.DescribeLimitingWindow(store.APIVersion()),
		Enabled: j.IsEnabled, LastStatus: j.LastStatus, NextRun: j.NextRun, Problems: j.Problems(),
	}
}

// organizationShown is the organization's name, or a short form of its id
// when the server did not name it.
func (r jobSummary) organizationShown() string {
	if r.OrganizationName != "" {
		return r.OrganizationName
	}
	if len(r.OrganizationID) > 8 {
		return r.OrganizationID[:8] + "…"
	}
	return r.OrganizationID
}

// listSummaries reads the jobs page by page and keeps only what is printed
// of each: with thousands of jobs, holding every decoded document until
// the end took more memory than the whole table needs. With kind "backup"
// the copy jobs are not asked for: a server refusing them (403) does not
// fail a listing that does not need them.
func listSummaries(ctx context.Context, store *jobstore.Store, kind string) (rows []jobSummary, unreadable, err error) {
	var errs []error
	err = store.ListJobPages(ctx, func(jobs []*model.Job, bad error) error {
		for _, j := range jobs {
			rows = append(rows, summarize(ctx, store, j))
		}
		if bad != nil {
			errs = append(errs, bad)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if kind == kindBackup {
		return rows, errors.Join(errs...), nil
	}
	copies, err := store.ListCopyJobs(ctx)
	if len(decodeErrors(err)) > 0 {
		errs = append(errs, err) // unreadable copy jobs: the others are listed
	} else if err != nil {
		// The backup jobs are listed all the same; the command fails.
		return rows, errors.Join(append(errs, copyListError{err})...), nil
	}
	rows = append(rows, summarizeCopies(ctx, store, copies, rows)...)
	return rows, errors.Join(errs...), nil
}

// copyListError is a copy job list the server refused or failed: no copy
// job was read at all (unlike a *jobstore.DecodeError, one job unreadable).
type copyListError struct{ err error }

func (e copyListError) Error() string {
	return fmt.Sprintf("the backup copy jobs could not be read, so none is listed: %v", e.err)
}
func (e copyListError) Unwrap() error { return e.err }

// The kinds of job, as `jobs --json` and --kind name them.
const (
	kindBackup = "backup"
	kindCopy   = "copy"
)

// summarizeCopies summarizes copy jobs, each named with its source backup
// job from backups and in that job's organization (v6 and v7 copy jobs do
// not carry one of their own).
func summarizeCopies(ctx context.Context, store *jobstore.Store, copies []*model.CopyJob, backups []jobSummary) []jobSummary {
	byID := map[string]jobSummary{}
	for _, b := range backups {
		byID[strings.ToLower(b.ID)] = b
	}
	rows := make([]jobSummary, 0, len(copies))
	for _, c := range copies {
		src := byID[strings.ToLower(c.BackupJobID)]
		orgID := c.OrganizationID
		if orgID == "" {
			orgID = src.OrganizationID
		}
		org, _ := store.LookupOrganization(ctx, orgID)
		rows = append(rows, jobSummary{
			Kind: kindCopy, ID: c.ID, Name: c.Name, SourceJobID: c.BackupJobID, SourceJobName: src.Name,
			OrganizationID: orgID, OrganizationName: org,
			Type: c.Policy.TypeText(), Schedule: c.Policy.Describe(), Window: c.Policy.DescribeWindow(),
			Enabled: c.IsEnabled, LastStatus: c.LastStatus, NextRun: c.NextRun, Problems: c.Problems(),
		})
	}
	return rows
}

func newJobsCommand(conn *connection) *cobra.Command {
	var asJSON, allProfiles bool
	var kindFlag string
	cmd := &cobra.Command{
		Use:   "jobs",
		Short: "List every backup job with its schedule and window in words",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			names, err := conn.profileNames(allProfiles)
			if err != nil {
				return err
			}
			if names != nil {
				return jobsOfProfiles(cmd, conn, names, asJSON, kind)
			}
			sess, err := conn.open(ctx)
			if err != nil {
				return err
			}
			defer sess.close()
			if v := sess.store.APIVersion(); kind == kindCopy && !v.HasCopyJobs() {
				fmt.Fprintf(cmd.ErrOrStderr(), "vbosched: this server speaks %s: backup copy jobs came with v6, so it has none\n", v)
			}
			rows, unreadable, err := listSummaries(ctx, sess.store, kind)
			if err != nil {
				return err
			}
			var cl copyListError
			if kind == kindCopy && errors.As(unreadable, &cl) {
				// Asked for copy jobs and none could be read: an empty
				// list would read as "no copy jobs".
				return failed("%v", cl)
			}
			rows = jobsOfKind(rows, kind)
			out := cmd.OutOrStdout()
			if asJSON {
				if err := writeJSON(out, rows); err != nil {
					return err
				}
			} else {
				printJobTable(out, rows, isTerminal(out))
			}
			if unreadable != nil {
				return fmt.Errorf("some jobs could not be read:\n%w", unreadable)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&kindFlag, "kind", "", "list only backup jobs (backup) or only backup copy jobs (copy)")
	allProfilesFlag(cmd.Flags(), &allProfiles)
	return cmd
}

// jobsOfKind keeps the rows of one kind; kind "" keeps every row.
func jobsOfKind(rows []jobSummary, kind string) []jobSummary {
	if kind == "" {
		return rows
	}
	out := []jobSummary{}
	for _, r := range rows {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

// jobsOfProfiles lists the jobs of several servers in one table, each row
// labelled with its profile; a server that fails is reported on stderr.
func jobsOfProfiles(cmd *cobra.Command, conn *connection, names []string, asJSON bool, kind string) error {
	ctx := cmd.Context()
	rows := []jobSummary{}
	err := conn.eachProfile(ctx, names, cmd.ErrOrStderr(), func(name string, sess *session) error {
		got, unreadable, err := listSummaries(ctx, sess.store, kind)
		for _, r := range jobsOfKind(got, kind) {
			r.Profile = name
			rows = append(rows, r)
		}
		if err == nil && unreadable != nil {
			err = fmt.Errorf("some jobs could not be read:\n%w", unreadable)
		}
		return err
	})
	if asJSON {
		if werr := writeJSON(cmd.OutOrStdout(), rows); werr != nil {
			return werr
		}
	} else {
		printJobTable(cmd.OutOrStdout(), rows, isTerminal(cmd.OutOrStdout()))
	}
	return err
}

// printJobTable prints the jobs for people; every string the server sent
// goes through model.SafeText (--json keeps JSON's own escapes instead).
// A job vbosched could not read exactly is marked "!" and its problems are
// listed under the table. On a terminal (capNames) the names (and a copy
// job's source) are cut to nameCap cells.
func printJobTable(w io.Writer, rows []jobSummary, capNames bool) {
	safe := model.SafeText
	labelled := len(rows) > 0 && rows[0].Profile != ""
	// KIND goes last but the id: "copy of <source job>" is long, and the
	// columns people scan first stay where they were.
	table := [][]string{{"NAME", "ORGANIZATION", "SCHEDULE", "WINDOW", "ENABLED", "LAST", "NEXT RUN", "KIND", "ID"}}
	if labelled {
		table[0] = append([]string{"PROFILE"}, table[0]...)
	}
	var notes []string
	for _, r := range rows {
		enabled := "yes"
		if !r.Enabled {
			enabled = "no"
		}
		name := safe(r.Name)
		if len(r.Problems) > 0 {
			name = "! " + name
			for _, p := range r.Problems {
				notes = append(notes, fmt.Sprintf("! %s (%s): %s", safe(r.Name), safe(r.ID), p))
			}
		}
		kind := orDash(r.Kind)
		if r.Kind == kindCopy {
			kind = "copy of " + orDash(safe(r.SourceJobName))
		}
		row := []string{name, safe(r.organizationShown()), r.Schedule,
			r.Window, enabled, safe(orDash(r.LastStatus)), safe(formatTime(r.NextRun)), kind, safe(r.ID)}
		if labelled {
			row = append([]string{safe(r.Profile)}, row...)
		}
		table = append(table, row)
	}
	var capped []int
	if capNames {
		at := 0
		if labelled {
			at = 1
		}
		capped = []int{at, at + 7} // NAME, KIND ("copy of SOURCE")
	}
	_ = writeCappedTable(w, table, capped)
	if len(notes) > 0 {
		fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// formatTime shortens the server's RFC 3339 times to the minute, in UTC.
func formatTime(s string) string {
	if s == "" {
		return "-"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return strings.Replace(t.UTC().Format("2006-01-02 15:04Z"), "Z", " UTC", 1)
}
