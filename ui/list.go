package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"github.com/vbosched/vbosched/model"
)

// JobList is the first screen: every job, filtered as you type.
type JobList struct {
	jobs      []*model.Job
	orgs      map[string]string
	shown     []int // indices into jobs that pass the filter
	cursor    int
	offset    int
	filtering bool
	filter    textinput.Model
}

// NewJobList builds an empty list.
func NewJobList() JobList {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter by name, organization or schedule"
	staticCursor(&in)
	return JobList{filter: in, orgs: map[string]string{}}
}

// SetJobs replaces the jobs, keeping the cursor on the same job if it is
// still there.
func (l *JobList) SetJobs(jobs []*model.Job, orgs map[string]string) {
	var keep string
	if j := l.Selected(); j != nil {
		keep = j.ID
	}
	l.jobs, l.orgs = jobs, orgs
	l.applyFilter()
	for p, i := range l.shown {
		if l.jobs[i].ID == keep {
			l.cursor = p
		}
	}
}

func (l *JobList) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Value()))
	l.shown = l.shown[:0]
	for i, j := range l.jobs {
		hay := strings.ToLower(j.Name + " " + l.orgs[j.OrganizationID] + " " + j.Policy.Describe())
		if q == "" || strings.Contains(hay, q) {
			l.shown = append(l.shown, i)
		}
	}
	l.cursor = max(0, min(l.cursor, len(l.shown)-1))
}

// Selected is the job under the cursor, or nil.
func (l JobList) Selected() *model.Job {
	if l.cursor < 0 || l.cursor >= len(l.shown) {
		return nil
	}
	return l.jobs[l.shown[l.cursor]]
}

// Move moves the cursor, clamped.
func (l *JobList) Move(delta int) {
	l.cursor = max(0, min(len(l.shown)-1, l.cursor+delta))
}

// Render draws the list in height rows (a header included).
func (l *JobList) Render(s *Styles, width, height int) string {
	nameW, orgW, schedW, winW := l.columnWidths(width)
	row := func(name, org, sched, win, status string) string {
		return fmt.Sprintf("%-*s %-*s %-*s %-*s %s", nameW, truncate(name, nameW), orgW, truncate(org, orgW),
			schedW, truncate(sched, schedW), winW, truncate(win, winW), status)
	}
	var b strings.Builder
	b.WriteString(s.Dim.Render(truncate(row("  NAME", "ORGANIZATION", "SCHEDULE", "WINDOW", "LAST"), width)))
	rows := max(1, height-1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
	if len(l.shown) == 0 {
		b.WriteString("\n  " + s.Dim.Render("no job matches"))
	}
	for p := l.offset; p < min(len(l.shown), l.offset+rows); p++ {
		j := l.jobs[l.shown[p]]
		name := model.SafeText(j.Name)
		if !j.IsEnabled {
			name += " (disabled)"
		}
		line := row("  "+name, model.SafeText(l.orgs[j.OrganizationID]), j.Policy.Describe(), j.Policy.DescribeWindow(), model.SafeText(j.LastStatus))
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
func (l *JobList) columnWidths(width int) (name, org, sched, win int) {
	name, org, sched, win = len("  NAME"), len("ORGANIZATION"), len("SCHEDULE"), len("WINDOW")
	for _, j := range l.jobs {
		name = max(name, lipglossWidth(model.SafeText(j.Name))+2+len(" (disabled)")*boolInt(!j.IsEnabled))
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
