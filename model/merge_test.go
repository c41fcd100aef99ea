package model

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func mustWindow(t *testing.T, spec string) Window {
	t.Helper()
	w, err := ParseWindow(spec)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func baseSettings(t *testing.T) Settings {
	return Settings{
		Name:        "Exchange nightly",
		Description: "mailboxes",
		Policy: SchedulePolicy{
			Type: Daily, DailyType: Workdays, DailyTime: 22 * 3600,
			BackupWindowEnabled: true,
			BackupWindow:        WindowSettings{Hours: mustWindow(t, "Mon-Fri 20-06")},
			PeriodicWindow:      WindowSettings{Hours: AllowAll()},
			HasPeriodicWindow:   true,
			RetryEnabled:        true, RetryNumber: 3, RetryWaitMinutes: 10,
		},
	}
}

func TestMerge_FieldByField(t *testing.T) {
	tests := []struct {
		name         string
		mine, theirs func(*Settings)
		check        func(Settings) bool
		conflict     *Conflict
	}{
		{
			name:  "only mine changed: mine",
			mine:  func(s *Settings) { s.Policy.RetryNumber = 5 },
			check: func(s Settings) bool { return s.Policy.RetryNumber == 5 },
		},
		{
			name:   "only theirs changed: theirs",
			theirs: func(s *Settings) { s.Policy.DailyType = Everyday },
			check:  func(s Settings) bool { return s.Policy.DailyType == Everyday },
		},
		{
			name:   "both changed different fields: both kept",
			mine:   func(s *Settings) { s.Name = "Exchange" },
			theirs: func(s *Settings) { s.Policy.DailyTime = 23 * 3600 },
			check:  func(s Settings) bool { return s.Name == "Exchange" && s.Policy.DailyTime == 23*3600 },
		},
		{
			name:   "both changed a field the same way: no conflict",
			mine:   func(s *Settings) { s.Policy.Type = Periodically; s.Policy.Every = Hours4 },
			theirs: func(s *Settings) { s.Policy.Type = Periodically; s.Policy.Every = Hours4 },
			check:  func(s Settings) bool { return s.Policy.Type == Periodically && s.Policy.Every == Hours4 },
		},
		{
			name:     "both changed a field differently: conflict",
			mine:     func(s *Settings) { s.Policy.DailyTime = 21 * 3600 },
			theirs:   func(s *Settings) { s.Policy.DailyTime = 23*3600 + 30*60 },
			conflict: &Conflict{FieldDailyTime, "22:00", "21:00", "23:30"},
		},
		{
			name:     "enum conflict shows unset in words",
			mine:     func(s *Settings) { s.Policy.Type = ScheduleUnset },
			theirs:   func(s *Settings) { s.Policy.Type = ManualOnly },
			conflict: &Conflict{FieldType, "Daily", "(unset)", "ManualOnly"},
		},
		{
			name:     "name conflict quotes the names",
			mine:     func(s *Settings) { s.Name = "A" },
			theirs:   func(s *Settings) { s.Name = "B" },
			conflict: &Conflict{FieldName, `"Exchange nightly"`, `"A"`, `"B"`},
		},
		{
			name:   "the document's periodic window presence stays theirs",
			mine:   func(s *Settings) { s.Policy.HasPeriodicWindow = false },
			theirs: func(s *Settings) {},
			check:  func(s Settings) bool { return s.Policy.HasPeriodicWindow },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, mine, theirs := baseSettings(t), baseSettings(t), baseSettings(t)
			if tt.mine != nil {
				tt.mine(&mine)
			}
			if tt.theirs != nil {
				tt.theirs(&theirs)
			}
			r := Merge(base, mine, theirs)
			got, err := r.Settings()
			if tt.conflict != nil {
				if !reflect.DeepEqual(r.Conflicts, []Conflict{*tt.conflict}) {
					t.Fatalf("conflicts = %v, want %v", r.Conflicts, *tt.conflict)
				}
				var ce *ConflictError
				if !errors.As(err, &ce) || len(ce.Conflicts) != 1 {
					t.Fatalf("Settings() error = %v, want a *ConflictError", err)
				}
				return
			}
			if err != nil || len(r.Conflicts) != 0 {
				t.Fatalf("unexpected conflicts %v (%v)", r.Conflicts, err)
			}
			if !tt.check(got) {
				t.Errorf("merged = %+v", got)
			}
		})
	}
}

