package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vbosched/vbosched/model"
)

// Backup copy jobs in export, apply and revert. Their file says
// "kind": "copy" and holds a copy job's policy, which shares no field
// rules with a backup job's; apply refuses it on a backup job, and a backup
// job's file on a copy job.

// copyScheduleDoc is a backup copy job's settings as export writes them and
// apply reads them: the policy in the console's names, the window in the
// ParseWindow grammar. A field left out is left as it is.
type copyScheduleDoc struct {
	Kind string `json:"kind"` // always kindCopy
	// IsEnabled switches the copy job on or off; export leaves it out, as
	// for backup jobs, and a person adds it on purpose.
	IsEnabled         *bool   `json:"isEnabled,omitempty"`
	Type              *string `json:"type,omitempty"`
	DailyType         *string `json:"dailyType,omitempty"`
	DailyTime         *string `json:"dailyTime,omitempty"`
	PeriodicallyEvery *string `json:"periodicallyEvery,omitempty"`
	WindowEnabled     *bool   `json:"backupCopyWindowEnabled,omitempty"`
	Window            *string `json:"backupCopyWindow,omitempty"`
	// ExportedFrom and ExportedFromServer are as in scheduleDoc: apply
	// refuses the file on its own copy job when that changed since.
	ExportedFrom       json.RawMessage `json:"exportedFrom,omitempty"`
	ExportedFromServer string          `json:"exportedFromServer,omitempty"`
}

// copyDocFromPolicy writes every field vbosched could read exactly; as in
// docFromPolicy, an unreadable value is left out rather than written as
// something it is not.
func copyDocFromPolicy(p model.CopyPolicy) copyScheduleDoc {
	d := copyScheduleDoc{Kind: kindCopy, WindowEnabled: ptr(p.WindowEnabled), DailyTime: ptr(p.DailyTime.String())}
	if p.Type > model.CopyScheduleUnset {
		d.Type = ptr(p.Type.String())
	}
	if p.DailyType > model.DailyUnset {
		d.DailyType = ptr(p.DailyType.String())
	}
	if p.Every > model.IntervalUnset {
		d.PeriodicallyEvery = ptr(p.Every.String())
	}
	if p.Window.Problem == "" {
		d.Window = ptr(p.Window.Hours.String())
	}
	return d
}

// uses are the file's values as the set flags that mean the same, so one
// function (copyEdit) checks and applies both.
func (d copyScheduleDoc) uses(file string) []flagUse {
	var out []flagUse
	add := func(name string, p *string) {
		if p != nil {
			out = append(out, flagUse{name: name, value: *p, field: file + ": " + copyDocField[name]})
		}
	}
	boolText := func(b *bool) *string {
		if b == nil {
			return nil
		}
		return ptr(fmt.Sprint(*b))
	}
	add("type", d.Type)
	add("daily-type", d.DailyType)
	add("daily-time", d.DailyTime)
	add("every", d.PeriodicallyEvery)
	add("window-enabled", boolText(d.WindowEnabled))
	add("window", d.Window)
	add("enabled", boolText(d.IsEnabled))
	return out
}

// copyDocField is the file's field for each flag uses() maps it to.
var copyDocField = map[string]string{
	"type": "type", "daily-type": "dailyType", "daily-time": "dailyTime", "every": "periodicallyEvery",
	"window-enabled": "backupCopyWindowEnabled", "window": "backupCopyWindow", "enabled": "isEnabled",
}

func (d copyScheduleDoc) String() string {
	var b strings.Builder
	_ = writeJSON(&b, d) // nothing in it fails to encode
	return b.String()
}

// readScheduleFile reads a file of export: a backup job's (no kind, or
// "backup") or a backup copy job's ("copy", returned as copyDoc).
func readScheduleFile(r io.Reader, name string) (doc scheduleDoc, copyDoc *copyScheduleDoc, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return doc, nil, usagef("%s: %v", name, err)
	}
	var head struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return doc, nil, usagef("%s: %v", name, err)
	}
	if key := duplicateKey(data); key != "" {
		return doc, nil, usagef("%s: the field %q is given twice: keep one (JSON takes the last silently)", name, model.SafeText(key))
	}
	switch head.Kind {
	case "", kindBackup:
		doc, err = readScheduleDoc(bytes.NewReader(data), name)
		return doc, nil, err
	case kindCopy:
		var d copyScheduleDoc
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return doc, nil, usagef("%s: %v", name, err)
		}
		return doc, &d, nil
	}
	return doc, nil, usagef("%s: kind %q is not backup or copy", name, model.SafeText(head.Kind))
}

// exportCopyJob is export for a backup copy job.
func exportCopyJob(cmd *cobra.Command, sess *session, cj *model.CopyJob) error {
	if probs := cj.Problems(); len(probs) > 0 {
		return failed("%s cannot be exported: %s", model.SafeText(cj.Label()), strings.Join(probs, "; "))
	}
	doc := copyDocFromPolicy(cj.Policy)
	doc.ExportedFrom = cj.CarriedDocument(sess.store.APIVersion())
	doc.ExportedFromServer = sess.store.Label()
	_, err := fmt.Fprint(cmd.OutOrStdout(), doc)
	return err
}

