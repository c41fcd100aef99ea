package model

import (
	"fmt"
	"strings"
)

// A three-way merge of edited settings, for the moment a save finds that the
// job changed on the server since the edit began: base is the job as the
// edit started from it, mine is base plus the user's edits, theirs is the
// server's job now.
//
// Every field Settings carries merges on its own: a field only one side
// changed takes that side's value, and a field both sides changed to
// different values is a Conflict the user decides. Fields the PUT carries but
// Settings does not (repositoryId, proxyId, backupType and the
// schedule fields vbosched does not model) are never edited, so they are
// always theirs: build the PUT with theirs.PutBody(merged, v), which starts
// from the server's current document.
//
// The backup windows merge hour by hour. An hour is a boolean, so when both
// sides changed it they changed it to the same value: hours never conflict.
// Two things still need a person:
//   - The hours mean wall-clock hours on the clock minuteOffset sets. If the
//     offset is not the same on all three sides, the sides' hours are on
//     different clocks and mixing them would shift someone's edit, so the
//     whole window (hours and offset) is one Conflict.
//   - A window with changes from both sides is a value neither side saw; it
//     can even allow no hour at all while the window is on. Such windows are
//     listed in MergeResult.Combined so a caller shows them before saving,
//     and Job.Validate rejects an empty one as it would any edit.

// Side is one side of a merge, to resolve a conflict with.
type Side int

const (
	Mine Side = iota + 1
	Theirs
)

func (s Side) String() string {
	switch s {
	case Mine:
		return "mine"
	case Theirs:
		return "theirs"
	}
	return fmt.Sprintf("Side(%d)", int(s))
}

// Conflict is a field both sides changed to different values, each in words
// (as in FieldChange). Field is a stable key, one of the Field… constants.
type Conflict struct {
	Field  string
	Base   string
	Mine   string
	Theirs string
}

func (c Conflict) String() string {
	return fmt.Sprintf("%s: was %s, mine %s, theirs %s", c.Field, c.Base, c.Mine, c.Theirs)
}

// MergeResult is a merge of a backup job's settings in progress: the
// merged settings and the conflicts still open.
type MergeResult = MergeOf[Settings]

// CopyMergeResult is a merge of a backup copy job's settings (MergeCopy).
type CopyMergeResult = MergeOf[CopySettings]

// MergeOf is a merge in progress of settings S, a backup job's or a copy
// job's: the same three-way rules over each kind's list of fields.
type MergeOf[S any] struct {
	// Conflicts are the fields still to decide, in the order a person reads
	// a schedule. Resolve removes them.
	Conflicts []Conflict
	// Combined lists the window fields (FieldWindow, FieldPeriodicWindow,
	// FieldCopyWindow) whose hours come from both sides.
	Combined []string

	merged, mine, theirs S
	fields               []mergeField[S]
}

// Merge merges mine and theirs, both descended from base.
func Merge(base, mine, theirs Settings) *MergeResult {
	return mergeFields(settingsFields, base, mine, theirs)
}

// MergeCopy is Merge for backup copy jobs: their schedule fields, their
// switch and the backup copy window, hour by hour, as Merge does.
func MergeCopy(base, mine, theirs CopySettings) *CopyMergeResult {
	return mergeFields(copySettingsFields, base, mine, theirs)
}

func mergeFields[S any](fields []mergeField[S], base, mine, theirs S) *MergeOf[S] {
	// Start from theirs: a field nobody changed, or only they did, is done.
	r := &MergeOf[S]{merged: theirs, mine: mine, theirs: theirs, fields: fields}
	for _, f := range fields {
		f.merge(r, &base, &mine, &theirs)
	}
	return r
}

// Resolve decides the open conflict on field for one side. A window conflict
// takes that side's whole window, hours and minuteOffset together.
func (r *MergeOf[S]) Resolve(field string, side Side) error {
	i := r.conflictIndex(field)
	if i < 0 {
		return fmt.Errorf("merge: no open conflict on %s (open: %s)", field, r.openFields())
	}
	src := &r.mine
	switch side {
	case Mine:
	case Theirs:
		src = &r.theirs
	default:
		return fmt.Errorf("merge: resolving %s: %v is neither mine nor theirs", field, side)
	}
	r.fieldByKey(field).take(&r.merged, src)
	r.Conflicts = append(r.Conflicts[:i:i], r.Conflicts[i+1:]...)
	return nil
}

