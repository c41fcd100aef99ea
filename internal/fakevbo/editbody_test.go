package fakevbo

import (
	"encoding/json"
	"strings"
	"testing"
)

func window(n int) string {
	return `{"backupWindow":[` + strings.TrimSuffix(strings.Repeat("true,", n), ",") + `],"minuteOffset":0}`
}

// Bodies a client following vbosched's model could send but the vendor's
// documents forbid, and bodies the documents allow that a client might not
// expect the server to take. Each gets the version's documented answer.
func TestPut_FollowsTheVendorDocuments(t *testing.T) {
	tests := []struct {
		name, version, query, body string
		status                     int
		msg                        string // part of the message of a refusal
	}{
		// The vendor forbids.
		{"Hours12 before v8", "v7", "", `{"schedulePolicy":{"type":"Periodically","periodicallyEvery":"Hours12"}}`, 400, `"Hours12" is not one of`},
		{"interval no version lists", "v8", "", `{"schedulePolicy":{"type":"Periodically","periodicallyEvery":"Hours24"}}`, 400, `periodicallyEvery: "Hours24"`},
		{"ManualOnly before v6", "v5", "", `{"schedulePolicy":{"type":"ManualOnly"}}`, 400, `"ManualOnly" is not one of Daily, Periodically`},
		{"periodic window switch on v6", "v6", "", `{"schedulePolicy":{"periodicallyWindowEnabled":true}}`, 400, "periodicallyWindowEnabled is not a property of the API v6"},
		{"offset before v6", "v5", "", `{"schedulePolicy":{"type":"Periodically","periodicallyOffsetMinutes":5}}`, 400, "periodicallyOffsetMinutes is not a property"},
		{"organizationId in a v8 edit", "v8", "", `{"organizationId":"` + stableID("org contoso") + `"}`, 400, "organizationId is not a property of the API v8"},
		{"the GET document's id in a v8 edit", "v8", "", `{"id":"` + stableID("job Exchange nightly") + `"}`, 400, "id is not a property"},
		{"eTag in a v8 edit", "v8", "", `{"eTag":1}`, 400, "eTag is not a property"},
		{"runNow before v6", "v5", "", `{"runNow":true}`, 400, "runNow is not a property of the API v5"},
		{"proxyId after v5", "v7", "", `{"proxyId":"` + stableID("proxy") + `"}`, 400, "proxyId is not a property"},
		{"unknown policy property", "v8", "", `{"schedulePolicy":{"retryNumbr":3}}`, 400, "schedulePolicy.retryNumbr is not a property"},
		{"type missing on v2", "v2", "", `{"schedulePolicy":{"dailyType":"Monday"}}`, 400, "schedulePolicy.type is missing; API v2 needs type whenever dailyType"},
		{"type missing with periodicallyEvery on v5", "v5", "", `{"schedulePolicy":{"periodicallyEvery":"Hours1"}}`, 400, "needs type whenever periodicallyEvery"},
		{"window of 167 hours", "v8", "", `{"schedulePolicy":{"backupWindowSettings":` + window(167) + `}}`, 400, "backupWindow has 167 values; send exactly 168"},
		{"window of 169 hours", "v5", "", `{"schedulePolicy":{"backupWindowSettings":` + window(169) + `}}`, 400, "has 169 values"},
		{"window hour as a number", "v8", "", `{"schedulePolicy":{"periodicallyWindowSettings":{"backupWindow":[1` + strings.Repeat(",true", 167) + `]}}}`, 400, "value 0 is a number"},
		{"minuteOffset beyond int32", "v8", "", `{"schedulePolicy":{"backupWindowSettings":{"minuteOffset":2147483648}}}`, 400, "minuteOffset: 2147483648 is out of range"},
		{"minuteOffset as a fraction", "v8", "", `{"schedulePolicy":{"backupWindowSettings":{"minuteOffset":1.5}}}`, 400, "1.5 is not an integer"},
		{"retryNumber as a string", "v8", "", `{"schedulePolicy":{"retryNumber":"3"}}`, 400, "retryNumber: 3 is not an integer"},
		{"retryWaitInterval 1000", "v7", "", `{"schedulePolicy":{"retryWaitInterval":1000}}`, 400, "1000 is out of range 1–999"},
		{"offset 60", "v8", "", `{"schedulePolicy":{"periodicallyOffsetMinutes":60}}`, 400, "60 is out of range 0–59"},
		{"hour 24", "v8", "", `{"schedulePolicy":{"type":"Daily","dailyTime":"24:00:00"}}`, 400, `"24:00:00" is not a time of day`},
		{"repositoryId not a UUID", "v8", "", `{"repositoryId":"repo-1"}`, 400, `"repo-1" is not a UUID`},
		{"isEnabled as a number", "v8", "", `{"isEnabled":1}`, 400, "isEnabled: 1 is not a boolean"},
		{"backupType unknown", "v6", "", `{"backupType":"Everything"}`, 400, `"Everything" is not one of EntireOrganization, SelectedItems`},
		{"schedulePolicy not an object", "v8", "", `{"schedulePolicy":[]}`, 400, "schedulePolicy is an array"},
		{"skipItemUpdate not a boolean", "v8", "?skipItemUpdate=maybe", `{}`, 400, "skipItemUpdate: maybe is not a boolean"},
		{"not JSON", "v8", "", `{"name":`, 400, "not a JSON object"},
		{"a JSON array", "v8", "", `[]`, 400, "not a JSON object"},

		// The vendor allows.
		{"enums in lower case, as the v2 page writes them", "v2", "", `{"backupType":"entireOrganization","schedulePolicy":{"type":"daily","dailyType":"monday"}}`, 200, ""},
		{"booleans as strings, as the v2 example sends them", "v2", "", `{"schedulePolicy":{"backupWindowEnabled":"true","retryEnabled":"false"},"isRun":"false"}`, 200, ""},
		{"the v2 example's read-only properties", "v2", "", `{"id":"x","lastRun":"2017-06-06T15:18:22Z","lastStatus":"Success","isEnabled":false,"name":"test_job"}`, 200, ""},
		{"dailyType without type after v5", "v8", "", `{"schedulePolicy":{"dailyType":"Sunday"}}`, 204, ""},
		{"time without seconds", "v8", "", `{"schedulePolicy":{"type":"Daily","dailyTime":"7:05"}}`, 204, ""},
		{"any int32 minuteOffset", "v8", "", `{"schedulePolicy":{"backupWindowSettings":{"minuteOffset":-300}}}`, 204, ""},
		{"an empty name (no document requires one)", "v8", "", `{"name":""}`, 204, ""},
		{"nulls for nullable properties", "v8", "", `{"name":null,"isEnabled":null,"schedulePolicy":{"retryNumber":null}}`, 204, ""},
		{"v6 RESTJob with its read-only half", "v6", "", `{"id":"x","lastRun":null,"lastStatus":"Success","_links":{},"name":"Legal hold"}`, 204, ""},
		{"Hours12 on v8", "v8", "", `{"schedulePolicy":{"type":"Periodically","periodicallyEvery":"Hours12"}}`, 204, ""},
		{"ManualOnly on v6", "v6", "", `{"schedulePolicy":{"type":"ManualOnly"}}`, 204, ""},
		{"a property the server itself returned", "v8", "", `{"schedulePolicy":{"adaptiveThrottling":{"enabled":false}}}`, 204, ""},
		{"selected items skipped", "v8", "?skipItemUpdate=true", `{"selectedItems":[]}`, 204, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, WithVersion(tt.version))
			path := "/" + tt.version + "/Jobs/" + srv.JobID("Legal hold") + tt.query
			before := srv.Job(srv.JobID("Legal hold"))
			status, doc := call(t, srv, "PUT", login(t, srv, tt.version), path, tt.body)
			if status != tt.status || !strings.Contains(str(doc["message"]), tt.msg) {
				t.Fatalf("PUT %s = %d %v, want %d %q", tt.body, status, doc, tt.status, tt.msg)
			}
			if status == 400 {
				if tt.version == "v8" && doc["errorCode"] != "ParameterValidationFailure" {
					t.Errorf("errorCode = %v, want ParameterValidationFailure", doc["errorCode"])
				}
				after := srv.Job(srv.JobID("Legal hold"))
				if b, a := mustJSON(before), mustJSON(after); a != b {
					t.Errorf("a refused PUT changed the job:\n%s\n%s", b, a)
				}
			}
		})
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestPut_StoresWhatTheVendorWould(t *testing.T) {
	srv := newTestServer(t, WithVersion("v2"))
	id := srv.JobID("Legal hold")
	body := `{"isEnabled":true,"name":"Renamed","schedulePolicy":{"type":"daily","dailyType":"monday",` +
		`"backupWindowEnabled":"false","backupWindowSettings":{"minuteOffset":60}}}`
	if status, doc := call(t, srv, "PUT", login(t, srv, "v2"), "/v2/Jobs/"+id, body); status != 200 {
		t.Fatalf("PUT = %d %v", status, doc)
	}
	job := srv.Job(id)
	p := job["schedulePolicy"].(map[string]any)
	ws := p["backupWindowSettings"].(map[string]any)
	switch {
	case job["isEnabled"] != false:
		t.Errorf("v2 stored isEnabled, which its PUT page does not take: %v", job["isEnabled"])
	case job["name"] != "Renamed" || p["dailyType"] != "monday" || p["dailyTime"] != "23:00:00":
		t.Errorf("policy not merged as sent: name %v, %v", job["name"], p)
	case p["backupWindowEnabled"] != false:
		t.Errorf("string boolean stored as %#v, want false", p["backupWindowEnabled"])
	case ws["minuteOffset"] != 60 || len(ws["backupWindow"].([]bool)) != windowHours:
		t.Errorf("window settings not merged: %v", ws)
	}
}

