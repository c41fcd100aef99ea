package fakevbo

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// The checks of a PUT /vN/Jobs/{id} body, written from the vendor's
// documents and nothing of vbosched's: the v2 help-center page "(PUT)
// /Jobs/{ID}" for v2–v5 (the only document we have for them), and the OpenAPI
// documents of v6 (RESTJob), v7 (RESTJob) and v8 (RESTEditBackupJob) with
// their RESTJobSchedulePolicy and RESTBackupWindowSettings.

type kind int

const (
	kString kind = iota
	kUUID        // a string in format uuid (v6+ documents say so)
	kBool
	kInt   // int32, optionally within [min, max]
	kEnum  // a string from values, compared case-insensitively
	kTime  // dailyTime: a time of day
	kArray // selectedItems, excludedItems: any array
	kWindow
	kPolicy
)

type field struct {
	kind     kind
	values   []string // kEnum
	min, max int64    // kInt
	readOnly bool     // documented in the PUT body, but the server keeps its own value
}

var (
	dailyTypes = []string{"Everyday", "Workdays", "Weekends", "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday", "Saturday", "Sunday"}
	intervalsV2 = []string{"Minutes5", "Minutes10", "Minutes15", "Minutes30", "Hours1", "Hours2", "Hours4", "Hours8"}
	intervalsV8 = append(append([]string(nil), intervalsV2...), "Hours12")
	backupTypes = []string{"EntireOrganization", "SelectedItems"}
	int32Field  = field{kind: kInt, min: math.MinInt32, max: math.MaxInt32}
)

// editFields lists the top-level properties the version's PUT body takes.
func editFields(v apiVersion) map[string]field {
	if v < 6 {
		// The v2 page's table, plus what its own example body sends back from
		// a GET (id, lastRun, …): a server that refused those would refuse
		// the vendor's example, so they are taken and ignored.
		ro := field{readOnly: true}
		return map[string]field{
			"name": {kind: kString}, "description": {kind: kString},
			"backupType": {kind: kEnum, values: backupTypes}, "schedulePolicy": {kind: kPolicy},
			"proxyId": {kind: kString}, "repositoryId": {kind: kString}, "isRun": {kind: kBool},
			"id": ro, "lastRun": ro, "nextRun": ro, "isEnabled": ro, "lastStatus": ro, "_links": ro,
		}
	}
	// RESTEditBackupJob (v8) and the editable part of RESTJob (v6, v7).
	f := map[string]field{
		"name": {kind: kString}, "description": {kind: kString},
		"backupType": {kind: kEnum, values: backupTypes}, "runNow": {kind: kBool},
		"selectedItems": {kind: kArray}, "excludedItems": {kind: kArray},
		"schedulePolicy": {kind: kPolicy}, "repositoryId": {kind: kUUID}, "isEnabled": {kind: kBool},
	}
	if v < 8 {
		// v6 and v7 take the whole RESTJob, whose read-only half the server
		// keeps as it is. v8's RESTEditBackupJob has no such properties.
		ro := field{readOnly: true}
		for _, k := range []string{"id", "lastRun", "nextRun", "lastStatus", "_links"} {
			f[k] = ro
		}
		if v == 7 {
			f["lastBackup"] = ro
		}
	}
	return f
}

