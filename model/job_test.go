package model

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func readJob(t *testing.T, name string) (*Job, map[string]any) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	j, err := DecodeJob(data)
	if err != nil {
		t.Fatalf("DecodeJob(%s): %v", name, err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return j, doc
}

func decodeBody(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, body)
	}
	return m
}

func TestDecodeJob_V2(t *testing.T) {
	j, _ := readJob(t, "job-v2.json")
	p := j.Policy
	if p.Type != Daily || p.DailyType != Wednesday || p.DailyTime.String() != "08:00" {
		t.Errorf("schedule = %v %v %v", p.Type, p.DailyType, p.DailyTime)
	}
	if !p.RetryEnabled || p.RetryNumber != 3 || p.RetryWaitMinutes != 10 {
		t.Errorf("retry = %v %d %d", p.RetryEnabled, p.RetryNumber, p.RetryWaitMinutes)
	}
	if !p.BackupWindowEnabled || p.BackupWindow.Hours != AllowAll() {
		t.Errorf("window = %v %s", p.BackupWindowEnabled, p.BackupWindow.Hours)
	}
	if j.OrganizationID != "0e7d3c5a-1a11-4c2b-9d5e-3f6a3a0b1c2d" {
		t.Errorf("organization from _links = %q", j.OrganizationID)
	}
	if p.HasPeriodicWindow {
		t.Errorf("v2 job claims a periodic window")
	}
}

func TestPutBody_V2KeepsPolicyAndSendsType(t *testing.T) {
	j, doc := readJob(t, "job-v2.json")
	edit := j.Settings()
	edit.Policy.DailyTime, _ = ParseClock("22:00")
	edit.Policy.DailyType = Workdays
	edit.Policy.BackupWindow.Hours, _ = ParseWindow("Mon-Fri 20:00-06:00")
	body, err := j.PutBody(edit, 2)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeBody(t, body)
	for _, k := range []string{"id", "lastRun", "nextRun", "lastStatus", "_links", "isEnabled"} {
		if _, ok := got[k]; ok {
			t.Errorf("v2 body carries read-only %q", k)
		}
	}
	for _, k := range []string{"name", "description", "proxyId", "repositoryId"} {
		if !reflect.DeepEqual(got[k], doc[k]) {
			t.Errorf("%s = %v, want %v as read", k, got[k], doc[k])
		}
	}
	if got["backupType"] != "SelectedItems" {
		t.Errorf("backupType = %v, want canonical SelectedItems", got["backupType"])
	}
	sp := got["schedulePolicy"].(map[string]any)
	want := map[string]any{"type": "Daily", "dailyType": "Workdays", "dailyTime": "22:00:00",
		"retryEnabled": "true", "retryNumber": 3.0, "retryWaitInterval": 10.0, "backupWindowEnabled": true}
	for k, v := range want {
		if !reflect.DeepEqual(sp[k], v) {
			t.Errorf("schedulePolicy.%s = %#v, want %#v", k, sp[k], v)
		}
	}
	ws := sp["backupWindowSettings"].(map[string]any)
	if ws["minuteOffset"] != 0.0 || len(ws["backupWindow"].([]any)) != 168 {
		t.Errorf("backupWindowSettings = %v", ws)
	}
	if ws["backupWindow"].([]any)[1*24+20] != true || ws["backupWindow"].([]any)[1*24+12] != false {
		t.Errorf("window not the edited one")
	}
}

