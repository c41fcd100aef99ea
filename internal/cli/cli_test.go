package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/model"
)

type run struct {
	code     int
	out, err string
}

// vbosched runs the command line in-process against srv.
func vbosched(t *testing.T, srv *fakevbo.Server, stdin string, args ...string) run {
	t.Helper()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password,
		"VBO_CA_FILE": ca, "HOME": t.TempDir()}
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, Env{In: strings.NewReader(stdin), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }}, "test")
	return run{code, out.String(), errOut.String()}
}

func newServer(t *testing.T, opts ...fakevbo.Option) *fakevbo.Server {
	srv := fakevbo.NewTLSServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func puts(srv *fakevbo.Server) []fakevbo.Request { return srv.RequestsFor(http.MethodPut, "/Jobs/") }

func policyOf(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body: %v\n%s", err, body)
	}
	return m["schedulePolicy"].(map[string]any)
}

func TestJobs(t *testing.T) {
	for _, v := range []string{"v2", "v8"} {
		srv := newServer(t, fakevbo.WithVersion(v), fakevbo.WithJobs(45))
		r := vbosched(t, srv, "", "jobs")
		if r.code != 0 {
			t.Fatalf("%s: jobs exit %d: %s", v, r.code, r.err)
		}
		copies := 0 // the fake's demo copy jobs, from v6 on
		if v == "v8" {
			copies = 3
		}
		if lines := strings.Count(r.out, "\n"); lines != 46+copies {
			t.Errorf("%s: jobs printed %d lines, want a header, 45 jobs and %d copy jobs", v, lines, copies)
		}
		for _, want := range []string{"Exchange nightly", "contoso.onmicrosoft.com", "workdays at 22:00", "Mon-Fri 20:00-06:00, Sat-Sun", "Mailbox batch 45"} {
			if !strings.Contains(r.out, want) {
				t.Errorf("%s: jobs output lacks %q", v, want)
			}
		}
		r = vbosched(t, srv, "", "jobs", "--json")
		var rows []jobSummary
		if err := json.Unmarshal([]byte(r.out), &rows); err != nil || len(rows) != 45+copies {
			t.Errorf("%s: jobs --json: %d rows, %v", v, len(rows), err)
		}
	}
}

func TestSetSingleJobKeepsOtherFields(t *testing.T) {
	srv := newServer(t)
	id := srv.JobID("Legal hold")
	before := srv.Job(id)["schedulePolicy"].(map[string]any)
	r := vbosched(t, srv, "", "set", "Legal hold", "--daily-time", "21:30", "--retry-wait", "45", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d: %s%s", r.code, r.out, r.err)
	}
	if !strings.Contains(r.out, "schedulePolicy.dailyTime: 23:00 → 21:30") || !strings.Contains(r.out, "1 changed, 0 unchanged, 0 failed") {
		t.Errorf("output:\n%s", r.out)
	}
	p := puts(srv)
	if len(p) != 1 {
		t.Fatalf("%d PUTs, want 1", len(p))
	}
	sent := policyOf(t, p[0].Body)
	for k, v := range before {
		switch k {
		case "dailyTime", "retryWaitInterval":
			continue
		}
		a, _ := json.Marshal(v)
		b, _ := json.Marshal(sent[k])
		if !bytes.Equal(a, b) {
			t.Errorf("schedulePolicy.%s sent as %s, read as %s", k, b, a)
		}
	}
	if sent["dailyTime"] != "21:30:00" || sent["retryWaitInterval"] != 45.0 || sent["adaptiveThrottling"] == nil {
		t.Errorf("sent policy: %v", sent)
	}
}

