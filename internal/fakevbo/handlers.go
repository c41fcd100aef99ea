package fakevbo

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

func containsFold(s, part string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(part))
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		Header: r.Header.Clone(), Body: body})
	fault, faulted := s.takeFault(r)
	s.mu.Unlock()
	if s.cfg.latency > 0 {
		time.Sleep(s.cfg.latency)
	}
	if !faulted {
		s.route(w, r, body)
		return
	}
	fault.apply(w, s.v, func(w http.ResponseWriter) { s.route(w, r, body) })
	if fault.After != nil {
		fault.After()
	}
}

// route answers a request as the server of s.v does.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	// Paths are case-insensitive: old documents write /v2/Token and /v2/Jobs.
	parts := strings.Split(strings.Trim(strings.ToLower(r.URL.Path), "/"), "/")
	v, err := parseVersion(parts[0])
	if err != nil || v > s.v {
		s.writeError(w, s.v, http.StatusNotFound, codeResourceNotFound, "The requested resource does not exist.")
		return
	}
	route := strings.Join(parts[1:], "/")
	switch {
	case route == "token" && r.Method == http.MethodPost:
		s.handleToken(w, r, v, body)
		return
	case !s.authorized(r):
		// No document gives the 401 body; this is the ASP.NET default.
		s.writeError(w, v, http.StatusUnauthorized, "", "Authorization has been denied for this request.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case route == "token/logout" && r.Method == http.MethodPost && v >= 7:
		delete(s.access, bearer(r))
		// v7 documents 200, v8 204, both without a body.
		if v == 7 {
			w.WriteHeader(http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case route == "serviceinstance" && r.Method == http.MethodGet:
		// RESTServiceInstance: installationId (uuid) and version.
		writeJSON(w, http.StatusOK, map[string]any{"installationId": stableID("installation"), "version": productVersion(v)})
	case route == "jobs" && r.Method == http.MethodGet:
		s.listJobs(w, r, v)
	case route == "organizations" && r.Method == http.MethodGet:
		s.listOrganizations(w, r, v)
	case route == "backuprepositories" && r.Method == http.MethodGet:
		s.listRepositories(w, r, v)
	case route == "proxies" && r.Method == http.MethodGet:
		s.listProxies(w, r, v)
	case route == "copyjobs" && r.Method == http.MethodGet && v >= 6:
		s.listCopyJobs(w, r, v)
	case len(parts) >= 3 && parts[1] == "copyjobs" && v >= 6:
		s.handleCopyJob(w, r, v, parts[2], strings.Join(parts[3:], "/"), body)
	case len(parts) >= 3 && parts[1] == "jobs":
		s.handleJob(w, r, v, parts[2], strings.Join(parts[3:], "/"), body)
	default:
		s.writeError(w, v, http.StatusNotFound, codeResourceNotFound, "The requested resource does not exist.")
	}
}

// productVersion is the build a server of API version v reports.
func productVersion(v apiVersion) string {
	return fmt.Sprintf("%d.0.0.%d", int(v), 100+int(v))
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func (s *Server) authorized(r *http.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.access[bearer(r)]
	return ok && time.Now().Before(exp)
}

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *Server) handleToken(w http.ResponseWriter, r *http.Request, v apiVersion, body []byte) {
	form, err := parseForm(r, v, body)
	if err != nil {
		s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure,
			fmt.Sprintf("POST /%s/token: the body is not a form (%v): send application/x-www-form-urlencoded.", v, err))
		return
	}
	if v >= 7 && form.Get("disable_antiforgery_token") != "true" {
		s.writeError(w, v, http.StatusBadRequest, "",
			"The required antiforgery cookie is not present. Set disable_antiforgery_token=true for non-browser clients.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch form.Get("grant_type") {
	case "password":
		if form.Get("username") != s.Username || form.Get("password") != s.Password {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant",
				"error_description": "The user name or password is incorrect.", "message": "The user name or password is incorrect."})
			return
		}
	case "refresh_token":
		if !s.refresh[form.Get("refresh_token")] {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid_grant",
				"error_description": "The refresh token is invalid or expired.", "message": "The refresh token is invalid or expired."})
			return
		}
		delete(s.refresh, form.Get("refresh_token"))
	default:
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "unsupported_grant_type", "message": "unsupported grant_type"})
		return
	}
	access, refresh := newToken(), newToken()
	now := time.Now()
	s.access[access] = now.Add(s.cfg.tokenLifetime)
	s.refresh[refresh] = true
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": access, "token_type": "bearer", "refresh_token": refresh,
		"expires_in": int(s.cfg.tokenLifetime / time.Second),
		".issued":    now.UTC().Format(http.TimeFormat), ".expires": now.Add(s.cfg.tokenLifetime).UTC().Format(http.TimeFormat),
		"userName": s.Username,
	})
}

// parseForm reads the token request: a form on every version, or from v6 on
// (the OpenAPI documents list both) a JSON object with the same keys.
func parseForm(r *http.Request, v apiVersion, body []byte) (url.Values, error) {
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
		return url.ParseQuery(string(body))
	case strings.HasPrefix(ct, "application/json") && v >= 6:
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, err
		}
		form := url.Values{}
		for k, val := range m {
			form.Set(k, fmt.Sprint(val))
		}
		return form, nil
	}
	return nil, fmt.Errorf("content type %q", ct)
}

// pageParams reads v8's limit and offset.
func pageParams(r *http.Request, def int) (limit, offset int, err error) {
	limit, offset = def, 0
	q := r.URL.Query()
	if l := q.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > 10000 {
			return 0, 0, fmt.Errorf("limit %q is out of range 1–10000", l)
		}
	}
	if o := q.Get("offset"); o != "" {
		if offset, err = strconv.Atoi(o); err != nil || offset < 0 {
			return 0, 0, fmt.Errorf("offset %q is not valid", o)
		}
	}
	return limit, offset, nil
}