// One side unchanged means the merge is the other side, whatever changed.
func TestMerge_OneSideUnchangedIsTheOther(t *testing.T) {
	base := baseSettings(t)
	edited := base
	edited.Name, edited.Description = "x", "y"
	edited.Policy.Type, edited.Policy.Every, edited.Policy.OffsetMinutes = Periodically, Hours2, 15
	edited.Policy.ScheduleEnabled = true
	edited.Policy.BackupWindow = WindowSettings{Hours: mustWindow(t, "weekends"), MinuteOffset: 60}
	edited.Policy.PeriodicWindowEnabled = true
	edited.Policy.PeriodicWindow.Hours = mustWindow(t, "Mon 01-02")
	edited.Policy.RetryEnabled, edited.Policy.RetryNumber, edited.Policy.RetryWaitMinutes = false, 1, 1
	for name, r := range map[string]*MergeResult{
		"mine edited":   Merge(base, edited, base),
		"theirs edited": Merge(base, base, edited),
	} {
		got, err := r.Settings()
		if err != nil || got != edited || len(r.Combined) != 0 {
			t.Errorf("%s: merged = %+v, %v, combined %v; want the edited side", name, got, err, r.Combined)
		}
	}
}

func TestMerge_WindowHourByHour(t *testing.T) {
	base, mine, theirs := baseSettings(t), baseSettings(t), baseSettings(t)
	mine.Policy.BackupWindow.Hours.Union(mustWindow(t, "Sat 10-12"))      // I allow Saturday morning
	theirs.Policy.BackupWindow.Hours.Subtract(mustWindow(t, "Mon 20-24")) // they deny Monday evening
	theirs.Policy.BackupWindow.Hours.Union(mustWindow(t, "Sat 11-12"))    // and agree on one hour
	r := Merge(base, mine, theirs)
	got, err := r.Settings()
	if err != nil {
		t.Fatalf("hours conflicted: %v", err)
	}
	want := mustWindow(t, "Mon-Fri 20-06")
	want.Subtract(mustWindow(t, "Mon 20-24"))
	want.Union(mustWindow(t, "Sat 10-12"))
	if got.Policy.BackupWindow.Hours != want {
		t.Errorf("window = %s, want %s", got.Policy.BackupWindow.Hours, want)
	}
	if !reflect.DeepEqual(r.Combined, []string{FieldWindow}) {
		t.Errorf("Combined = %v, want the backup window", r.Combined)
	}
}

// Each side's edit is fine alone, but together they deny every hour of an
// enabled window: the merge says so and validation refuses to send it.
func TestMerge_CombinedWindowCanBeEmpty(t *testing.T) {
	base, mine, theirs := baseSettings(t), baseSettings(t), baseSettings(t)
	mine.Policy.BackupWindow.Hours.Subtract(mustWindow(t, "Mon-Fri 20-24"))
	theirs.Policy.BackupWindow.Hours.Subtract(mustWindow(t, "Tue-Sat 00-06"))
	r := Merge(base, mine, theirs)
	got, err := r.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got.Policy.BackupWindow.Hours.Count() != 0 || len(r.Combined) != 1 {
		t.Fatalf("window = %s, combined %v", got.Policy.BackupWindow.Hours, r.Combined)
	}
	if err := got.Policy.Validate(); err == nil || len(err.(ValidationError).For(FieldWindow)) != 1 {
		t.Errorf("Validate = %v, want the empty window reported", err)
	}
}

