package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// The seeded jobs' ids, as `jobs` lists them.
const (
	exchangeNightlyID = "7508d068-31ca-f04e-1357-8502dfaf1a92"
	publicFoldersID   = "0b18c0e6-1a40-42b1-850c-d5968b7aaad4"
)

func TestPlanJSON_HoursOfTheSelectedJobs(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "plan", "Exchange nightly", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var doc []planGroup
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.out)
	}
	if len(doc) != 1 || len(doc[0].Hours) != 168 || doc[0].Jobs != 1 {
		t.Fatalf("want one group of 168 hours for one job, got %+v", doc)
	}
	// Workdays at 22:00 in a window Mon-Fri 20:00-06:00 and all weekend.
	tests := []struct {
		index           int
		allowed, starts int
	}{
		{1*24 + 22, 1, 1}, // Mon 22:00: starts
		{1*24 + 12, 0, 0}, // Mon 12:00: denied
		{6*24 + 12, 1, 0}, // Sat 12:00: allowed, no start
	}
	for _, tt := range tests {
		h := doc[0].Hours[tt.index]
		if h.Allowed != tt.allowed || h.Starts != tt.starts {
			t.Errorf("%s %02d:00: allowed %d, starts %d; want %d, %d", h.Day, h.Hour, h.Allowed, h.Starts, tt.allowed, tt.starts)
		}
	}
	if got := doc[0].Hours[1*24+22].Starting; len(got) != 1 || got[0] != exchangeNightlyID {
		t.Errorf("Mon 22:00 starting %v, want the job's id", got)
	}
}

func TestPlan_ByOrganizationOneMapEach(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "plan", "--by", "organization")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	for _, want := range []string{"Organization contoso.onmicrosoft.com\n", "Organization fabrikam.onmicrosoft.com\n",
		"Organization Müller & Söhne GmbH\n", "Busiest hours:", "Mon  "} {
		if !strings.Contains(r.out, want) {
			t.Errorf("output lacks %q:\n%s", want, r.out)
		}
	}
}

func TestPlanAndLint_ExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"lint of a clean job exits 0", []string{"lint", "Exchange nightly"}, ExitOK, "No findings in 1 job(s)."},
		{"lint with findings exits 1", []string{"lint"}, ExitFailed, "start-delayed: job \"Public folders\""},
		{"a disabled job with its window on is a finding", []string{"lint", "Legal hold"}, ExitFailed, "disabled-with-window: "},
		{"--max-starts 0 is usage", []string{"lint", "--max-starts", "0"}, ExitUsage, ""},
		{"an unknown job is usage", []string{"lint", "no such job"}, ExitUsage, ""},
		{"plan --by an unknown grouping is usage", []string{"plan", "--by", "host"}, ExitUsage, ""},
		{"plan of everything exits 0", []string{"plan"}, ExitOK, "Busiest hours:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vbosched(t, newServer(t), "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tt.code, r.out, r.err)
			}
			if !strings.Contains(r.out, tt.out) {
				t.Errorf("output lacks %q:\n%s", tt.out, r.out)
			}
		})
	}
}

func TestLintJSON_CrowdedHourWithMaxStarts(t *testing.T) {
	srv := newServer(t)
	// Two jobs of contoso start Mon-Fri at 22:00 (Exchange nightly and
	// SharePoint hourly), so --max-starts 1 finds those hours crowded.
	r := vbosched(t, srv, "", "lint", "--json", "--max-starts", "1", "--organization", "contoso.onmicrosoft.com")
	if r.code != ExitFailed {
		t.Fatalf("exit %d, want 1: %s", r.code, r.err)
	}
	var doc []lintFinding
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.out)
	}
	crowded := 0
	for _, f := range doc {
		if f.Code == "crowded-hour" && f.Day == "Mon" && f.Hour != nil && *f.Hour == 22 {
			crowded++
			if len(f.JobIDs) != 2 || !strings.Contains(f.Text, `organization "contoso.onmicrosoft.com"`) {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if crowded != 1 {
		t.Errorf("want one crowded Mon 22:00, got %d in %+v", crowded, doc)
	}
	if strings.Contains(r.out, publicFoldersID) {
		t.Error("--organization contoso still lints fabrikam's Public folders")
	}
}
