package fakevbo

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

type org struct{ ID, Name string }

// stableID makes a UUID-shaped id from a name, so seeded ids are the same in
// every run (tests and goldens can name them).
func stableID(name string) string {
	h := sha1.Sum([]byte(name))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func seedOrgs() []org {
	return []org{
		{stableID("org contoso"), "contoso.onmicrosoft.com"},
		{stableID("org fabrikam"), "fabrikam.onmicrosoft.com"},
		{stableID("org mueller"), "Müller & Söhne GmbH"},
	}
}

type seed struct {
	name, description string
	org               int
	status            string
	enabled           bool
	typ               string // Daily, Periodically, ManualOnly
	dailyType         string
	dailyTime         string
	every             string
	offset            int
	windowOn          bool
	window            string
	periodicOn        bool
	periodic          string
	retry             bool
	retryNumber       int
	retryWait         int
	selectedItems     bool
	extra             map[string]any // schedule fields no client knows
}

var seeds = []seed{
	{name: "Exchange nightly", description: "All mailboxes", org: 0, status: "Success", enabled: true,
		typ: "Daily", dailyType: "Workdays", dailyTime: "22:00:00", windowOn: true, window: "Mon-Fri 20:00-06:00, Sat-Sun",
		retry: true, retryNumber: 3, retryWait: 10},
	{name: "SharePoint hourly", description: "Team sites", org: 0, status: "Success", enabled: true,
		typ: "Periodically", dailyType: "Everyday", dailyTime: "15:00:00", every: "Hours1", window: "always",
		periodic: "always", retry: true, retryNumber: 3, retryWait: 10},
	{name: "OneDrive – Finance", description: "Finance department OneDrive", org: 1, status: "Warning", enabled: true,
		typ: "Daily", dailyType: "Everyday", dailyTime: "01:30:00", windowOn: true, window: "everyday 00:00-06:00",
		retry: true, retryNumber: 5, retryWait: 15, selectedItems: true},
	{name: "Teams weekends", org: 1, status: "Failed", enabled: true,
		typ: "Daily", dailyType: "Weekends", dailyTime: "08:00:00", window: "always",
		retry: false, retryNumber: 3, retryWait: 10},
	{name: "Archiv Geschäftsführung", description: "Vorstand und Geschäftsführung", org: 2, status: "Success", enabled: true,
		typ: "Periodically", dailyType: "Everyday", dailyTime: "15:00:00", every: "Hours4", offset: 15, window: "always",
		periodicOn: true, periodic: "Mon-Fri 08:00-18:00", retry: true, retryNumber: 3, retryWait: 10},
	{name: "Legal hold", description: "Litigation mailboxes", org: 0, status: "Stopped", enabled: false,
		typ: "Daily", dailyType: "Friday", dailyTime: "23:00:00", windowOn: true, window: "Fri 22:00-06:00",
		retry: true, retryNumber: 2, retryWait: 30, selectedItems: true,
		extra: map[string]any{"adaptiveThrottling": map[string]any{"enabled": true, "maxMbps": 200}}},
	{name: "Projektdaten Zürich", org: 2, status: "Success", enabled: true,
		typ: "ManualOnly", dailyType: "Sunday", dailyTime: "03:00:00", window: "always",
		retry: true, retryNumber: 3, retryWait: 10},
	{name: "Public folders", org: 1, status: "Running", enabled: true,
		typ: "Periodically", dailyType: "Everyday", dailyTime: "15:00:00", every: "Minutes30", windowOn: true,
		window: "Sun-Fri 18:00-08:00, Sat-Sun", retry: true, retryNumber: 3, retryWait: 10},
}

// seedJobs builds the job documents the way a server of version v shows them.
func seedJobs(v apiVersion, n int, orgs []org, repos []repo) []map[string]any {
	if n <= 0 {
		n = len(seeds)
	}
	jobs := make([]map[string]any, 0, n)
	for i := 0; i < n; i++ {
		var sd seed
		if i < len(seeds) {
			sd = seeds[i]
		} else {
			sd = generatedSeed(i)
		}
		jobs = append(jobs, jobDocument(v, sd, orgs[sd.org], repos[repoOfOrg(sd.org)].ID, i))
	}
	return jobs
}

func generatedSeed(i int) seed {
	dailyTypes := []string{"Everyday", "Workdays", "Weekends", "Saturday"}
	return seed{
		name: fmt.Sprintf("Mailbox batch %02d", i+1), org: i % 3, status: []string{"Success", "Warning", "Success", "Failed"}[i%4],
		enabled: i%7 != 0, typ: "Daily", dailyType: dailyTypes[i%len(dailyTypes)],
		dailyTime: fmt.Sprintf("%02d:00:00", 18+i%6), windowOn: i%2 == 0, window: "everyday 18:00-07:00",
		retry: true, retryNumber: 3, retryWait: 10,
	}
}

// refTime is the fake server's "now" for lastRun and nextRun, fixed so that
// listings are the same in every run.
var refTime = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func jobDocument(v apiVersion, sd seed, o org, repoID string, i int) map[string]any {
	id := stableID("job " + sd.name)
	typ := sd.typ
	if typ == "ManualOnly" && v < 6 { // ManualOnly is documented from v6 on
		typ = "Daily"
	}
	policy := map[string]any{
		"type":                 typ,
		"dailyType":            sd.dailyType,
		"dailyTime":            sd.dailyTime,
		"backupWindowEnabled":  sd.windowOn,
		"backupWindowSettings": windowSettings(sd.window),
		"retryEnabled":         sd.retry,
		"retryNumber":          sd.retryNumber,
		"retryWaitInterval":    sd.retryWait,
	}
	if sd.every != "" {
		policy["periodicallyEvery"] = sd.every
	}
	if v >= 6 {
		policy["scheduleEnabled"] = true
		policy["periodicallyOffsetMinutes"] = sd.offset
		p := sd.periodic
		if p == "" {
			p = "always"
		}
		policy["periodicallyWindowSettings"] = windowSettings(p)
	}
	if v >= 7 {
		policy["periodicallyWindowEnabled"] = sd.periodicOn
	}
	for k, val := range sd.extra {
		policy[k] = val
	}
	backupType := "EntireOrganization"
	if sd.selectedItems {
		backupType = "SelectedItems"
	}
	lastRun := refTime.Add(-time.Duration(2+i%20) * time.Hour)
	doc := map[string]any{
		"id":             id,
		"name":           sd.name,
		"description":    sd.description,
		"isEnabled":      sd.enabled,
		"backupType":     backupType,
		"lastStatus":     sd.status,
		"lastRun":        lastRun.Format(time.RFC3339),
		"schedulePolicy": policy,
		"_links": map[string]any{
			"self":             map[string]any{"href": fmt.Sprintf("/%s/jobs/%s", v, id)},
			"organization":     map[string]any{"href": fmt.Sprintf("/%s/Organizations/%s", v, o.ID)},
			"backupRepository": map[string]any{"href": fmt.Sprintf("/%s/BackupRepositories/%s", v, repoID)},
		},
	}
	if sd.enabled && typ != "ManualOnly" {
		doc["nextRun"] = refTime.Add(time.Duration(1+i%11) * time.Hour).Format(time.RFC3339)
	}
	if v >= 6 {
		doc["repositoryId"] = repoID
		if sd.selectedItems && v < 8 {
			doc["selectedItems"] = []any{map[string]any{"type": "User", "user": map[string]any{"id": stableID("user " + sd.name), "displayName": "Legal Team"}}}
		}
	}
	if v >= 7 {
		doc["lastBackup"] = lastRun.Add(25 * time.Minute).Format(time.RFC3339)
	}
	if v >= 8 {
		doc["organizationId"] = o.ID
		doc["eTag"] = 1
	}
	return doc
}

func windowSettings(spec string) map[string]any {
	return map[string]any{"backupWindow": windowHoursOf(spec), "minuteOffset": 0}
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// windowHoursOf turns a seed's window, written like "Mon-Fri 20:00-06:00,
// Sat-Sun" or "always", into 168 booleans from Sunday 00:00. A clause without
// hours takes whole days; hours ending at or before their start run into the
// next day. It is the fake's own small reading, so seeds do not depend on the
// client's window grammar.
func windowHoursOf(spec string) []bool {
	w := make([]bool, windowHours)
	if spec == "always" {
		for i := range w {
			w[i] = true
		}
		return w
	}
	for _, clause := range strings.Split(spec, ",") {
		days, hours, _ := strings.Cut(strings.TrimSpace(clause), " ")
		from, length := 0, 24
		if hours != "" {
			a, b, _ := strings.Cut(hours, "-")
			from = seedHour(a)
			length = (seedHour(b)-from+23)%24 + 1
		}
		for _, d := range seedDays(days) {
			for h := range length {
				w[(d*24+from+h)%windowHours] = true
			}
		}
	}
	return w
}

func seedHour(s string) int {
	h, err := strconv.Atoi(strings.TrimSuffix(s, ":00"))
	if err != nil {
		panic(fmt.Sprintf("fakevbo: seed window hour %q", s))
	}
	return h
}

func seedDays(s string) []int {
	s = strings.ToLower(s)
	if s == "everyday" {
		return []int{0, 1, 2, 3, 4, 5, 6}
	}
	first, last, isRange := strings.Cut(s, "-")
	if !isRange {
		last = first
	}
	a, b := slices.Index(dayNames, first), slices.Index(dayNames, last)
	if a < 0 || b < 0 {
		panic(fmt.Sprintf("fakevbo: seed window days %q", s))
	}
	var days []int
	for d := a; ; d = (d + 1) % 7 {
		days = append(days, d)
		if d == b {
			return days
		}
	}
}

// HostileJob returns a job document a careless client would trip over, for
// WithRawJob: a name and description carrying terminal escape sequences, a
// periodicallyEvery value no document lists ("Hours24"), a dailyType in
// lower case, and a backup window of 167 hours instead of 168.
func HostileJob() map[string]any {
	window := windowHoursOf("always")[:windowHours-1]
	return map[string]any{
		"id":          stableID("job hostile"),
		"name":        "Evil \x1b]8;;https://example.invalid\x07job\x1b]8;;\x07 \x1b[2J\x1b[31mred",
		"description": "line one\r\nline two\x1b[0m\x00",
		"isEnabled":   true,
		"backupType":  "EntireOrganization",
		"lastStatus":  "Success",
		"lastRun":     refTime.Add(-time.Hour).Format(time.RFC3339),
		"schedulePolicy": map[string]any{
			"type":                 "Periodically",
			"periodicallyEvery":    "Hours24",
			"dailyType":            "everyday",
			"dailyTime":            "15:00:00",
			"backupWindowEnabled":  true,
			"backupWindowSettings": map[string]any{"backupWindow": window, "minuteOffset": 0},
			"retryEnabled":         true,
			"retryNumber":          3,
			"retryWaitInterval":    10,
		},
		"_links": map[string]any{"self": map[string]any{"href": "/v8/jobs/" + stableID("job hostile")}},
	}
}
