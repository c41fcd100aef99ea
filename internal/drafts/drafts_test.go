package drafts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vbosched/vbosched/model"
)

// A v8 job as the server sends it, cut to what a draft needs.
const jobJSON = `{"id":"6b2f1a4e-3c7d-4e8f-9a0b-1c2d3e4f5a6b","name":"Exchange nightly","isEnabled":true,
 "eTag":"1234","repositoryId":"a740fb93-4de8-4de4-977e-765dd092748f",
 "schedulePolicy":{"scheduleEnabled":true,"type":"Daily","dailyType":"Workdays","dailyTime":"22:00:00",
  "backupWindowEnabled":false,"retryEnabled":true,"retryNumber":3,"retryWaitInterval":10,"futureField":{"x":1}}}`

const server = "https://vbo.example:4443"

func testJob(t *testing.T, id, name string) *model.Job {
	t.Helper()
	doc := strings.Replace(jobJSON, "6b2f1a4e-3c7d-4e8f-9a0b-1c2d3e4f5a6b", id, 1)
	doc = strings.Replace(doc, "Exchange nightly", name, 1)
	j, err := model.DecodeJob([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// testStore has a clock that moves one minute per save.
func testStore(t *testing.T) *Store {
	s := Open(filepath.Join(t.TempDir(), "vbosched", "drafts"))
	clock := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	return s
}

func edited(j *model.Job) model.Settings {
	e := j.Settings()
	e.Policy.DailyTime = 23 * 3600
	e.Policy.BackupWindow.Hours.SetDay(time.Saturday, true)
	return e
}

func TestSaveLoad_RestoresTheEditAndTheBase(t *testing.T) {
	s := testStore(t)
	job := testJob(t, "j1", "Exchange nightly")
	if err := s.Save(New("VBO", server, job, edited(job))); err != nil {
		t.Fatal(err)
	}
	d, err := s.Load(server+"/", "j1") // a trailing slash is the same server
	if err != nil {
		t.Fatal(err)
	}
	if d.Edit != edited(job) || d.Server != "VBO" || d.JobName != "Exchange nightly" {
		t.Errorf("draft = %+v", d)
	}
	if !d.Saved.Equal(time.Date(2026, 11, 28, 12, 1, 0, 0, time.UTC)) {
		t.Errorf("saved at %v", d.Saved)
	}
	base, err := d.BaseJob()
	if err != nil {
		t.Fatal(err)
	}
	// The base must be the document as read, unknown fields included, so a
	// later PutBody from it equals one from the original job.
	want, _ := job.PutBody(edited(job), 8)
	got, err := base.PutBody(d.Edit, 8)
	if err != nil || string(got) != string(want) {
		t.Errorf("PUT from the restored draft differs:\n got %s\nwant %s (%v)", got, want, err)
	}
}

func TestSave_PrivatePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	s := testStore(t)
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil { // made earlier, too open
		t.Fatal(err)
	}
	job := testJob(t, "j1", "A")
	if err := s.Save(New("VBO", server, job, job.Settings())); err != nil {
		t.Fatal(err)
	}
	dir, _ := os.Stat(s.Dir())
	file, _ := os.Stat(filepath.Join(s.Dir(), fileName(server, "j1")))
	if dir.Mode().Perm() != 0o700 || file.Mode().Perm() != 0o600 {
		t.Errorf("modes: dir %v, file %v; want 0700 and 0600", dir.Mode().Perm(), file.Mode().Perm())
	}
}

func TestSave_ReplacesAtomically(t *testing.T) {
	s := testStore(t)
	job := testJob(t, "j1", "A")
	if err := s.Save(New("VBO", server, job, job.Settings())); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(s.Dir(), fileName(server, "j1"))
	before, _ := os.Stat(path)
	if err := s.Save(New("VBO", server, job, edited(job))); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if os.SameFile(before, after) {
		t.Error("the draft was rewritten in place, not replaced by a renamed new file")
	}
	entries, _ := os.ReadDir(s.Dir())
	if len(entries) != 1 {
		t.Errorf("directory holds %d files, want only the draft (no temporary left)", len(entries))
	}
	d, err := s.Load(server, "j1")
	if err != nil || d.Edit != edited(job) {
		t.Errorf("Load after replace = %+v, %v", d.Edit, err)
	}
}

func TestFileName_SafeForAnyServerAndJob(t *testing.T) {
	for _, tt := range []struct{ url, id string }{
		{server, "../../etc/passwd"},
		{"https://h/../x", "a/b\\c:d*?\"<>|\x00"},
		{"", ""},
	} {
		name := fileName(tt.url, tt.id)
		if filepath.Base(name) != name || len(name) != 37 || strings.ContainsAny(name, `/\:*?"<>|`) {
			t.Errorf("fileName(%q, %q) = %q", tt.url, tt.id, name)
		}
	}
	if fileName("https://a", "b") == fileName("https://a/b", "") {
		t.Error("server and job id run together in the key")
	}
}

func TestLoad_Errors(t *testing.T) {
	s := testStore(t)
	job := testJob(t, "j1", "A")
	if err := s.Save(New("VBO", server, job, job.Settings())); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(s.Dir(), fileName(server, "j1"))
	tests := []struct {
		name, content string
		want          []string
	}{
		{"corrupt file names the file", `{"version":1,"serverUrl":`, []string{path, "not a readable draft"}},
		{"torn edit", `{"version":1,"edit":{"name":1}}`, []string{path}},
		{"another format", `{"version":99}`, []string{path, "format 99"}},
		{"another job's draft", `{"version":1,"serverUrl":"https://other","jobId":"j9"}`, []string{path, "j9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := s.Load(server, "j1")
			for _, w := range tt.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error = %v, want it to contain %q", err, w)
				}
			}
		})
	}
	_, err := s.Load(server, "nope")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing draft: %v, want fs.ErrNotExist naming the job", err)
	}
}