func TestSetBulkOneFails(t *testing.T) {
	srv := newServer(t)
	bad := srv.JobID("OneDrive – Finance")
	srv.InjectFault(fakevbo.Fault{Method: http.MethodPut, Path: bad, Status: 400})
	r := vbosched(t, srv, "", "set", "--all", "--window", "everyday 20:00-06:00", "--window-enabled", "--yes")
	if r.code != ExitFailed {
		t.Errorf("exit %d, want 1", r.code)
	}
	// --all takes the 3 backup copy jobs too: they have a window.
	if n, copies := len(puts(srv)), len(srv.RequestsFor(http.MethodPut, "/CopyJobs/")); n != 8 || copies != 3 {
		t.Errorf("%d PUTs of jobs and %d of copy jobs, want 8 and 3 (one per job)", n, copies)
	}
	if !strings.Contains(r.out, "failed     OneDrive – Finance: saving job \"OneDrive – Finance\": PUT") ||
		!strings.Contains(r.out, "10 changed, 0 unchanged, 1 failed, 0 invalid") {
		t.Errorf("output:\n%s", r.out)
	}
	for _, j := range srv.Jobs() {
		spec := windowOf(t, j)
		if want := "everyday 20:00-06:00"; j["id"] != bad && spec != want {
			t.Errorf("%s: window %q, want %q", j["name"], spec, want)
		}
		if want := "everyday 00:00-06:00"; j["id"] == bad && spec != want {
			t.Errorf("the failed job changed anyway: %q", spec)
		}
	}
}

func TestSetDryRunSendsNothing(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v2"))
	r := vbosched(t, srv, "", "set", "Exchange nightly", "--every", "Hours2", "--type", "Periodically", "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if n := len(puts(srv)); n != 0 {
		t.Errorf("--dry-run sent %d PUTs", n)
	}
	sp := policyOf(t, []byte(r.out)) // stdout is the body alone
	if sp["type"] != "Periodically" || sp["periodicallyEvery"] != "Hours2" {
		t.Errorf("v2 body: %v", sp)
	}
	if !strings.Contains(r.err, "schedulePolicy.type: Daily → Periodically") {
		t.Errorf("the plan is not on stderr: %s", r.err)
	}
}

func TestSetV2AlwaysSendsType(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v2"))
	r := vbosched(t, srv, "", "set", "Teams weekends", "--daily-type", "Sunday", "--yes")
	if r.code != 0 {
		t.Fatalf("exit %d: %s %s", r.code, r.out, r.err)
	}
	sp := policyOf(t, puts(srv)[0].Body)
	if sp["type"] != "Daily" || sp["dailyType"] != "Sunday" {
		t.Errorf("v2 PUT policy: %v", sp)
	}
	if puts(srv)[0].Query.Get("skipItemUpdate") != "" {
		t.Error("v2 PUT carries skipItemUpdate")
	}
}

func TestSetAllowDenyLayering(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "set", "Teams weekends", "--window", "never", "--allow", "Sat-Sun", "--deny", "Sun 12-14", "--allow", "Sun 13-14", "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if !strings.Contains(r.err, "always → Sun 00:00-12:00, Sun 13:00-00:00, Sat") {
		t.Errorf("layered window:\n%s", r.err)
	}
}

