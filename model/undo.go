package model

// Undoing one save (vbosched revert) puts back only the fields that save
// changed, each to its value before the save, and only while the job still
// shows the value the save left: a field changed since is someone else's
// and is never rolled back. Every other field stays as the server has it
// now.

// UndoChanges returns the settings that undo a save of a backup job: from
// current, each field named in fields (the save's changes, by
// FieldChange.Field) set back to before. ChangedSince lists the named
// fields whose current value is not after's (after → current): while it is
// not empty the undo must be refused, naming them.
func UndoChanges(before, after, current Settings, fields []FieldChange) (undo Settings, changedSince []FieldChange) {
	return undoFields(settingsFields, before, after, current, fields)
}

// UndoCopyChanges is UndoChanges for a backup copy job.
func UndoCopyChanges(before, after, current CopySettings, fields []FieldChange) (undo CopySettings, changedSince []FieldChange) {
	return undoFields(copySettingsFields, before, after, current, fields)
}

func undoFields[S any](all []mergeField[S], before, after, current S, fields []FieldChange) (S, []FieldChange) {
	named := make(map[string]bool, len(fields))
	for _, c := range fields {
		named[c.Field] = true
	}
	undo := current
	var since []FieldChange
	for _, f := range all {
		if !named[f.key()] && !(isWindow(f) && named[f.(windowField[S]).offsetKey]) {
			continue
		}
		if ch := f.changes(&after, &current); len(ch) > 0 {
			since = append(since, ch...)
			continue
		}
		f.take(&undo, &before)
	}
	return keepUnsendable(all, undo, current), since
}

// Overwrite is mine put over the job as the server has it now (current):
// mine's settings, but for what the PUT cannot send (keepUnsendable), which
// stays as the server has it.
func Overwrite(mine, current Settings) Settings {
	return keepUnsendable(settingsFields, mine, current)
}

// OverwriteCopy is Overwrite for a backup copy job.
func OverwriteCopy(mine, current CopySettings) CopySettings {
	return keepUnsendable(copySettingsFields, mine, current)
}

// keepUnsendable returns edit with every field it cannot send over the
// server's value taken from server. An enum edit has no value for while
// the server has one cannot be unset through the API (the PUT leaves it
// out and the server keeps its value): it stays as the server has it, so
// no review, diff or audit line claims an unset the save never makes.
// Every edit built over the server's job (revert, overwrite, merge) ends
// here.
func keepUnsendable[S any](all []mergeField[S], edit, server S) S {
	for _, f := range all {
		if isUnsetEnum(f, &edit) && !isUnsetEnum(f, &server) {
			f.take(&edit, &server)
		}
	}
	return edit
}

func isWindow[S any](f mergeField[S]) bool {
	_, ok := f.(windowField[S])
	return ok
}

// isUnsetEnum says whether f is an enum field with no value in s.
func isUnsetEnum[S any](f mergeField[S], s *S) bool {
	type enum interface{ isEnum() }
	_, ok := f.(enum)
	return ok && f.show(s) == orUnset("")
}
