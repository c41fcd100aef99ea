package fakevbo

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

func login(t *testing.T, srv *Server, v string) string {
	t.Helper()
	form := url.Values{"grant_type": {"password"}, "username": {srv.Username}, "password": {srv.Password},
		"disable_antiforgery_token": {"true"}}
	resp, err := srv.Client().PostForm(srv.URL+"/"+v+"/Token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" || tok.ExpiresIn != 3600 {
		t.Fatalf("login: %d %+v %v", resp.StatusCode, tok, err)
	}
	return tok.AccessToken
}

func put(t *testing.T, srv *Server, token, path, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPut, srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct{ Message string }
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, e.Message
}

func TestPutValidation(t *testing.T) {
	srv := NewServer(WithVersion("v7"))
	defer srv.Close()
	tok := login(t, srv, "v7")
	id := srv.JobID("Exchange nightly")
	path := "/v7/Jobs/" + id
	short := `{"schedulePolicy":{"type":"Daily","backupWindowSettings":{"backupWindow":[true,false]}}}`
	tests := []struct {
		name, token, path, body string
		status                  int
		msg                     string
	}{
		{"no token", "", path, `{}`, 401, "denied"},
		{"bad token", "nope", path, `{}`, 401, "denied"},
		{"unknown job", tok, "/v7/Jobs/00000000-0000-0000-0000-000000000000", `{}`, 404, "was not found"},
		{"unserved version", tok, "/v8/Jobs/" + id, `{}`, 404, "does not exist"},
		{"not JSON", tok, path, `{"name":`, 400, "not a JSON object"},
		{"short window", tok, path, short, 400, "exactly 168 boolean"},
		{"unknown enum", tok, path, `{"schedulePolicy":{"type":"Sometimes"}}`, 400, "Invalid schedule type"},
		{"Hours12 before v8", tok, path, `{"schedulePolicy":{"type":"Periodically","periodicallyEvery":"Hours12"}}`, 400, "Invalid periodic interval"},
		{"bad time", tok, path, `{"schedulePolicy":{"type":"Daily","dailyTime":"25:00:00"}}`, 400, "Invalid daily time"},
		{"retry out of range", tok, path, `{"schedulePolicy":{"type":"Daily","retryNumber":778}}`, 400, "retryNumber must be between 1 and 777"},
		{"wait out of range", tok, path, `{"schedulePolicy":{"type":"Daily","retryWaitInterval":0}}`, 400, "retryWaitInterval must be between 1 and 999"},
		{"dailyType without type", tok, path, `{"schedulePolicy":{"dailyType":"Monday"}}`, 400, "Type property must be specified"},
		{"periodicallyEvery without type", tok, path, `{"schedulePolicy":{"periodicallyEvery":"Hours1"}}`, 400, "Type property must be specified"},
		{"valid", tok, path, `{"schedulePolicy":{"type":"daily","dailyType":"monday","dailyTime":"07:00"}}`, 204, ""},
	}
	for _, tt := range tests {
		status, msg := put(t, srv, tt.token, tt.path, tt.body)
		if status != tt.status || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: %d %q, want %d %q", tt.name, status, msg, tt.status, tt.msg)
		}
	}
	p := srv.Job(id)["schedulePolicy"].(map[string]any)
	if p["dailyType"] != "monday" || p["retryNumber"] != 3 {
		t.Errorf("stored policy after the valid PUT: %v", p)
	}
}

func TestSeedJobsDecode(t *testing.T) {
	for v := model.OldestAPIVersion; v <= model.NewestAPIVersion; v++ {
		for _, doc := range seedJobs(v, 20, seedOrgs()) {
			b, _ := json.Marshal(doc)
			j, err := model.DecodeJob(b)
			if err != nil {
				t.Fatalf("%s: %v", v, err)
			}
			if err := j.Validate(j.Settings(), v); err != nil {
				t.Errorf("%s: seed %s is invalid: %v", v, j.Name, err)
			}
			if j.Policy.HasPeriodicWindow != v.HasPeriodicWindow() {
				t.Errorf("%s: periodic window present = %v", v, j.Policy.HasPeriodicWindow)
			}
		}
	}
}

func TestPutAnswers200BeforeV6(t *testing.T) {
	srv := NewServer(WithVersion("v5"))
	defer srv.Close()
	tok := login(t, srv, "v5")
	status, _ := put(t, srv, tok, "/v5/jobs/"+srv.JobID("Teams weekends"), `{"name":"Teams"}`)
	if status != 200 {
		t.Errorf("v5 PUT answered %d, want 200", status)
	}
}
