package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/internal/fakevbo"
)

// futureJob is a job from a newer server: an interval no document lists,
// everything else ordinary.
func futureJob() map[string]any {
	doc := fakevbo.HostileJob()
	doc["id"] = "1f000000-0000-4000-8000-000000000024"
	doc["name"] = "Future job"
	doc["description"] = ""
	hours := make([]bool, 168)
	for i := range hours {
		hours[i] = true
	}
	p := doc["schedulePolicy"].(map[string]any)
	p["backupWindowSettings"] = map[string]any{"backupWindow": hours, "minuteOffset": 0}
	p["dailyType"] = "Everyday"
	return doc
}

func hostileID() string { return fmt.Sprint(fakevbo.HostileJob()["id"]) }

func TestOneUnreadableJob_NeverHidesTheOthers(t *testing.T) {
	srv := newServer(t, fakevbo.WithRawJob(fakevbo.HostileJob()))
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"jobs lists every job, the odd one marked", []string{"jobs"}, ExitOK,
			[]string{"Exchange nightly", "Legal hold", `! Evil \x1b]8;;`, `schedulePolicy.periodicallyEvery "Hours24" is unknown to vbosched`, "backupWindow has 167 entries"}},
		{"show finds another job", []string{"show", "Legal hold"}, ExitOK, []string{"Fri 22:00-06:00"}},
		{"show says what is wrong", []string{"show", hostileID()}, ExitOK,
			[]string{`! schedulePolicy.periodicallyEvery "Hours24" is unknown`, `every "Hours24" (unknown to vbosched)`, "Backup window on: unreadable", "167 entries"}},
		{"set works on another job", []string{"set", "Legal hold", "--retry-number", "5", "--yes"}, ExitOK, []string{"changed"}},
		{"set refuses a window edit of a misshapen window", []string{"set", hostileID(), "--allow", "Mon 01:00-02:00", "--yes"}, ExitUsage,
			[]string{"backupWindow cannot be edited here", "167 entries", "fix the window on the server"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := vbosched(t, srv, "", tt.args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tt.code, r.out, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.out+r.err, w) {
					t.Errorf("output lacks %q:\n%s%s", w, r.out, r.err)
				}
			}
			if strings.ContainsAny(r.out+r.err, "\x1b\x07\x00") {
				t.Errorf("a raw control character reached the terminal:\n%q", r.out+r.err)
			}
		})
	}
	for _, p := range puts(srv) {
		if strings.Contains(p.Path, hostileID()) {
			t.Errorf("a window edit of the misshapen window was sent: %s", p.Body)
		}
	}
}

func TestUnknownEnum_IsSentBackUnchangedWithAnotherEdit(t *testing.T) {
	srv := newServer(t, fakevbo.WithRawJob(futureJob()))
	r := vbosched(t, srv, "", "set", "Future job", "--retry-number", "5", "--yes")
	sent := puts(srv)
	if len(sent) != 1 {
		t.Fatalf("%d PUTs, want 1 (exit %d: %s%s)", len(sent), r.code, r.out, r.err)
	}
	p := policyOf(t, sent[0].Body)
	if p["periodicallyEvery"] != "Hours24" || p["retryNumber"] != float64(5) {
		t.Errorf("sent periodicallyEvery %v (want Hours24 as read), retryNumber %v", p["periodicallyEvery"], p["retryNumber"])
	}
}

func TestServerText_HostileNamesAndOrganizationsAreEscaped(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v7"), fakevbo.WithRawJob(fakevbo.HostileJob()))
	legal := srv.JobID("Legal hold")
	var rows []jobSummary
	if err := json.Unmarshal([]byte(vbosched(t, srv, "", "jobs", "--json").out), &rows); err != nil || rows[5].ID != legal {
		t.Fatalf("jobs --json: %v, %+v", err, rows)
	}
	org := rows[5].OrganizationID
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/Organizations", Times: 100,
		Body: fmt.Sprintf(`[{"id":%q,"name":"Org\u001b]0;pwned\u0007\u001b[2J"}]`, org)})
	for _, args := range [][]string{
		{"jobs"},
		{"show", legal},
		{"show", hostileID()},
		{"set", hostileID(), "--retry-number", "5", "--yes"}, // the server refuses its window: an error message too
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := vbosched(t, srv, "", args...)
			if strings.ContainsAny(r.out+r.err, "\x1b\x07\x00") {
				t.Errorf("a raw control character reached the terminal:\n%q", r.out+r.err)
			}
			if !strings.Contains(r.out+r.err, `\x1b`) {
				t.Errorf("the hostile text is not shown escaped:\n%s%s", r.out, r.err)
			}
		})
	}
	r := vbosched(t, srv, "", "jobs", "--json")
	if !strings.Contains(r.out, `Evil \u001b]8;;`) || !strings.Contains(r.out, `Org\u001b]0;pwned\u0007`) {
		t.Errorf("jobs --json does not keep JSON's escapes:\n%s", r.out)
	}
}

func TestCompletion_LeavesOutNamesWithControlCharacters(t *testing.T) {
	srv := newServer(t, fakevbo.WithRawJob(fakevbo.HostileJob()))
	r := vbosched(t, srv, "", "__complete", "show", "")
	if r.code != 0 || !strings.Contains(r.out, "Archiv Geschäftsführung\n") {
		t.Errorf("completion: %d %q %s", r.code, r.out, r.err)
	}
	if strings.ContainsAny(r.out+r.err, "\x1b\x07") {
		t.Errorf("a name with escape sequences was offered to the shell: %q", r.out)
	}
}

func TestExport_RefusesAJobItCannotFullyRead(t *testing.T) {
	srv := newServer(t, fakevbo.WithRawJob(fakevbo.HostileJob()))
	r := vbosched(t, srv, "", "export", hostileID())
	if r.code != ExitFailed || !strings.Contains(r.err, "cannot be exported") || !strings.Contains(r.err, "167 entries") {
		t.Errorf("export: exit %d, stderr %q; want %d saying why", r.code, r.err, ExitFailed)
	}
	if r.out != "" {
		t.Errorf("export printed a schedule anyway:\n%s", r.out)
	}
	r = vbosched(t, srv, "", "show", hostileID(), "--json")
	if r.code != 0 || strings.Contains(r.out, `"backupWindow": "never"`) || strings.Contains(r.out, `"periodicallyEvery": ""`) {
		t.Errorf("show --json writes unreadable values as something they are not (exit %d):\n%s", r.code, r.out)
	}
}