func TestMerge_WindowOnDifferentClocksConflicts(t *testing.T) {
	tests := []struct {
		name                   string
		mineOffset, theirsOffs int
	}{
		{"they moved the clock while I edited hours", 0, 60},
		{"I moved the clock while they edited hours", 60, 0},
		{"both moved the clock to the same offset", 60, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, mine, theirs := baseSettings(t), baseSettings(t), baseSettings(t)
			mine.Policy.BackupWindow.Hours.Union(mustWindow(t, "Sat"))
			mine.Policy.BackupWindow.MinuteOffset = tt.mineOffset
			theirs.Policy.BackupWindow.Hours.Union(mustWindow(t, "Sun"))
			theirs.Policy.BackupWindow.MinuteOffset = tt.theirsOffs
			r := Merge(base, mine, theirs)
			if len(r.Conflicts) != 1 || r.Conflicts[0].Field != FieldWindow {
				t.Fatalf("conflicts = %v, want one on the whole window", r.Conflicts)
			}
			if c := r.Conflicts[0]; !strings.Contains(c.Mine+c.Theirs, "(minuteOffset 60)") {
				t.Errorf("conflict does not show the offset: %v", c)
			}
			if err := r.Resolve(FieldWindow, Theirs); err != nil {
				t.Fatal(err)
			}
			got, err := r.Settings()
			if err != nil || got.Policy.BackupWindow != theirs.Policy.BackupWindow {
				t.Errorf("resolved to theirs = %+v, %v", got.Policy.BackupWindow, err)
			}
		})
	}
}

func TestMergeResult_Resolve(t *testing.T) {
	base, mine, theirs := baseSettings(t), baseSettings(t), baseSettings(t)
	mine.Policy.RetryNumber, theirs.Policy.RetryNumber = 5, 7
	mine.Description, theirs.Description = "mine", "theirs"
	mine.Policy.OffsetMinutes = 30 // no conflict: must survive resolving the others
	r := Merge(base, mine, theirs)
	if len(r.Conflicts) != 2 {
		t.Fatalf("conflicts = %v", r.Conflicts)
	}
	if err := r.Resolve(FieldRetryWait, Mine); err == nil || !strings.Contains(err.Error(), FieldDescription) {
		t.Errorf("resolving a field without conflict: %v, want an error naming the open ones", err)
	}
	if err := r.Resolve(FieldRetryNumber, Side(0)); err == nil {
		t.Error("resolving with no side succeeded")
	}
	if err := r.Resolve(FieldRetryNumber, Mine); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Settings(); err == nil {
		t.Error("Settings() with a conflict open returned no error")
	}
	if err := r.Resolve(FieldDescription, Theirs); err != nil {
		t.Fatal(err)
	}
	got, err := r.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got.Policy.RetryNumber != 5 || got.Description != "theirs" || got.Policy.OffsetMinutes != 30 {
		t.Errorf("merged = %+v", got)
	}
	if err := r.Resolve(FieldRetryNumber, Theirs); err == nil {
		t.Error("a resolved conflict resolved again")
	}
}

func TestChanges_FieldsAndWindowHours(t *testing.T) {
	base := baseSettings(t)
	other := base
	other.Policy.DailyType = Everyday
	other.Policy.BackupWindow.Hours.Subtract(mustWindow(t, "Mon 20-24"))
	other.Policy.BackupWindow.Hours.Union(mustWindow(t, "Sat 10-12"))
	other.Policy.BackupWindow.MinuteOffset = 60
	other.Policy.PeriodicWindow.Hours.Subtract(mustWindow(t, "Sun"))
	other.Policy.RetryWaitMinutes = 15
	want := []FieldChange{
		{Field: FieldDailyType, Old: "Workdays", New: "Everyday"},
		{Field: FieldWindow, Old: "Mon-Fri 20:00-06:00", New: "Tue-Fri 00:00-06:00, 20:00-24:00; Sat 00:00-06:00, 10:00-12:00",
			Added: "Sat 10:00-12:00", Removed: "Mon 20:00-00:00"},
		{Field: FieldWindowOffset, Old: "0", New: "60"},
		{Field: FieldPeriodicWindow, Old: "always", New: "Mon-Sat", Removed: "Sun"},
		{Field: FieldRetryWait, Old: "10", New: "15"},
	}
	got := Changes(base, other)
	if len(got) != len(want) {
		t.Fatalf("Changes = %v, want %v", got, want)
	}
	for i := range want {
		// The window text is ParseWindow's business; compare hours, not spelling.
		if got[i].Field == FieldWindow {
			if mustWindow(t, got[i].New) != other.Policy.BackupWindow.Hours {
				t.Errorf("window new = %q", got[i].New)
			}
			got[i].New = want[i].New
		}
		if got[i] != want[i] {
			t.Errorf("change %d = %v, want %v", i, got[i], want[i])
		}
	}
	if c := Changes(base, base); len(c) != 0 {
		t.Errorf("no change reports %v", c)
	}
}

