package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// At 80×24 the list shows 19 jobs (24 rows less the header, message, help
// and blank lines and the column header), so 45 jobs take three pages and
// the last page starts at 45-19 = 26.
const manyJobs, pageRows, lastOffset = 45, 19, 45 - 19

func manyJobsList(t *testing.T) Model {
	t.Helper()
	m := start(t, newManyJobsBackend(t, manyJobs), 80, 24)
	if m.list.rows() != pageRows {
		t.Fatalf("the list shows %d rows at 80×24, the tests assume %d", m.list.rows(), pageRows)
	}
	return m
}

func TestList_Navigation(t *testing.T) {
	tests := []struct {
		name                   string
		keys                   []string
		wantCursor, wantOffset int
	}{
		{"down moves the cursor, not the view", []string{"down*3"}, 3, 0},
		{"down from the last visible row scrolls by one", []string{"j*19"}, 19, 1},
		{"up at the top stays", []string{"up", "k"}, 0, 0},
		{"up from the bottom moves the cursor on screen", []string{"G", "up"}, 43, lastOffset},
		{"up past the first visible row scrolls by one", []string{"G", "k*19"}, 25, 25},
		{"down at the bottom stays", []string{"G", "down"}, 44, lastOffset},
		{"G goes to the last job", []string{"G"}, 44, lastOffset},
		{"end goes to the last job", []string{"end"}, 44, lastOffset},
		{"g goes to the first job", []string{"G", "g"}, 0, 0},
		{"home goes to the first job", []string{"j*30", "home"}, 0, 0},
		{"page down moves cursor and view by a page", []string{"pgdown"}, 19, 19},
		{"page down stops at the last page", []string{"pgdown*2"}, 38, lastOffset},
		{"page down on the last page goes to the last job", []string{"pgdown*3"}, 44, lastOffset},
		{"page up moves cursor and view by a page", []string{"G", "pgup"}, 25, 7},
		{"page up stops at the top", []string{"G", "pgup*3"}, 0, 0},
		{"page up keeps the cursor's row when it can", []string{"pgdown", "j*2", "pgup"}, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := press(t, manyJobsList(t), tt.keys...)
			if m.list.cursor != tt.wantCursor || m.list.offset != tt.wantOffset {
				t.Errorf("cursor %d offset %d, want cursor %d offset %d",
					m.list.cursor, m.list.offset, tt.wantCursor, tt.wantOffset)
			}
			// The marked row on screen is the job under the cursor.
			want := "> " + m.list.Selected().Name
			if got := markedRow(view(m)); !strings.HasPrefix(got, want) {
				t.Errorf("marked row %q, want it to start with %q", got, want)
			}
		})
	}
}

func markedRow(screen string) string {
	for line := range strings.Lines(screen) {
		if strings.HasPrefix(line, "> ") {
			return line
		}
	}
	return ""
}

func TestList_FilterPutsTheCursorOnTheFirstMatch(t *testing.T) {
	m := press(t, manyJobsList(t), "G", "/", "a", "r", "c", "h")
	if len(m.list.shown) != manyJobs/5 {
		t.Fatalf("filter arch shows %d jobs, want %d", len(m.list.shown), manyJobs/5)
	}
	if m.list.cursor != 0 || m.list.offset != 0 || m.list.Selected().Name != "Archive 05" {
		t.Errorf("after filtering: cursor %d offset %d on %q, want the first match Archive 05",
			m.list.cursor, m.list.offset, m.list.Selected().Name)
	}
	// Typing on in the same filter is a new filter too.
	m = press(t, m, "enter", "j*3", "/", "i")
	if m.list.cursor != 0 || m.list.Selected().Name != "Archive 05" {
		t.Errorf("after narrowing: cursor %d on %q, want the first match", m.list.cursor, m.list.Selected().Name)
	}
}

func TestList_EscClearsTheFilterAndNeverQuits(t *testing.T) {
	tests := []struct {
		name string
		keys []string // before the esc
	}{
		{"while typing the filter", []string{"/", "a", "r", "c", "h"}},
		{"with a filter kept", []string{"/", "a", "r", "c", "h", "enter", "j*2"}},
		{"without a filter", []string{"j*2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := press(t, manyJobsList(t), tt.keys...)
			cursor := m.list.cursor
			filtered := m.list.filter.Value() != ""
			next, cmd := m.Update(keyMsg("esc"))
			m = next.(Model)
			if quits(cmd) {
				t.Fatal("esc quit the program")
			}
			if m.list.filter.Value() != "" || len(m.list.shown) != manyJobs || m.list.filtering {
				t.Errorf("after esc: filter %q, %d jobs shown, filtering %v", m.list.filter.Value(), len(m.list.shown), m.list.filtering)
			}
			if !filtered && m.list.cursor != cursor {
				t.Errorf("esc without a filter moved the cursor from %d to %d", cursor, m.list.cursor)
			}
			if m.screen != screenList {
				t.Errorf("esc left the list for screen %v", m.screen)
			}
		})
	}
	_, cmd := manyJobsList(t).Update(keyMsg("q"))
	if !quits(cmd) {
		t.Error("q in the list does not quit")
	}
}

// quits reports whether cmd is tea.Quit. Only the list's keys are sent
// here: their commands return at once.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestList_ResizeKeepsTheCursorOnScreen(t *testing.T) {
	m := press(t, manyJobsList(t), "j*18")
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 14}) // 9 rows
	m = next.(Model)
	if m.list.cursor != 18 || m.list.offset != 18-9+1 {
		t.Errorf("after shrinking to 9 rows: cursor %d offset %d, want 18 and 10", m.list.cursor, m.list.offset)
	}
	if !strings.HasPrefix(markedRow(view(m)), "> Mailbox 19") {
		t.Errorf("the cursor's job is not on screen:\n%s", view(m))
	}
}

func TestList_ReloadKeepsTheCursorOnTheSameJob(t *testing.T) {
	b := newManyJobsBackend(t, manyJobs)
	m := press(t, start(t, b, 80, 24), "G", "up")
	b.mu.Lock()
	b.jobs = b.jobs[1:] // one job above the cursor is gone
	b.mu.Unlock()
	m = press(t, m, "r")
	if got := m.list.Selected().Name; got != "Mailbox 44" || m.list.cursor != 42 {
		t.Errorf("after reload the cursor is on %q (row %d), want Mailbox 44 (row 42)", got, m.list.cursor)
	}
}

// The list of 45 jobs scrolled to its middle and to its end, at the two
// sizes: the header stays, the marked row is on screen, the help fits.
func TestGoldenListScrolled(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range []struct {
			name string
			keys []string
		}{{"middle", []string{"pgdown", "j*3"}}, {"end", []string{"G"}}} {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				m := start(t, newManyJobsBackend(t, manyJobs), sz[0], sz[1])
				golden.RequireEqual(t, view(press(t, m, sc.keys...)))
			})
		}
	}
}

// backupRows is the list's rows but those of backup copy jobs: the rows
// the tests of the backup-job listing count.
func backupRows(l JobList) int { return len(l.jobs) - l.CopyJobs() }