func TestSeedJobs_PutBackAsReadIsAccepted(t *testing.T) {
	for v := oldestVersion; v <= newestVersion; v++ {
		srv := newTestServer(t, WithVersion(v.String()), WithJobs(12))
		tok := login(t, srv, v.String())
		for _, job := range srv.Jobs() {
			edit := map[string]any{}
			for k, val := range job {
				if _, ok := editFields(v)[k]; ok {
					edit[k] = val
				}
			}
			status, doc := call(t, srv, "PUT", tok, "/"+v.String()+"/Jobs/"+str(job["id"]), mustJSON(edit))
			if status != 200 && status != 204 {
				t.Errorf("%s: %s as read is refused: %d %v", v, job["name"], status, doc)
			}
			if _, ok := job["schedulePolicy"].(map[string]any)["periodicallyWindowEnabled"]; ok != (v >= 7) {
				t.Errorf("%s: %s has periodicallyWindowEnabled = %v", v, job["name"], ok)
			}
		}
	}
}

// From v6 on the PUT documents isEnabled (RESTJob, RESTEditBackupJob): the
// fake stores it, both ways. v2 takes it as read-only (above).
func TestPut_StoresIsEnabledFromV6(t *testing.T) {
	for _, v := range []string{"v6", "v7", "v8"} {
		srv := newTestServer(t, WithVersion(v))
		id := srv.JobID("Legal hold") // disabled
		for _, want := range []bool{true, false} {
			body := `{"isEnabled":` + mustJSON(want) + `}`
			if status, doc := call(t, srv, "PUT", login(t, srv, v), "/"+v+"/Jobs/"+id, body); status != 204 {
				t.Fatalf("%s: PUT %s = %d %v", v, body, status, doc)
			}
			if got := srv.Job(id)["isEnabled"]; got != want {
				t.Errorf("%s: PUT %s stored isEnabled %v", v, body, got)
			}
		}
	}
}
