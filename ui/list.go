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
	nameW := max(12, width*30/100)
	orgW := max(10, width*22/100)
	schedW := max(12, width*20/100)
	winW := max(8, width-nameW-orgW-schedW-12)
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
		name := j.Name
		if !j.IsEnabled {
			name += " (disabled)"
		}
		line := row("  "+name, l.orgs[j.OrganizationID], j.Policy.Describe(), j.Policy.DescribeWindow(), j.LastStatus)
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
