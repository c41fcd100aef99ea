package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/model"
)

// newBackend serves the seeded demo jobs from a fake server on loopback.
func newBackend(t testing.TB, version string) (*jobstore.Store, *fakevbo.Server) {
	t.Helper()
	srv := fakevbo.NewServer(fakevbo.WithVersion(version))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, APIVersion: version, Username: srv.Username, Password: srv.Password})
	if err != nil {
		t.Fatal(err)
	}
	return jobstore.New(c, "DEMO"), srv
}

// run feeds a command's message back in, as the program would (one level:
// batches are run one command at a time, ticks are dropped).
func run(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m = run(t, m, c)
		}
	case jobsLoadedMsg, jobsPageMsg, jobOpenedMsg, jobSavedMsg, planNamesLoadedMsg, copyJobsLoadedMsg, jobRereadMsg:
		next, cmd := m.Update(msg)
		m = run(t, next.(Model), cmd)
	}
	return m
}

// loadedOverHTTP is loaded on the real client and store against the fake
// server, for the tests of what goes over the wire.
func loadedOverHTTP(t testing.TB, version string, w, h int) (Model, *fakevbo.Server) {
	t.Helper()
	b, srv := newBackend(t, version)
	return start(t, b, w, h), srv
}

// keyMsg makes the message Bubble Tea sends for a key, named as in help.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// press sends keys; a key written "x*3" is sent three times.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		n := 1
		if name, count, ok := strings.Cut(k, "*"); ok && len(name) > 0 {
			fmt.Sscan(count, &n)
			k = name
		}
		for range n {
			next, cmd := m.Update(keyMsg(k))
			m = run(t, next.(Model), cmd)
		}
	}
	return m
}

func view(m Model) string { return ansi.Strip(m.View().Content) }

func window(m Model) model.Window { return *m.editor.window() }

func TestEditor_CursorClampsAtEdges(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "up", "left")
	if c := m.editor.grid.Cursor; c != (model.Cell{}) {
		t.Errorf("cursor after up/left from Sun 00 = %v", c)
	}
	m = press(t, m, "j*10", "l*30")
	if c := m.editor.grid.Cursor; c != (model.Cell{Day: time.Saturday, Hour: 23}) {
		t.Errorf("cursor = %v, want Sat 23:00", c)
	}
}

func TestEditor_ToggleAndUndoRedo(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "j", "space")
	cell := model.Cell{Day: time.Monday, Hour: 0}
	if !window(m).At(cell) {
		t.Fatalf("space did not allow Mon 00:00")
	}
	m = press(t, m, "l", "space", "u")
	if window(m).At(model.Cell{Day: time.Monday, Hour: 1}) || !window(m).At(cell) {
		t.Errorf("undo did not undo only the last toggle")
	}
	m = press(t, m, "u")
	if m.editor.dirty() {
		t.Errorf("two undos leave changes: %v", m.editor.changes())
	}
	m = press(t, m, "ctrl+r", "ctrl+r")
	if !window(m).At(cell) || !window(m).At(model.Cell{Day: time.Monday, Hour: 1}) {
		t.Errorf("redo did not restore both toggles")
	}
}

func TestEditor_RectangleAcrossDays(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "p", "2") // never
	m = press(t, m, "j", "l*20", "v", "j*4", "l*3", "a")
	want, _ := model.ParseWindow("Mon-Fri 20:00-24:00")
	if got := window(m); got != want {
		t.Errorf("window = %q, want %q", got, want)
	}
	if m.editor.grid.Selecting() {
		t.Error("applying did not end the selection")
	}
	// esc clears a selection first, and only then goes back.
	m = press(t, m, "v", "esc")
	if m.screen != screenEditor || m.editor.grid.Selecting() {
		t.Errorf("esc with a selection: screen %v, selecting %v", m.screen, m.editor.grid.Selecting())
	}
}

func TestEditor_DayHourAllAndPresets(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"p", "2", "j*2", "D", "a"}, "Tue"},
		{[]string{"p", "2", "l*5", "H", "a"}, "everyday 05:00-06:00"},
		{[]string{"p", "1", "A", "d"}, "never"},
		{[]string{"p", "3"}, "everyday 20:00-06:00"},
		{[]string{"p", "4"}, "Sat-Sun"},
		{[]string{"p", "5"}, "Sun-Fri 18:00-08:00, Sat-Sun"},
		{[]string{"p", "4", "p", "6"}, "Mon-Fri"},
	}
	for _, tt := range tests {
		m, _ := loaded(t, "v8", 80, 24)
		m = press(t, m, append([]string{"enter"}, tt.keys...)...)
		if got := window(m).String(); got != tt.want {
			t.Errorf("%v: window %q, want %q", tt.keys, got, tt.want)
		}
	}
}