func TestSetValidationErrors(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"set", "Exchange nightly", "--daily-time", "25:00"}, errText(model.ParseDailyTime("25:00"))},
		{[]string{"set", "Exchange nightly", "--type", "Weekly"}, `type "Weekly" is not one of Daily, Periodically, ManualOnly`},
		{[]string{"set", "Exchange nightly", "--daily-type", "Funday"}, `is not one of Everyday, Workdays`},
		{[]string{"set", "Exchange nightly", "--every", "Hours3"}, `is not one of Minutes5`},
		{[]string{"set", "Exchange nightly", "--retry-number", "778"}, model.ValidateRetryNumber(778).Error()},
		{[]string{"set", "Exchange nightly", "--retry-number", "three"}, errText(model.ParseWholeNumber(model.FieldRetryNumber, "three"))},
		{[]string{"set", "Exchange nightly", "--retry-wait", "0"}, model.ValidateRetryWait(0).Error()},
		{[]string{"set", "Exchange nightly", "--offset-minutes", "60"}, model.ValidateOffsetMinutes(60).Error()},
		{[]string{"set", "Public folders", "--offset-minutes", "10", "--yes"}, model.ValidateOffsetInterval(10, model.Minutes30).Error()},
		{[]string{"set", "Exchange nightly", "--window", "Mon-Fry"}, `unknown day "Fry"`},
		{[]string{"set", "Exchange nightly", "--retry=maybe"}, `"maybe" is not true or false`},
		{[]string{"set", "Exchange nightly", "--name", ""}, model.ValidateName("").Error()},
		{[]string{"set", "Exchange nightly", "--name", "   "}, model.ValidateName("   ").Error()},
		{[]string{"set", "Exchange nightly", "--name", "\x1b[2J"}, model.ValidateName("\x1b[2J").Error()},
		{[]string{"set", "Exchange nightly", "--description", "a\x07"}, model.ValidateDescription("a\x07").Error()},
		{[]string{"set", "Exchange nightly"}, `nothing to change`},
		{[]string{"set", "--daily-time", "23:00"}, `name at least one job`},
		{[]string{"set", "No such job", "--daily-time", "23:00"}, `no job has the id or name "No such job"`},
		{[]string{"set", "--match", "(", "--daily-time", "23:00"}, `--match: error parsing regexp`},
		{[]string{"set", "Exchange nightly", "--window", "never", "--window-enabled", "--yes"}, `allows no hour`},
		{[]string{"set", "Exchange nightly", "--daily-time", "23:00"}, `not a terminal`},
		{[]string{"show"}, `accepts 1 arg`},
		{[]string{"apply", "Exchange nightly"}, `apply needs -f FILE`},
		{[]string{"jobs", "--api-version", "v9", "--demo"}, `not one of v2 … v8`},
	}
	for _, tt := range tests {
		r := vbosched(t, srv, "", tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.err+r.out, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and %q", tt.args, r.code, r.err, tt.want)
		}
	}
	if n := len(puts(srv)); n != 0 {
		t.Errorf("validation errors sent %d PUTs", n)
	}
}

// errText is the message of a parser's error, for tables of expected output.
func errText[T any](_ T, err error) string { return err.Error() }

func TestSetKeepsStoredOffsetOnMinuteInterval(t *testing.T) {
	srv := newServer(t)
	id := srv.JobID("Public folders") // every Minutes30
	srv.ChangeJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["periodicallyOffsetMinutes"] = 10 })
	r := vbosched(t, srv, "", "set", "Public folders", "--retry-number", "4", "--yes")
	if r.code != 0 {
		t.Fatalf("a stored offset blocked the save: exit %d\n%s%s", r.code, r.out, r.err)
	}
	if !strings.Contains(r.out, "warning: schedulePolicy.periodicallyOffsetMinutes 10 is kept as the server has it") {
		t.Errorf("no warning about the stored offset:\n%s", r.out)
	}
	p := puts(srv)
	if len(p) != 1 {
		t.Fatalf("%d PUTs, want 1", len(p))
	}
	if sp := policyOf(t, p[0].Body); sp["periodicallyOffsetMinutes"] != 10.0 || sp["retryNumber"] != 4.0 {
		t.Errorf("sent policy: %v", sp)
	}
}

func TestAmbiguousName(t *testing.T) {
	srv := newServer(t)
	srv.ChangeJob(srv.JobID("Teams weekends"), func(j map[string]any) { j["name"] = "Exchange nightly" })
	r := vbosched(t, srv, "", "show", "exchange NIGHTLY")
	if r.code != ExitUsage || !strings.Contains(r.err, `2 jobs are named "exchange NIGHTLY"`) || !strings.Contains(r.err, srv.JobID("Exchange nightly")) {
		t.Errorf("exit %d: %s", r.code, r.err)
	}
}

func TestShow(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "show", srv.JobID("Archiv Geschäftsführung"))
	for _, want := range []string{"every 4 hours at :15", "Periodic window on: Mon-Fri 08:00-18:00", "50 of 168 h allowed", "for runs every 1 hour or more", "  Mon  ················████████████████████··"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("show lacks %q:\n%s", want, r.out)
		}
	}
	r = vbosched(t, srv, "", "show", "Exchange nightly", "--json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil || doc["schedulePolicy"].(map[string]any)["backupWindow"] != "Mon-Fri 20:00-06:00, Sat-Sun" {
		t.Errorf("show --json: %v %s", err, r.out)
	}
}