// policyFields lists the schedulePolicy properties of the version.
func policyFields(v apiVersion) map[string]field {
	types := []string{"Daily", "Periodically"}
	if v >= 6 {
		types = append(types, "ManualOnly")
	}
	intervals := intervalsV2
	if v >= 8 {
		intervals = intervalsV8
	}
	f := map[string]field{
		"type":                 {kind: kEnum, values: types},
		"dailyType":            {kind: kEnum, values: dailyTypes},
		"dailyTime":            {kind: kTime},
		"periodicallyEvery":    {kind: kEnum, values: intervals},
		"backupWindowEnabled":  {kind: kBool},
		"backupWindowSettings": {kind: kWindow},
		"retryEnabled":         {kind: kBool},
		// The REST documents say only int32; these ranges are the vendor's
		// PowerShell reference (Set-VBOJobSchedulePolicy), the same server.
		"retryNumber":       {kind: kInt, min: 1, max: 777},
		"retryWaitInterval": {kind: kInt, min: 1, max: 999},
	}
	if v >= 6 {
		f["scheduleEnabled"] = field{kind: kBool}
		f["periodicallyWindowSettings"] = field{kind: kWindow}
		// "shift starting of the backup job within an hour": 0–59.
		f["periodicallyOffsetMinutes"] = field{kind: kInt, min: 0, max: 59}
	}
	if v >= 7 {
		f["periodicallyWindowEnabled"] = field{kind: kBool}
	}
	return f
}

// windowHours is the length of a backup window: 7 days × 24 hours.
const windowHours = 168

// editError is a body the vendor's documents do not allow.
type editError struct {
	Field   string // e.g. "schedulePolicy.periodicallyEvery"
	Message string // starts with Field
}

func (e *editError) Error() string { return e.Message }

