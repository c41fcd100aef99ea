package model

import (
	"errors"
	"fmt"
	"strings"
)

// The errors a save can end with besides the transport's own. They live in
// model, not in the store that returns them, so that every front end (the
// editor imports only model) can tell them apart with errors.As and show what
// the operator needs to decide.

// StaleError says the job changed on the server after the edit started from
// it. Nothing was sent. Theirs lists what the other side changed, field by
// field, so the editor can show it and offer a three-way merge.
type StaleError struct {
	Base    *Job          // the job the edit started from
	Current *Job          // the job as the server has it now
	Theirs  []FieldChange // Base → Current, every field the PUT would carry
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("%s was changed on the server since it was read (%s); nothing was sent",
		e.Base.Label(), fieldNames(e.Theirs))
}

// NotAppliedError says the server accepted the PUT but the job read back
// afterwards does not show what was sent. Missing lists, per field, what was
// sent (Old) and what the server shows (New). The edit is still the
// operator's: nothing about it may be treated as saved.
type NotAppliedError struct {
	Saved   *Job          // the job as read back after the PUT
	Missing []FieldChange // sent → shown by the server
}

func (e *NotAppliedError) Error() string {
	return fmt.Sprintf("the server accepted the change to %s but does not show it for %s: it was not saved",
		e.Saved.Label(), fieldNames(e.Missing))
}

// UnknownOutcomeError says the PUT was sent but no answer came back (the
// connection dropped, the request was cancelled or timed out), so whether
// the server applied it is not known. Read the job again to find out.
type UnknownOutcomeError struct {
	Job *Job // the job the edit started from
	Err error
}

func (e *UnknownOutcomeError) Error() string {
	return fmt.Sprintf("the change to %s was sent but no answer came back, so it is not known whether it was saved: %v; read the job again to see",
		e.Job.Label(), e.Err)
}

func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// NotReadBackError says the server answered the PUT with success but the
// job could not be read back afterwards (the read failed, or the command
// was interrupted before it could read): the change is most likely saved,
// but what the server stored is not verified. Save outcomes that are not
// known say so with UnknownOutcomeError; this one was answered.
type NotReadBackError struct {
	Label string // the job's label
	Noun  string // "job" or "copy job"
	Err   error  // why it was not read back
	// Unknown is the kind's unknown-outcome error (*UnknownOutcomeError,
	// *CopyUnknownOutcomeError) for the same save: a front end that tells
	// only "saved or not known" apart still finds it with errors.As.
	Unknown error
}

func (e *NotReadBackError) Error() string {
	return fmt.Sprintf("the server accepted the change to %s, but it was not read back, so what it stored is not verified: %v; read the %s again to see",
		e.Label, e.Err, e.Noun)
}

func (e *NotReadBackError) Unwrap() []error { return []error{e.Err, e.Unknown} }

// NotSentError says a save ended before its PUT was sent (the job could
// not be read again first, or the command was interrupted): the job is as
// it was.
type NotSentError struct{ Err error }

func (e *NotSentError) Error() string { return e.Err.Error() + "; nothing was sent" }

func (e *NotSentError) Unwrap() error { return e.Err }

func fieldNames(cs []FieldChange) string {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, c.Field)
	}
	if len(names) == 0 {
		return "no field named"
	}
	return strings.Join(names, ", ")
}

// ChangedSinceError is a save that stood: every field edited shows on the
// job read back. Theirs are fields the save did not edit (sent as read)
// that the server now shows otherwise: someone changed them between the
// check before the save and the read-back after it, and the server keeps
// their value. It is not a failure; front ends report the save as saved,
// with this note (errors.As, or SavedWithNote).
type ChangedSinceError struct {
	Label  string        // the job's label
	Theirs []FieldChange // as read (and sent) → as the server shows it now
}

func (e *ChangedSinceError) Error() string {
	return fmt.Sprintf("saved %s; changed on the server since: %s (someone else's change after the check before the save; kept as the server has it)",
		e.Label, changeWords(e.Theirs))
}

// Note is the error's text for a line that already says "saved".
func (e *ChangedSinceError) Note() string {
	return "changed on the server since: " + changeWords(e.Theirs) + " (someone else's change, kept)"
}

// SavedWithNote says whether err is a save that stood, with a note
// (*ChangedSinceError), and gives the note.
func SavedWithNote(err error) (string, bool) {
	var cs *ChangedSinceError
	if errors.As(err, &cs) {
		return cs.Note(), true
	}
	return "", false
}

// PartlySavedError is a save of which some edited fields show on the job
// read back and others do not: before v6 the PUT and the switch's action
// are two requests, and one may land without the other. The job did
// change: Saved lists what it now shows (before → after), Missing what was
// sent and is not shown (sent → shown, with why when the server said).
type PartlySavedError struct {
	Label   string
	ID      string // the job's id
	Saved   []FieldChange
	Missing []FieldChange
	Theirs  []FieldChange // as in ChangedSinceError
}

func (e *PartlySavedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s was partly saved: saved %s; not saved: ", e.Label, changeWords(e.Saved))
	for i, c := range e.Missing {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (sent %s, the server shows %s)", c.Field, c.Old, c.New)
	}
	if len(e.Theirs) > 0 {
		fmt.Fprintf(&b, "; changed on the server since: %s", changeWords(e.Theirs))
	}
	return b.String()
}

// changeWords lists changes as "field old → new, …".
func changeWords(cs []FieldChange) string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s → %s", c.Field, c.Old, c.New))
	}
	return strings.Join(out, ", ")
}
