package fakevbo

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func newTestServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	srv := NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

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

// call sends a request and returns the status and the decoded JSON body
// (nil when there is none).
func call(t *testing.T, srv *Server, method, token, path, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var doc map[string]any
	if len(bytes.TrimSpace(raw)) > 0 {
		_ = json.Unmarshal(raw, &doc)
	}
	return resp.StatusCode, doc
}

func TestLogout_AnswersTheDocumentedStatus(t *testing.T) {
	tests := []struct {
		version string
		status  int
	}{
		{"v6", 404}, // v6 documents no logout
		{"v7", 200},
		{"v8", 204},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			srv := newTestServer(t, WithVersion(tt.version))
			tok := login(t, srv, tt.version)
			if status, _ := call(t, srv, "POST", tok, "/"+tt.version+"/token/logout", ""); status != tt.status {
				t.Errorf("logout answered %d, want %d", status, tt.status)
			}
			if tt.status != 404 {
				if status, _ := call(t, srv, "GET", tok, "/"+tt.version+"/Jobs", ""); status != 401 {
					t.Errorf("token still works after logout: %d", status)
				}
			}
		})
	}
}

func TestServiceInstance_CarriesInstallationID(t *testing.T) {
	srv := newTestServer(t)
	if status, _ := call(t, srv, "GET", "", "/v8/ServiceInstance", ""); status != 401 {
		t.Errorf("anonymous probe answered %d, want 401", status)
	}
	if status, _ := call(t, srv, "GET", "", "/v9/ServiceInstance", ""); status != 404 {
		t.Errorf("probe of an unserved version answered %d, want 404", status)
	}
	status, doc := call(t, srv, "GET", login(t, srv, "v8"), "/v8/ServiceInstance", "")
	if status != 200 || !uuidShape.MatchString(str(doc["installationId"])) || str(doc["version"]) == "" {
		t.Errorf("ServiceInstance = %d %v", status, doc)
	}
}

func TestErrorBody_FollowsTheVersionsRESTExceptionInfo(t *testing.T) {
	tests := []struct {
		version   string
		hasCode   bool
		code      any
		hasTrace  bool
		wantField string
	}{
		{"v5", false, nil, false, "message"},
		{"v6", false, nil, false, "message"},
		{"v7", true, nil, false, "message"}, // v7's enum is ProxyOffline alone
		{"v8", true, "ParameterValidationFailure", true, "message"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			srv := newTestServer(t, WithVersion(tt.version))
			tok := login(t, srv, tt.version)
			status, doc := call(t, srv, "PUT", tok, "/"+tt.version+"/Jobs/"+srv.JobID("Exchange nightly"),
				`{"schedulePolicy":{"type":"Daily","retryNumber":0}}`)
			code, hasCode := doc["errorCode"]
			_, hasTrace := doc["stackTrace"]
			if status != 400 || hasCode != tt.hasCode || code != tt.code || hasTrace != tt.hasTrace ||
				!strings.Contains(str(doc["message"]), "retryNumber: 0 is out of range 1–777") {
				t.Errorf("error = %d %v", status, doc)
			}
		})
	}
	srv := newTestServer(t)
	status, doc := call(t, srv, "GET", login(t, srv, "v8"), "/v8/Jobs/00000000-0000-0000-0000-000000000000", "")
	if status != 404 || doc["errorCode"] != "ResourceNotFound" {
		t.Errorf("unknown job = %d %v", status, doc)
	}
}

func TestOrganizations_V6RequiresExtendedView(t *testing.T) {
	srv := newTestServer(t, WithVersion("v6"))
	tok := login(t, srv, "v6")
	if status, _ := call(t, srv, "GET", tok, "/v6/Organizations", ""); status != 400 {
		t.Errorf("v6 without extendedView answered %d, want 400", status)
	}
	if status, _ := call(t, srv, "GET", tok, "/v6/Organizations?extendedView=false", ""); status != 200 {
		t.Errorf("v6 with extendedView answered %d, want 200", status)
	}
}

func TestStart_AnswersPerVersion(t *testing.T) {
	tests := []struct {
		version, path, body string
		status              int
	}{
		{"v5", "/Action", `{"start":null}`, 200},
		{"v5", "/Action", `{"explode":null}`, 400},
		{"v7", "/start", `{"full":false}`, 204},
		{"v8", "/start", `{"full":false}`, 200},
	}
	for _, tt := range tests {
		srv := newTestServer(t, WithVersion(tt.version))
		id := srv.JobID("Legal hold")
		status, doc := call(t, srv, "POST", login(t, srv, tt.version), "/"+tt.version+"/Jobs/"+id+tt.path, tt.body)
		if status != tt.status {
			t.Errorf("%s %s %s: %d, want %d", tt.version, tt.path, tt.body, status, tt.status)
		}
		if tt.version == "v8" && (doc["jobId"] != id || doc["status"] != "Running" || doc["jobType"] != "Backup") {
			t.Errorf("v8 start answered %v, want a RESTJobSession", doc)
		}
	}
}

func TestJobs_V8FiltersByRepository(t *testing.T) {
	srv := newTestServer(t, WithRawJob(map[string]any{"name": "elsewhere", "repositoryId": stableID("other repo")}))
	status, doc := call(t, srv, "GET", login(t, srv, "v8"), "/v8/Jobs?repositoryId="+stableID("other repo"), "")
	results, _ := doc["results"].([]any)
	if status != 200 || len(results) != 1 || results[0].(map[string]any)["name"] != "elsewhere" {
		t.Errorf("filtered list = %d %v", status, doc)
	}
}

func TestToken_TakesJSONFromV6On(t *testing.T) {
	tests := []struct {
		version string
		status  int
	}{
		{"v5", 400}, // the v2 page documents a form only
		{"v6", 200},
		{"v8", 200},
	}
	for _, tt := range tests {
		srv := newTestServer(t, WithVersion(tt.version))
		body := `{"grant_type":"password","username":` + mustJSON(srv.Username) + `,"password":"demo","disable_antiforgery_token":true}`
		if status, doc := call(t, srv, "POST", "", "/"+tt.version+"/token", body); status != tt.status {
			t.Errorf("%s JSON login: %d %v, want %d", tt.version, status, doc, tt.status)
		}
	}
}
