package fakevbo

import (
	"fmt"
	"strconv"
	"strings"
)

// apiVersion is the REST API's major version the fake answers as. It is the
// fake's own type on purpose: the fake must not share vbosched's idea of what
// a version allows, or client and fake would share their blind spots.
type apiVersion int

const (
	oldestVersion apiVersion = 2
	newestVersion apiVersion = 8
)

// parseVersion reads "v8" (any case), as in the first segment of a path.
func parseVersion(s string) (apiVersion, error) {
	digits, ok := strings.CutPrefix(strings.ToLower(s), "v")
	n, err := strconv.Atoi(digits)
	if !ok || err != nil || n < int(oldestVersion) || n > int(newestVersion) {
		return 0, fmt.Errorf("fakevbo: API version %q is not one of v2 … v8", s)
	}
	return apiVersion(n), nil
}

func (v apiVersion) String() string { return fmt.Sprintf("v%d", int(v)) }
