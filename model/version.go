package model

import (
	"fmt"
	"strconv"
	"strings"
)

// APIVersion is the REST API's major version, v2 (VBO 2.0) to v8 (VB365 8).
// What a schedule may hold depends on it.
type APIVersion int

const (
	OldestAPIVersion APIVersion = 2
	NewestAPIVersion APIVersion = 8
)

// ParseAPIVersion reads "v8" or "8".
func ParseAPIVersion(s string) (APIVersion, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "v"))
	if err != nil || n < int(OldestAPIVersion) || n > int(NewestAPIVersion) {
		return 0, fmt.Errorf("API version %q is not one of v2 … v8", s)
	}
	return APIVersion(n), nil
}

func (v APIVersion) String() string { return fmt.Sprintf("v%d", int(v)) }

// HasManualOnly: the ManualOnly schedule type exists from v6 on.
func (v APIVersion) HasManualOnly() bool { return v >= 6 }

// HasHours12: the Hours12 interval exists from v8 on.
func (v APIVersion) HasHours12() bool { return v >= 8 }

// HasOffsetMinutes: periodicallyOffsetMinutes exists from v6 on.
func (v APIVersion) HasOffsetMinutes() bool { return v >= 6 }

// HasPeriodicWindow: periodicallyWindowSettings exists from v6 on, and its
// periodicallyWindowEnabled switch from v7 on.
func (v APIVersion) HasPeriodicWindow() bool       { return v >= 6 }
func (v APIVersion) HasPeriodicWindowSwitch() bool { return v >= 7 }

// EnabledInPut: a backup job's PUT body documents isEnabled from v6 on
// (RESTJob, RESTEditBackupJob). The v2 PUT page lists no such property (its
// example body only echoes a GET): before v6 the switch is the Action
// endpoint's {"enable": null} and {"disable": null}.
func (v APIVersion) EnabledInPut() bool { return v >= 6 }

// PutAnswersNoContent: from v6 on a PUT answers 204 rather than 200.
func (v APIVersion) PutAnswersNoContent() bool { return v >= 6 }

// editableTopLevel lists the top-level job fields the version's PUT body
// takes. selectedItems and excludedItems are left out on purpose: vbosched
// never edits them, and sending them back could change the job's scope.
func (v APIVersion) editableTopLevel() []string {
	switch {
	case v >= 6: // RESTJob (v6, v7) and RESTEditBackupJob (v8)
		return []string{"name", "description", "backupType", "repositoryId", "isEnabled", "schedulePolicy"}
	default: // the v2 PUT page
		return []string{"name", "description", "backupType", "schedulePolicy", "proxyId", "repositoryId"}
	}
}