func TestExportApplyRoundTrip(t *testing.T) {
	srv := newServer(t, fakevbo.WithVersion("v7"))
	r := vbosched(t, srv, "", "export", "Exchange nightly")
	if r.code != 0 {
		t.Fatalf("export: %d %s", r.code, r.err)
	}
	r = vbosched(t, srv, r.out, "apply", "-f", "-", "Teams weekends", "Legal hold", "--yes")
	if r.code != 0 {
		t.Fatalf("apply: %d %s %s", r.code, r.out, r.err)
	}
	src := srv.Job(srv.JobID("Exchange nightly"))["schedulePolicy"].(map[string]any)
	for _, name := range []string{"Teams weekends", "Legal hold"} {
		dst := srv.Job(srv.JobID(name))["schedulePolicy"].(map[string]any)
		for _, k := range []string{"type", "dailyType", "dailyTime", "backupWindowEnabled", "retryNumber", "retryWaitInterval"} {
			if a, b := toJSON(src[k]), toJSON(dst[k]); a != b {
				t.Errorf("%s: %s = %s, want %s as exported", name, k, b, a)
			}
		}
		if a, b := toJSON(src["backupWindowSettings"]), toJSON(dst["backupWindowSettings"]); a != b {
			t.Errorf("%s: window differs after apply", name)
		}
	}
	if srv.Job(srv.JobID("Legal hold"))["schedulePolicy"].(map[string]any)["adaptiveThrottling"] == nil {
		t.Error("apply lost an unknown schedule field")
	}
	r = vbosched(t, srv, `{"retryNumber": 0}`, "apply", "-f", "-", "Legal hold", "--yes")
	if r.code != ExitUsage {
		t.Errorf("apply of an invalid file: exit %d", r.code)
	}
	r = vbosched(t, srv, `{"retryNumbr": 3}`, "apply", "-f", "-", "Legal hold", "--yes")
	if r.code != ExitUsage || !strings.Contains(r.err, `unknown field "retryNumbr"`) {
		t.Errorf("apply of a misspelt file: exit %d %s", r.code, r.err)
	}
}

func windowOf(t *testing.T, job map[string]any) string {
	t.Helper()
	var ws struct{ BackupWindow []bool }
	if err := json.Unmarshal([]byte(toJSON(job["schedulePolicy"].(map[string]any)["backupWindowSettings"])), &ws); err != nil {
		t.Fatal(err)
	}
	w, err := model.WindowFromBools(ws.BackupWindow)
	if err != nil {
		t.Fatal(err)
	}
	return w.String()
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestSetRefusesOverConcurrentChange(t *testing.T) {
	srv := newServer(t)
	id := srv.JobID("Exchange nightly")
	// Another operator changes the job after vbosched listed it, just before
	// vbosched reads it again to save.
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/Jobs/" + id, Hook: func() {
		srv.ChangeJob(id, func(j map[string]any) { j["schedulePolicy"].(map[string]any)["retryNumber"] = 9 })
	}})
	r := vbosched(t, srv, "", "set", "Exchange nightly", "--retry-number", "4", "--yes")
	if r.code != ExitFailed || !strings.Contains(r.out, "was changed on the server since it was read (schedulePolicy.retryNumber, eTag); nothing was sent") {
		t.Errorf("exit %d:\n%s", r.code, r.out)
	}
	if n := len(puts(srv)); n != 0 {
		t.Errorf("%d PUTs over a concurrent change", n)
	}
	if got := srv.Job(id)["schedulePolicy"].(map[string]any)["retryNumber"]; got != 9 {
		t.Errorf("the other operator's change was overwritten: retryNumber %v", got)
	}
}

func TestUntrustedCertificateHint(t *testing.T) {
	srv := newServer(t)
	var out, errOut bytes.Buffer
	env := map[string]string{"VBO_SERVER": srv.URL, "VBO_USERNAME": srv.Username, "VBO_PASSWORD": srv.Password, "HOME": t.TempDir()}
	code := Run(context.Background(), []string{"jobs"}, Env{In: strings.NewReader(""), Out: &out, Err: &errOut,
		Getenv: func(k string) string { return env[k] }}, "test")
	if code != ExitFailed || !strings.Contains(errOut.String(), "pass --ca-file with the server's certificate") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut.String())
	}
}