// applyCopyFile is apply of a backup copy job's file: onto one backup copy
// job, named by id or name; a backup job named is refused, as is a
// selection.
func applyCopyFile(cmd *cobra.Command, conn *connection, doc copyScheduleDoc, file string, refs []string, sel selection, kind string, force bool, opts changeOptions) error {
	if kind == kindBackup {
		return usagef("%s holds a backup copy job's settings (kind copy), and --kind backup names backup jobs: apply it to a backup copy job", file)
	}
	switch {
	case sel.any():
		return usagef("%s holds a backup copy job's settings: apply it to one backup copy job, named by id or name, without --all, --organization or --match", file)
	case len(refs) == 0:
		return usagef("%s holds a backup copy job's settings: name the backup copy job to apply it to, by id or name", file)
	case len(refs) > 1:
		return usagef("%s holds a backup copy job's settings, applied to one job at a time: %d named; apply it to each in turn", file, len(refs))
	}
	uses := doc.uses(file)
	if len(uses) == 0 {
		return usagef("the schedule file sets nothing")
	}
	ctx := cmd.Context()
	sess, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer sess.close()
	cj, err := findCopyJob(ctx, sess.store, refs[0])
	if err != nil {
		return err
	}
	if cj == nil {
		if j, ok, err := sess.store.JobByID(ctx, refs[0]); err == nil && ok {
			return usagef("%s is a backup job, and %s holds a backup copy job's settings (kind copy): apply a backup job's file (vbosched export of a backup job) to it", model.SafeText(j.Label()), file)
		}
		if jobs, _, err := sess.listJobs(ctx); err == nil {
			if j, _ := model.FindJob(jobs, refs[0]); j != nil {
				return usagef("%s is a backup job, and %s holds a backup copy job's settings (kind copy): apply a backup job's file (vbosched export of a backup job) to it", model.SafeText(j.Label()), file)
			}
		}
		return usagef("no backup copy job has the id or name %q: see `vbosched jobs`", model.SafeText(refs[0]))
	}
	if len(doc.ExportedFrom) > 0 && !force {
		exported, err := model.DecodeCopyJob(doc.ExportedFrom)
		if err != nil {
			return usagef("%s: exportedFrom: %v", file, err)
		}
		sameServer := doc.ExportedFromServer == "" || strings.EqualFold(serverColumn(doc.ExportedFromServer), serverColumn(sess.store.Label()))
		switch {
		case exported.ID != cj.ID:
		case !sameServer:
			fmt.Fprintf(cmd.ErrOrStderr(), "note: this file was exported from %s; this is %s: it applies to copy job %s here as to any other\n",
				model.SafeText(doc.ExportedFromServer), model.SafeText(sess.store.Label()), model.SafeText(shortID(cj.ID)))
		default:
			v := sess.store.APIVersion()
			if theirs := model.CompareCopyJobs(exported, cj, v); len(theirs) > 0 {
				err := &model.CopyStaleError{Base: exported, Current: cj, Theirs: theirs}
				return failed("%v\nchanged since the export:\n%s\nexport the copy job again and redo your edit, or pass --force to apply the file over those changes",
					err, changeLines(theirs))
			}
			cj = exported // the save's own check then compares with the export
		}
	}
	return setCopyJob(cmd, conn, sess, cj, uses, opts)
}

// refuseCopyTargets stops apply of a backup job's file at a ref that is a
// backup copy job (a ref both kinds answer to, without --kind, is the usual
// error listing both): a copy job's PUT cannot carry a backup job's schedule.
func refuseCopyTargets(cmd *cobra.Command, conn *connection, refs []string, kind, file string) error {
	if len(refs) == 0 || kind == kindBackup {
		return nil
	}
	if kind == kindCopy {
		return usagef("%s holds a backup job's schedule, and --kind copy names backup copy jobs: apply a copy job's file (vbosched export --kind copy) to them", file)
	}
	ctx := cmd.Context()
	sess, err := conn.open(ctx)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		_, cj, err := resolveJob(ctx, sess, cmd.ErrOrStderr(), ref, kind)
		if err != nil {
			sess.close()
			return err
		}
		if cj != nil {
			sess.close()
			return usagef("%s is a backup copy job, and %s holds a backup job's schedule: export the copy job's own settings (vbosched export --kind copy) to apply to it",
				model.SafeText(cj.Label()), file)
		}
	}
	conn.keep(sess) // apply goes on with the backup jobs in this session
	return nil
}

// duplicateKey is the first key an object of the JSON document data gives
// twice ("schedulePolicy.type" inside an object), "" when none does. data
// is valid JSON.
func duplicateKey(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(path string) string
	walk = func(path string) string {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return ""
				}
				key, _ := kt.(string)
				if path != "" {
					key = path + "." + key
				}
				if seen[key] {
					return key
				}
				seen[key] = true
				if dup := walk(key); dup != "" {
					return dup
				}
			}
			_, _ = dec.Token() // '}'
		case json.Delim('['):
			for dec.More() {
				if dup := walk(path); dup != "" {
					return dup
				}
			}
			_, _ = dec.Token() // ']'
		}
		return ""
	}
	return walk("")
}
