package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/internal/audit"
	"github.com/vbosched/vbosched/model"
)

// openAuditLog finds the audit log as a save would, without connecting:
// log and revert read it before (or without) talking to a server.
func (c *connection) openAuditLog() (*audit.Log, error) {
	s, err := c.resolve()
	if err != nil {
		return nil, err
	}
	path, err := c.auditPath(s.profile)
	if err != nil {
		return nil, err
	}
	return audit.Open(path), nil
}

// auditRecords opens the audit log and reads every entry; lines that are
// not entries are reported on w and skipped, so one torn line never hides
// the rest.
func (c *connection) auditRecords(w io.Writer) (*audit.Log, []audit.Record, error) {
	log, err := c.openAuditLog()
	if err != nil {
		return nil, nil, err
	}
	recs, warns, err := log.Read()
	for _, warn := range warns {
		fmt.Fprintf(w, "vbosched: warning: %s: %s\n", log.Path(), warn)
	}
	return log, recs, err
}

func newLogCommand(conn *connection) *cobra.Command {
	var asJSON bool
	var kindFlag string
	cmd := &cobra.Command{
		Use:   "log [JOB]",
		Short: "Show the audit log of saves, for every job or one (id or name)",
		Long: `log lists the saves in the audit log, oldest first, with the server each was
made on. It lists every server's saves unless --server is given on the command
line: the log is the whole history of this machine's saves, and a server set
only in the environment or a profile should not hide the others from someone
asking who changed a job. A save whose outcome line is missing (vbosched was
killed while the PUT was in flight) shows as unknown.`,
		Example: `  vbosched log
  vbosched log "Exchange nightly" --json
  vbosched log --server https://vbo.example.com:4443`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			log, recs, err := conn.auditRecords(cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			kind, err := parseKind(kindFlag)
			if err != nil {
				return err
			}
			if kind != "" {
				recs = ofKind(recs, kind)
			}
			if len(args) == 1 {
				recs = jobRecords(recs, args[0])
			}
			if f := cmd.Flag("server"); f != nil && f.Changed {
				recs = onServer(recs, f.Value.String())
			}
			if asJSON {
				return writeLogJSON(cmd.OutOrStdout(), recs)
			}
			if len(recs) == 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "no saves in %s\n", log.Path())
				return nil
			}
			return writeLogTable(cmd.OutOrStdout(), recs, isTerminal(cmd.OutOrStdout()))
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entries as a JSON array, each with its id")
	cmd.Flags().StringVar(&kindFlag, "kind", "", "only the saves of this kind of job: backup or copy")
	return cmd
}

// recordKind is the kind of job a log entry is about, as --kind names it.
func recordKind(r audit.Record) string {
	if r.Kind == audit.KindCopy {
		return kindCopy
	}
	return kindBackup
}

// ofKind keeps the entries about one kind of job.
func ofKind(recs []audit.Record, kind string) []audit.Record {
	var out []audit.Record
	for _, r := range recs {
		if recordKind(r) == kind {
			out = append(out, r)
		}
	}
	return out
}

// jobRecords keeps the entries of the job ref names: by its id, by a name
// it was saved under, or by the name the log last gave it (a rename saved
// with vbosched), so `log NAME` finds the saves a job had under a former
// name. A job is its server, kind and id: two servers' jobs never mix.
func jobRecords(recs []audit.Record, ref string) []audit.Record {
	type jobKey struct{ server, kind, id string }
	key := func(r audit.Record) jobKey {
		return jobKey{strings.ToLower(serverColumn(r.Server)), recordKind(r), strings.ToLower(r.JobID)}
	}
	latest := map[jobKey]string{} // the name after the job's last entry, in log order
	for _, r := range recs {
		name := r.JobName
		for _, c := range r.Changes {
			if c.Field == "name" && r.Outcome == audit.Saved {
				if err := json.Unmarshal([]byte(c.New), &name); err != nil {
					name = c.New
				}
			}
		}
		latest[key(r)] = name
	}
	var out []audit.Record
	for _, r := range recs {
		if strings.EqualFold(r.JobID, ref) || strings.EqualFold(r.JobName, ref) || strings.EqualFold(latest[key(r)], ref) {
			out = append(out, r)
		}
	}
	return out
}

// writeLogTable prints one line a save; everything the server or the file
// supplied goes through model.SafeText, since a log can be edited by hand.
// On a terminal (capNames) the JOB column is cut to nameCap cells.
func writeLogTable(w io.Writer, recs []audit.Record, capNames bool) error {
	rows := [][]string{{"ID", "TIME", "SERVER", "KIND", "JOB", "WHO", "OUTCOME", "CHANGES"}}
	safe := model.SafeText
	for _, r := range recs {
		rows = append(rows, []string{r.ID, r.Time.Local().Format(time.DateTime), safe(serverColumn(r.Server)), recordKind(r),
			safe(r.JobName), safe(r.APIUser), safe(string(r.Outcome)), safe(changesSummary(r.Changes))})
	}
	var capped []int
	if capNames {
		capped = []int{4} // JOB
	}
	return writeCappedTable(w, rows, capped)
}

// serverColumn is a server's URL without the scheme and a trailing slash:
// host:port is what tells servers apart.
func serverColumn(server string) string {
	s := server
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	return cmp.Or(strings.TrimSuffix(s, "/"), "-")
}

// onServer keeps the entries of one server, compared as serverColumn
// shows them (case ignored), so https://Host:4443/ and https://host:4443
// are the same server.
func onServer(recs []audit.Record, server string) []audit.Record {
	want := serverColumn(server)
	var out []audit.Record
	for _, r := range recs {
		if strings.EqualFold(serverColumn(r.Server), want) {
			out = append(out, r)
		}
	}
	return out
}

// changesSummary is a log line's short form of a save's changes: the last
// part of each field's path, old → new, cut at a readable width.
func changesSummary(cs []model.FieldChange) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		field := c.Field[strings.LastIndex(c.Field, ".")+1:]
		if field == "backupWindow" { // say which window
			field = strings.TrimPrefix(strings.TrimSuffix(c.Field, ".backupWindow"), "schedulePolicy.")
		}
		parts[i] = fmt.Sprintf("%s %s → %s", field, c.Old, c.New)
	}
	s := strings.Join(parts, "; ")
	const max = 100
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}

func writeLogJSON(w io.Writer, recs []audit.Record) error {
	type entry struct {
		ID string `json:"id"`
		audit.Entry
	}
	out := make([]entry, len(recs))
	for i, r := range recs {
		out[i] = entry{r.ID, r.Entry}
	}
	return writeJSON(w, out)
}