func TestEditor_InvalidFormBlocksSave(t *testing.T) {
	m, b := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "p", "2", "ctrl+s") // an enabled window with no hour
	if m.screen != screenEditor || !strings.Contains(m.editor.message, "allows no hour") {
		t.Errorf("save of an empty window: screen %v, message %q", m.screen, m.editor.message)
	}
	if !strings.Contains(view(m), "✗") {
		t.Errorf("the form does not mark the invalid field:\n%s", view(m))
	}
	// A typed value out of range stays in the input with the reason.
	m = press(t, m, "u", "tab", "down*6", "enter", "ctrl+u", "9", "9", "9", "enter")
	if want := fieldErrorWords(model.ValidateRetryNumber(999)); !m.editor.form.editing || !strings.Contains(view(m), want) {
		t.Errorf("retry 999 accepted:\n%s", view(m))
	}
	if n := len(b.saves()); n != 0 {
		t.Errorf("%d saves sent", n)
	}
}

func TestEditor_QuitGuard(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "space", "q")
	if m.screen != screenEditor || !m.editor.confirmQuit {
		t.Fatalf("q with unsaved changes did not ask")
	}
	m = press(t, m, "n")
	if m.screen != screenEditor || !m.editor.dirty() {
		t.Fatalf("answering n lost the edit")
	}
	m = press(t, m, "q", "y")
	if m.screen != screenList {
		t.Errorf("answering y did not go back to the list")
	}
}

func TestEditor_SaveSendsOnePut(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v8", 80, 24)
	m = press(t, m, "enter", "p", "3", "tab", "down*2", "enter", "ctrl+u", "2", "1", ":", "0", "0", "enter", "ctrl+s")
	if m.screen != screenReview {
		t.Fatalf("ctrl+s did not open the review: %q", m.editor.message)
	}
	m = press(t, m, "y")
	if m.screen != screenResult || m.result.err != nil {
		t.Fatalf("save: screen %v, err %v", m.screen, m.result.err)
	}
	puts := srv.RequestsFor("PUT", "/Jobs/")
	if len(puts) != 1 {
		t.Fatalf("%d PUTs, want 1", len(puts))
	}
	j, _ := model.DecodeJob(mustJSON(t, srv.Job(srv.JobID("Exchange nightly"))))
	if j.Policy.DailyTime.String() != "21:00" || j.Policy.BackupWindow.Hours.String() != "everyday 20:00-06:00" {
		t.Errorf("saved: %s, %s", j.Policy.DailyTime, j.Policy.BackupWindow.Hours)
	}
	if m.editor.dirty() {
		t.Error("after saving, the editor still shows changes")
	}
}

func TestEditor_SaveFailureKeepsEdits(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v8", 80, 24)
	srv.InjectFault(fakevbo.Fault{Method: "PUT", Status: 500})
	m = press(t, m, "enter", "space", "ctrl+s", "y")
	if m.result.err == nil || !strings.Contains(view(m), "Not saved.") {
		t.Fatalf("failure not shown:\n%s", view(m))
	}
	m = press(t, m, "x")
	if m.screen != screenEditor || !m.editor.dirty() {
		t.Errorf("edits lost after a failed save")
	}
}

func TestGoldenViews(t *testing.T) {
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}}
	screens := []struct {
		name, version string
		keys          []string
	}{
		{"list", "v8", nil},
		{"list-filtered", "v8", []string{"/", "m", "ü"}},
		{"editor-daily", "v8", []string{"enter", "j", "l*3", "v", "j*2", "l*4"}},
		{"editor-periodic", "v8", []string{"down*4", "enter", "w", "tab"}},
		{"editor-v2", "v2", []string{"enter"}},
		{"review", "v8", []string{"enter", "p", "3", "tab", "down*2", "enter", "ctrl+u", "2", "1", ":", "0", "0", "enter", "ctrl+s"}},
		{"review-json", "v8", []string{"enter", "space", "ctrl+s", "J"}},
		{"help", "v8", []string{"enter", "?"}},
	}
	for _, sz := range sizes {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				m, _ := loaded(t, sc.version, sz.w, sz.h)
				m = press(t, m, sc.keys...)
				golden.RequireEqual(t, view(m))
			})
		}
	}
}

