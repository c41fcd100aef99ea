package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSettingsJSON_RoundTripIsExact(t *testing.T) {
	v8, _ := readJob(t, "job-v8.json")
	v2, _ := readJob(t, "job-v2.json")
	every := baseSettings(t)
	every.Policy = SchedulePolicy{
		Type: Periodically, DailyType: Sunday, DailyTime: 23*3600 + 59*60 + 30, Every: Hours12,
		OffsetMinutes: 59, ScheduleEnabled: true,
		BackupWindowEnabled: true, BackupWindow: WindowSettings{Hours: mustWindow(t, "Fri-Mon 22-02"), MinuteOffset: -120},
		PeriodicWindowEnabled: true, PeriodicWindow: WindowSettings{Hours: mustWindow(t, "workdays 08-18"), MinuteOffset: 30},
		HasPeriodicWindow: true, RetryEnabled: true, RetryNumber: 777, RetryWaitMinutes: 999,
	}
	invalid := Settings{Name: "", Policy: SchedulePolicy{RetryNumber: -1}} // drafts may hold edits not yet valid
	for name, s := range map[string]Settings{
		"v8 job": v8.Settings(), "v2 job": v2.Settings(), "every field set": every,
		"invalid edit": invalid, "zero": {},
	} {
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var back Settings
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, data)
		}
		if back != s {
			t.Errorf("%s: round trip changed the settings\n got %+v\nwant %+v", name, back, s)
		}
	}
}

func TestSettingsJSON_ReadsLikeTheAPI(t *testing.T) {
	data, err := json.Marshal(baseSettings(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"type":"Daily"`, `"dailyType":"Workdays"`, `"dailyTime":"22:00:00"`, `"retryWaitInterval":10`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s:\n%s", want, data)
		}
	}
}

func TestSettingsJSON_Errors(t *testing.T) {
	good, err := json.Marshal(baseSettings(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown enum name", `"type":"Daily"`, `"type":"Hourly"`, FieldType},
		{"malformed time", `"dailyTime":"22:00:00"`, `"dailyTime":"25:00"`, FieldDailyTime},
		{"short window", `"backupWindow":[`, `"backupWindow":[true,`, FieldWindow},
		{"unknown field", `"retryNumber"`, `"retries":1,"retryNumber"`, "retries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(string(good), tt.from, tt.to, 1)
			if bad == string(good) {
				t.Fatalf("test input %q not found", tt.from)
			}
			var s Settings
			err := json.Unmarshal([]byte(bad), &s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one naming %s", err, tt.want)
			}
			if s != (Settings{}) {
				t.Errorf("a failed read changed the settings: %+v", s)
			}
		})
	}
	if _, err := json.Marshal(Settings{Policy: SchedulePolicy{DailyTime: 24 * 3600}}); err == nil {
		t.Error("a dailyTime of 24:00 was written")
	}
}

// Whatever reads as settings writes back to the same settings.
func FuzzSettingsJSON(f *testing.F) {
	for _, s := range []Settings{{}, {Name: "x", Policy: SchedulePolicy{Type: Daily, DailyTime: 3600}}} {
		data, err := json.Marshal(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Settings
		if json.Unmarshal(data, &s) != nil {
			return
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("read settings do not write: %v", err)
		}
		var back Settings
		if err := json.Unmarshal(out, &back); err != nil || back != s {
			t.Fatalf("round trip changed %+v to %+v (%v)", s, back, err)
		}
	})
}