// ConflictError lists the conflicts a merge still has.
type ConflictError struct{ Conflicts []Conflict }

func (e *ConflictError) Error() string {
	msgs := make([]string, len(e.Conflicts))
	for i, c := range e.Conflicts {
		msgs[i] = c.String()
	}
	return fmt.Sprintf("%d field(s) changed on both sides; choose mine or theirs for each: %s",
		len(e.Conflicts), strings.Join(msgs, "; "))
}

// Settings returns the merged settings. While conflicts are open it returns
// a *ConflictError too, and the conflicting fields hold theirs, so the value
// can be shown but must not be saved. A field mine has unset that the PUT
// cannot unset stays theirs (keepUnsendable).
func (r *MergeOf[S]) Settings() (S, error) {
	merged := keepUnsendable(r.fields, r.merged, r.theirs)
	if len(r.Conflicts) > 0 {
		return merged, &ConflictError{append([]Conflict(nil), r.Conflicts...)}
	}
	return merged, nil
}

func (r *MergeOf[S]) conflictIndex(field string) int {
	for i, c := range r.Conflicts {
		if c.Field == field {
			return i
		}
	}
	return -1
}

func (r *MergeOf[S]) openFields() string {
	if len(r.Conflicts) == 0 {
		return "none"
	}
	keys := make([]string, len(r.Conflicts))
	for i, c := range r.Conflicts {
		keys[i] = c.Field
	}
	return strings.Join(keys, ", ")
}

func (r *MergeOf[S]) conflict(f mergeField[S], base, mine, theirs *S) {
	r.Conflicts = append(r.Conflicts, Conflict{f.key(), f.show(base), f.show(mine), f.show(theirs)})
}

func (r *MergeOf[S]) fieldByKey(key string) mergeField[S] {
	for _, f := range r.fields {
		if f.key() == key {
			return f
		}
	}
	panic("model: no settings field " + key) // conflicts only name fields of the list
}

// FieldChange is one field that differs between two settings, old → new in
// words. For a window's hours, Added and Removed are the text forms (see
// ParseWindow) of the hours newly allowed and no longer allowed.
type FieldChange struct {
	Field   string `json:"field"`
	Old     string `json:"old"`
	New     string `json:"new"`
	Added   string `json:"added,omitempty"`
	Removed string `json:"removed,omitempty"`
}

func (c FieldChange) String() string {
	s := fmt.Sprintf("%s: %s → %s", c.Field, c.Old, c.New)
	if c.Added != "" {
		s += " (+" + c.Added + ")"
	}
	if c.Removed != "" {
		s += " (−" + c.Removed + ")"
	}
	return s
}

// Changes lists what differs from base in other, in the order a person reads
// a schedule: what the other side changed, or what a save changed.
func Changes(base, other Settings) []FieldChange {
	var out []FieldChange
	for _, f := range settingsFields {
		out = append(out, f.changes(&base, &other)...)
	}
	return out
}

// mergeField is one mergeable field of settings S.
type mergeField[S any] interface {
	key() string
	show(s *S) string
	take(dst, src *S)
	merge(r *MergeOf[S], base, mine, theirs *S)
	changes(base, other *S) []FieldChange
}

