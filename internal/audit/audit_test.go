package audit

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vbosched/vbosched/model"
)

// A v8 job as the server sends it, pretty-printed as a server may: the
// policy must still land on one line.
const jobJSON = `{
 "id": "6b2f1a4e", "name": "Exchange nightly", "eTag": 1234,
 "schedulePolicy": {
  "type": "Daily", "dailyType": "Workdays", "dailyTime": "22:00:00",
  "backupWindowEnabled": false, "retryEnabled": true, "retryNumber": 3, "retryWaitInterval": 10,
  "futureField": {"kept": true}
 }
}`

func testJob(t *testing.T) *model.Job {
	t.Helper()
	j, err := model.DecodeJob([]byte(jobJSON))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func testLog(t *testing.T) *Log {
	l := Open(filepath.Join(t.TempDir(), "state", "vbosched", "audit.jsonl"))
	clock := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	l.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	return l
}

func savedEntry(t *testing.T, server string) Entry {
	job := testJob(t)
	edit := job.Settings()
	edit.Policy.DailyTime = 23 * 3600
	edit.Policy.BackupWindow.Hours.SetDay(time.Saturday, true)
	e := NewEntry(server, `CORP\ops`, job, edit)
	e.Outcome, e.ETagAfter = Saved, "1235"
	return e
}

func TestAppend_WritesOneCompleteLine(t *testing.T) {
	l := testLog(t)
	id, err := l.Append(savedEntry(t, "vbo.example"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(data, []byte("\n")) != 1 || !bytes.HasSuffix(data, []byte("\n")) {
		t.Fatalf("file is not one line:\n%s", data)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"time": "2026-11-28T12:01:00Z", "server": "vbo.example", "apiUser": `CORP\ops`,
		"jobId": "6b2f1a4e", "jobName": "Exchange nightly", "eTagBefore": "1234", "eTagAfter": "1235", "outcome": "saved"}
	for k, v := range want {
		if doc[k] != v {
			t.Errorf("%s = %v, want %v", k, doc[k], v)
		}
	}
	policy := doc["schedulePolicyBefore"].(map[string]any)
	if policy["dailyTime"] != "22:00:00" || policy["futureField"] == nil {
		t.Errorf("schedulePolicyBefore is not the complete policy as read: %v", policy)
	}
	changes := doc["changes"].([]any)
	if len(changes) != 2 || changes[1].(map[string]any)["added"] != "Sat" {
		t.Errorf("changes = %v", changes)
	}
	recs, warns, err := l.Read()
	if err != nil || len(warns) != 0 || len(recs) != 1 || recs[0].ID != id || recs[0].Line != 1 {
		t.Errorf("Read = %+v, %v, %v; want the entry with id %s", recs, warns, err, id)
	}
	if !recs[0].Time.Equal(time.Date(2026, 11, 28, 12, 1, 0, 0, time.UTC)) || recs[0].Changes[0].Field != model.FieldDailyTime {
		t.Errorf("entry read back = %+v", recs[0].Entry)
	}
}

func TestAppend_PrivateFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	l := testLog(t)
	if _, err := l.Append(savedEntry(t, "a")); err != nil {
		t.Fatal(err)
	}
	file, _ := os.Stat(l.Path())
	dir, _ := os.Stat(filepath.Dir(l.Path()))
	if file.Mode().Perm() != 0o600 || dir.Mode().Perm() != 0o700 {
		t.Errorf("modes: file %v, dir %v; want 0600 and 0700", file.Mode().Perm(), dir.Mode().Perm())
	}
}

// Writers with their own file handles, as separate processes have, append
// without losing or mixing lines.
func TestAppend_ConcurrentWritersKeepEveryLine(t *testing.T) {
	path := testLog(t).Path()
	const writers, each = 8, 25
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			l := Open(path)
			for i := range each {
				e := savedEntry(t, fmt.Sprintf("server-%d-%d", w, i))
				if _, err := l.Append(e); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	recs, warns, err := Open(path).Read()
	if err != nil || len(warns) != 0 || len(recs) != writers*each {
		t.Fatalf("read %d entries, warnings %v, %v; want %d", len(recs), warns, err, writers*each)
	}
	seen := map[string]bool{}
	for _, r := range recs {
		seen[r.Server] = true
	}
	if len(seen) != writers*each {
		t.Errorf("%d distinct entries, want %d", len(seen), writers*each)
	}
}

func TestRead_TornAndBadLinesAreWarnings(t *testing.T) {
	l := testLog(t)
	for _, s := range []string{"a", "b"} {
		if _, err := l.Append(savedEntry(t, s)); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(l.Path(), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"time":"2026-11-28T13:00:00Z","server":"torn","chan`) // a crash mid-write
	f.Close()

	recs, warns, err := l.Read()
	if err != nil || len(recs) != 2 {
		t.Fatalf("Read = %d entries, %v", len(recs), err)
	}
	if len(warns) != 1 || warns[0].Line != 3 || !strings.Contains(warns[0].Reason, "torn") {
		t.Errorf("warnings = %v, want the torn line 3", warns)
	}

	// The next entry must not be glued to the torn line.
	id, err := l.Append(savedEntry(t, "c"))
	if err != nil {
		t.Fatal(err)
	}
	recs, warns, err = l.Read()
	if err != nil || len(recs) != 3 || recs[2].Server != "c" || recs[2].ID != id || len(warns) != 1 {
		t.Errorf("after appending: %d entries (last %+v), warnings %v, %v", len(recs), recs[len(recs)-1].Server, warns, err)
	}
}

func TestRead_MissingFileIsEmpty(t *testing.T) {
	recs, warns, err := testLog(t).Read()
	if recs != nil || warns != nil || err != nil {
		t.Errorf("Read of no file = %v, %v, %v", recs, warns, err)
	}
}

func TestRead_IDsStayAsTheLogGrows(t *testing.T) {
	l := testLog(t)
	first, _ := l.Append(savedEntry(t, "a"))
	l.Append(savedEntry(t, "b"))
	recs, _, _ := l.Read()
	if recs[0].ID != first || recs[0].ID == recs[1].ID || len(first) != IDLength {
		t.Errorf("ids = %s, %s; first appended as %s", recs[0].ID, recs[1].ID, first)
	}
}

func TestFilter_ByJobIDOrName(t *testing.T) {
	recs := []Record{
		{ID: "1", Entry: Entry{JobID: "j1", JobName: "Exchange"}},
		{ID: "2", Entry: Entry{JobID: "j2", JobName: "SharePoint"}},
		{ID: "3", Entry: Entry{JobID: "j1", JobName: "Exchange nightly"}}, // renamed since
	}
	for _, tt := range []struct{ query, want string }{
		{"j1", "1,3"}, {"exchange", "1"}, {"SharePoint", "2"}, {"nothing", ""},
	} {
		var ids []string
		for _, r := range Filter(recs, tt.query) {
			ids = append(ids, r.ID)
		}
		if got := strings.Join(ids, ","); got != tt.want {
			t.Errorf("Filter(%q) = %s, want %s", tt.query, got, tt.want)
		}
	}
}

func TestFind_ByIDOrPrefix(t *testing.T) {
	recs := []Record{{ID: "3fa2b1c9"}, {ID: "3fa27777"}, {ID: "00aa11bb"}}
	tests := []struct {
		id, want, err string
	}{
		{"3fa2b1c9", "3fa2b1c9", ""},
		{"3FA2B", "3fa2b1c9", ""},
		{"00aa", "00aa11bb", ""},
		{"3fa2", "", "ambiguous (3fa2b1c9, 3fa27777)"},
		{"ffff", "", "no entry with id ffff"},
		{"3f", "", "4 to 8 hex digits"},
		{"3fa2b1c9a", "", "4 to 8 hex digits"},
	}
	for _, tt := range tests {
		r, err := Find(recs, tt.id)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Find(%q) error = %v, want %q", tt.id, err, tt.err)
			}
			continue
		}
		if err != nil || r.ID != tt.want {
			t.Errorf("Find(%q) = %s, %v; want %s", tt.id, r.ID, err, tt.want)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("HOME is not where Windows keeps the home directory")
	}
	home, state := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", state)
	if p, _ := DefaultPath(); p != filepath.Join(state, "vbosched", "audit.jsonl") {
		t.Errorf("with XDG_STATE_HOME: %s", p)
	}
	t.Setenv("XDG_STATE_HOME", "")
	if p, _ := DefaultPath(); p != filepath.Join(home, ".local", "state", "vbosched", "audit.jsonl") {
		t.Errorf("without XDG_STATE_HOME: %s", p)
	}
}

// A save's intent and outcome lines read as one record with the intent's
// id; an intent alone reads as unknown; an outcome whose intent is gone
// stays visible.
func TestRead_PairsIntentAndOutcome(t *testing.T) {
	job := testJob(t)
	tests := []struct {
		name        string
		lines       func(intent Entry) []Entry
		wantOutcome []Outcome
	}{
		{"intent then outcome", func(in Entry) []Entry {
			return []Entry{in, OutcomeOf(in, Saved, "", "1235", job.CarriedDocument(model.NewestAPIVersion))}
		}, []Outcome{Saved}},
		{"intent alone (killed mid-save)", func(in Entry) []Entry { return []Entry{in} }, []Outcome{Unknown}},
		{"outcome without its intent", func(in Entry) []Entry {
			return []Entry{OutcomeOf(in, Failed, "502", "", nil)}
		}, []Outcome{Failed}},
		{"two saves interleaved", func(in Entry) []Entry {
			other := in
			other.SaveID = NewSaveID()
			return []Entry{in, other, OutcomeOf(other, Failed, "x", "", nil), OutcomeOf(in, Saved, "", "", nil)}
		}, []Outcome{Saved, Failed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLog(t)
			in := savedEntry(t, "vbo.example")
			in.JobBefore = job.CarriedDocument(model.NewestAPIVersion)
			in.SaveID, in.Outcome, in.ETagAfter = NewSaveID(), Sending, ""
			var firstID string
			for i, e := range tt.lines(in) {
				id, err := l.Append(e)
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					firstID = id
				}
			}
			recs, warns, err := l.Read()
			if err != nil || len(warns) != 0 || len(recs) != len(tt.wantOutcome) {
				t.Fatalf("Read = %d records, %v, %v", len(recs), warns, err)
			}
			for i, want := range tt.wantOutcome {
				if recs[i].Outcome != want {
					t.Errorf("record %d outcome %s, want %s", i, recs[i].Outcome, want)
				}
			}
			if recs[0].ID != firstID {
				t.Errorf("record id %s, want the first line's %s", recs[0].ID, firstID)
			}
			if tt.wantOutcome[0] == Unknown && recs[0].Detail != NoOutcome {
				t.Errorf("detail %q, want %q", recs[0].Detail, NoOutcome)
			}
		})
	}
}

// The complete policy before is stored once a line: JobBefore's copy is
// left out when it is the same, and Read gives JobBefore back whole.
func TestAppend_StoresThePolicyBeforeOnce(t *testing.T) {
	l := testLog(t)
	job := testJob(t)
	e := savedEntry(t, "vbo.example")
	e.JobBefore = job.CarriedDocument(model.NewestAPIVersion)
	if _, err := l.Append(e); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(raw), `"futureField"`); n != 1 {
		t.Errorf("the policy is in the line %d times, want once:\n%s", n, raw)
	}
	recs, _, err := l.Read()
	if err != nil || len(recs) != 1 {
		t.Fatalf("Read: %v", err)
	}
	if !jsonEqual(recs[0].JobBefore, e.JobBefore) {
		t.Errorf("JobBefore read back = %s, want %s", recs[0].JobBefore, e.JobBefore)
	}
}

// CheckWritable makes the file 0600 and reports an existing file's loose
// mode without changing it.
func TestCheckWritable(t *testing.T) {
	tests := []struct {
		name      string
		existing  os.FileMode // 0: no file yet
		wantLoose os.FileMode
	}{
		{"a new file", 0, 0},
		{"a private file", 0o600, 0},
		{"a file everyone reads", 0o644, 0o644},
		{"a group-writable file", 0o660, 0o660},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLog(t)
			if tt.existing != 0 {
				if err := os.MkdirAll(filepath.Dir(l.Path()), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(l.Path(), nil, tt.existing); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(l.Path(), tt.existing); err != nil {
					t.Fatal(err)
				}
			}
			loose, err := l.CheckWritable()
			if err != nil || loose != tt.wantLoose {
				t.Errorf("CheckWritable = %04o, %v; want %04o", loose, err, tt.wantLoose)
			}
			fi, err := os.Stat(l.Path())
			want := cmp.Or(tt.existing, 0o600)
			if err != nil || fi.Mode().Perm() != want {
				t.Errorf("file mode %v, %v; want %04o", fi.Mode(), err, want)
			}
		})
	}
	blocked := Open(filepath.Join(t.TempDir(), "f", "audit.jsonl"))
	if err := os.WriteFile(filepath.Dir(blocked.Path()), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := blocked.CheckWritable(); err == nil || !strings.Contains(err.Error(), blocked.Path()) {
		t.Errorf("CheckWritable under a file = %v, want an error naming %s", err, blocked.Path())
	}
}

// A log that opens for appending but cannot take an entry (a device such
// as /dev/full, a file of /proc) is not writable.
func TestCheckWritable_RefusesWhatOpensButCannotBeWritten(t *testing.T) {
	for _, path := range []string{"/dev/full", "/proc/version"} {
		if _, err := os.Stat(path); err != nil {
			continue // not on this system
		}
		t.Run(path, func(t *testing.T) {
			if _, err := Open(path).CheckWritable(); err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("CheckWritable(%s) = %v, want an error naming it", path, err)
			}
		})
	}
}

// An outcome line carries the job after as a merge patch of the job
// before (what changed, not a second copy), and Read gives the whole job
// after back; an after the patch could not express is kept whole.
func TestOutcomeOf_StoresTheJobAfterAsAPatch(t *testing.T) {
	before := json.RawMessage(`{"id":"6b2f1a4e","eTag":1234,"description":"d","schedulePolicy":{"retryNumber":3,"w":[true,false],"futureField":{"kept":true}}}`)
	tests := []struct {
		name      string
		after     string
		wantPatch bool
	}{
		{"one number changed", `{"id":"6b2f1a4e","eTag":1235,"description":"d","schedulePolicy":{"retryNumber":4,"w":[true,false],"futureField":{"kept":true}}}`, true},
		{"a field removed and an array changed", `{"id":"6b2f1a4e","eTag":1235,"schedulePolicy":{"retryNumber":3,"w":[false,false],"futureField":{"kept":true}}}`, true},
		{"a null the patch cannot say", `{"id":"6b2f1a4e","eTag":1235,"description":null,"schedulePolicy":{"retryNumber":3,"w":[true,false],"futureField":{"kept":true}}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLog(t)
			in := Entry{JobID: "6b2f1a4e", SaveID: NewSaveID(), Outcome: Sending, JobBefore: before}
			if _, err := l.Append(in); err != nil {
				t.Fatal(err)
			}
			out := OutcomeOf(in, Saved, "", "1235", json.RawMessage(tt.after))
			if got := len(out.JobAfterPatch) > 0 && len(out.JobAfter) == 0; got != tt.wantPatch {
				t.Errorf("stored as a patch: %v, want %v (%s)", got, tt.wantPatch, out.JobAfterPatch)
			}
			if tt.wantPatch && strings.Contains(string(out.JobAfterPatch), "futureField") {
				t.Errorf("the patch repeats what did not change: %s", out.JobAfterPatch)
			}
			if _, err := l.Append(out); err != nil {
				t.Fatal(err)
			}
			recs, _, err := l.Read()
			if err != nil || len(recs) != 1 || !jsonEqual(recs[0].JobAfter, json.RawMessage(tt.after)) {
				t.Fatalf("Read: %v; JobAfter = %s, want %s", err, recs[0].JobAfter, tt.after)
			}
		})
	}
}

// Parallel saves append from many goroutines at once. Each entry must be
// exactly one line: a writer that checks the file's tail while another's
// write is half done must not start its own entry with an empty line.
func TestAppend_ParallelWritersLeaveNoBlankLines(t *testing.T) {
	path := testLog(t).Path()
	tests := []struct {
		name    string
		nameLen int // long names make lines longer than a page
	}{
		{"short lines", 10},
		{"lines longer than a page", 3 * 4096},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(path)
			const writers, each = 32, 20
			var wg sync.WaitGroup
			for w := range writers {
				wg.Go(func() {
					l := Open(path)
					for i := range each {
						e := savedEntry(t, fmt.Sprintf("server-%d-%d", w, i))
						e.JobName = strings.Repeat("n", tt.nameLen)
						if _, err := l.Append(e); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			blank := 0
			for _, line := range lines {
				if line == "" {
					blank++
				}
			}
			if blank != 0 || len(lines) != writers*each {
				t.Errorf("%d lines, %d of them blank; want %d lines, none blank", len(lines), blank, writers*each)
			}
		})
	}
}