func TestSave_RefusesWhatCannotBeRestored(t *testing.T) {
	s := testStore(t)
	job := testJob(t, "j1", "A")
	for name, d := range map[string]Draft{
		"no server":   New("VBO", "", job, job.Settings()),
		"no base":     {ServerURL: server, JobID: "j1"},
		"bad edit":    New("VBO", server, job, model.Settings{Policy: model.SchedulePolicy{DailyTime: -1}}),
		"broken base": {ServerURL: server, JobID: "j1", Base: []byte(`{"id":"j1","schedulePolicy":{"retryNumber":"three"}}`)},
	} {
		if err := s.Save(d); err == nil {
			t.Errorf("%s: saved", name)
		}
	}
	if entries, _ := os.ReadDir(s.Dir()); len(entries) != 0 {
		t.Errorf("failed saves left %d files", len(entries))
	}
}

func TestList_NewestFirstAndReportsBadFiles(t *testing.T) {
	s := testStore(t)
	if d, err := s.List(); err != nil || len(d) != 0 {
		t.Fatalf("List of a store never written = %v, %v", d, err)
	}
	for _, j := range []*model.Job{testJob(t, "j1", "First"), testJob(t, "j2", "Second"), testJob(t, "j3", "Third")} {
		if err := s.Save(New("VBO", server, j, j.Settings())); err != nil {
			t.Fatal(err)
		}
	}
	first := testJob(t, "j1", "First")
	if err := s.Save(New("VBO", server, first, edited(first))); err != nil { // saved again: newest
		t.Fatal(err)
	}
	bad := filepath.Join(s.Dir(), "0123456789abcdef0123456789abcdef.json")
	if err := os.WriteFile(bad, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir(), ".draft-1.tmp"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	list, err := s.List()
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("List error = %v, want one naming %s", err, bad)
	}
	var names []string
	for _, d := range list {
		names = append(names, d.JobName)
	}
	if strings.Join(names, ",") != "First,Third,Second" {
		t.Errorf("List order = %v, want newest first", names)
	}
}