// randomSettings draws from few values per field, so that sides often agree
// and often collide.
func randomSettings(r *rand.Rand) Settings {
	pick := func(n int) int { return r.IntN(n) }
	// Windows as people make them: a preset with a few hours changed.
	presets := []Window{{}, AllowAll(), mustWindowSpec("workdays 08-18"), mustWindowSpec("Mon-Fri 20-06")}
	w, pw := presets[pick(len(presets))], presets[pick(len(presets))]
	for range pick(4) {
		w.Toggle(CellAt(pick(WindowHours)))
		pw.Toggle(CellAt(pick(WindowHours)))
	}
	return Settings{
		Name: []string{"A", "B"}[pick(2)], Description: []string{"", "d"}[pick(2)],
		Policy: SchedulePolicy{
			Type: ScheduleType(pick(4)), DailyType: DailyType(pick(3)), DailyTime: Clock(pick(3) * 3600),
			Every: Interval(pick(3)), OffsetMinutes: pick(2) * 15, ScheduleEnabled: pick(2) == 0,
			BackupWindowEnabled: pick(2) == 0, BackupWindow: WindowSettings{Hours: w, MinuteOffset: pick(2) * 60},
			PeriodicWindowEnabled: pick(2) == 0, PeriodicWindow: WindowSettings{Hours: pw},
			HasPeriodicWindow: true,
			RetryEnabled:      pick(2) == 0, RetryNumber: 1 + pick(2), RetryWaitMinutes: 10 * (1 + pick(2)),
		},
	}
}

func mustWindowSpec(spec string) Window {
	w, err := ParseWindow(spec)
	if err != nil {
		panic(err)
	}
	return w
}

// mix takes each field of base or, by a coin toss, of other: a side that
// edited some fields and left the rest.
func mix(r *rand.Rand, base, other Settings) Settings {
	out := base
	for _, f := range settingsFields {
		if r.IntN(2) == 0 {
			f.take(&out, &other)
		}
	}
	if r.IntN(3) == 0 { // and a few hours toggled by hand
		out.Policy.BackupWindow.Hours.Toggle(CellAt(r.IntN(WindowHours)))
	}
	return out
}

