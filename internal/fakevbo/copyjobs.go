package fakevbo

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Backup copy jobs, /vN/CopyJobs from v6 on, checked against the vendor's
// OpenAPI documents: RESTCopyJob (v6, v7: the PUT takes the document),
// RESTEditCopyJob (v8) and RESTCopyJobSchedulePolicy.

type copySeed struct {
	name, source    string // source: the seed backup job's name
	enabled         bool
	typ             string // Immediate, Periodically, DailyAtTime
	dailyType, time string
	every           string
	windowOn        bool
	window          string
	status          string
}

var copySeeds = []copySeed{
	{name: "Exchange nightly – archive", source: "Exchange nightly", enabled: true, status: "Success",
		typ: "DailyAtTime", dailyType: "Workdays", time: "23:00:00", windowOn: true, window: "Mon-Fri 20:00-06:00, Sat-Sun"},
	{name: "SharePoint – archive", source: "SharePoint hourly", enabled: true, status: "Success",
		typ: "Immediate", dailyType: "Everyday", time: "00:00:00", window: "always"},
	{name: "OneDrive – Finance – archive", source: "OneDrive – Finance", enabled: false, status: "Warning",
		typ: "Periodically", dailyType: "Everyday", time: "00:00:00", every: "Hours8", windowOn: true, window: "everyday 00:00-06:00"},
}

// seedCopyJobs builds the copy job documents of version v (none before v6),
// each pointing at a seeded backup job of the same server.
func seedCopyJobs(v apiVersion, jobs []map[string]any) []map[string]any {
	if v < 6 {
		return nil
	}
	var out []map[string]any
	for i, sd := range copySeeds {
		var source map[string]any
		for _, j := range jobs {
			if j["name"] == sd.source {
				source = j
			}
		}
		if source == nil {
			continue
		}
		policy := map[string]any{
			"type": sd.typ, "dailyType": sd.dailyType, "dailyTime": sd.time,
			"backupCopyWindowEnabled": sd.windowOn, "backupCopyWindowSettings": windowSettings(sd.window),
		}
		if sd.every != "" {
			policy["periodicallyEvery"] = sd.every
		}
		id := stableID("copy job " + sd.name)
		doc := map[string]any{
			"id": id, "name": sd.name, "backupJobId": source["id"], "isEnabled": sd.enabled,
			"repositoryId": stableID("repo archive"), "lastStatus": sd.status,
			"lastRun":        refTime.Add(-time.Duration(1+i) * time.Hour).Format(time.RFC3339),
			"schedulePolicy": policy,
			"_links": map[string]any{
				"self":      map[string]any{"href": fmt.Sprintf("/%s/CopyJobs/%s", v, id)},
				"backupJob": map[string]any{"href": fmt.Sprintf("/%s/Jobs/%s", v, source["id"])},
			},
		}
		if v >= 7 {
			doc["lastBackup"] = doc["lastRun"]
		}
		if v >= 8 {
			links, _ := source["_links"].(map[string]any)
			org, _ := links["organization"].(map[string]any)
			href := str(org["href"])
			doc["organizationId"] = href[strings.LastIndex(href, "/")+1:]
			doc["eTag"] = 1
		}
		out = append(out, doc)
	}
	return out
}

// copyEditFields lists the top-level properties of the version's copy job
// PUT body: RESTEditCopyJob on v8, RESTCopyJob on v6 and v7, whose run state
// and links the server keeps as they are.
func copyEditFields(v apiVersion) map[string]field {
	f := map[string]field{
		"backupJobId": {kind: kUUID}, "schedulePolicy": {kind: kPolicy},
		"repositoryId": {kind: kUUID}, "isEnabled": {kind: kBool},
	}
	if v >= 8 {
		f["organizationId"] = field{kind: kUUID}
		return f
	}
	ro := field{readOnly: true}
	f["name"] = field{kind: kString}
	for _, k := range []string{"id", "lastRun", "nextRun", "lastStatus", "_links"} {
		f[k] = ro
	}
	if v == 7 {
		f["lastBackup"] = ro
	}
	return f
}

