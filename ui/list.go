package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"github.com/vbosched/vbosched/model"
)

// JobList is the first screen: every job, filtered as you type. As in
// bubbles' table, the movement methods keep the cursor inside the visible
// rows by moving the offset; Render only reads both.
type JobList struct {
	jobs      []*model.Job
	orgs      map[string]string
	shown     []int // indices into jobs that pass the filter; replaced, never written in place
	query     string
	cursor    int
	offset    int // first shown row on screen
	height    int // rows on screen, the header included
	filtering bool
	filter    textinput.Model
}

// NewJobList builds an empty list.
func NewJobList() JobList {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter by name, organization or schedule"
	staticCursor(&in)
	return JobList{filter: in, orgs: map[string]string{}, height: 2}
}

// SetJobs replaces the jobs, keeping the cursor on the same job if it is
// still there.
func (l *JobList) SetJobs(jobs []*model.Job, orgs map[string]string) {
	var keep string
	if j := l.Selected(); j != nil {
		keep = j.ID
	}
	l.jobs, l.orgs = jobs, orgs
	l.shown = l.matching(l.query)
	for p, i := range l.shown {
		if l.jobs[i].ID == keep {
			l.cursor = p
		}
	}
	l.settle()
}

// SetFilter shows only the jobs whose name, organization or schedule
// contain q; a new filter puts the cursor on the first match.
func (l *JobList) SetFilter(q string) {
	if l.filter.Value() != q {
		l.filter.SetValue(q)
	}
	q = strings.ToLower(strings.TrimSpace(q))
	if q == l.query && l.shown != nil {
		return
	}
	l.query = q
	l.shown = l.matching(q)
	l.cursor, l.offset = 0, 0
	l.settle()
}

// matching returns a new slice, so a copy of the list keeps its own.
func (l JobList) matching(q string) []int {
	shown := make([]int, 0, len(l.jobs))
	for i, j := range l.jobs {
		hay := strings.ToLower(j.Name + " " + l.orgs[j.OrganizationID] + " " + j.Policy.Describe())
		if q == "" || strings.Contains(hay, q) {
			shown = append(shown, i)
		}
	}
	return shown
}

// Selected is the job under the cursor, or nil.
func (l JobList) Selected() *model.Job {
	if l.cursor < 0 || l.cursor >= len(l.shown) {
		return nil
	}
	return l.jobs[l.shown[l.cursor]]
}

// SetHeight sets the rows the list is drawn in, its header included.
func (l *JobList) SetHeight(h int) {
	l.height = h
	l.settle()
}

// rows is how many jobs fit on screen: a page.
func (l JobList) rows() int { return max(1, l.height-1) }

// MoveUp moves the cursor up n jobs; the view scrolls only when the cursor
// would leave it.
func (l *JobList) MoveUp(n int) { l.cursor -= n; l.settle() }

// MoveDown moves the cursor down n jobs.
func (l *JobList) MoveDown(n int) { l.cursor += n; l.settle() }

// GotoTop moves the cursor to the first job.
func (l *JobList) GotoTop() { l.cursor, l.offset = 0, 0; l.settle() }

// GotoBottom moves the cursor to the last job.
func (l *JobList) GotoBottom() { l.cursor = len(l.shown) - 1; l.settle() }

// PageUp scrolls a page up, the cursor with it.
func (l *JobList) PageUp() { l.cursor -= l.rows(); l.offset -= l.rows(); l.settle() }

// PageDown scrolls a page down, the cursor with it.
func (l *JobList) PageDown() { l.cursor += l.rows(); l.offset += l.rows(); l.settle() }

// settle clamps the cursor to the shown jobs and the offset so that the
// cursor is on screen and no page ends in empty rows while jobs are above.
func (l *JobList) settle() {
	n, rows := len(l.shown), l.rows()
	l.cursor = max(0, min(l.cursor, n-1))
	l.offset = max(0, min(l.offset, n-rows))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
}

// Render draws the list in width columns and its height in rows.
func (l JobList) Render(s *Styles, width int) string {
	nameW, orgW, schedW, winW := l.columnWidths(width)
	row := func(name, org, sched, win, status string) string {
		return fmt.Sprintf("%-*s %-*s %-*s %-*s %s", nameW, truncate(name, nameW), orgW, truncate(org, orgW),
			schedW, truncate(sched, schedW), winW, truncate(win, winW), status)
	}
	var b strings.Builder
	b.WriteString(s.Dim.Render(truncate(row("  NAME", "ORGANIZATION", "SCHEDULE", "WINDOW", "LAST"), width)))
	if len(l.shown) == 0 {
		b.WriteString("\n  " + s.Dim.Render("no job matches"))
	}
	for p := l.offset; p < min(len(l.shown), l.offset+l.rows()); p++ {
		j := l.jobs[l.shown[p]]
		name, status := model.SafeText(j.Name), model.SafeText(j.LastStatus)
		if !j.IsEnabled {
			name += " (disabled)"
		}
		if probs := j.Problems(); len(probs) > 0 { // readable in part: say why
			name, status = "! "+name, "! "+probs[0]
		}
		line := row("  "+name, model.SafeText(l.orgs[j.OrganizationID]), j.Policy.Describe(), j.Policy.DescribeWindow(), status)
		line = truncate(line, width)
		b.WriteByte('\n')
		if p == l.cursor {
			b.WriteString(s.Selected.Render(padRight(">"+line[1:], width)))
		} else {
			b.WriteString(line)
		}
	}
	return b.String()
}

// columnWidths fits the columns to their content; when the screen is too
// narrow the organization gives way first, then the window, the name and
// the schedule, each down to a width that still reads.
func (l JobList) columnWidths(width int) (name, org, sched, win int) {
	name, org, sched, win = len("  NAME"), len("ORGANIZATION"), len("SCHEDULE"), len("WINDOW")
	for _, j := range l.jobs {
		name = max(name, lipglossWidth(model.SafeText(j.Name))+2+len(" (disabled)")*boolInt(!j.IsEnabled)+2*boolInt(len(j.Problems()) > 0))
		org = max(org, lipglossWidth(model.SafeText(l.orgs[j.OrganizationID])))
		sched = max(sched, len(j.Policy.Describe()))
		win = max(win, len(j.Policy.DescribeWindow()))
	}
	name, org, sched = min(name, 32), min(org, 28), min(sched, 24)
	const last, gaps = 8, 4
	over := name + org + sched + win + last + gaps - width
	shrink := func(w *int, floor int) {
		if over > 0 && *w > floor {
			cut := min(over, *w-floor)
			*w -= cut
			over -= cut
		}
	}
	shrink(&org, 10)
	shrink(&win, 20)
	shrink(&name, 16)
	shrink(&sched, 14)
	shrink(&win, 8)
	return name, org, sched, win
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