func resolveAll(t *testing.T, r *MergeResult, side Side) Settings {
	t.Helper()
	for len(r.Conflicts) > 0 {
		if err := r.Resolve(r.Conflicts[0].Field, side); err != nil {
			t.Fatal(err)
		}
	}
	s, err := r.Settings()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMerge_Properties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 1000 {
		base := randomSettings(rng)
		mine, theirs := mix(rng, base, randomSettings(rng)), mix(rng, base, randomSettings(rng))
		// Mine, but for what the PUT cannot send over theirs.
		if got, err := Merge(base, mine, base).Settings(); err != nil || got != Overwrite(mine, base) {
			t.Fatalf("case %d: theirs unchanged, merge is not mine put over theirs", i)
		}
		if got, err := Merge(base, base, theirs).Settings(); err != nil || got != theirs {
			t.Fatalf("case %d: mine unchanged, merge is not theirs", i)
		}
		if got, err := Merge(base, mine, mine).Settings(); err != nil || got != mine {
			t.Fatalf("case %d: same edit on both sides, merge is not that edit", i)
		}
		// Swapping the sides swaps who wins a conflict, and nothing else
		// but which side's value an unset the PUT cannot send keeps
		// (the server's, theirs): each put over the other's server side.
		a := resolveAll(t, Merge(base, mine, theirs), Mine)
		b := resolveAll(t, Merge(base, theirs, mine), Theirs)
		if Overwrite(a, mine) != Overwrite(b, theirs) {
			t.Fatalf("case %d: merge depends on which side is mine:\n%+v\n%+v", i, a, b)
		}
		// Every change the merge makes to base was made by one side.
		mineChanges, theirChanges := Changes(base, mine), Changes(base, theirs)
		for _, c := range Changes(base, a) {
			if c.Field == FieldWindow || c.Field == FieldPeriodicWindow {
				continue // combined hour by hour: checked below
			}
			if !slices.Contains(mineChanges, c) && !slices.Contains(theirChanges, c) {
				t.Fatalf("case %d: merge made a change neither side made: %v", i, c)
			}
		}
		for h := range WindowHours {
			got, bh := a.Policy.BackupWindow.Hours[h], base.Policy.BackupWindow.Hours[h]
			if got != bh && got != mine.Policy.BackupWindow.Hours[h] && got != theirs.Policy.BackupWindow.Hours[h] {
				t.Fatalf("case %d: hour %s changed by nobody", i, CellAt(h))
			}
		}
	}
}

// The merged settings go into a PUT built from the server's current job, so
// whatever they changed outside Settings survives: isEnabled, fields
// vbosched does not model.
func TestMerge_PutFromTheirsKeepsTheirOtherChanges(t *testing.T) {
	base, doc := readJob(t, "job-v8.json")
	doc["isEnabled"] = false
	sp := doc["schedulePolicy"].(map[string]any)
	sp["retryWaitInterval"] = 20
	sp["futureSetting"] = map[string]any{"mode": "Fixed"}
	data, _ := json.Marshal(doc)
	theirs, err := DecodeJob(data)
	if err != nil {
		t.Fatal(err)
	}
	mine := base.Settings()
	mine.Policy.RetryNumber = 5
	merged, err := Merge(base.Settings(), mine, theirs.Settings()).Settings()
	if err != nil {
		t.Fatal(err)
	}
	body, err := theirs.PutBody(merged, 8)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeBody(t, body)
	gotSP := got["schedulePolicy"].(map[string]any)
	if got["isEnabled"] != false || gotSP["retryNumber"] != 5.0 || gotSP["retryWaitInterval"] != 20.0 ||
		!reflect.DeepEqual(gotSP["futureSetting"], map[string]any{"mode": "Fixed"}) {
		t.Errorf("PUT lost a side's change: isEnabled %v, schedulePolicy %v", got["isEnabled"], gotSP)
	}
}

// An enum value vbosched does not know travels with its raw text: a merge
// that takes their unknown interval takes the text too, and two different
// unknown values are a change, not equal because both are "unknown".
func TestMerge_UnknownEnumMovesWithItsRawValue(t *testing.T) {
	base := baseSettings(t)
	base.Policy.Type, base.Policy.Every = Periodically, Hours1
	mine := base
	mine.Name = "renamed"
	theirs := base
	theirs.Policy.Every, theirs.Policy.Unknown.Every = IntervalUnknown, "Hours24"

	got, err := Merge(base, mine, theirs).Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got.Policy.Every != IntervalUnknown || got.Policy.Unknown.Every != "Hours24" || got.Name != "renamed" {
		t.Errorf("merged every = %v %q, name %q; want their Hours24 and my name", got.Policy.Every, got.Policy.Unknown.Every, got.Name)
	}

	other := theirs
	other.Policy.Unknown.Every = "Hours48"
	changes := Changes(theirs, other)
	if len(changes) != 1 || !strings.Contains(changes[0].Old, "Hours24") || !strings.Contains(changes[0].New, "Hours48") {
		t.Errorf("Changes(Hours24 → Hours48) = %v", changes)
	}
}
