package fakevbo

import (
	"net/http"
	"strings"
	"testing"
)

func TestFault_ChangesTheJobBetweenGetAndPut(t *testing.T) {
	changes := map[string]func(job map[string]any){
		"isEnabled":      func(j map[string]any) { j["isEnabled"] = false },
		"repositoryId":   func(j map[string]any) { j["repositoryId"] = stableID("other repo") },
		"description":    func(j map[string]any) { j["description"] = "changed by a colleague" },
		"schedulePolicy": func(j map[string]any) { j["schedulePolicy"].(map[string]any)["dailyTime"] = "05:00:00" },
		"window": func(j map[string]any) {
			j["schedulePolicy"].(map[string]any)["backupWindowSettings"].(map[string]any)["backupWindow"].([]bool)[0] = false
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			srv := newTestServer(t)
			id := srv.JobID("Exchange nightly")
			srv.ChangeJobAfterNextRead(id, change)
			tok := login(t, srv, "v8")
			_, read := call(t, srv, "GET", tok, "/v8/Jobs/"+id, "")
			_, reread := call(t, srv, "GET", tok, "/v8/Jobs/"+id, "")
			if mustJSON(read) == mustJSON(reread) {
				t.Fatalf("the job did not change after the first GET")
			}
			if read["eTag"] == reread["eTag"] {
				t.Errorf("eTag %v did not move with the change", read["eTag"])
			}
		})
	}
}

func TestFault_DropsAPutBeforeOrAfterStoringIt(t *testing.T) {
	tests := []struct {
		name   string
		fault  Fault
		stored bool
	}{
		{"dropped before", Fault{Method: "PUT", Drop: true}, false},
		{"dropped after", Fault{Method: "PUT", DropAfterStore: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			id := srv.JobID("Exchange nightly")
			tok := login(t, srv, "v8")
			srv.InjectFault(tt.fault)
			req, _ := http.NewRequest("PUT", srv.URL+"/v8/Jobs/"+id, strings.NewReader(`{"description":"new"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tok)
			// A PUT is not retried by net/http, so the drop reaches the caller.
			if resp, err := srv.Client().Do(req); err == nil {
				resp.Body.Close()
				t.Fatalf("PUT answered %d, want a dropped connection", resp.StatusCode)
			}
			if got := srv.Job(id)["description"] == "new"; got != tt.stored {
				t.Errorf("stored = %v, want %v", got, tt.stored)
			}
		})
	}
}

func TestIgnoreOnPut_AcceptsButDoesNotStore(t *testing.T) {
	srv := newTestServer(t)
	id := srv.JobID("Exchange nightly")
	srv.IgnoreOnPut("isEnabled", "schedulePolicy.retryNumber", "schedulePolicy.backupWindowSettings.backupWindow")
	body := `{"isEnabled":false,"description":"kept","schedulePolicy":{"retryNumber":7,"retryWaitInterval":20,` +
		`"backupWindowSettings":` + strings.Replace(window(168), "true", "false", 1) + `}}`
	if status, doc := call(t, srv, "PUT", login(t, srv, "v8"), "/v8/Jobs/"+id, body); status != 204 {
		t.Fatalf("PUT = %d %v", status, doc)
	}
	job := srv.Job(id)
	p := job["schedulePolicy"].(map[string]any)
	if job["isEnabled"] != true || p["retryNumber"] != 3 || p["backupWindowSettings"].(map[string]any)["backupWindow"].([]bool)[0] != true {
		t.Errorf("ignored fields were stored: isEnabled %v, retryNumber %v", job["isEnabled"], p["retryNumber"])
	}
	if job["description"] != "kept" || p["retryWaitInterval"] != 20 {
		t.Errorf("other fields were not stored: %v, %v", job["description"], p["retryWaitInterval"])
	}
}

func TestFault_StatusCarriesTheVersionsErrorCode(t *testing.T) {
	tests := []struct {
		version string
		fault   Fault
		code    any
	}{
		{"v8", Fault{Status: 409, ErrorCode: "OutdatedChangeToken"}, "OutdatedChangeToken"},
		{"v8", Fault{Status: 403}, "ResourceAccessDenied"},
		{"v7", Fault{Status: 403}, nil},
	}
	for _, tt := range tests {
		srv := newTestServer(t, WithVersion(tt.version))
		tok := login(t, srv, tt.version)
		srv.InjectFault(tt.fault)
		status, doc := call(t, srv, "GET", tok, "/"+tt.version+"/Jobs", "")
		if status != tt.fault.Status || doc["errorCode"] != tt.code {
			t.Errorf("%s %+v: %d %v, want errorCode %v", tt.version, tt.fault, status, doc, tt.code)
		}
	}
}

func TestRequests_RecordsWhatTheClientSent(t *testing.T) {
	srv := newTestServer(t)
	tok := login(t, srv, "v8")
	call(t, srv, "PUT", tok, "/v8/Jobs/"+srv.JobID("Exchange nightly")+"?skipItemUpdate=true", `{"description":"x"}`)
	puts := srv.RequestsFor("PUT", "/Jobs/")
	if len(puts) != 1 || string(puts[0].Body) != `{"description":"x"}` ||
		puts[0].Query.Get("skipItemUpdate") != "true" || puts[0].Header.Get("Authorization") != "Bearer "+tok {
		t.Errorf("recorded %+v", puts)
	}
}

func TestWithRawJob_ServesHostileContentAsIs(t *testing.T) {
	srv := newTestServer(t, WithRawJob(HostileJob()))
	id := stableID("job hostile")
	status, doc := call(t, srv, "GET", login(t, srv, "v8"), "/v8/Jobs/"+id, "")
	p, _ := doc["schedulePolicy"].(map[string]any)
	ws, _ := p["backupWindowSettings"].(map[string]any)
	w, _ := ws["backupWindow"].([]any)
	if status != 200 || !strings.Contains(str(doc["name"]), "\x1b[2J") || p["periodicallyEvery"] != "Hours24" || len(w) != 167 {
		t.Errorf("hostile job served as %d %q, every %v, %d hours", status, doc["name"], p["periodicallyEvery"], len(w))
	}
	if got := len(srv.Jobs()); got != len(seeds)+1 {
		t.Errorf("%d jobs, want the seeds and the raw one", got)
	}
}
