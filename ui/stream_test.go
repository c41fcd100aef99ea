package ui

import (
	"net/http"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
)

var _ PagedBackend = (*jobstore.Store)(nil) // so the TUI streams against real servers

// pagedBackend is a store on a fake server with n jobs, listed in pages of
// size.
func pagedBackend(t *testing.T, n, size int) (*jobstore.Store, *fakevbo.Server) {
	t.Helper()
	srv := fakevbo.NewServer(fakevbo.WithJobs(n))
	t.Cleanup(srv.Close)
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, APIVersion: "v8", Username: srv.Username,
		Password: srv.Password, PageSize: size})
	if err != nil {
		t.Fatal(err)
	}
	return jobstore.New(c, "DEMO"), srv
}

// firstPage starts the program and delivers the listing's first message
// only; it returns the command that waits for the next.
func firstPage(t *testing.T, b Backend) (Model, tea.Cmd) {
	t.Helper()
	m := New(Options{Backend: b})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	m = next.(Model)
	msg := m.loadJobs()()
	if _, ok := msg.(jobsPageMsg); !ok {
		t.Fatalf("a paged backend's listing sent %T, want pages", msg)
	}
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

func TestStream_TheFirstPageIsShownWhileTheRestArrives(t *testing.T) {
	b, _ := pagedBackend(t, 250, 100)
	m, rest := firstPage(t, b)
	if backupRows(m.list) != 100 || !m.loading {
		t.Fatalf("after the first page: %d jobs, loading %v; want 100 and still loading", backupRows(m.list), m.loading)
	}
	screen := view(m)
	if !strings.Contains(screen, "100 jobs, loading more…") || !strings.Contains(screen, "> ") {
		t.Errorf("the first page is not shown with the progress in the header:\n%s", screen)
	}
	m = press(t, m, "j*3") // the list is usable meanwhile
	selected := m.list.Selected()
	m = run(t, m, rest)
	if backupRows(m.list) != 250 || m.loading || m.loadErr != nil {
		t.Errorf("after every page: %d jobs, loading %v, error %v; want 250, done", backupRows(m.list), m.loading, m.loadErr)
	}
	if m.list.Selected() != selected {
		t.Error("the cursor left its job while pages arrived")
	}
	if screen := view(m); strings.Contains(screen, "loading more") || !strings.Contains(screen, "250 jobs") {
		t.Errorf("the header after the last page:\n%s", screen)
	}
}

func TestStream_AReloadReplacesAListingUnderWay(t *testing.T) {
	b, _ := pagedBackend(t, 250, 100)
	m, oldRest := firstPage(t, b)
	// r starts a new listing; its first page arrives before the old
	// listing's next one.
	next, reload := m.Update(keyMsg("r"))
	m = run(t, next.(Model), reload)
	m = run(t, m, oldRest) // the old listing's late pages must not be added
	if backupRows(m.list) != 250 || m.loading {
		t.Errorf("after a reload during a listing: %d jobs, loading %v; want 250 once", backupRows(m.list), m.loading)
	}
}

func TestStream_AFailedListingKeepsTheJobsShown(t *testing.T) {
	b, srv := pagedBackend(t, 250, 100)
	m := run(t, New(Options{Backend: b}), New(Options{Backend: b}).loadJobs())
	srv.InjectFault(fakevbo.Fault{Method: http.MethodGet, Path: "/v8/Jobs", Times: 10, Status: http.StatusGatewayTimeout})
	next, reload := m.Update(keyMsg("r"))
	m = run(t, next.(Model), reload)
	if backupRows(m.list) != 250 || m.loading || m.loadErr == nil {
		t.Errorf("after a failed reload: %d jobs, loading %v, error %v; want the 250 kept and the error", backupRows(m.list), m.loading, m.loadErr)
	}
}

func TestJobRef_AnIDOpensTheEditorBeforeAnyList(t *testing.T) {
	tests := []struct {
		name       string
		ref        func(srv *fakevbo.Server) string
		wantEditor bool
	}{
		{"an id opens the editor after one GET", func(srv *fakevbo.Server) string { return srv.JobID("Legal hold") }, true},
		{"a name waits for the list", func(*fakevbo.Server) string { return "Legal hold" }, false},
		{"an unknown id is looked up in the list", func(*fakevbo.Server) string { return "00000000-0000-0000-0000-00000000dead" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, srv := pagedBackend(t, 250, 100)
			m := New(Options{Backend: b, JobRef: tt.ref(srv)})
			msg := m.firstLoad()()
			next, rest := m.Update(msg)
			m = next.(Model)
			lists := 0
			for _, r := range srv.RequestsFor(http.MethodGet, "/Jobs") {
				if strings.EqualFold(r.Path, "/v8/Jobs") {
					lists++
				}
			}
			if opened := m.screen == screenEditor; opened != tt.wantEditor || opened && lists > 0 {
				t.Fatalf("after the first answer: editor open %v with %d list requests; want open %v and none", opened, lists, tt.wantEditor)
			}
			m = run(t, m, rest)
			if backupRows(m.list) != 250 {
				t.Errorf("the list has %d jobs after loading, want 250 to come back to", backupRows(m.list))
			}
			if tt.wantEditor && (m.screen != screenEditor || m.editor.job.Name != "Legal hold") {
				t.Errorf("the list's arrival left the editor (screen %v)", m.screen)
			}
		})
	}
}

func TestStream_AReloadFindsTheCursorsJobInALaterPage(t *testing.T) {
	tests := []struct {
		name       string
		meanwhile  []string // keys pressed after the reload's first page
		wantCursor func(before int) int
	}{
		{"the cursor goes back to its job", nil, func(before int) int { return before }},
		// The first page has 100 jobs: the cursor waits on its last row.
		{"unless the user moved meanwhile", []string{"k"}, func(int) int { return 98 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := pagedBackend(t, 250, 100)
			m := run(t, New(Options{Backend: b}), New(Options{Backend: b}).loadJobs())
			next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
			m = press(t, next.(Model), "j*150") // in the second page
			before, id := m.list.cursor, m.list.Selected().ID
			next, rest := m.Update(m.loadJobs()()) // the reload's first page

			m = press(t, next.(Model), tt.meanwhile...)
			m = run(t, m, rest)
			if got := m.list.cursor; got != tt.wantCursor(before) {
				t.Errorf("after the reload the cursor is on row %d, want %d", got, tt.wantCursor(before))
			}
			if len(tt.meanwhile) == 0 && m.list.Selected().ID != id {
				t.Error("the cursor is not on the job it was on before the reload")
			}
		})
	}
}

// Keys typed while the list still arrives are kept: G stays on the last
// job as more pages and the copy jobs come, and K picks the kind before
// the copy jobs are read.
func TestStream_KeysTypedAheadOfTheRestOfTheList(t *testing.T) {
	b, _ := pagedBackend(t, 250, 100)
	m, rest := firstPage(t, b)
	m = run(t, press(t, m, "G"), rest)
	if n := len(m.list.shown); m.list.CopyJobs() == 0 || m.list.cursor != n-1 {
		t.Errorf("G while loading: cursor %d of %d rows (%d copy jobs); want the last", m.list.cursor, n, m.list.CopyJobs())
	}
	if m = press(t, m, "k"); m.list.cursor != len(m.list.shown)-2 {
		t.Errorf("a move after G did not leave the bottom: cursor %d", m.list.cursor)
	}

	b, _ = pagedBackend(t, 250, 100)
	m, rest = firstPage(t, b)
	m = run(t, press(t, m, "K"), rest)
	if m.list.kind != kindBackup || m.list.CopyJobs() == 0 || backupRows(m.list) != len(m.list.shown) {
		t.Errorf("K while loading: kind %v, %d shown, %d backup; want backup jobs only", m.list.kind, len(m.list.shown), backupRows(m.list))
	}
}
