package model

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// hostile returns testdata/job-v8.json with one text replaced, as a newer or
// misbehaving server might send it.
func hostile(t *testing.T, from, to string) *Job {
	t.Helper()
	base, err := os.ReadFile("testdata/job-v8.json")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(base), from, to, 1)
	if doc == string(base) {
		t.Fatalf("test edit %q did not apply", from)
	}
	j, err := DecodeJob([]byte(doc))
	if err != nil {
		t.Fatalf("DecodeJob refused a job it should keep readable: %v", err)
	}
	return j
}

func TestDecodeJob_UnknownValuesKeepTheJobReadable(t *testing.T) {
	tests := []struct {
		name, from, to string
		problem        string // in Problems()
		describe       string // in Describe or DescribeWindow
	}{
		{"unknown interval", `"hours4"`, `"Hours24"`, `schedulePolicy.periodicallyEvery "Hours24" is unknown`, `every "Hours24" (unknown to vbosched)`},
		{"unknown type", `"Periodically"`, `"Monthly"`, `schedulePolicy.type "Monthly" is unknown`, `schedule type "Monthly"`},
		{"unknown type with escapes", `"Periodically"`, `"M\u001b[2Jonthly"`, `"M\\x1b[2Jonthly"`, `"M\\x1b[2Jonthly"`},
		{"short window", `"minuteOffset": 0,`, `"minuteOffset": 0, "backupWindow": [true],`, `schedulePolicy.backupWindowSettings.backupWindow has 1 entries, want 168`, `unreadable: has 1 entries`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := hostile(t, tt.from, tt.to)
			probs := strings.Join(j.Problems(), "\n")
			if !strings.Contains(probs, tt.problem) {
				t.Errorf("Problems() = %q, want %q", probs, tt.problem)
			}
			words := j.Policy.Describe() + " | " + j.Policy.DescribeWindow()
			if !strings.Contains(words, tt.describe) {
				t.Errorf("described as %q, want %q", words, tt.describe)
			}
			if strings.ContainsRune(probs+words, 0x1b) {
				t.Errorf("an escape reached the text for people: %q", probs+words)
			}
		})
	}
}

func TestPutBody_SendsUnknownValuesBackUnchanged(t *testing.T) {
	tests := []struct {
		name, from, to, field, want string
	}{
		{"interval", `"hours4"`, `"Hours24"`, "periodicallyEvery", "Hours24"},
		{"type", `"Periodically"`, `"Monthly"`, "type", "Monthly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := hostile(t, tt.from, tt.to)
			edit := j.Settings()
			edit.Policy.RetryNumber = 5 // another field stays editable
			body, err := j.PutBody(edit, 8)
			if err != nil {
				t.Fatalf("an edit of another field was refused: %v", err)
			}
			sp := decodeBody(t, body)["schedulePolicy"].(map[string]any)
			if sp[tt.field] != tt.want || sp["retryNumber"] != float64(5) {
				t.Errorf("%s sent as %v (want %q as read), retryNumber %v", tt.field, sp[tt.field], tt.want, sp["retryNumber"])
			}
		})
	}
}

func TestPutBody_ReplacingAnUnknownIntervalSendsTheNewOne(t *testing.T) {
	j := hostile(t, `"hours4"`, `"Hours24"`)
	edit := j.Settings()
	edit.Policy.Every = Hours8
	body, err := j.PutBody(edit, 8)
	if err != nil {
		t.Fatal(err)
	}
	if sp := decodeBody(t, body)["schedulePolicy"].(map[string]any); sp["periodicallyEvery"] != "Hours8" {
		t.Errorf("periodicallyEvery sent as %v, want Hours8", sp["periodicallyEvery"])
	}
}

func TestValidate_UnreadableWindowIsViewedNotEdited(t *testing.T) {
	j := hostile(t, `"minuteOffset": 0,`, `"minuteOffset": 0, "backupWindow": [true],`)
	other := j.Settings()
	other.Policy.RetryNumber = 5
	body, err := j.PutBody(other, 8)
	if err != nil {
		t.Fatalf("an edit of another field was refused: %v", err)
	}
	ws := decodeBody(t, body)["schedulePolicy"].(map[string]any)["backupWindowSettings"].(map[string]any)
	if n := len(ws["backupWindow"].([]any)); n != 1 {
		t.Errorf("the unreadable window was sent with %d hours, want the 1 read", n)
	}
	edit := j.Settings()
	edit.Policy.BackupWindow.Hours = AllowAll()
	err = j.Validate(edit, 8)
	if err == nil || !strings.Contains(err.Error(), "backupWindow cannot be edited here: the server's hours has 1 entries") {
		t.Errorf("window edit: %v, want a refusal saying why", err)
	}
}

func TestSettingsJSON_KeepsUnknownValuesAndWindowProblems(t *testing.T) {
	j := hostile(t, `"hours4"`, `"Hours24"`)
	s := j.Settings()
	s.Policy.BackupWindow.Problem = "has 167 entries, want 168"
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Settings
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back != s {
		t.Errorf("round trip changed the settings:\n got %+v\nwant %+v", back.Policy, s.Policy)
	}
}
