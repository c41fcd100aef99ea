package model

import "fmt"

// The outcome errors of a copy job's save, the counterparts of
// save_outcome.go's: the same meaning and words, a *CopyJob in place of a
// *Job. They are separate types because callers reach into Base, Current and
// Saved to merge or show the job, and a copy job is not a Job.

// CopyStaleError says the copy job changed on the server after the edit
// started from it. Nothing was sent.
type CopyStaleError struct {
	Base    *CopyJob
	Current *CopyJob
	Theirs  []FieldChange
}

func (e *CopyStaleError) Error() string {
	return fmt.Sprintf("%s was changed on the server since it was read (%s); nothing was sent",
		e.Base.Label(), fieldNames(e.Theirs))
}

// CopyNotAppliedError says the server accepted the PUT but the copy job read
// back does not show what was sent.
type CopyNotAppliedError struct {
	Saved   *CopyJob
	Missing []FieldChange
}

func (e *CopyNotAppliedError) Error() string {
	return fmt.Sprintf("the server accepted the change to %s but does not show it for %s: it was not saved",
		e.Saved.Label(), fieldNames(e.Missing))
}

// CopyUnknownOutcomeError says the PUT was sent but whether the server
// applied it is not known.
type CopyUnknownOutcomeError struct {
	Job *CopyJob
	Err error
}

func (e *CopyUnknownOutcomeError) Error() string {
	return fmt.Sprintf("the change to %s was sent but no answer came back, so it is not known whether it was saved: %v; read the copy job again to see",
		e.Job.Label(), e.Err)
}

func (e *CopyUnknownOutcomeError) Unwrap() error { return e.Err }
