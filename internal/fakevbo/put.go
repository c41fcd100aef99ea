package fakevbo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// readEdit reads a PUT's body as a JSON object, or answers as the server
// does (415 for another content type, 400 for anything but an object) and
// reports false. what names the resource ("Jobs", "CopyJobs"), schema the
// documented body in the message.
func (s *Server) readEdit(w http.ResponseWriter, r *http.Request, v apiVersion, what, schema string, body []byte) (map[string]any, bool) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		s.writeError(w, v, http.StatusUnsupportedMediaType, "",
			fmt.Sprintf("PUT /%s/%s/{id}: the body must be sent as Content-Type: application/json.", v, what))
		return nil, false
	}
	var edit map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&edit); err != nil || edit == nil {
		s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure,
			fmt.Sprintf("PUT /%s/%s/{id}: the body is not a JSON object%s.", v, what, schema))
		return nil, false
	}
	return edit, true
}

// putJob checks an edit against the version's documents (editbody.go), then
// stores it: top-level properties replace, schedulePolicy and its window
// settings merge property by property (no document says how a partial
// policy merges; merging keeps what the client did not send, the kinder
// reading). Fields set with IgnoreOnPut are accepted and dropped.
func (s *Server) putJob(w http.ResponseWriter, r *http.Request, v apiVersion, job map[string]any, body []byte) {
	edit, ok := s.readEdit(w, r, v, "Jobs", " (RESTEditBackupJob)", body)
	if !ok {
		return
	}
	skipItems := false
	if raw := r.URL.Query().Get("skipItemUpdate"); raw != "" && v >= 8 {
		b, err := checkBool("skipItemUpdate", raw)
		if err != nil {
			s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure, err.Error())
			return
		}
		skipItems = b.(bool)
	}
	clean, err := checkEdit(v, edit, s.extraPolicy)
	if err != nil {
		s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure,
			err.Error()+".")
		return
	}
	if skipItems {
		delete(clean, "selectedItems")
		delete(clean, "excludedItems")
	}
	for _, path := range s.ignored {
		deletePath(clean, path)
	}
	s.store(job, clean)
	if v >= 6 {
		w.WriteHeader(http.StatusNoContent) // v6–v8 document 204
		return
	}
	w.WriteHeader(http.StatusOK) // the v2 page: 200 OK, no body
}

// store applies a checked edit to a stored job.
func (s *Server) store(job, clean map[string]any) {
	for k, val := range clean {
		switch k {
		case "runNow", "isRun":
			if val == true {
				job["lastStatus"] = "Running"
			}
		case "schedulePolicy":
			policy, _ := job["schedulePolicy"].(map[string]any)
			if policy == nil {
				policy = map[string]any{}
				job["schedulePolicy"] = policy
			}
			merge(policy, val.(map[string]any))
		default:
			job[k] = normalizeNumbers(val)
		}
	}
	if s.v >= 8 {
		job["eTag"] = toInt(job["eTag"]) + 1
	}
}

// merge copies src into dst, recursing into objects both hold (the window
// settings), so a window sent without minuteOffset keeps the stored one.
func merge(dst, src map[string]any) {
	for k, val := range src {
		sub, isObj := val.(map[string]any)
		old, hadObj := dst[k].(map[string]any)
		if isObj && hadObj {
			merge(old, sub)
			continue
		}
		dst[k] = normalizeNumbers(val)
	}
}

// deletePath removes "a.b.c" from m.
func deletePath(m map[string]any, path string) {
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		delete(m, head)
		return
	}
	if sub, ok := m[head].(map[string]any); ok {
		deletePath(sub, rest)
	}
}

func toInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	case float64:
		return int(n)
	}
	return 0
}

// normalizeNumbers turns json.Number into int so stored documents look like
// the seeded ones.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeNumbers(e)
		}
	}
	return v
}
