package ui

import (
	"strings"
	"testing"
)

// The J view shows the PUT body as JSON: a name the server holds with bidi
// overrides or C1 controls reaches the screen escaped, as every other JSON
// vbosched shows (model.SafeJSON), as in a v6 copy job's body (G19).
func TestReviewJSON_EscapesBidiOverridesInTheBody(t *testing.T) {
	const hostile = "\u202eevil\u202c \u009b1m"
	tests := []struct {
		name string
		open func(t *testing.T) Model
	}{
		{"copy job", func(t *testing.T) Model {
			m, _ := openCopy(t, 120, 40)
			m.editor.version = 6 // v6 PUTs a copy job's name
			m.editor.copyJob = copyChanged(t, m.editor.copyJob, func(doc map[string]any) { doc["name"] = hostile })
			return m
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.open(t)
			r := newReview(&m.editor)
			if !strings.Contains(r.body, `"name": "\u202eevil\u202c \u009b1m"`) {
				t.Errorf("the body's name is not escaped:\n%s", r.body)
			}
			for _, raw := range []string{"\u202e", "\u202c", "\u009b"} {
				if strings.Contains(r.body, raw) {
					t.Errorf("the body holds %q raw:\n%s", raw, r.body)
				}
			}
		})
	}
}