func TestGoldenErrorAndTooSmall(t *testing.T) {
	b, srv := newBackend(t, "v8")
	srv.InjectFault(fakevbo.Fault{Path: "/Jobs", Status: 503})
	m := New(Options{Backend: b})
	m = run(t, m, m.loadJobs())
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		next, _ := m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		t.Run(fmt.Sprintf("error-%dx%d", sz[0], sz[1]), func(t *testing.T) { golden.RequireEqual(t, view(next.(Model))) })
	}
	next, _ := m.Update(tea.WindowSizeMsg{Width: 30, Height: 10})
	t.Run("too-small", func(t *testing.T) { golden.RequireEqual(t, view(next.(Model))) })
	m, _ = loaded(t, "v8", 50, 24)
	m = press(t, m, "enter")
	if got := view(m); !strings.HasPrefix(got, "terminal too small: need at least") || strings.Count(got, "\n") > 1 {
		t.Errorf("editor at 50×24: %q", got)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEditor_SaveErrorPaths(t *testing.T) {
	tests := []struct {
		name  string
		fault func(srv *fakevbo.Server) fakevbo.Fault
		want  string
		on    screen // where the outcome is shown
	}{
		{"changed on the server meanwhile", func(srv *fakevbo.Server) fakevbo.Fault {
			id := srv.JobID("Exchange nightly")
			return fakevbo.Fault{Method: "GET", Path: "/Jobs/" + id, Hook: func() {
				srv.ChangeJob(id, func(j map[string]any) { j["description"] = "changed by someone else" })
			}}
		}, "changed on the server since you opened it", screenConflict},
		{"connection lost", func(*fakevbo.Server) fakevbo.Fault {
			return fakevbo.Fault{Method: "PUT", Drop: true, Times: 3}
		}, "not known whether it was saved", screenResult},
		{"server refuses", func(*fakevbo.Server) fakevbo.Fault {
			return fakevbo.Fault{Method: "PUT", Status: 400}
		}, "400 Bad Request", screenResult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, srv := loadedOverHTTP(t, "v8", 120, 40)
			m = press(t, m, "enter") // opening reads the job again: the fault is the save's
			srv.InjectFault(tt.fault(srv))
			m = press(t, m, "space", "ctrl+s", "y")
			if m.screen != tt.on || !strings.Contains(view(m), tt.want) {
				t.Fatalf("want %q on screen %d, got screen %d:\n%s", tt.want, tt.on, m.screen, view(m))
			}
			m = press(t, m, "esc")
			if m.screen != screenEditor || !m.editor.dirty() {
				t.Errorf("edits lost after %s", tt.name)
			}
		})
	}
}

func TestEditor_SaveAfterTokenExpired(t *testing.T) {
	m, srv := loadedOverHTTP(t, "v8", 80, 24)
	srv.ExpireTokens()
	m = press(t, m, "enter", "space", "ctrl+s", "y")
	if m.result.err != nil {
		t.Errorf("save after the server dropped the token: %v", m.result.err)
	}
}

func TestList_ReloadAfterError(t *testing.T) {
	b, srv := newBackend(t, "v8")
	srv.InjectFault(fakevbo.Fault{Path: "/Jobs", Status: 503})
	m := New(Options{Backend: b})
	m = run(t, m, m.loadJobs())
	if m.loadErr == nil || !strings.Contains(view(m), "Press r to try again") {
		t.Fatalf("no error shown:\n%s", view(m))
	}
	m = press(t, m, "r")
	if m.loadErr != nil || backupRows(m.list) != 8 {
		t.Errorf("after r: %v, %d jobs", m.loadErr, backupRows(m.list))
	}
}

func TestOpenJobDirectly(t *testing.T) {
	b, _ := newBackend(t, "v8")
	m := New(Options{Backend: b, JobRef: "public FOLDERS"})
	m = run(t, m, m.loadJobs())
	if m.screen != screenEditor || m.editor.job.Name != "Public folders" {
		t.Fatalf("--job did not open the editor: screen %v", m.screen)
	}
	m = New(Options{Backend: b, JobRef: "No such job"})
	m = run(t, m, m.loadJobs())
	if m.screen != screenList || !strings.Contains(view(m), `no job has the id or name "No such job"`) {
		t.Errorf("unknown --job:\n%s", view(m))
	}
}
