package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vbosched/vbosched/model"
)

// describeSaveError turns a save's error into a status word and what the
// operator needs: which fields, and what to do next. The outcome errors come
// from jobstore.SaveJob (see model/save_outcome.go); anything else failed
// plainly.
func describeSaveError(err error) (status, detail string) {
	var stale *model.StaleError
	var notApplied *model.NotAppliedError
	var unknown *model.UnknownOutcomeError
	var copyStale *model.CopyStaleError
	var copyNotApplied *model.CopyNotAppliedError
	var copyUnknown *model.CopyUnknownOutcomeError
	var partly *model.PartlySavedError
	var notReadBack *model.NotReadBackError
	var notSent *model.NotSentError
	switch {
	case errors.As(err, &notReadBack):
		// Before the unknown cases: it carries one for the editor.
		return "not read back", fmt.Sprintf("%v\nsee it with `%s` before trying again", err, showCommand(notReadBack.Unknown))
	case errors.As(err, &notSent):
		return "not sent", err.Error()
	case errors.As(err, &partly):
		return "partly saved", fmt.Sprintf("%v\nthe job did change: see it with `%s`, and set what was not saved again", err, showCommand(err))
	case errors.As(err, &copyStale):
		return "stale", fmt.Sprintf("%v\nchanged on the server:\n%s\nrun the command again to apply it to the copy job as it is now",
			err, changeLines(copyStale.Theirs))
	case errors.As(err, &copyNotApplied):
		return "not saved", fmt.Sprintf("%v\nsent → the server shows:\n%s\nsee the copy job with `%s`; the server may not support the field",
			err, changeLines(copyNotApplied.Missing), showCommand(err))
	case errors.As(err, &copyUnknown):
		return "unknown", fmt.Sprintf("%v\nsee the copy job with `%s` before trying again", err, showCommand(err))
	case errors.As(err, &stale):
		return "stale", fmt.Sprintf("%v\nchanged on the server:\n%s\nrun the command again to apply it to the job as it is now",
			err, changeLines(stale.Theirs))
	case errors.As(err, &notApplied):
		return "not saved", fmt.Sprintf("%v\nsent → the server shows:\n%s\nsee the job with `%s`; the server may not support the field",
			err, changeLines(notApplied.Missing), showCommand(err))
	case errors.As(err, &unknown):
		return "unknown", fmt.Sprintf("%v\nsee the job with `%s` before trying again", err, showCommand(err))
	}
	return "failed", err.Error()
}

func changeLines(cs []model.FieldChange) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = "  " + c.String()
	}
	return strings.Join(lines, "\n")
}

// showCommand is the command that shows the job a save's error is about,
// with its id, so it can be run as printed.
func showCommand(err error) string {
	var unknown *model.UnknownOutcomeError
	var notApplied *model.NotAppliedError
	var copyUnknown *model.CopyUnknownOutcomeError
	var copyNotApplied *model.CopyNotAppliedError
	var partly *model.PartlySavedError
	switch {
	case errors.As(err, &copyUnknown) && copyUnknown.Job != nil:
		return "vbosched show --kind copy " + copyUnknown.Job.ID
	case errors.As(err, &copyNotApplied) && copyNotApplied.Saved != nil:
		return "vbosched show --kind copy " + copyNotApplied.Saved.ID
	case errors.As(err, &unknown) && unknown.Job != nil:
		return "vbosched show " + unknown.Job.ID
	case errors.As(err, &notApplied) && notApplied.Saved != nil:
		return "vbosched show " + notApplied.Saved.ID
	case errors.As(err, &partly) && partly.ID != "":
		return "vbosched show " + partly.ID
	}
	return "vbosched show"
}
