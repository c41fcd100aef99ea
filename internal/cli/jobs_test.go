package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestJobs_WideNamesKeepTheColumnsInLine: a CJK or emoji name takes two
// cells a rune; padding by runes started the next columns late on its row.
func TestJobs_WideNamesKeepTheColumnsInLine(t *testing.T) {
	srv := newServer(t)
	srv.ChangeJob(srv.JobID("Legal hold"), func(j map[string]any) { j["name"] = "日本語のジョブ名前テスト長い" })
	srv.ChangeJob(srv.JobID("Teams weekends"), func(j map[string]any) { j["name"] = "Teams 🗄🔒 weekends" })
	r := vbosched(t, srv, "", "jobs")
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s%s", r.code, r.out, r.err)
	}
	lines := strings.Split(strings.TrimRight(r.out, "\n"), "\n")
	header := lines[0]
	for _, col := range []string{"ORGANIZATION", "ID"} {
		at := ansi.StringWidth(header[:strings.Index(header, col)])
		for _, l := range lines[1:] {
			cell := l[strings.LastIndex(l, " ")+1:] // the id
			if col == "ORGANIZATION" {
				if cell = "contoso.onmicrosoft.com"; !strings.Contains(l, cell) {
					continue // another tenant's job
				}
			}
			if got := ansi.StringWidth(l[:strings.Index(l, cell)]); got != at {
				t.Errorf("%s starts at cell %d, the header's at %d:\n%s\n%s", col, got, at, header, l)
			}
		}
	}
	// Golden-ish: the CJK row, cell for cell up to its organization.
	want := "日本語のジョブ名前テスト長い  contoso.onmicrosoft.com"
	if !strings.Contains(r.out, want) {
		t.Errorf("jobs lacks %q:\n%s", want, r.out)
	}
}

func TestJobsJSON_OrganizationIDAndNameApartAndWhole(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "jobs", "--json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.out), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("jobs --json: %v\n%s", err, r.out)
	}
	for _, row := range rows {
		id, _ := row["organizationId"].(string)
		name, _ := row["organizationName"].(string)
		if len(id) != 36 || strings.Contains(id, "…") {
			t.Errorf("%v: organizationId %q, want the whole id", row["name"], id)
		}
		if name == "" || strings.Contains(name, "…") || name == id {
			t.Errorf("%v: organizationName %q, want the organization's whole name", row["name"], name)
		}
		if _, ok := row["organization"]; ok {
			t.Errorf("%v: a display field \"organization\" beside the id and the name", row["name"])
		}
	}
}
