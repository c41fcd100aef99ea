package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

func planJSON(t *testing.T, srv *fakevbo.Server, args ...string) []planGroup {
	t.Helper()
	r := vbosched(t, srv, "", append([]string{"plan", "--json"}, args...)...)
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	var doc []planGroup
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.out)
	}
	return doc
}

// TestPlan_CopyJobsOnV6AndV8: the demo's copy jobs (v6 on) are planned with
// their kind and source: "Exchange nightly – archive" daily on workdays at
// 23:00 inside its copy window, "SharePoint – archive" immediately after
// each run of SharePoint hourly (no copy window, so in the same hours),
// "OneDrive – Finance – archive" disabled, every 8 hours held by its window
// 00-06 to one start at 00:00.
func TestPlan_CopyJobsOnV6AndV8(t *testing.T) {
	for _, v := range []string{"v6", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			doc := planJSON(t, srv, "--kind", "copy")
			if len(doc) != 1 {
				t.Fatalf("want one group, got %d", len(doc))
			}
			g := doc[0]
			var got []string
			for _, j := range g.Planned {
				got = append(got, j.Kind+":"+j.Name)
				if j.SourceJobID == "" || j.StartsUnknown != "" {
					t.Errorf("%s: source %q, starts unknown %q; want its source and known starts", j.Name, j.SourceJobID, j.StartsUnknown)
				}
			}
			want := []string{"copy:Exchange nightly – archive", "copy:SharePoint – archive", "copy:OneDrive – Finance – archive"}
			if !slices.Equal(got, want) {
				t.Fatalf("planned %q, want %q", got, want)
			}
			nightly, sharepoint, onedrive := srv.CopyJobID(want[0][5:]), srv.CopyJobID(want[1][5:]), srv.CopyJobID(want[2][5:])
			if mon23 := g.Hours[1*24+23].Starting; !slices.Contains(mon23, nightly) {
				t.Errorf("Mon 23:00 starting %v, want the nightly copy", mon23)
			}
			if sat23 := g.Hours[6*24+23].Starting; slices.Contains(sat23, nightly) {
				t.Errorf("Sat 23:00 starting %v: the nightly copy runs on workdays only", sat23)
			}
			if sun0 := g.Hours[0].Disabled; !slices.Contains(sun0, onedrive) {
				t.Errorf("Sun 00:00 disabled starts %v, want the disabled OneDrive copy", sun0)
			}
			backups := planJSON(t, srv, "--kind", "backup", "SharePoint hourly")[0]
			for i, h := range backups.Hours {
				if src, cp := len(h.Starting) > 0, slices.Contains(g.Hours[i].Starting, sharepoint); src != cp {
					t.Errorf("%s %02d:00: SharePoint hourly starts %v, its immediate copy starts %v", h.Day, h.Hour, src, cp)
				}
			}
			for _, j := range backups.Planned {
				if j.Kind != kindBackup {
					t.Errorf("--kind backup planned %+v", j)
				}
			}
		})
	}
}

