package model

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The job's on/off switch (isEnabled) is an edited field like the schedule's.

func TestPutBody_IsEnabledWhereTheVersionDocumentsIt(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		v       APIVersion
		disable bool
		want    any // the body's isEnabled; nil: not in the body
	}{
		{"v8 sends a disable", "job-v8.json", 8, true, false},
		{"v6 sends a disable", "job-v8.json", 6, true, false},
		{"v8 sends the switch as read when not edited", "job-v8.json", 8, false, true},
		{"v2's PUT does not document it: not sent", "job-v2.json", 2, true, nil},
		{"v5 neither", "job-v2.json", 5, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, _ := readJob(t, tt.file)
			edit := j.Settings()
			if tt.disable {
				edit.IsEnabled = false
			}
			body, err := j.PutBody(edit, tt.v)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := decodeBody(t, body)["isEnabled"]
			if tt.want == nil && ok {
				t.Errorf("body carries isEnabled %v; %s does not take it", got, tt.v)
			}
			if tt.want != nil && got != tt.want {
				t.Errorf("isEnabled = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCompareJobs_IsEnabledOnEveryVersion(t *testing.T) {
	for _, tt := range []struct {
		file string
		v    APIVersion
	}{{"job-v2.json", 2}, {"job-v2.json", 5}, {"job-v8.json", 6}, {"job-v8.json", 8}} {
		base, _ := readJob(t, tt.file)
		now := changed(t, tt.file, func(d map[string]any) { d["isEnabled"] = false })
		var fields []string
		for _, c := range CompareJobs(base, now, tt.v) {
			fields = append(fields, c.Field)
		}
		if !slices.Equal(fields, []string{FieldIsEnabled}) {
			t.Errorf("%s: someone disabling the job compares as %v, want [%s] once", tt.v, fields, FieldIsEnabled)
		}
	}
}

func TestMerge_IsEnabled(t *testing.T) {
	tests := []struct {
		name         string
		mine, theirs bool // the switch on each side; base is on
		want         bool
		conflict     bool
	}{
		{"I disable it: disabled", false, true, false, false},
		{"they disable it: disabled", true, false, false, false},
		{"both disable it: no conflict", false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := baseSettings(t)
			base.IsEnabled = true
			mine, theirs := base, base
			mine.IsEnabled, theirs.IsEnabled = tt.mine, tt.theirs
			got, err := Merge(base, mine, theirs).Settings()
			if err != nil || got.IsEnabled != tt.want {
				t.Errorf("merged isEnabled %v (%v), want %v", got.IsEnabled, err, tt.want)
			}
		})
	}
	// A switch has two values, so both sides changing it changed it alike:
	// it never conflicts. Their switch survives my other edits.
	base := baseSettings(t)
	mine, theirs := base, base
	mine.Name = "renamed"
	theirs.IsEnabled = true
	if got, err := Merge(base, mine, theirs).Settings(); err != nil || !got.IsEnabled || got.Name != "renamed" {
		t.Errorf("merge of my rename and their enabling = %+v (%v)", got, err)
	}
}

func TestChanges_IsEnabledInTheConsolesWords(t *testing.T) {
	base := baseSettings(t)
	base.IsEnabled = true
	off := base
	off.IsEnabled = false
	got := Changes(base, off)
	if len(got) != 1 || got[0].Field != FieldIsEnabled {
		t.Fatalf("changes %v, want one of %s", got, FieldIsEnabled)
	}
	label, old, new := ChangeWords(got[0])
	if label != "Enabled" || old != "Enabled" || new != "Disabled" {
		t.Errorf("in words %q: %q → %q, want Enabled: Enabled → Disabled", label, old, new)
	}
}

func TestSettingsJSON_StoredEditWithoutIsEnabledKeepsTheJobs(t *testing.T) {
	data, err := json.Marshal(baseSettings(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "isEnabled") // as written before vbosched edited the switch
	old, _ := json.Marshal(doc)
	for _, enabled := range []bool{true, false} {
		job := baseSettings(t)
		job.IsEnabled = enabled
		got := job
		if err := json.Unmarshal(old, &got); err != nil {
			t.Fatal(err)
		}
		if got.IsEnabled != enabled {
			t.Errorf("an old edit decoded onto a job with isEnabled %v gave %v", enabled, got.IsEnabled)
		}
	}
	// A stored edit that has the field says what it says.
	off := baseSettings(t)
	data, _ = json.Marshal(off) // IsEnabled false, written out
	on := baseSettings(t)
	on.IsEnabled = true
	if err := json.Unmarshal(data, &on); err != nil || on.IsEnabled {
		t.Errorf("an edit that disables the job decoded as isEnabled %v (%v)", on.IsEnabled, err)
	}
	if !strings.Contains(string(data), `"isEnabled":false`) {
		t.Errorf("the switch is not written: %s", data)
	}
}

func TestWithEnabledOf_ARecordWithoutTheSwitchIsNotOff(t *testing.T) {
	now, _ := readJob(t, "job-v2.json") // enabled
	var doc map[string]any
	_ = json.Unmarshal(now.Raw(), &doc)
	delete(doc, "isEnabled")
	data, _ := json.Marshal(doc)
	old, err := DecodeJob(data)
	if err != nil {
		t.Fatal(err)
	}
	if old.HasEnabled() || !now.HasEnabled() {
		t.Fatalf("HasEnabled: record %v, job %v", old.HasEnabled(), now.HasEnabled())
	}
	got := old.WithEnabledOf(now)
	if !got.IsEnabled || old.IsEnabled {
		t.Errorf("WithEnabledOf: %v (the record itself now %v)", got.IsEnabled, old.IsEnabled)
	}
	if c := CompareJobs(got, now, 2); len(c) != 0 {
		t.Errorf("the record compares as changed: %v", c)
	}
	off := *now
	off.IsEnabled = false
	if now.WithEnabledOf(&off) != now {
		t.Error("a document that carries the switch took another's")
	}
}

func TestCarriedDocument_CarriesIsEnabledOnEveryVersion(t *testing.T) {
	j, _ := readJob(t, "job-v2.json")
	var doc map[string]any
	if err := json.Unmarshal(j.CarriedDocument(2), &doc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc["isEnabled"], true) {
		t.Errorf("v2 carried document has isEnabled %v", doc["isEnabled"])
	}
}

func TestEditWarnings_DisablingInTheEditWarns(t *testing.T) {
	j := &Job{IsEnabled: true, Policy: daily(Everyday, "22:00")}
	edit := j.Settings()
	edit.IsEnabled = false
	ws := j.EditWarnings(edit, 8)
	if len(ws) == 0 || ws[0].Code != WarnJobDisabled {
		t.Errorf("warnings %v, want %s first", ws, WarnJobDisabled)
	}
	if why := j.WhyNoRuns(edit, 8); why != JobDisabledNoRuns {
		t.Errorf("WhyNoRuns = %q", why)
	}
}
