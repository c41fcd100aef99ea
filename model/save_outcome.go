package model

import (
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
