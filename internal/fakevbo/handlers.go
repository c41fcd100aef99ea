package fakevbo

import (
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

	"github.com/vbosched/vbosched/model"
)

func containsFold(s, part string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(part))
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body})
	fault, faulted := s.takeFault(r)
	s.mu.Unlock()
	if faulted && fault.apply(w) {
		return
	}

	// Paths are case-insensitive: old documents write /v2/Token and /v2/Jobs.
	parts := strings.Split(strings.Trim(strings.ToLower(r.URL.Path), "/"), "/")
	v, err := model.ParseAPIVersion(parts[0])
	if err != nil || v > s.Version {
		s.writeError(w, s.Version, http.StatusNotFound, "ResourceNotFound", "The requested resource does not exist.")
		return
	}
	route := strings.Join(parts[1:], "/")
	switch {
	case route == "token" && r.Method == http.MethodPost:
		s.handleToken(w, r, v, body)
		return
	case route == "serviceinstance" && r.Method == http.MethodGet && r.Header.Get("Authorization") == "":
		s.writeError(w, v, http.StatusUnauthorized, "Unauthorized", "Authorization has been denied for this request.")
		return
	}
	if !s.authorized(r) {
		s.writeError(w, v, http.StatusUnauthorized, "Unauthorized", "Authorization has been denied for this request.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case route == "token/logout" && r.Method == http.MethodPost && v >= 7:
		delete(s.access, bearer(r))
		w.WriteHeader(http.StatusNoContent)
	case route == "serviceinstance" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, map[string]any{"id": stableID("instance"), "version": fmt.Sprintf("%d.0.0.0", v)})
	case route == "jobs" && r.Method == http.MethodGet:
		s.listJobs(w, r, v)
	case route == "organizations" && r.Method == http.MethodGet:
		s.listOrganizations(w, r, v)
	case len(parts) >= 3 && parts[1] == "jobs":
		s.handleJob(w, r, v, parts[2], strings.Join(parts[3:], "/"), body)
	default:
		s.writeError(w, v, http.StatusNotFound, "ResourceNotFound", "The requested resource does not exist.")
	}
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

func (s *Server) handleToken(w http.ResponseWriter, r *http.Request, v model.APIVersion, body []byte) {
	form, err := parseForm(r, body)
	if err != nil {
		s.writeError(w, v, http.StatusBadRequest, "InvalidRequest", "The request body is not a form.")
		return
	}
	if v >= 7 && form.Get("disable_antiforgery_token") != "true" {
		s.writeError(w, v, http.StatusBadRequest, "AntiforgeryTokenMissing",
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

func parseForm(r *http.Request, body []byte) (url.Values, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return nil, fmt.Errorf("not a form")
	}
	return url.ParseQuery(string(body))
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

func (s *Server) writeList(w http.ResponseWriter, r *http.Request, v model.APIVersion, items []any) {
	if v < 8 {
		writeJSON(w, http.StatusOK, items)
		return
	}
	limit, offset, err := pageParams(r, s.cfg.pageSize)
	if err != nil {
		s.writeError(w, v, http.StatusBadRequest, "InvalidParameter", err.Error())
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

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request, v model.APIVersion) {
	orgFilter := r.URL.Query().Get("organizationId")
	var items []any
	for _, j := range s.jobs {
		if orgFilter != "" && !strings.EqualFold(orgOf(j), orgFilter) {
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

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request, v model.APIVersion) {
	items := make([]any, len(s.orgs))
	for i, o := range s.orgs {
		items[i] = map[string]any{"id": o.ID, "name": o.Name, "type": "Office365", "region": "Worldwide"}
	}
	s.writeList(w, r, v, items)
}

func (s *Server) findJob(id string) map[string]any {
	for _, j := range s.jobs {
		if strings.EqualFold(j["id"].(string), id) {
			return j
		}
	}
	return nil
}

func (s *Server) handleJob(w http.ResponseWriter, r *http.Request, v model.APIVersion, id, action string, body []byte) {
	job := s.findJob(id)
	if job == nil {
		s.writeError(w, v, http.StatusNotFound, "ResourceNotFound", fmt.Sprintf("Job with ID %s was not found.", id))
		return
	}
	switch {
	case action == "" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, job)
	case action == "" && r.Method == http.MethodPut:
		s.putJob(w, r, v, job, body)
	case action == "action" && r.Method == http.MethodPost && v < 6:
		var a map[string]any
		if json.Unmarshal(body, &a) != nil {
			s.writeError(w, v, http.StatusBadRequest, "InvalidRequest", "The action body is not JSON.")
			return
		}
		if _, ok := a["start"]; !ok {
			s.writeError(w, v, http.StatusBadRequest, "InvalidRequest", "Unknown action.")
			return
		}
		job["lastStatus"] = "Running"
		w.WriteHeader(http.StatusOK)
	case action == "start" && r.Method == http.MethodPost && v >= 6:
		job["lastStatus"] = "Running"
		if v >= 8 {
			writeJSON(w, http.StatusOK, map[string]any{"id": newToken()[:8], "status": "Running", "jobId": job["id"]})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		s.writeError(w, v, http.StatusNotFound, "ResourceNotFound", "The requested resource does not exist.")
	}
}

func (s *Server) writeError(w http.ResponseWriter, v model.APIVersion, status int, code, message string) {
	body := map[string]any{"message": message}
	if v >= 7 {
		body["errorCode"] = code
	}
	if v >= 8 {
		body["stackTrace"] = "   at Veeam.Archiver.REST.Controllers.JobsController.Put(Guid jobId)\n   at lambda_method(Closure, Object, Object[])"
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