func TestPlan_CopyJobSelectionAndText(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		args     []string
		code     int
		out, not string
	}{
		{"a copy job by name", "v8", []string{"plan", "SharePoint – archive"}, ExitOK,
			"1 backup copy job(s) planned;", "backup job(s) and"},
		{"the legend says what is counted", "v8", []string{"plan", "SharePoint – archive"}, ExitOK,
			"counts backup copy jobs (a copy job by its backup copy window)", ""},
		{"--match selects both kinds", "v6", []string{"plan", "--match", "^Exchange"}, ExitOK,
			"1 backup job(s) and 1 backup copy job(s) planned;", ""},
		{"--match of copy jobs only", "v6", []string{"plan", "--match", "archive$"}, ExitOK,
			"2 backup copy job(s) planned, 1 disabled", ""},
		{"--kind backup leaves the copy jobs out", "v8", []string{"plan", "--kind", "backup"}, ExitOK,
			"6 job(s) planned, 1 disabled", "counts"},
		{"--organization takes a v6 copy job's source's", "v6", []string{"plan", "--kind", "copy", "--organization", "contoso.onmicrosoft.com"}, ExitOK,
			"2 backup copy job(s) planned;", ""},
		{"grouped by organization, a v6 copy job is in its source's", "v6", []string{"plan", "--kind", "copy", "--by", "organization"}, ExitOK,
			"Organization contoso.onmicrosoft.com\n2 backup copy job(s) planned;", "(none)"},
		{"--kind copy before v6 plans none: the server has no copy jobs", "v5", []string{"plan", "--kind", "copy"}, ExitOK, "0 job(s) planned", ""},
		{"lint --kind copy before v6 finds nothing, and is no failure", "v5", []string{"lint", "--kind", "copy"}, ExitOK, "No findings in 0 job(s).", ""},
		{"a copy job named before v6 is usage", "v5", []string{"lint", "--kind", "copy", "Exchange nightly – archive"}, ExitUsage, "", ""},
		{"--kind copy with a backup job's name is usage", "v8", []string{"plan", "--kind", "copy", "Exchange nightly"}, ExitUsage, "", ""},
		{"an unknown --kind is usage", "v8", []string{"plan", "--kind", "archive"}, ExitUsage, "", ""},
		{"lint --kind copy finds the disabled copy job with its window on", "v6", []string{"lint", "--kind", "copy"}, ExitFailed,
			`disabled-with-window: copy job "OneDrive – Finance – archive" is disabled but its backup copy window is on`, "Public folders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vbosched(t, newServer(t, fakevbo.WithVersion(tt.version)), "", tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tt.code, r.out, r.err)
			}
			if !strings.Contains(r.out, tt.out) {
				t.Errorf("output lacks %q:\n%s", tt.out, r.out)
			}
			if tt.not != "" && strings.Contains(r.out, tt.not) {
				t.Errorf("output has %q:\n%s", tt.not, r.out)
			}
		})
	}
}

// TestPlanAndLint_CopyJobWhoseSourceIsGone: an immediate copy job whose
// source backup job the server no longer lists is planned by its window,
// says its starts are unknown, and lint names the missing source.
func TestPlanAndLint_CopyJobWhoseSourceIsGone(t *testing.T) {
	for _, v := range []string{"v6", "v8"} {
		t.Run(v, func(t *testing.T) {
			srv := newServer(t, fakevbo.WithVersion(v))
			id := srv.CopyJobID("SharePoint – archive")
			srv.ChangeCopyJob(id, func(j map[string]any) { j["backupJobId"] = "00000000-0000-0000-0000-00000000dead" })
			g := planJSON(t, srv, "--kind", "copy")[0]
			for _, j := range g.Planned {
				if j.ID == id && !strings.Contains(j.StartsUnknown, "not in the job list") {
					t.Errorf("startsUnknown %q, want it to say the source is not listed", j.StartsUnknown)
				}
			}
			if r := vbosched(t, srv, "", "plan", "--kind", "copy"); !strings.Contains(r.out, "! copy job SharePoint – archive: it copies each new restore point") {
				t.Errorf("the text does not say the starts are unknown:\n%s", r.out)
			}
			r := vbosched(t, srv, "", "lint", "--json", "SharePoint – archive")
			var doc []lintFinding
			if err := json.Unmarshal([]byte(r.out), &doc); err != nil || r.code != ExitFailed {
				t.Fatalf("exit %d, %v:\n%s%s", r.code, err, r.out, r.err)
			}
			if len(doc) != 1 || doc[0].Code != "copy-source-missing" || doc[0].Kind != kindCopy || doc[0].JobIDs[0] != id {
				t.Errorf("findings %+v, want copy-source-missing of the copy job", doc)
			}
		})
	}
}

// A server before v6 has no backup copy jobs: asked for them, jobs, plan
// and lint list none, exit 0, and say why on standard error.
func TestKindCopy_BeforeV6SaysThereAreNone(t *testing.T) {
	for _, args := range [][]string{{"jobs", "--kind", "copy"}, {"plan", "--kind", "copy"}, {"lint", "--kind", "copy"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := vbosched(t, newServer(t, fakevbo.WithVersion("v5")), "", args...)
			if r.code != ExitOK || !strings.Contains(r.err, "speaks v5: backup copy jobs came with v6") {
				t.Errorf("exit %d, want 0 and the reason on stderr\nstdout: %s\nstderr: %s", r.code, r.out, r.err)
			}
		})
	}
}