func TestDeleteAndClear(t *testing.T) {
	s := testStore(t)
	for _, j := range []*model.Job{testJob(t, "j1", "A"), testJob(t, "j2", "B")} {
		if err := s.Save(New("VBO", server, j, j.Settings())); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(server, "j1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(server, "j1"); err != nil {
		t.Errorf("deleting a missing draft: %v", err)
	}
	if _, err := s.Load(server, "j1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("deleted draft still loads: %v", err)
	}
	os.WriteFile(filepath.Join(s.Dir(), ".draft-9.tmp"), nil, 0o600)
	os.WriteFile(filepath.Join(s.Dir(), "notes.txt"), nil, 0o600) // not ours: kept
	n, inUse, err := s.Clear(false)
	if err != nil || n != 1 || len(inUse) != 0 {
		t.Errorf("Clear = %d, %v; want 1 draft removed", n, err)
	}
	entries, _ := os.ReadDir(s.Dir())
	if len(entries) != 1 || entries[0].Name() != "notes.txt" {
		t.Errorf("after Clear the directory holds %v", entries)
	}
}

func TestDefaultDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("HOME is not where Windows keeps the home directory")
	}
	home, state := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", state)
	if d, _ := DefaultDir(); d != filepath.Join(state, "vbosched", "drafts") {
		t.Errorf("with XDG_STATE_HOME: %s", d)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	if d, _ := DefaultDir(); d != filepath.Join(home, ".local", "state", "vbosched", "drafts") {
		t.Errorf("with a relative XDG_STATE_HOME: %s", d)
	}
}

func TestLoad_UnderAFileIsNoDraft(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := Open(filepath.Join(file, "vbosched", "drafts"))
	if _, err := s.Load(server, "j1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load under a file: %v, want no draft", err)
	}
	j := testJob(t, "j1", "A")
	if err := s.Save(New("VBO", server, j, j.Settings())); err == nil {
		t.Error("Save under a file succeeded")
	}
}

// A draft written before vbosched edited the job's on/off switch has no
// isEnabled in its edit: restored, it keeps the switch of the job it was
// made to, enabled or not, rather than turning the job off.
func TestLoad_OldDraftWithoutIsEnabledKeepsTheJobsSwitch(t *testing.T) {
	for _, enabled := range []bool{true, false} {
		s := testStore(t)
		doc := jobJSON
		if !enabled {
			doc = strings.Replace(doc, `"isEnabled":true`, `"isEnabled":false`, 1)
		}
		job, err := model.DecodeJob([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Save(New("VBO", server, job, edited(job))); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(s.Dir(), fileName(server, job.ID))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		head, edit, _ := strings.Cut(string(data), `"edit":`)
		old := head + `"edit":` + strings.Replace(edit, fmt.Sprintf(`"isEnabled": %v,`, enabled), "", 1)
		if old == string(data) {
			t.Fatalf("the draft's edit has no isEnabled to take out:\n%s", data)
		}
		if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
			t.Fatal(err)
		}
		d, err := s.Load(server, job.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Edit != edited(job) {
			t.Errorf("job enabled %v: the old draft restored as %+v, want %+v", enabled, d.Edit, edited(job))
		}
	}
}

// A name with a bidi override and a C1 control is written as \uXXXX, so
// `cat` of a draft cannot drive the terminal, and it reads back the same.
func TestSave_EscapesTerminalControlsInServerText(t *testing.T) {
	s := testStore(t)
	name := "Exchange \u202enightly\u009b31m"
	job := testJob(t, "j1", name)
	if err := s.Save(New("VBO", server, job, job.Settings())); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(s.Dir(), "*.json"))
	if len(files) != 1 {
		t.Fatalf("draft files: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(data), "\u202e\u009b") || !strings.Contains(string(data), `\u202e`) {
		t.Errorf("the draft file keeps raw controls:\n%q", data)
	}
	d, err := s.Load(server, "j1")
	if err != nil || d.JobName != name || d.Edit.Name != name {
		t.Errorf("read back: %v, name %q, edit name %q", err, d.JobName, d.Edit.Name)
	}
}