// settingsFields lists every field of Settings but HasPeriodicWindow, which
// describes the server's document rather than an edit and so stays theirs.
var settingsFields = []mergeField[Settings]{
	scalar(FieldName, func(s *Settings) *string { return &s.Name }, quote),
	scalar(FieldDescription, func(s *Settings) *string { return &s.Description }, quote),
	scalar(FieldIsEnabled, func(s *Settings) *bool { return &s.IsEnabled }, sprint[bool]),
	enumOf(FieldType, func(s *Settings) (*ScheduleType, *string) { return &s.Policy.Type, &s.Policy.Unknown.Type }, func(s *Settings) string { return s.Policy.TypeText() }),
	enumOf(FieldDailyType, func(s *Settings) (*DailyType, *string) { return &s.Policy.DailyType, &s.Policy.Unknown.DailyType }, func(s *Settings) string { return s.Policy.DailyTypeText() }),
	scalar(FieldDailyTime, func(s *Settings) *Clock { return &s.Policy.DailyTime }, Clock.String),
	enumOf(FieldEvery, func(s *Settings) (*Interval, *string) { return &s.Policy.Every, &s.Policy.Unknown.Every }, func(s *Settings) string { return s.Policy.EveryText() }),
	scalar(FieldOffsetMinutes, func(s *Settings) *int { return &s.Policy.OffsetMinutes }, sprint[int]),
	scalar(FieldScheduleEnabled, func(s *Settings) *bool { return &s.Policy.ScheduleEnabled }, sprint[bool]),
	scalar(FieldWindowEnabled, func(s *Settings) *bool { return &s.Policy.BackupWindowEnabled }, sprint[bool]),
	windowField[Settings]{FieldWindow, FieldWindowOffset, func(s *Settings) *WindowSettings { return &s.Policy.BackupWindow }},
	scalar(FieldPeriodicEnabled, func(s *Settings) *bool { return &s.Policy.PeriodicWindowEnabled }, sprint[bool]),
	windowField[Settings]{FieldPeriodicWindow, FieldPeriodicOffset, func(s *Settings) *WindowSettings { return &s.Policy.PeriodicWindow }},
	scalar(FieldRetryEnabled, func(s *Settings) *bool { return &s.Policy.RetryEnabled }, sprint[bool]),
	scalar(FieldRetryNumber, func(s *Settings) *int { return &s.Policy.RetryNumber }, sprint[int]),
	scalar(FieldRetryWait, func(s *Settings) *int { return &s.Policy.RetryWaitMinutes }, sprint[int]),
}

// copySettingsFields lists every field of CopySettings, in the order
// CopyChanges names them.
var copySettingsFields = []mergeField[CopySettings]{
	scalar(FieldIsEnabled, func(s *CopySettings) *bool { return &s.IsEnabled }, sprint[bool]),
	enumOf(FieldType, func(s *CopySettings) (*CopyScheduleType, *string) { return &s.Policy.Type, &s.Policy.Unknown.Type }, func(s *CopySettings) string { return s.Policy.TypeText() }),
	enumOf(FieldDailyType, func(s *CopySettings) (*DailyType, *string) { return &s.Policy.DailyType, &s.Policy.Unknown.DailyType }, func(s *CopySettings) string { return s.Policy.DailyTypeText() }),
	scalar(FieldDailyTime, func(s *CopySettings) *Clock { return &s.Policy.DailyTime }, Clock.String),
	enumOf(FieldEvery, func(s *CopySettings) (*Interval, *string) { return &s.Policy.Every, &s.Policy.Unknown.Every }, func(s *CopySettings) string { return s.Policy.EveryText() }),
	scalar(FieldCopyWindowEnabled, func(s *CopySettings) *bool { return &s.Policy.WindowEnabled }, sprint[bool]),
	windowField[CopySettings]{FieldCopyWindow, FieldCopyWindowOffset, func(s *CopySettings) *WindowSettings { return &s.Policy.Window }},
}

func sprint[T any](v T) string { return fmt.Sprint(v) }

type scalarField[S any, T comparable] struct {
	name   string
	at     func(*S) *T
	format func(T) string
}

func scalar[S any, T comparable](key string, at func(*S) *T, format func(T) string) mergeField[S] {
	return scalarField[S, T]{key, at, format}
}

func (f scalarField[S, T]) key() string      { return f.name }
func (f scalarField[S, T]) show(s *S) string { return f.format(*f.at(s)) }
func (f scalarField[S, T]) take(dst, src *S) { *f.at(dst) = *f.at(src) }

func (f scalarField[S, T]) merge(r *MergeOf[S], base, mine, theirs *S) {
	mergeValue(r, f, *f.at(base), *f.at(mine), *f.at(theirs), base, mine, theirs)
}

func (f scalarField[S, T]) changes(base, other *S) []FieldChange {
	return valueChanges(f, *f.at(base), *f.at(other), base, other)
}

