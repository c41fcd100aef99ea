// Package ui is vbosched's terminal UI, a Bubble Tea program: a job list,
// the 7×24 window grid with the schedule form, a review of every change
// before it is sent, and the result read back from the server.
//
// All I/O goes through the Backend and Drafts interfaces inside tea.Cmds;
// Update only reacts to messages, so every screen can be driven from a test.
//
// # Trust
//
// The job as read is the edit's base until a save succeeds; the job read
// back then is the new base. A save that finds the job changed meanwhile
// (model.StaleError) opens the conflict screen: their changes, a three-way
// merge of mine on top of theirs (model.Merge), overwrite, or cancel. Every
// edit is written to Drafts (one write in flight, the latest state always
// last), removed by a save, a discard or a reload, and offered back, merged
// the same way, when the job is opened again. ctrl+c asks when there are
// edits and waits for a save in flight; HangupMsg quits once the draft is
// on disk.
//
// # Who owns what
//
// Model is a value, and so is every component it holds (JobList, editor,
// Grid, Form, review, the render cache): Update works on its own copy and
// returns it as the new Model, and an old Model stays as it was. State
// changes only in Update and the methods it calls; View and every Render
// only read (value receivers, or pointer receivers that never write). What
// a view shows that is costly to derive is brought up to date at the end of
// Update (editor.settle, Model.fillCache) and read by View; a cache entry
// is keyed by everything it depends on, and on a miss View draws without
// remembering.
//
// Copies share memory only where nothing is written in place: *model.Job
// values are as read and never changed (a save reads the job back as a new
// one); the undo history is an immutable linked stack; the list's job and
// row slices are replaced, never written into; the conflict screen keeps
// the user's choices as a slice copied before each change and makes the
// merge again from them, never holding a *model.MergeResult. The parts of
// a Model that change seldom (the spinner, the review, the conflict
// screen, draftSync through frozen, the editor's summary) are pointers to
// values that are replaced whole, never written through: Bubble Tea copies
// the Model into a tea.Model on every Update, and they would be most of it.
package ui