func TestPutBody_V8KeepsUnknownFields(t *testing.T) {
	j, doc := readJob(t, "job-v8.json")
	edit := j.Settings()
	edit.Policy.RetryNumber = 5
	body, err := j.PutBody(edit, 8)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeBody(t, body)
	if _, ok := got["selectedItems"]; ok {
		t.Error("v8 body carries selectedItems")
	}
	for _, k := range []string{"id", "eTag", "lastBackup", "organizationId", "_links", "lastRun"} {
		if _, ok := got[k]; ok {
			t.Errorf("v8 body carries %q, which RESTEditBackupJob does not take", k)
		}
	}
	if got["name"] != "Exchange – nächtlich" || got["isEnabled"] != true {
		t.Errorf("name/isEnabled = %v %v", got["name"], got["isEnabled"])
	}
	sp := got["schedulePolicy"].(map[string]any)
	origSP := doc["schedulePolicy"].(map[string]any)
	for k, v := range origSP {
		switch k {
		case "retryNumber":
			if sp[k] != 5.0 {
				t.Errorf("retryNumber = %v, want 5", sp[k])
			}
		case "periodicallyEvery":
			if sp[k] != "Hours4" {
				t.Errorf("periodicallyEvery = %v, want canonical Hours4", sp[k])
			}
		default:
			if !reflect.DeepEqual(sp[k], v) {
				t.Errorf("schedulePolicy.%s = %v, want %v as read", k, sp[k], v)
			}
		}
	}
	if len(sp) != len(origSP) {
		t.Errorf("schedulePolicy has %d fields, read %d", len(sp), len(origSP))
	}
}

func TestPutBody_WindowKeepsUnknownSettings(t *testing.T) {
	j, _ := readJob(t, "job-v8.json")
	edit := j.Settings()
	edit.Policy.BackupWindow.Hours.Set(Cell{time.Sunday, 3}, false)
	body, err := j.PutBody(edit, 8)
	if err != nil {
		t.Fatal(err)
	}
	ws := decodeBody(t, body)["schedulePolicy"].(map[string]any)["backupWindowSettings"].(map[string]any)
	if ws["timeZoneHint"] != "W. Europe Standard Time" {
		t.Errorf("unknown window field lost: %v", ws)
	}
	if ws["backupWindow"].([]any)[3] != false {
		t.Errorf("edit not applied")
	}
}

func TestPutBody_SwitchToDailySendsDailyFields(t *testing.T) {
	j, _ := readJob(t, "job-v8.json")
	edit := j.Settings()
	edit.Policy.Type = Daily
	edit.Policy.DailyType = Everyday
	body, err := j.PutBody(edit, 8)
	if err != nil {
		t.Fatal(err)
	}
	sp := decodeBody(t, body)["schedulePolicy"].(map[string]any)
	if sp["type"] != "Daily" || sp["dailyType"] != "Everyday" || sp["dailyTime"] != "00:00:00" {
		t.Errorf("policy = %v", sp)
	}
}

func TestDecodeJob_Errors(t *testing.T) {
	base, _ := os.ReadFile("testdata/job-v8.json")
	tests := []struct {
		name, from, to, want string
	}{
		{"bad number", `"retryNumber": 3`, `"retryNumber": "three"`, `schedulePolicy.retryNumber: "three" is not a whole number`},
		{"bad time", `"type": "Periodically"`, `"type": "Daily", "dailyTime": "25:00:00"`, `schedulePolicy.dailyTime: time "25:00:00" is out of range`},
	}
	for _, tt := range tests {
		doc := strings.Replace(string(base), tt.from, tt.to, 1)
		if doc == string(base) {
			t.Fatalf("%s: test edit %q did not apply", tt.name, tt.from)
		}
		_, err := DecodeJob([]byte(doc))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), `job "Exchange – nächtlich"`) {
			t.Errorf("%s: error %q, want the job's name and %q", tt.name, err, tt.want)
		}
	}
	if _, err := DecodeJob([]byte(`[1,2]`)); err == nil {
		t.Error("array accepted as a job")
	}
	if _, err := DecodeJob([]byte(`{"id":"x","name":"n"}`)); err == nil || !strings.Contains(err.Error(), "schedulePolicy is missing") {
		t.Errorf("job without policy: %v", err)
	}
}