// invalid reports a wrong value: "field: "x" is not one of …".
func invalid(field, format string, args ...any) *editError {
	return &editError{Field: field, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// misplaced reports a property that is wrong as such: "field is not a …".
func misplaced(field, format string, args ...any) *editError {
	return &editError{Field: field, Message: field + " " + fmt.Sprintf(format, args...)}
}

// checkEdit validates a decoded PUT body (numbers as json.Number) for version
// v and returns what the server stores: read-only and null properties
// dropped, booleans given as "true"/"false" strings turned into booleans (the
// vendor's own v2 example sends them so). extraPolicy names schedulePolicy
// properties this server has although no document lists them.
func checkEdit(v apiVersion, edit map[string]any, extraPolicy map[string]bool) (map[string]any, error) {
	out, err := checkWithPolicy(v, edit, editFields(v), policyFields(v), extraPolicy)
	if err != nil {
		return nil, err
	}
	if policy, ok := out["schedulePolicy"].(map[string]any); ok {
		if v < 6 {
			// The v2 page: "the Type property must be specified if you want
			// to enter the new values for the DailyType, DailyTime or
			// PeriodicallyEvery properties".
			for _, k := range []string{"dailyType", "dailyTime", "periodicallyEvery"} {
				if _, has := policy[k]; has && policy["type"] == nil {
					return nil, misplaced("schedulePolicy.type", "is missing; API %s needs type whenever %s is sent", v, k)
				}
			}
		}
	}
	return out, nil
}

// checkWithPolicy checks a body of fields whose schedulePolicy, when sent,
// is an object of policy fields (a job's or a copy job's edit body), and
// returns what the server stores of both.
func checkWithPolicy(v apiVersion, edit map[string]any, fields, policyFields map[string]field, extraPolicy map[string]bool) (map[string]any, error) {
	out, err := checkObject(v, "", edit, fields, nil)
	if err != nil {
		return nil, err
	}
	if raw, ok := out["schedulePolicy"]; ok {
		sp, isObj := raw.(map[string]any)
		if !isObj {
			return nil, misplaced("schedulePolicy", "is %s, want an object", jsonKind(raw))
		}
		policy, err := checkObject(v, "schedulePolicy.", sp, policyFields, extraPolicy)
		if err != nil {
			return nil, err
		}
		out["schedulePolicy"] = policy
	}
	return out, nil
}

func checkObject(v apiVersion, prefix string, obj map[string]any, fields map[string]field, extra map[string]bool) (map[string]any, error) {
	out := map[string]any{}
	for k, val := range obj {
		f, ok := fields[k]
		if !ok {
			if extra[k] {
				out[k] = val
				continue
			}
			return nil, misplaced(prefix+k, "is not a property of the API %s edit body (it takes %s)", v, listKeys(fields))
		}
		if f.readOnly || val == nil {
			continue
		}
		clean, err := checkValue(v, prefix+k, f, val)
		if err != nil {
			return nil, err
		}
		out[k] = clean
	}
	return out, nil
}

var (
	timeOfDay = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$`)
	uuidShape = regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

func checkValue(v apiVersion, name string, f field, val any) (any, error) {
	switch f.kind {
	case kString, kUUID, kTime, kEnum:
		s, ok := val.(string)
		if !ok {
			return nil, misplaced(name, "is %s, want a string", jsonKind(val))
		}
		switch {
		case f.kind == kUUID && !uuidShape.MatchString(s):
			return nil, invalid(name, "%q is not a UUID", s)
		case f.kind == kTime && !timeOfDay.MatchString(s):
			return nil, invalid(name, "%q is not a time of day; send HH:MM:SS, e.g. \"08:00:00\"", s)
		case f.kind == kEnum && !oneOfFold(s, f.values):
			return nil, invalid(name, "%q is not one of %s", s, strings.Join(f.values, ", "))
		}
		return s, nil
	case kBool:
		return checkBool(name, val)
	case kInt:
		n, ok := val.(json.Number)
		i, err := n.Int64()
		if !ok || err != nil {
			return nil, invalid(name, "%v is not an integer", val)
		}
		if i < f.min || i > f.max {
			return nil, invalid(name, "%d is out of range %d–%d", i, f.min, f.max)
		}
		return int(i), nil
	case kArray:
		if _, ok := val.([]any); !ok {
			return nil, misplaced(name, "is %s, want an array", jsonKind(val))
		}
		return val, nil
	case kWindow:
		return checkWindow(v, name, val)
	}
	return val, nil // kPolicy: checked by checkEdit
}

// checkBool takes JSON booleans and, as the vendor's JSON reader does, the
// strings "true" and "false".
func checkBool(name string, val any) (any, error) {
	switch b := val.(type) {
	case bool:
		return b, nil
	case string:
		switch strings.ToLower(b) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return nil, invalid(name, "%v is not a boolean", val)
}

func checkWindow(v apiVersion, name string, val any) (any, error) {
	ws, ok := val.(map[string]any)
	if !ok {
		return nil, misplaced(name, "is %s, want an object with backupWindow and minuteOffset", jsonKind(val))
	}
	fields := map[string]field{"backupWindow": {kind: kArray}, "minuteOffset": int32Field}
	out, err := checkObject(v, name+".", ws, fields, nil)
	if err != nil {
		return nil, err
	}
	if raw, ok := out["backupWindow"]; ok {
		arr := raw.([]any)
		if len(arr) != windowHours {
			return nil, misplaced(name+".backupWindow", "has %d values; send exactly 168 booleans (7 days × 24 hours from Sunday 00:00)", len(arr))
		}
		for i, e := range arr {
			if _, isBool := e.(bool); !isBool {
				return nil, invalid(name+".backupWindow", "value %d is %s; send exactly 168 booleans", i, jsonKind(e))
			}
		}
	}
	return out, nil
}

func oneOfFold(s string, values []string) bool {
	for _, v := range values {
		if strings.EqualFold(s, v) {
			return true
		}
	}
	return false
}

func listKeys(fields map[string]field) string {
	var keys []string
	for k, f := range fields {
		if !f.readOnly {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number, float64, int:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// undocumentedPolicyFields names the schedulePolicy properties the jobs hold
// beyond what version v documents. A server that returns such a property
// knows it, so it takes it back in a PUT; any other unknown property is
// refused.
func undocumentedPolicyFields(v apiVersion, jobs []map[string]any) map[string]bool {
	documented := policyFields(v)
	extra := map[string]bool{}
	for _, j := range jobs {
		policy, _ := j["schedulePolicy"].(map[string]any)
		for k := range policy {
			if _, ok := documented[k]; !ok {
				extra[k] = true
			}
		}
	}
	return extra
}
