package fakevbo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/vbosched/vbosched/model"
)

// putJob validates an edit as strictly as the vendor documents it, then
// applies it: top-level fields replace, schedulePolicy merges field by field.
func (s *Server) putJob(w http.ResponseWriter, r *http.Request, v model.APIVersion, job map[string]any, body []byte) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		s.writeError(w, v, http.StatusUnsupportedMediaType, "UnsupportedMediaType", "The request body must be application/json.")
		return
	}
	var edit map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&edit); err != nil || edit == nil {
		s.writeError(w, v, http.StatusBadRequest, "InvalidRequest", "The request body is not a JSON object.")
		return
	}
	if err := validateEdit(v, edit); err != nil {
		s.writeError(w, v, http.StatusBadRequest, "ValidationFailed", err.Error())
		return
	}
	for _, k := range []string{"name", "description", "isEnabled", "backupType", "repositoryId"} {
		if val, ok := edit[k]; ok {
			job[k] = val
		}
	}
	if sp, ok := edit["schedulePolicy"].(map[string]any); ok {
		policy := job["schedulePolicy"].(map[string]any)
		for k, val := range sp {
			policy[k] = normalizeNumbers(val)
		}
	}
	if v >= 8 {
		job["eTag"] = toInt(job["eTag"]) + 1
	}
	if v.PutAnswersNoContent() {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.WriteHeader(http.StatusOK)
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

func validateEdit(v model.APIVersion, edit map[string]any) error {
	if name, ok := edit["name"]; ok {
		if s, isStr := name.(string); !isStr || strings.TrimSpace(s) == "" {
			return fmt.Errorf("Job name cannot be empty.")
		}
	}
	raw, ok := edit["schedulePolicy"]
	if !ok {
		return nil
	}
	sp, ok := raw.(map[string]any)
	if !ok {
		return fmt.Errorf("schedulePolicy must be an object.")
	}
	typ, hasType := sp["type"]
	for _, k := range []string{"dailyType", "dailyTime", "periodicallyEvery"} {
		if _, ok := sp[k]; ok && !hasType {
			return fmt.Errorf("The Type property must be specified when %s is specified.", k)
		}
	}
	if hasType {
		t, err := model.ParseScheduleType(str(typ))
		if err != nil {
			return fmt.Errorf("Invalid schedule type: %v", typ)
		}
		if t == model.ManualOnly && !v.HasManualOnly() {
			return fmt.Errorf("Invalid schedule type: %v", typ)
		}
	}
	if d, ok := sp["dailyType"]; ok && d != nil {
		if _, err := model.ParseDailyType(str(d)); err != nil {
			return fmt.Errorf("Invalid daily type: %v", d)
		}
	}
	if t, ok := sp["dailyTime"]; ok && t != nil {
		if _, err := model.ParseClock(str(t)); err != nil {
			return fmt.Errorf("Invalid daily time: %v", t)
		}
	}
	if e, ok := sp["periodicallyEvery"]; ok && e != nil {
		iv, err := model.ParseInterval(str(e))
		if err != nil || (iv == model.Hours12 && !v.HasHours12()) {
			return fmt.Errorf("Invalid periodic interval: %v", e)
		}
	}
	ranges := []struct {
		field    string
		min, max int
	}{
		{"retryNumber", model.MinRetryNumber, model.MaxRetryNumber},
		{"retryWaitInterval", model.MinRetryWait, model.MaxRetryWait},
		{"periodicallyOffsetMinutes", 0, model.MaxOffsetMinutes},
	}
	for _, rg := range ranges {
		if val, ok := sp[rg.field]; ok && val != nil {
			n, isNum := val.(json.Number)
			i, err := n.Int64()
			if !isNum || err != nil || int(i) < rg.min || int(i) > rg.max {
				return fmt.Errorf("%s must be between %d and %d.", rg.field, rg.min, rg.max)
			}
		}
	}
	for _, k := range []string{"backupWindowSettings", "periodicallyWindowSettings"} {
		if err := validateWindow(k, sp[k]); err != nil {
			return err
		}
	}
	return nil
}

func validateWindow(field string, raw any) error {
	if raw == nil {
		return nil
	}
	ws, ok := raw.(map[string]any)
	if !ok {
		return fmt.Errorf("%s must be an object.", field)
	}
	arr, ok := ws["backupWindow"].([]any)
	if !ok || len(arr) != model.WindowHours {
		return fmt.Errorf("%s.backupWindow must contain exactly 168 boolean values.", field)
	}
	for _, e := range arr {
		if _, isBool := e.(bool); !isBool {
			return fmt.Errorf("%s.backupWindow must contain exactly 168 boolean values.", field)
		}
	}
	return nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