func TestProfilesAndPasswordSources(t *testing.T) {
	srv := newServer(t)
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	pw := filepath.Join(dir, "pw")
	cfg := filepath.Join(dir, "config.json")
	_ = os.WriteFile(ca, srv.CertificatePEM(), 0o600)
	_ = os.WriteFile(pw, []byte(srv.Password+"\n"), 0o600)
	profile, _ := json.Marshal(Config{DefaultProfile: "lab", Profiles: map[string]Profile{
		"lab":   {Server: srv.URL, Username: srv.Username, CAFile: ca, PasswordFile: pw},
		"wrong": {Server: srv.URL, Username: "nobody", CAFile: ca},
	}})
	_ = os.WriteFile(cfg, profile, 0o600)
	runWith := func(env map[string]string, stdin string, args ...string) run {
		env["VBOSCHED_CONFIG"] = cfg
		var out, errOut bytes.Buffer
		code := Run(context.Background(), args, Env{In: strings.NewReader(stdin), Out: &out, Err: &errOut,
			Getenv: func(k string) string { return env[k] }}, "test")
		return run{code, out.String(), errOut.String()}
	}
	if r := runWith(map[string]string{}, "", "jobs"); r.code != 0 || !strings.Contains(r.out, "Exchange nightly") {
		t.Errorf("default profile with a password file: %d %s", r.code, r.err)
	}
	if r := runWith(map[string]string{}, srv.Password+"\n", "jobs", "--profile", "wrong", "--username", srv.Username, "--password-stdin"); r.code != 0 {
		t.Errorf("a flag beats the profile, password from stdin: %d %s", r.code, r.err)
	}
	if r := runWith(map[string]string{"VBO_USERNAME": "nobody"}, "", "jobs"); r.code != ExitFailed || !strings.Contains(r.err, "user name or password is incorrect") {
		t.Errorf("environment beats the profile: %d %s", r.code, r.err)
	}
	if r := runWith(map[string]string{}, "", "jobs", "--profile", "nope"); r.code != ExitUsage || !strings.Contains(r.err, `no profile "nope"`) {
		t.Errorf("unknown profile: %d %s", r.code, r.err)
	}
	if r := runWith(map[string]string{}, "", "jobs", "--profile", "wrong"); r.code != ExitUsage || !strings.Contains(r.err, "no password: set VBO_PASSWORD") {
		t.Errorf("no password without a terminal: %d %s", r.code, r.err)
	}
}

func TestCompletesJobNames(t *testing.T) {
	srv := newServer(t)
	r := vbosched(t, srv, "", "__complete", "show", "")
	if r.code != 0 || !strings.Contains(r.out, "Archiv Geschäftsführung\n") || !strings.Contains(r.out, ":4") {
		t.Errorf("completion: %d %q %s", r.code, r.out, r.err)
	}
}

// Access tokens that expire in the middle of a bulk save (a lifetime of
// 60 ms against a run of several hundred, saves in flight as each expires)
// are refreshed, and every job saves.
func TestSetBulk_TokensExpiringMidRunAreRefreshed(t *testing.T) {
	srv := newServer(t, fakevbo.WithJobs(60), fakevbo.WithLatency(10*time.Millisecond), fakevbo.WithTokenLifetime(60*time.Millisecond))
	r := vbosched(t, srv, "", "set", "--all", "--kind", "backup", "--retry-number", "5", "--yes")
	if r.code != ExitOK || !strings.Contains(r.out, " 0 failed") {
		t.Fatalf("exit %d, want 0 with no job failed\n%s%s", r.code, r.out, r.err)
	}
	if grants := len(srv.RequestsFor(http.MethodPost, "/token")); grants < 3 {
		t.Errorf("%d token requests: the run did not outlive its tokens, so it tested nothing", grants)
	}
	for _, j := range srv.Jobs() {
		if p, _ := j["schedulePolicy"].(map[string]any); fmt.Sprint(p["retryNumber"]) != "5" {
			t.Errorf("%s: retryNumber %v, want 5", j["name"], p["retryNumber"])
		}
	}
}
