package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// loadedWithCopies is a program at w×h on the v8 demo jobs and their
// backup copy jobs, both listed.
func loadedWithCopies(t testing.TB, w, h int) (Model, *memBackend) {
	t.Helper()
	b := newMemBackend(t, "v8").withCopyJobs(t)
	return start(t, b, w, h), b
}

func TestCopyList_ShowsBothKindsWithTheCopiesSource(t *testing.T) {
	tests := []struct {
		width      int
		want, not  []string
		wantMarker bool
	}{
		{120, []string{"KIND", "SOURCE", "Exchange nightly – archive", "copy   Exchange nightly", "8 jobs and 3 backup copy jobs"}, []string{"C: copy job"}, false},
		{80, []string{"  NAME", " K ", "8 jobs and 3 backup copy jobs · C: copy job"}, []string{"SOURCE"}, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			m, _ := loadedWithCopies(t, tt.width, 24)
			if got := m.list.CopyJobs(); got != 3 {
				t.Fatalf("%d copy jobs listed, want 3", got)
			}
			v := view(m)
			for _, w := range tt.want {
				if !strings.Contains(v, w) {
					t.Errorf("no %q in the list:\n%s", w, v)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(v, w) {
					t.Errorf("%q in the list:\n%s", w, v)
				}
			}
			// A copy job's row is marked where the KIND column is one cell.
			marked := false
			for _, line := range strings.Split(v, "\n") {
				if strings.Contains(line, "Exchange nigh") && strings.Contains(line, " C ") {
					marked = true
				}
			}
			if marked != tt.wantMarker {
				t.Errorf("copy rows marked C: %v, want %v:\n%s", marked, tt.wantMarker, v)
			}
		})
	}
}

func TestCopyList_KCyclesAllBackupAndCopyJobs(t *testing.T) {
	m, _ := loadedWithCopies(t, 120, 40)
	for _, step := range []struct {
		rows   int
		header string
	}{
		{8, "8 of 11 jobs: backup jobs only"},
		{3, "3 of 11 jobs: backup copy jobs only"},
		{11, "8 jobs and 3 backup copy jobs"},
	} {
		m = press(t, m, "K")
		if len(m.list.shown) != step.rows || !strings.Contains(view(m), step.header) {
			t.Errorf("after K: %d rows, want %d with %q:\n%s", len(m.list.shown), step.rows, step.header, view(m))
		}
	}
	// The kind filter and the text filter narrow together.
	m = press(t, m, "K", "K", "/", "o", "n", "e", "enter")
	if len(m.list.shown) != 1 || m.list.SelectedCopy() == nil || m.list.SelectedCopy().Name != "OneDrive – Finance – archive" {
		t.Errorf("copy jobs filtered by %q: %d rows:\n%s", "one", len(m.list.shown), view(m))
	}
}

func TestCopyList_NoKindsWithoutCopyJobs(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	m = press(t, m, "K")
	v := view(m)
	if len(m.list.shown) != 8 || strings.Contains(v, "KIND") || strings.Contains(v, "K all / backup / copy") {
		t.Errorf("a server without copy jobs shows kinds:\n%s", v)
	}
}

func TestCopyList_FilterWordCopyFindsCopyJobs(t *testing.T) {
	m, _ := loadedWithCopies(t, 120, 40)
	m = press(t, m, "/", "c", "o", "p", "y", " ", "o", "f", "enter")
	if len(m.list.shown) != 3 {
		t.Errorf("%q shows %d rows, want the 3 copy jobs:\n%s", "copy of", len(m.list.shown), view(m))
	}
}

func TestGoldenCopyList(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m, _ := loadedWithCopies(t, sz[0], sz[1])
			golden.RequireEqual(t, view(m))
		})
	}
}

func TestCopyJobRef_OpensACopyJobByNameOrID(t *testing.T) {
	b := newMemBackend(t, "v8").withCopyJobs(t)
	for _, tt := range []struct {
		name, ref, wantCopy, wantErr string
	}{
		{"a copy job's name", "SharePoint – archive", "SharePoint – archive", ""},
		{"a copy job's id", b.copies[2].ID, "OneDrive – Finance – archive", ""},
		{"a backup job's name opens the backup job", "Legal hold", "", ""},
		{"neither kind has it", "nothing", "", "no job has the id or name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Options{Backend: b, JobRef: tt.ref, Clock: testClock{}})
			next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m = run(t, next.(Model), m.loadJobs())
			switch {
			case tt.wantCopy != "":
				if m.screen != screenEditor || m.editor.copyJob == nil || m.editor.copyJob.Name != tt.wantCopy {
					t.Errorf("--job %q: screen %v:\n%s", tt.ref, m.screen, view(m))
				}
			case tt.wantErr != "":
				if m.screen != screenList || m.loadErr == nil || !strings.Contains(m.loadErr.Error(), tt.wantErr) {
					t.Errorf("--job %q: screen %v, error %v", tt.ref, m.screen, m.loadErr)
				}
			default:
				if m.screen != screenEditor || m.editor.job == nil || m.editor.job.Name != tt.ref {
					t.Errorf("--job %q: screen %v:\n%s", tt.ref, m.screen, view(m))
				}
			}
		})
	}
}

// --job with a name a backup job and a backup copy job share opens
// neither: it says so with both ids, as the CLI refuses the same name.
func TestCopyJobRef_ANameBothKindsShareOpensNeither(t *testing.T) {
	b := newMemBackend(t, "v8").withCopyJobs(t)
	shared := *b.copies[0]
	shared.Name = "Legal hold" // a backup job's name too
	b.copies[0] = &shared
	m := New(Options{Backend: b, JobRef: "Legal hold", Clock: testClock{}})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = run(t, next.(Model), m.loadJobs())
	if m.screen != screenList || m.loadErr == nil || !strings.Contains(m.loadErr.Error(), "names both a backup job") ||
		!strings.Contains(m.loadErr.Error(), shared.ID) {
		t.Errorf("--job of a shared name: screen %v, error %v", m.screen, m.loadErr)
	}
}
