package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/model"
)

// everyMatch is the filter's meaning, worked out the slow way: the jobs
// whose name, organization or schedule contain q, ignoring case.
func everyMatch(jobs []*model.Job, orgs map[string]string, q string) []int {
	q = strings.ToLower(strings.TrimSpace(q))
	var want []int
	for i, j := range jobs {
		if strings.Contains(strings.ToLower(j.Name+" "+orgs[j.OrganizationID]+" "+j.Policy.Describe()), q) {
			want = append(want, i)
		}
	}
	return want
}

func TestJobList_FilterNarrowedOrFreshFindsTheSameJobs(t *testing.T) {
	b := newManyJobsBackend(t, 120)
	tests := []struct {
		name    string
		queries []string // typed one after another; the last one is checked
	}{
		{"growing at the end", []string{"a", "ar", "arc", "arch"}},
		{"growing at the front", []string{"1", "x 1", "ox 1"}},
		{"shrinking after growing", []string{"m", "ma", "mai", "ma"}},
		{"a new word after a longer one", []string{"mailbox 1", "mailbox", "archive"}},
		{"growing in the middle is a new filter", []string{"mbox", "mailbox"}},
		{"upper case and spaces", []string{"  MAIL", "  MAILBOX 2 "}},
		{"no match, then a match again", []string{"zz", "z", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewJobList()
			l.SetHeight(20)
			l.SetJobs(b.jobs, b.orgs)
			for _, q := range tt.queries {
				l.SetFilter(q)
			}
			q := tt.queries[len(tt.queries)-1]
			if want := everyMatch(b.jobs, b.orgs, q); !slices.Equal(l.shown, want) && len(want)+len(l.shown) > 0 {
				t.Errorf("filter %q shows %d jobs %v, want %d %v", q, len(l.shown), l.shown, len(want), want)
			}
		})
	}
}

func TestJobList_AppendedJobsJoinTheFilterAndKeepTheCursor(t *testing.T) {
	b := newManyJobsBackend(t, 100)
	l := NewJobList()
	l.SetHeight(10)
	l.SetJobs(b.jobs[:30], b.orgs)
	l.SetFilter("a")
	l.SetFilter("archive")
	l.MoveDown(3)
	selected := l.Selected()
	l.AppendJobs(b.jobs[30:], b.orgs)
	if want := everyMatch(b.jobs, b.orgs, "archive"); !slices.Equal(l.shown, want) {
		t.Errorf("after the rest arrived the filter shows %v, want %v", l.shown, want)
	}
	if l.Selected() != selected {
		t.Errorf("the cursor moved from %q to %q when jobs arrived", selected.Name, l.Selected().Name)
	}
	// Backspace after the jobs arrived: the result typed before them
	// lacks them and must not be reused.
	l.SetFilter("a")
	if want := everyMatch(b.jobs, b.orgs, "a"); !slices.Equal(l.shown, want) {
		t.Errorf("a shorter filter after the rest arrived shows %d jobs, want %d", len(l.shown), len(want))
	}
	if len(l.jobs) != 100 || len(l.entries) != 100 {
		t.Errorf("%d jobs and %d rows, want 100 of each", len(l.jobs), len(l.entries))
	}
}

func TestJobList_ReplaceJobRedrawsItsRow(t *testing.T) {
	b := newManyJobsBackend(t, 5)
	l := NewJobList()
	l.SetHeight(10)
	l.SetJobs(b.jobs, b.orgs)
	before := l // a copy, as an older Model holds
	changed := *b.jobs[2]
	changed.Name = "Renamed mailbox job"
	if !l.ReplaceJob(&changed) {
		t.Fatal("ReplaceJob did not find the job by its id")
	}
	s := NewStyles(true)
	if got := ansi.Strip(l.Render(&s, 120)); !strings.Contains(got, "Renamed mailbox job") {
		t.Errorf("the replaced job's row is not drawn:\n%s", got)
	}
	if strings.Contains(ansi.Strip(before.Render(&s, 120)), "Renamed") {
		t.Error("replacing a job changed an earlier copy of the list")
	}
	other := changed
	other.ID = "no-such-id"
	if l.ReplaceJob(&other) {
		t.Error("ReplaceJob reported a job that is not in the list")
	}
}

func TestJobList_WideNamesKeepTheColumnsAligned(t *testing.T) {
	b := newManyJobsBackend(t, 3)
	names := []string{"東京 nightly", "Zürich", "plain"}
	jobs := make([]*model.Job, len(names))
	for i, n := range names {
		j := *b.jobs[i]
		j.Name = n
		jobs[i] = &j
	}
	l := NewJobList()
	l.SetHeight(10)
	l.SetJobs(jobs, b.orgs)
	s := NewStyles(true)
	lines := strings.Split(ansi.Strip(l.Render(&s, 120)), "\n")
	// Every row's schedule starts in the cell where the header's does.
	cellOf := func(line, text string) int {
		at := strings.Index(line, text)
		if at < 0 {
			t.Fatalf("%q not in %q", text, line)
		}
		return ansi.StringWidth(line[:at])
	}
	want := cellOf(lines[0], "SCHEDULE")
	for _, line := range lines[1:] {
		if got := cellOf(line, l.entries[0].sched); got != want {
			t.Errorf("the schedule starts at cell %d in %q, at %d in the header", got, line, want)
		}
	}
}
