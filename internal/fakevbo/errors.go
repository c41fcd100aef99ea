package fakevbo

import (
	"encoding/json"
	"net/http"
	"slices"
)

// Values of RESTExceptionInfo.errorCode the fake answers with. v7 documents
// the property with the single value ProxyOffline, v8 with the list below;
// v2–v6 document a body with message alone.
const (
	codeParameterValidationFailure = "ParameterValidationFailure"
	codeResourceNotFound           = "ResourceNotFound"
)

var (
	errorCodesV7 = []string{"ProxyOffline"}
	errorCodesV8 = []string{"ProxyOffline", "OutdatedChangeToken", "ResourceAccessDenied", "ResourceNotFound",
		"ParameterValidationFailure", "OrganizationTransfer", "RepositoryOwnerChangeTooManyLinks", "Timeout",
		"OperationConflict", "HttpError"}
)

// errorBody is RESTExceptionInfo as version v documents it. A code the
// version's errorCode enum does not list is sent as null, which the
// documents allow (the property is nullable): a client must cope with a
// failure that carries no code.
func errorBody(v apiVersion, code, message string) map[string]any {
	body := map[string]any{"message": message}
	switch {
	case v >= 8:
		body["errorCode"] = codeOrNull(code, errorCodesV8)
		body["stackTrace"] = "   at Veeam.Archiver.REST.Controllers.JobsController.Put(Guid jobId)\n   at lambda_method(Closure, Object, Object[])"
	case v == 7:
		body["errorCode"] = codeOrNull(code, errorCodesV7)
	}
	return body
}

func codeOrNull(code string, codes []string) any {
	if slices.Contains(codes, code) {
		return code
	}
	return nil
}

func (s *Server) writeError(w http.ResponseWriter, v apiVersion, status int, code, message string) {
	writeJSON(w, status, errorBody(v, code, message))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