func TestJobValidate(t *testing.T) {
	j, _ := readJob(t, "job-v2.json")
	edit := j.Settings()
	edit.Policy.RetryNumber = 0
	edit.Policy.RetryWaitMinutes = 1000
	edit.Policy.Type = ManualOnly
	err := j.Validate(edit, 2)
	want := []string{
		"schedulePolicy.retryNumber 0 is out of range 1–777",
		"schedulePolicy.retryWaitInterval 1000 is out of range 1–999 minutes",
		"schedulePolicy.type ManualOnly needs API v6 or later (this server speaks v2)",
	}
	for _, w := range want {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("Validate = %v, want it to say %q", err, w)
		}
	}
	if _, err := j.PutBody(edit, 2); err == nil {
		t.Error("PutBody built a body for an invalid policy")
	}
	edit = j.Settings()
	edit.Policy.Type = Periodically
	edit.Policy.Every = Hours12
	if err := j.Validate(edit, 7); err == nil || !strings.Contains(err.Error(), "Hours12 needs API v8") {
		t.Errorf("Hours12 on v7: %v", err)
	}
	if err := j.Validate(edit, 8); err != nil {
		t.Errorf("Hours12 on v8: %v", err)
	}
	edit.Policy.BackupWindow.Hours = Window{}
	if err := j.Validate(edit, 8); err == nil || !strings.Contains(err.Error(), "allows no hour") {
		t.Errorf("empty enabled window: %v", err)
	}
}

func TestChanges(t *testing.T) {
	j, _ := readJob(t, "job-v2.json")
	edit := j.Settings()
	edit.Policy.DailyType = Workdays
	edit.Policy.BackupWindow.Hours, _ = ParseWindow("Mon-Fri 20-06")
	got := Changes(j.Settings(), edit)
	want := []FieldChange{
		{Field: FieldDailyType, Old: "Wednesday", New: "Workdays"},
		{Field: FieldWindow, Old: "always", New: "Mon-Fri 20:00-06:00", Removed: "Sun, Mon 00:00-20:00, Tue-Fri 06:00-20:00, Sat 06:00-00:00"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Changes = %v, want %v", got, want)
	}
	if len(Changes(j.Settings(), j.Settings())) != 0 {
		t.Error("unchanged settings report changes")
	}
}

func TestParseClockAndEnums(t *testing.T) {
	for _, s := range []string{"24:00", "7", "12:60", "-1:00", "08:00:60", "aa:bb"} {
		if _, err := ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q) accepted", s)
		}
	}
	c, err := ParseClock("8:05")
	if err != nil || c.String() != "08:05" || c.APIString() != "08:05:00" {
		t.Errorf("ParseClock(8:05) = %v %v", c, err)
	}
	if d, err := ParseDailyType("WORKDAYS"); err != nil || d != Workdays {
		t.Errorf("ParseDailyType = %v %v", d, err)
	}
	if _, err := ParseInterval("Hours3"); err == nil || !strings.Contains(err.Error(), "Minutes5, Minutes10") {
		t.Errorf("ParseInterval error lists no values: %v", err)
	}
	p := SchedulePolicy{Type: Periodically, Every: Hours4, OffsetMinutes: 15}
	if got := p.Describe(); got != "every 4 hours at :15" {
		t.Errorf("Describe = %q", got)
	}
	p = SchedulePolicy{Type: Daily, DailyType: Monday, DailyTime: 22 * 3600}
	if got := p.Describe(); got != "Mondays at 22:00" {
		t.Errorf("Describe = %q", got)
	}
}

func FuzzDecodeJob(f *testing.F) {
	for _, name := range []string{"job-v2.json", "job-v8.json"} {
		data, _ := os.ReadFile("testdata/" + name)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"a","schedulePolicy":{"type":"Daily","backupWindowSettings":null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := DecodeJob(data)
		if err != nil {
			return
		}
		edit := j.Settings()
		body, err := j.PutBody(edit, NewestAPIVersion)
		if err != nil {
			return // the server's own values may be invalid; that is reported, not fixed
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("PutBody produced invalid JSON: %v", err)
		}
	})
}
