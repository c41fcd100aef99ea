package model

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func copyDoc(t *testing.T, edits map[string]any) []byte {
	t.Helper()
	week := make([]bool, 168)
	for i := range week {
		week[i] = i%24 >= 20 // 20:00–24:00 every day
	}
	policy := map[string]any{
		"type": "DailyAtTime", "dailyType": "Everyday", "dailyTime": "22:00:00",
		"backupCopyWindowEnabled":  true,
		"backupCopyWindowSettings": map[string]any{"backupWindow": week, "minuteOffset": 0, "futureKnob": "x"},
		"futurePolicyField":        7,
	}
	doc := map[string]any{
		"id": "c1", "name": "Archive Exchange", "backupJobId": "b1", "repositoryId": "r9",
		"organizationId": "o1", "isEnabled": true, "lastRun": "2026-01-01T00:00:00Z",
		"lastStatus": "Success", "eTag": 3, "schedulePolicy": policy,
		"_links": map[string]any{"self": map[string]any{"href": "/v8/CopyJobs/c1"}},
	}
	for k, v := range edits {
		if p, ok := strings.CutPrefix(k, "schedulePolicy."); ok {
			policy[p] = v
			continue
		}
		doc[k] = v
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustCopy(t *testing.T, b []byte) *CopyJob {
	t.Helper()
	j, err := DecodeCopyJob(b)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestDecodeCopyJob_ReadsPolicyAndKeepsUnknownValues(t *testing.T) {
	j := mustCopy(t, copyDoc(t, map[string]any{"schedulePolicy.periodicallyEvery": "Hours24"}))
	if j.Policy.Type != DailyAtTime || j.Policy.DailyType != Everyday || j.Policy.DailyTime.String() != "22:00" {
		t.Errorf("policy = %+v", j.Policy)
	}
	if !j.Policy.WindowEnabled || j.Policy.Window.Hours.Count() != 28 || j.BackupJobID != "b1" {
		t.Errorf("window or source job not read: %+v", j)
	}
	if j.Policy.Every != IntervalUnknown || len(j.Problems()) != 1 {
		t.Errorf("unknown interval not kept: %v %v", j.Policy.Every, j.Problems())
	}
	body, err := j.PutBody(j.Settings(), 8)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), `"periodicallyEvery":"Hours24"`) {
		t.Errorf("unknown value not sent back as read: %s", body)
	}
}

func TestCopyJobPutBody_CarriesWhatTheVersionDocuments(t *testing.T) {
	tests := []struct {
		v    APIVersion
		keys []string
	}{
		{8, []string{"backupJobId", "isEnabled", "organizationId", "repositoryId", "schedulePolicy"}},
		{7, []string{"backupJobId", "id", "isEnabled", "name", "repositoryId", "schedulePolicy"}},
		{6, []string{"backupJobId", "id", "isEnabled", "name", "repositoryId", "schedulePolicy"}},
	}
	for _, tt := range tests {
		t.Run(tt.v.String(), func(t *testing.T) {
			j := mustCopy(t, copyDoc(t, nil))
			edit := j.Settings()
			edit.Policy.Type = CopyPeriodically
			edit.Policy.Every = Hours4
			edit.IsEnabled = false
			body, err := j.PutBody(edit, tt.v)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]json.RawMessage
			_ = json.Unmarshal(body, &got)
			var keys []string
			for k := range got {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("keys = %v, want %v", keys, tt.keys)
			}
			var p map[string]any
			_ = json.Unmarshal(got["schedulePolicy"], &p)
			if p["type"] != "Periodically" || p["periodicallyEvery"] != "Hours4" || p["futurePolicyField"] != 7.0 ||
				p["dailyTime"] != "22:00:00" || p["backupCopyWindowEnabled"] != true {
				t.Errorf("policy not complete with only the edit changed: %v", p)
			}
			if w := p["backupCopyWindowSettings"].(map[string]any); w["futureKnob"] != "x" {
				t.Errorf("window's unknown field lost: %v", w)
			}
			if string(got["isEnabled"]) != "false" {
				t.Errorf("isEnabled = %s", got["isEnabled"])
			}
		})
	}
}

func TestCopyJobValidate_RefusesWhatTheVersionOrTypeCannotHold(t *testing.T) {
	tests := []struct {
		name  string
		v     APIVersion
		edit  func(*CopyPolicy)
		field string
	}{
		{"copy jobs before v6", 5, func(*CopyPolicy) {}, "copy jobs"},
		{"Hours12 before v8", 7, func(p *CopyPolicy) { p.Type, p.Every = CopyPeriodically, Hours12 }, FieldEvery},
		{"periodically without interval", 8, func(p *CopyPolicy) { p.Type, p.Every = CopyPeriodically, IntervalUnset }, FieldEvery},
		{"window allowing nothing", 8, func(p *CopyPolicy) { p.Window.Hours = Window{} }, FieldCopyWindow},
		{"no type", 8, func(p *CopyPolicy) { p.Type = CopyScheduleUnset }, FieldType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := mustCopy(t, copyDoc(t, nil))
			edit := j.Settings()
			tt.edit(&edit.Policy)
			err := j.Validate(edit, tt.v)
			ve, ok := err.(ValidationError)
			if !ok || len(ve.For(tt.field)) == 0 {
				t.Errorf("err = %v, want one on %s", err, tt.field)
			}
		})
	}
}

func TestCompareCopyJobs_SeesEveryCarriedChange(t *testing.T) {
	tests := []struct {
		name  string
		edits map[string]any
		v     APIVersion
		field string
	}{
		{"unmodelled policy field", map[string]any{"schedulePolicy.futurePolicyField": 8}, 7, "schedulePolicy.futurePolicyField"},
		{"enabled switch", map[string]any{"isEnabled": false}, 7, FieldIsEnabled},
		{"source backup job", map[string]any{"backupJobId": "b2"}, 8, "backupJobId"},
		{"copy type", map[string]any{"schedulePolicy.type": "Immediate"}, 6, FieldType},
		{"eTag on v8", map[string]any{"eTag": 4}, 8, "eTag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := mustCopy(t, copyDoc(t, nil))
			cur := mustCopy(t, copyDoc(t, tt.edits))
			var fields []string
			for _, c := range CompareCopyJobs(base, cur, tt.v) {
				fields = append(fields, c.Field)
			}
			if !reflect.DeepEqual(fields, []string{tt.field}) {
				t.Errorf("changes = %v, want [%s]", fields, tt.field)
			}
		})
	}
	j := mustCopy(t, copyDoc(t, map[string]any{"lastRun": "2027-01-01T00:00:00Z"}))
	if c := CompareCopyJobs(mustCopy(t, copyDoc(t, nil)), j, 8); len(c) != 0 {
		t.Errorf("run state compared: %v", c)
	}
}

func TestUnappliedCopy_NamesWhatTheServerDoesNotShow(t *testing.T) {
	j := mustCopy(t, copyDoc(t, nil))
	edit := j.Settings()
	edit.Policy.WindowEnabled = false
	body, err := j.PutBody(edit, 8)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := UnappliedCopy(body, j) // the server kept the old value
	if len(got) != 1 || got[0].Field != FieldCopyWindowEnabled {
		t.Errorf("unapplied = %v", got)
	}
	saved := mustCopy(t, copyDoc(t, map[string]any{"schedulePolicy.backupCopyWindowEnabled": false}))
	if got, _ := UnappliedCopy(body, saved); len(got) != 0 {
		t.Errorf("applied change reported: %v", got)
	}
}