// copyPolicyFields is RESTCopyJobSchedulePolicy of the version.
func copyPolicyFields(v apiVersion) map[string]field {
	intervals := intervalsV2
	if v >= 8 {
		intervals = intervalsV8
	}
	return map[string]field{
		"type":                     {kind: kEnum, values: []string{"Immediate", "Periodically", "DailyAtTime"}},
		"periodicallyEvery":        {kind: kEnum, values: intervals},
		"dailyType":                {kind: kEnum, values: dailyTypes},
		"dailyTime":                {kind: kTime},
		"backupCopyWindowEnabled":  {kind: kBool},
		"backupCopyWindowSettings": {kind: kWindow},
	}
}

// checkCopyEdit validates a decoded copy job PUT body and returns what the
// server stores. A backup job's property (description, retryNumber, …) is
// refused by name, as the vendor's model binding would.
func checkCopyEdit(v apiVersion, edit map[string]any) (map[string]any, error) {
	return checkWithPolicy(v, edit, copyEditFields(v), copyPolicyFields(v), nil)
}

func (s *Server) listCopyJobs(w http.ResponseWriter, r *http.Request, v apiVersion) {
	items := make([]any, len(s.copyJobs))
	for i, j := range s.copyJobs {
		items[i] = j
	}
	s.writeList(w, r, v, items)
}

func (s *Server) handleCopyJob(w http.ResponseWriter, r *http.Request, v apiVersion, id, action string, body []byte) {
	var job map[string]any
	for _, j := range s.copyJobs {
		if strings.EqualFold(str(j["id"]), id) {
			job = j
		}
	}
	if job == nil {
		s.writeError(w, v, http.StatusNotFound, codeResourceNotFound, fmt.Sprintf("Backup copy job with ID %s was not found.", id))
		return
	}
	switch {
	case action == "" && r.Method == http.MethodGet:
		writeJSON(w, http.StatusOK, job)
	case action == "" && r.Method == http.MethodPut:
		s.putCopyJob(w, r, v, job, body)
	case r.Method == http.MethodPost && action == "start":
		// v6–v8 answer 200 with the new RESTJobSession.
		jobActions[action](job)
		sess := s.jobSession(v, job)
		sess["jobType"] = "BackupCopy"
		writeJSON(w, http.StatusOK, sess)
	case r.Method == http.MethodPost && (action == "enable" || action == "disable"):
		jobActions[action](job)
		if v >= 8 {
			job["eTag"] = toInt(job["eTag"]) + 1
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		s.writeError(w, v, http.StatusNotFound, codeResourceNotFound, "The requested resource does not exist.")
	}
}

// putCopyJob checks and stores a copy job edit as putJob does a backup
// job's; v6–v8 all document 204.
func (s *Server) putCopyJob(w http.ResponseWriter, r *http.Request, v apiVersion, job map[string]any, body []byte) {
	edit, ok := s.readEdit(w, r, v, "CopyJobs", "", body)
	if !ok {
		return
	}
	clean, err := checkCopyEdit(v, edit)
	if err != nil {
		s.writeError(w, v, http.StatusBadRequest, codeParameterValidationFailure, err.Error()+".")
		return
	}
	for _, path := range s.ignored {
		deletePath(clean, path)
	}
	s.store(job, clean)
	w.WriteHeader(http.StatusNoContent)
}

// CopyJobIDs returns the ids of the stored copy jobs, in list order.
func (s *Server) CopyJobIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, j := range s.copyJobs {
		out = append(out, str(j["id"]))
	}
	return out
}

// CopyJob returns a copy of a stored copy job document, or nil.
func (s *Server) CopyJob(id string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.copyJobs {
		if strings.EqualFold(str(j["id"]), id) {
			return deepCopy(j).(map[string]any)
		}
	}
	return nil
}

// CopyJobID returns the id of the copy job with the name, or "".
func (s *Server) CopyJobID(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.copyJobs {
		if j["name"] == name {
			return str(j["id"])
		}
	}
	return ""
}

// ChangeCopyJob edits a stored copy job as another client would. It reports
// whether the copy job exists.
func (s *Server) ChangeCopyJob(id string, change func(job map[string]any)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.copyJobs {
		if strings.EqualFold(str(j["id"]), id) {
			change(j)
			if s.v >= 8 {
				j["eTag"] = toInt(j["eTag"]) + 1
			}
			return true
		}
	}
	return false
}
