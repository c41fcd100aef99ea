package cli

import (
	"encoding/json"
	"io"

	"github.com/vbosched/vbosched/model"
)

// writeJSON prints v as indented JSON for every --json and export printer.
// The output goes to terminals as often as to jq: C1 controls and bidi
// overrides in server text, which encoding/json writes raw, are escaped
// by model.SafeJSON, and the JSON still decodes to exactly the same values.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(model.SafeJSON(b), '\n'))
	return err
}