func (s *Server) writeList(w http.ResponseWriter, r *http.Request, v apiVersion, items []any) {
	if v < 8 {
		writeJSON(w, http.StatusOK, items)
		return
	}
	limit, offset, err := pageParams(r, s.cfg.pageSize)
	if err != nil {
		s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure, err.Error())
		return
	}
	end := min(offset+limit, len(items))
	page := []any{}
	if offset < len(items) {
		page = items[offset:end]
	}
	links := map[string]any{"self": map[string]any{"href": r.URL.RequestURI()}}
	if end < len(items) {
		links["next"] = map[string]any{"href": fmt.Sprintf("%s?offset=%d&limit=%d", strings.ToLower(r.URL.Path), end, limit)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"offset": offset, "limit": limit, "results": page, "_links": links})
}

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request, v apiVersion) {
	q := r.URL.Query()
	orgFilter, repoFilter := q.Get("organizationId"), q.Get("repositoryId")
	if v < 8 {
		orgFilter, repoFilter = "", "" // only v8 documents the filters
	}
	var items []any
	for _, j := range s.jobs {
		if orgFilter != "" && !strings.EqualFold(orgOf(j), orgFilter) ||
			repoFilter != "" && !strings.EqualFold(str(j["repositoryId"]), repoFilter) {
			continue
		}
		items = append(items, j)
	}
	s.writeList(w, r, v, items)
}

func orgOf(job map[string]any) string {
	links, _ := job["_links"].(map[string]any)
	org, _ := links["organization"].(map[string]any)
	href, _ := org["href"].(string)
	return href[strings.LastIndex(href, "/")+1:]
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request, v apiVersion) {
	// v6 documents extendedView as required; v7 and v8 as optional.
	if _, has := r.URL.Query()["extendedView"]; v == 6 && !has {
		s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure,
			"The extendedView query parameter is required by API v6: add extendedView=false.")
		return
	}
	items := make([]any, len(s.orgs))
	for i, o := range s.orgs {
		items[i] = map[string]any{"id": o.ID, "name": o.Name, "type": "Office365", "region": "Worldwide"}
	}
	s.writeList(w, r, v, items)
}

func (s *Server) findJob(id string) map[string]any {
	for _, j := range s.jobs {
		if strings.EqualFold(str(j["id"]), id) {
			return j
		}
	}
	return nil
}

func (s *Server) handleJob(w http.ResponseWriter, r *http.Request, v apiVersion, id, action string, body []byte) {
	job := s.findJob(id)
	if job == nil {
		s.writeError(w, v, http.StatusNotFound, codeResourceNotFound,
			fmt.Sprintf("Job with ID %s was not found.", id))
		return
	}
	switch {
	case action == "" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, job)
	case action == "" && r.Method == http.MethodPut:
		s.putJob(w, r, v, job, body)
	case action == "action" && r.Method == http.MethodPost && v < 6:
		s.jobActionV2(w, v, job, body)
	case r.Method == http.MethodPost && v >= 6 && jobActions[action] != nil:
		if len(bytes.TrimSpace(body)) > 0 && !json.Valid(body) {
			s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure,
				fmt.Sprintf("The body of POST /%s/Jobs/{id}/%s is not JSON.", v, action))
			return
		}
		jobActions[action](job)
		if action == "start" && v >= 8 {
			// v8 answers start with the new RESTJobSession.
			writeJSON(w, http.StatusOK, s.jobSession(v, job))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		s.writeError(w, v, http.StatusNotFound, codeResourceNotFound, "The requested resource does not exist.")
	}
}

// jobActions are POST /vN/Jobs/{id}/<action> (v6+) and the keys of the
// v2–v5 Action body.
var jobActions = map[string]func(job map[string]any){
	"start":   func(job map[string]any) { job["lastStatus"] = "Running" },
	"stop":    func(job map[string]any) { job["lastStatus"] = "Stopped" },
	"enable":  func(job map[string]any) { job["isEnabled"] = true },
	"disable": func(job map[string]any) { job["isEnabled"] = false },
}

// jobActionV2 is POST /vN/Jobs/{id}/Action of v2–v5: a body like
// {"start": null} names the action; it answers 200.
func (s *Server) jobActionV2(w http.ResponseWriter, v apiVersion, job map[string]any, body []byte) {
	var a map[string]any
	if json.Unmarshal(body, &a) != nil || len(a) != 1 {
		s.writeError(w, v, http.StatusBadRequest, "",
			`The Action body must be a JSON object with one action, e.g. {"start": null}.`)
		return
	}
	for name := range a {
		do := jobActions[strings.ToLower(name)]
		if do == nil {
			s.writeError(w, v, http.StatusBadRequest, "",
				fmt.Sprintf("Action %q is unknown: send start, stop, enable or disable.", name))
			return
		}
		do(job)
	}
	w.WriteHeader(http.StatusOK)
}

// jobSession is a RESTJobSession for a run that has just started.
func (s *Server) jobSession(v apiVersion, job map[string]any) map[string]any {
	s.sessions++
	id := stableID(fmt.Sprintf("session %d", s.sessions))
	return map[string]any{
		"id": id, "jobId": job["id"], "repositoryId": job["repositoryId"],
		"creationTime": refTime.Format(time.RFC3339), "status": "Running", "jobType": "Backup",
		"jobSessionConfigType": "Incremental", "retryCount": 0, "jobWillBeRetried": false,
		"progress": 0, "details": "", "eTag": 1,
		"_links": map[string]any{"self": map[string]any{"href": fmt.Sprintf("/%s/JobSessions/%s", v, id)}},
	}
}
