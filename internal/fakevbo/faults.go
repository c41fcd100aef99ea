package fakevbo

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Fault makes the server misbehave for matching requests.
type Fault struct {
	Method string // "" matches any method
	Path   string // a part of the path, compared case-insensitively; "" matches any
	Times  int    // how many requests it hits; 0 means once

	Delay       time.Duration // wait before answering (or before the rest of the fault)
	Status      int           // answer with this status and the version's error body
	ErrorCode   string        // with Status: the errorCode (default from the status; v7/v8 only)
	Body        string        // answer with this raw body (status 200 unless Status is set)
	ContentType string        // with Body; default application/json
	// Drop closes the connection without an answer and without handling the
	// request: a PUT is not stored.
	Drop bool
	// DropAfterStore handles the request (a PUT is stored), then closes the
	// connection without an answer: the client cannot tell it worked.
	DropAfterStore bool
	// StoreFirst, with Status, handles the request (a PUT is stored) and
	// then answers the error: a proxy whose backend did the work but whose
	// answer came too late (502/504), or a server failing after the write.
	StoreFirst bool
	// Hook runs before the request is handled, e.g. to change a job as
	// another client would just before a client's write.
	Hook func()
	// After runs once the request was answered (or dropped), e.g. to change
	// a job between a client's GET and its PUT: Fault{Method: "GET", Path:
	// "/Jobs/" + id, After: func() { srv.ChangeJob(id, …) }}.
	After func()
}

// InjectFault queues a fault; faults are matched in the order queued.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f)
}

// takeFault returns the first fault matching r and uses one of its times.
// The caller holds s.mu.
func (s *Server) takeFault(r *http.Request) (Fault, bool) {
	for i, f := range s.faults {
		if f.Method != "" && f.Method != r.Method || f.Path != "" && !containsFold(r.URL.Path, f.Path) {
			continue
		}
		s.faults[i].Times--
		if s.faults[i].Times == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f, true
	}
	return Fault{}, false
}

// defaultErrorCodes picks v8's errorCode for an injected status.
var defaultErrorCodes = map[int]string{
	http.StatusBadRequest: codeParameterValidationFailure, http.StatusForbidden: "ResourceAccessDenied",
	http.StatusNotFound: codeResourceNotFound, http.StatusConflict: "OperationConflict",
	http.StatusGatewayTimeout: "Timeout",
}

// apply carries the fault out; serve answers the request as usual.
func (f Fault) apply(w http.ResponseWriter, v apiVersion, serve func(http.ResponseWriter)) {
	if f.Hook != nil {
		f.Hook()
	}
	if f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	switch {
	case f.Drop:
		dropConnection(w)
	case f.DropAfterStore:
		serve(httptest.NewRecorder())
		dropConnection(w)
	case f.Body != "":
		ct := f.ContentType
		if ct == "" {
			ct = "application/json; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(f.Body))
	case f.Status != 0:
		if f.StoreFirst {
			serve(httptest.NewRecorder())
		}
		code := f.ErrorCode
		if code == "" {
			code = defaultErrorCodes[f.Status]
		}
		writeJSON(w, f.Status, errorBody(v, code, http.StatusText(f.Status)+" (injected fault)"))
	default: // a delay or hook alone: then answer as usual
		serve(w)
	}
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// ChangeJobAfterNextRead changes a job, as another client would, right after
// the server next answers a GET of it: the client's copy is then stale when
// it writes.
func (s *Server) ChangeJobAfterNextRead(id string, change func(job map[string]any)) {
	s.InjectFault(Fault{Method: http.MethodGet, Path: "/Jobs/" + id, After: func() { s.ChangeJob(id, change) }})
}

// IgnoreOnPut makes every later PUT accept the given fields and not store
// them, as a server that silently drops a setting would. Fields are paths
// like "isEnabled", "schedulePolicy.retryNumber" or
// "schedulePolicy.backupWindowSettings.backupWindow".
func (s *Server) IgnoreOnPut(fields ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignored = append(s.ignored, fields...)
}

// Job returns a copy of the stored document of a job, or nil.
func (s *Server) Job(id string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.findJob(id)
	if j == nil {
		return nil
	}
	return deepCopy(j).(map[string]any)
}

// Jobs returns copies of all stored job documents, in list order.
func (s *Server) Jobs() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]map[string]any, len(s.jobs))
	for i, j := range s.jobs {
		out[i] = deepCopy(j).(map[string]any)
	}
	return out
}

// JobID returns the id of the job with the given name, or "".
func (s *Server) JobID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.jobs {
		if strings.EqualFold(str(j["name"]), name) {
			return str(j["id"])
		}
	}
	return ""
}

// ChangeJob edits a stored job as another client would (to test concurrent
// changes). It reports whether the job exists.
func (s *Server) ChangeJob(id string, change func(job map[string]any)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	j := s.findJob(id)
	if j == nil {
		return false
	}
	change(j)
	if s.v >= 8 {
		j["eTag"] = toInt(j["eTag"]) + 1
	}
	return true
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	case []bool:
		return append([]bool(nil), x...)
	}
	return v
}

// ExpireTokens makes every issued access token invalid, as a server restart
// or an admin's revocation would; refresh tokens stay valid.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.access = map[string]time.Time{}
}