// mergeValue is the three-way rule for one value: theirs stays unless I
// changed it; my change wins where they left it alone or agree; both
// changed it differently is a conflict.
func mergeValue[S any, V comparable](r *MergeOf[S], f mergeField[S], b, m, t V, base, mine, theirs *S) {
	switch {
	case m == b: // theirs, already in place
	case t == b || t == m:
		f.take(&r.merged, mine)
	default:
		r.conflict(f, base, mine, theirs)
	}
}

// valueChanges is the one change of a field whose value differs.
func valueChanges[S any, V comparable](f mergeField[S], a, b V, base, other *S) []FieldChange {
	if a == b {
		return nil
	}
	return []FieldChange{{Field: f.key(), Old: f.show(base), New: f.show(other)}}
}

// enumField is an enum together with the raw value kept when the server's
// value is one vbosched does not know: the two are one value, compared,
// merged and taken together, so an unknown value is never half-copied.
type enumField[S any, T comparable] struct {
	name string
	at   func(*S) (*T, *string)
	text func(*S) string
}

type enumValue[T comparable] struct {
	v   T
	raw string
}

func enumOf[S any, T comparable](key string, at func(*S) (*T, *string), text func(*S) string) mergeField[S] {
	return enumField[S, T]{key, at, text}
}

func (f enumField[S, T]) get(s *S) enumValue[T] {
	v, raw := f.at(s)
	return enumValue[T]{*v, *raw}
}

func (f enumField[S, T]) key() string      { return f.name }
func (f enumField[S, T]) isEnum()          {}
func (f enumField[S, T]) show(s *S) string { return orUnset(f.text(s)) }

func (f enumField[S, T]) take(dst, src *S) {
	dv, draw := f.at(dst)
	sv, sraw := f.at(src)
	*dv, *draw = *sv, *sraw
}

func (f enumField[S, T]) merge(r *MergeOf[S], base, mine, theirs *S) {
	mergeValue(r, f, f.get(base), f.get(mine), f.get(theirs), base, mine, theirs)
}

func (f enumField[S, T]) changes(base, other *S) []FieldChange {
	return valueChanges(f, f.get(base), f.get(other), base, other)
}

// windowField is a window's hours and minuteOffset, merged as one unit so
// that hours on different clocks are never mixed.
type windowField[S any] struct {
	hoursKey, offsetKey string
	at                  func(*S) *WindowSettings
}

func (f windowField[S]) key() string      { return f.hoursKey }
func (f windowField[S]) take(dst, src *S) { *f.at(dst) = *f.at(src) }

func (f windowField[S]) show(s *S) string {
	ws := f.at(s)
	if ws.MinuteOffset != 0 {
		return fmt.Sprintf("%s (minuteOffset %d)", ws.Hours, ws.MinuteOffset)
	}
	return ws.Hours.String()
}

func (f windowField[S]) merge(r *MergeOf[S], base, mine, theirs *S) {
	b, m, t := *f.at(base), *f.at(mine), *f.at(theirs)
	switch {
	case m == b:
	case t == b || t == m:
		f.take(&r.merged, mine)
	case m.MinuteOffset != b.MinuteOffset || t.MinuteOffset != b.MinuteOffset:
		r.conflict(f, base, mine, theirs)
	default:
		out := f.at(&r.merged)
		for i := range out.Hours {
			if m.Hours[i] != b.Hours[i] {
				out.Hours[i] = m.Hours[i]
			}
		}
		r.Combined = append(r.Combined, f.hoursKey)
	}
}

func (f windowField[S]) changes(base, other *S) []FieldChange {
	b, o := f.at(base), f.at(other)
	var out []FieldChange
	if b.Hours != o.Hours {
		var added, removed Window
		for i := range added {
			added[i] = o.Hours[i] && !b.Hours[i]
			removed[i] = b.Hours[i] && !o.Hours[i]
		}
		out = append(out, FieldChange{Field: f.hoursKey, Old: b.Hours.String(), New: o.Hours.String(),
			Added: nonEmptyWindow(added), Removed: nonEmptyWindow(removed)})
	}
	if b.MinuteOffset != o.MinuteOffset {
		out = append(out, FieldChange{Field: f.offsetKey, Old: fmt.Sprint(b.MinuteOffset), New: fmt.Sprint(o.MinuteOffset)})
	}
	return out
}

func nonEmptyWindow(w Window) string {
	if w.Count() == 0 {
		return ""
	}
	return w.String()
}
