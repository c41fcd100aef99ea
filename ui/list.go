package ui

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/model"
)

// JobList is the first screen: every job, filtered as you type. As in
// bubbles' table, the movement methods keep the cursor inside the visible
// rows by moving the offset; Render only reads both.
//
// It is built for service providers' servers with thousands of jobs: what a
// row shows and what the filter searches are worked out once per job when
// jobs arrive (listRow), the columns' widths are kept as jobs arrive, a
// filter that only grows searches the previous result, and Render touches
// only the rows on screen. A key costs the same at 45 jobs as at 10,000.
type JobList struct {
	jobs    []*model.Job // nil where the server sent a job that could not be read, and in a copy job's row
	entries []listRow    // one per job, same order; replaced, never written in place
	bad     int          // the unreadable jobs: rows with a nil job
	// copies holds the backup copy jobs in their rows (same index as jobs;
	// nil elsewhere, and it may be shorter than jobs), behind a pointer
	// replaced, never written through: the list is copied on every key.
	copies    *[]*model.CopyJob
	widths    colWidths // the widest content of each column over every job
	orgs      map[string]string
	version   model.APIVersion // the server's: which window limits a job depends on it
	shown     []int            // indices into jobs that pass the filter; replaced, never written in place
	query     string
	narrowed  []filterResult // the filters typed on the way to query, each containing the one before
	cursor    int
	offset    int // first shown row on screen
	height    int // rows on screen, the header included
	filtering bool
	kind      listKind         // which kinds the list shows (K cycles)
	ncopies   int32            // how many rows are copy jobs'
	filter    *textinput.Model // replaced, never written through: see Form.input
	// keep is the id of the job the cursor was on when SetJobs replaced
	// the jobs without it: it may come in a later page (AppendJobs), and
	// the cursor goes back to it unless the user moved meanwhile.
	keep string
	// bottom is set by G: the cursor stays on the last job while pages
	// still arrive, until the user moves it, filters or the list is read again.
	bottom bool
}

// listRow is what the list shows of one job and what its filter searches,
// computed once when the job arrives: building a schedule's words and
// lower-casing per frame or per keystroke is what made a large list slow.
type listRow struct {
	name, org, sched, win, last string // terminal-safe
	source                      string // a copy job's source backup job, terminal-safe
	search                      string // lower-cased name, organization and schedule
	unreadable                  string // why the job could not be read; "" when it could
	copy                        bool   // a backup copy job's row
}

// listKind is which kinds of job the list shows: K cycles all → backup
// jobs → backup copy jobs.
type listKind uint8

const (
	kindAll listKind = iota
	kindBackup
	kindCopy
)

// next is the kind K shows after k.
func (k listKind) next() listKind { return (k + 1) % 3 }

// shows reports whether a row passes the kind filter.
func (k listKind) shows(r *listRow) bool {
	return k == kindAll || (k == kindCopy) == r.copy
}

// words names what the list shows, for its header.
func (k listKind) words() string {
	switch k {
	case kindBackup:
		return "backup jobs only"
	case kindCopy:
		return "backup copy jobs only"
	}
	return ""
}

// filterResult is a filter and the jobs it showed, kept so that backspace
// goes back to a result instead of searching every job again.
type filterResult struct {
	query string
	shown []int
}

// colWidths are the display widths (cells) of the widest content per column.
type colWidths struct{ name, org, sched, win, source int }

func newListRow(j *model.Job, orgs map[string]string, v model.APIVersion) listRow {
	name := model.SafeText(j.Name)
	last := model.SafeText(j.LastStatus)
	if probs := j.Problems(); len(probs) > 0 { // readable in part: say why
		name, last = "! "+name, "! "+probs[0]
	}
	sched := j.Policy.Describe()
	if !j.IsEnabled {
		// First in its column, where a narrow terminal cannot cut it off
		// as it did after a long name; the filter finds "disabled" too.
		sched = "disabled · " + sched
	}
	return listRow{
		name: name, org: model.SafeText(orgs[j.OrganizationID]), sched: sched,
		win: j.Policy.DescribeLimitingWindow(v), last: last,
		search: strings.ToLower(j.Name + " " + orgs[j.OrganizationID] + " " + sched),
	}
}

// unreadableRow is the row of a job the server sent that could not be
// read: named as far as it could be, marked, and saying why, so that no job
// is silently missing from the list.
func unreadableRow(u UnreadableJob, orgs map[string]string) listRow {
	id, name, org := u.UnreadableJob()
	name = cmp.Or(name, id, "(no name, no id)")
	why := oneLine(u)
	short := why // the row names the job already
	if rest, ok := strings.CutPrefix(why, "job "); ok {
		if _, after, ok := strings.Cut(rest, ": "); ok {
			short = after
		}
	}
	return listRow{
		name: "! " + model.SafeText(name), org: model.SafeText(orgs[org]), sched: "unreadable", last: "! " + short,
		search:     strings.ToLower(name + " " + orgs[org] + " unreadable"),
		unreadable: why,
	}
}

// splitUnreadable takes the jobs that could not be read out of a list's
// error (a tree of errors.Join): they are rows, not a failure. rest is
// what else went wrong, or nil.
func splitUnreadable(err error) (bad []UnreadableJob, rest error) {
	var others []error
	var walk func(error)
	walk = func(err error) {
		if u, ok := err.(UnreadableJob); ok {
			bad = append(bad, u)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if err != nil {
			others = append(others, err)
		}
	}
	walk(err)
	return bad, errors.Join(others...)
}

// widen makes w fit r.
func (w *colWidths) widen(r listRow) {
	// As drawn: without joiners (see unjoin).
	w.name = max(w.name, ansi.StringWidth(unjoin(r.name))+2) // the cursor's two cells
	w.org = max(w.org, ansi.StringWidth(unjoin(r.org)))
	w.sched = max(w.sched, ansi.StringWidth(r.sched))
	w.win = max(w.win, ansi.StringWidth(r.win))
	w.source = max(w.source, ansi.StringWidth(unjoin(r.source)))
}

// SetVersion says which API version the server speaks, before jobs arrive.
func (l *JobList) SetVersion(v model.APIVersion) { l.version = v }

// NewJobList builds an empty list.
func NewJobList() JobList {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter by name, organization or schedule"
	staticCursor(&in)
	return JobList{filter: &in, orgs: map[string]string{}, height: 2}
}

// SetJobs replaces the jobs, keeping the cursor on the same job if it is
// still there.
func (l *JobList) SetJobs(jobs []*model.Job, orgs map[string]string) {
	var keep string
	if j := l.Selected(); j != nil {
		keep = j.ID
	}
	l.jobs, l.orgs, l.entries, l.widths, l.bad = nil, orgs, nil, colWidths{}, 0
	l.copies, l.ncopies = nil, 0
	l.shown = nil
	l.keep, l.bottom = "", false
	l.AppendJobs(jobs, orgs)
	if !l.cursorTo(keep) {
		l.keep = keep
	}
	l.settle()
}

// cursorTo puts the cursor on the shown job with id, if there is one.
func (l *JobList) cursorTo(id string) bool {
	for p, i := range l.shown {
		if id != "" && l.jobs[i] != nil && l.jobs[i].ID == id {
			l.cursor = p
			return true
		}
	}
	return false
}

// AppendJobs adds jobs after those the list has, as a server's pages
// arrive; orgs names the organizations seen so far. The cursor, the view
// and the filter stay; matching jobs join the filtered rows.
func (l *JobList) AppendJobs(jobs []*model.Job, orgs map[string]string) {
	if len(orgs) > 0 || l.orgs == nil {
		l.orgs = orgs
	}
	first := len(l.jobs)
	// New slices each time: a copy of the list (a Model is a value) keeps
	// its own, and appending in place would write into a shared array.
	l.jobs = append(slices.Clip(l.jobs), jobs...)
	rows := make([]listRow, len(l.entries), len(l.entries)+len(jobs))
	copy(rows, l.entries)
	shown := slices.Clip(l.shown)
	for i, j := range jobs {
		r := newListRow(j, l.orgs, l.version)
		rows = append(rows, r)
		l.widths.widen(r)
		if l.passes(&r, l.query) {
			shown = append(shown, first+i)
		}
	}
	l.entries, l.shown = rows, shown
	l.narrowed = []filterResult{{l.query, shown}} // the earlier results lack the new jobs
	if l.keep != "" && l.cursorTo(l.keep) {
		l.keep = ""
	}
	l.settle()
}

// AppendUnreadable adds a row for each job the server sent that could not
// be read, after those the list has, as AppendJobs adds jobs.
func (l *JobList) AppendUnreadable(bad []UnreadableJob) {
	if len(bad) == 0 {
		return
	}
	first := len(l.jobs)
	l.jobs = append(slices.Clip(l.jobs), make([]*model.Job, len(bad))...)
	rows := make([]listRow, len(l.entries), len(l.entries)+len(bad))
	copy(rows, l.entries)
	shown := slices.Clip(l.shown)
	for i, u := range bad {
		r := unreadableRow(u, l.orgs)
		rows = append(rows, r)
		l.widths.widen(r)
		if l.passes(&r, l.query) {
			shown = append(shown, first+i)
		}
	}
	l.entries, l.shown, l.bad = rows, shown, l.bad+len(bad)
	l.narrowed = []filterResult{{l.query, shown}}
	l.settle()
}

// Unreadable is how many of the list's jobs could not be read.
func (l JobList) Unreadable() int { return l.bad }

// SelectedUnreadable is why the job under the cursor could not be read,
// or "" when it could (or there is none).
func (l JobList) SelectedUnreadable() string {
	if l.cursor < 0 || l.cursor >= len(l.shown) {
		return ""
	}
	return l.entries[l.shown[l.cursor]].unreadable
}

// Jobs is the jobs that could be read, in the list's order.
func (l JobList) Jobs() []*model.Job {
	if l.bad == 0 && l.ncopies == 0 {
		return l.jobs
	}
	return slices.DeleteFunc(slices.Clone(l.jobs), func(j *model.Job) bool { return j == nil })
}

// ReplaceJob puts job (read back after a save, say) in the row of the job
// with its id; it reports whether there was one. The row stays where it is
// even if it no longer matches the filter, so the cursor does not jump.
func (l *JobList) ReplaceJob(job *model.Job) bool {
	i := slices.IndexFunc(l.jobs, func(j *model.Job) bool { return j != nil && j.ID == job.ID })
	if i < 0 {
		return false
	}
	l.jobs = slices.Clone(l.jobs)
	l.entries = slices.Clone(l.entries)
	l.jobs[i], l.entries[i] = job, newListRow(job, l.orgs, l.version)
	l.widths.widen(l.entries[i])
	l.narrowed = []filterResult{{l.query, l.shown}} // the job may match other filters now
	return true
}

// SetFilter shows only the jobs whose name, organization or schedule
// contain q; a new filter puts the cursor on the first match.
func (l *JobList) SetFilter(q string) {
	if l.filter.Value() != q {
		in := *l.filter
		in.SetValue(q)
		l.filter = &in
	}
	q = strings.ToLower(strings.TrimSpace(q))
	if q == l.query && l.shown != nil {
		return
	}
	l.query, l.keep, l.bottom = q, "", false
	l.shown, l.narrowed = l.narrow(q)
	l.cursor, l.offset = 0, 0
	l.settle()
}

// narrow finds the jobs matching q from the longest earlier filter that q
// contains: a job that contains q contains that filter too, so a filter
// that grows searches the previous result, and one that shrinks back
// finds its earlier result as it was.
func (l JobList) narrow(q string) ([]int, []filterResult) {
	for k := len(l.narrowed) - 1; k >= 0; k-- {
		prev := l.narrowed[k]
		if !strings.Contains(q, prev.query) {
			continue
		}
		kept := slices.Clip(l.narrowed[:k+1])
		if prev.query == q {
			return prev.shown, kept
		}
		shown := l.matching(q, prev.shown)
		return shown, append(kept, filterResult{q, shown})
	}
	shown := l.matching(q, nil)
	return shown, []filterResult{{q, shown}}
}

// matching returns the jobs of from (indices; every job when nil) that
// contain q, in a new slice, so a copy of the list keeps its own.
func (l JobList) matching(q string, from []int) []int {
	if from == nil {
		shown := make([]int, 0, len(l.entries))
		for i := range l.entries {
			if l.passes(&l.entries[i], q) {
				shown = append(shown, i)
			}
		}
		return shown
	}
	shown := make([]int, 0, len(from))
	for _, i := range from {
		if l.passes(&l.entries[i], q) {
			shown = append(shown, i)
		}
	}
	return shown
}

// passes reports whether a row shows under filter q and the kind filter.
func (l JobList) passes(r *listRow, q string) bool {
	return l.kind.shows(r) && (q == "" || strings.Contains(r.search, q))
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
func (l *JobList) MoveUp(n int) { l.keep, l.bottom = "", false; l.cursor -= n; l.settle() }

// MoveDown moves the cursor down n jobs.
func (l *JobList) MoveDown(n int) { l.keep, l.bottom = "", false; l.cursor += n; l.settle() }

// GotoTop moves the cursor to the first job.
func (l *JobList) GotoTop() { l.keep, l.bottom = "", false; l.cursor, l.offset = 0, 0; l.settle() }

// GotoBottom moves the cursor to the last job.
func (l *JobList) GotoBottom() { l.keep, l.bottom = "", true; l.settle() }

// PageUp scrolls a page up, the cursor with it.
func (l *JobList) PageUp() {
	l.keep, l.bottom = "", false
	l.cursor -= l.rows()
	l.offset -= l.rows()
	l.settle()
}

// PageDown scrolls a page down, the cursor with it.
func (l *JobList) PageDown() {
	l.keep, l.bottom = "", false
	l.cursor += l.rows()
	l.offset += l.rows()
	l.settle()
}

// settle clamps the cursor to the shown jobs and the offset so that the
// cursor is on screen and no page ends in empty rows while jobs are above.
func (l *JobList) settle() {
	n, rows := len(l.shown), l.rows()
	if l.bottom {
		l.cursor = n - 1
	}
	l.cursor = max(0, min(l.cursor, n-1))
	l.offset = max(0, min(l.offset, n-rows))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+rows {
		l.offset = l.cursor - rows + 1
	}
}

// Render draws the list in width columns and its height in rows, reading
// only the rows on screen.
func (l JobList) Render(s *Styles, width int) string {
	kindW, srcW := l.kindColumns(width)
	rest := width
	if kindW > 0 {
		rest -= kindW + 1
	}
	if srcW > 0 {
		rest -= srcW + 1
	}
	nameW, orgW, schedW, winW := l.columnWidths(rest)
	// A column 0 cells wide is left out, with its gap.
	row := func(name, kind, source, org, sched, win, status string) string {
		var b strings.Builder
		b.WriteString(cell(name, nameW))
		for _, c := range [...]struct {
			s string
			w int
		}{{kind, kindW}, {source, srcW}, {org, orgW}, {sched, schedW}, {win, winW}} {
			if c.w > 0 {
				b.WriteByte(' ')
				b.WriteString(cell(c.s, c.w))
			}
		}
		b.WriteByte(' ')
		b.WriteString(status)
		return b.String()
	}
	kindHead := "KIND"
	if kindW == 1 {
		kindHead = "K"
	}
	var b strings.Builder
	b.WriteString(s.Dim.Render(clip(row("  NAME", kindHead, "SOURCE", "ORGANIZATION", "SCHEDULE", "WINDOW", "LAST"), width)))
	if len(l.shown) == 0 {
		b.WriteString("\n  " + s.Dim.Render("no job matches"))
	}
	for p := l.offset; p < min(len(l.shown), l.offset+l.rows()); p++ {
		r := l.entries[l.shown[p]]
		kind := "backup"
		switch {
		case r.copy && kindW == 1:
			kind = "C"
		case r.copy:
			kind = "copy"
		case kindW == 1:
			kind = ""
		}
		line := clip(row("  "+r.name, kind, r.source, r.org, r.sched, r.win, r.last), width)
		b.WriteByte('\n')
		if p == l.cursor {
			b.WriteString(s.Selected.Render(cell(">"+line[1:], width)))
		} else {
			b.WriteString(line)
		}
	}
	return b.String()
}

// kindColumns is the widths of the KIND and SOURCE columns, 0 for a column
// left out: none while the list has no copy jobs; KIND ("backup", "copy")
// and SOURCE (a copy job's source backup job) when the other columns keep
// at least the 80 cells they have without them; else KIND as one cell, C
// for a copy job (the header says so).
func (l JobList) kindColumns(width int) (kind, source int) {
	if l.ncopies == 0 {
		return 0, 0
	}
	source = min(max(l.widths.source, len("SOURCE")), 24)
	if width-(len("backup")+1)-(source+1) >= 80 {
		return len("backup"), source
	}
	return 1, 0
}

// KindMarker says, when the list marks copy jobs with one cell, what the
// mark means; "" when the KIND column says it in words.
func (l JobList) KindMarker(width int) string {
	if k, _ := l.kindColumns(width); k == 1 {
		return "C: copy job"
	}
	return ""
}

// cell fits s to exactly width cells: cut with an ellipsis or padded.
// Padding counts cells, not bytes, so wide and accented names line up.
// Plain ASCII, the common case, is measured by its length: grapheme
// segmentation is most of a frame's cost otherwise.
func cell(s string, width int) string {
	if !isPrintableASCII(s) {
		return padRight(truncate(s, width), width)
	}
	if len(s) > width {
		return truncate(s, width)
	}
	return s + strings.Repeat(" ", width-len(s))
}

// clip cuts s to width cells, with an ellipsis; plain ASCII that fits is
// returned as it is without measuring its graphemes.
func clip(s string, width int) string {
	if len(s) <= width && isPrintableASCII(s) {
		return s
	}
	return truncate(s, width)
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// columnWidths fits the columns to their content. When the screen is too
// narrow the name keeps the most room, as the one column that tells jobs
// apart: the organization gives way first, then the window and the
// schedule, then the name down to 24 cells; then the organization is left
// out (0), and the window, the schedule and the name shrink to the least
// that still reads.
func (l JobList) columnWidths(width int) (name, org, sched, win int) {
	w := l.widths
	name, org, sched, win = max(w.name, len("  NAME")), max(w.org, len("ORGANIZATION")), max(w.sched, len("SCHEDULE")), max(w.win, len("WINDOW"))
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
	shrink(&win, 14)
	shrink(&sched, 16)
	shrink(&name, 24)
	if over > 0 {
		over -= org + 1 // the column and its gap
		org = 0
	}
	shrink(&win, 8)
	shrink(&sched, 14)
	shrink(&name, 16)
	// Leaving the organization out may free more than was over: it goes
	// back to the name, the window and the schedule, up to what they want.
	grow := func(w *int, want int) {
		if over < 0 && *w < want {
			add := min(-over, want-*w)
			*w += add
			over += add
		}
	}
	grow(&name, min(max(w.name, len("  NAME")), 32))
	grow(&win, max(w.win, len("WINDOW")))
	grow(&sched, min(max(w.sched, len("SCHEDULE")), 24))
	return name, org, sched, win
}

// FocusFilter puts the cursor in the filter's input.
func (l *JobList) FocusFilter() tea.Cmd {
	in := *l.filter
	cmd := in.Focus()
	l.filter = &in
	return cmd
}

// BlurFilter takes the cursor out of the filter's input.
func (l *JobList) BlurFilter() {
	in := *l.filter
	in.Blur()
	l.filter = &in
}

// UpdateFilter hands a key to the filter's input.
func (l *JobList) UpdateFilter(msg tea.Msg) tea.Cmd {
	in, cmd := l.filter.Update(msg)
	l.filter = &in
	return cmd
}

// newCopyRow is a backup copy job's row: its name, its source backup job's
// organization (v6 and v7 copy jobs carry none of their own), its copy
// schedule and copy window, and the source job's name.
func newCopyRow(j *model.CopyJob, src *model.Job, orgs map[string]string) listRow {
	name := model.SafeText(j.Name)
	last := model.SafeText(j.LastStatus)
	if probs := j.Problems(); len(probs) > 0 {
		name, last = "! "+name, "! "+probs[0]
	}
	sched := j.Policy.Describe()
	if !j.IsEnabled {
		sched = "disabled · " + sched
	}
	source, org := "(source job not listed)", ""
	if src != nil {
		source, org = src.Name, orgs[src.OrganizationID]
	}
	if org == "" {
		org = orgs[j.OrganizationID]
	}
	return listRow{
		name: name, org: model.SafeText(org), sched: sched, win: j.Policy.DescribeWindow(), last: last,
		source: model.SafeText(source), copy: true,
		search: strings.ToLower(j.Name + " " + org + " " + sched + " copy of " + source),
	}
}

// SetCopyJobs puts the backup copy jobs after the backup jobs, replacing
// the copy jobs the list had; each row names its source backup job, found
// among the list's jobs. The cursor stays on the job it was on.
func (l *JobList) SetCopyJobs(copies []*model.CopyJob) {
	keepJob, keepCopy := l.Selected(), l.SelectedCopy()
	jobs := make([]*model.Job, 0, len(l.jobs)+len(copies))
	rows := make([]listRow, 0, len(l.jobs)+len(copies))
	byID := make(map[string]*model.Job, len(l.jobs))
	l.widths = colWidths{}
	for i, j := range l.jobs {
		if l.copyAt(i) != nil {
			continue
		}
		jobs = append(jobs, j)
		rows = append(rows, l.entries[i])
		l.widths.widen(l.entries[i])
		if j != nil {
			byID[j.ID] = j
		}
	}
	cs := make([]*model.CopyJob, len(jobs), len(jobs)+len(copies))
	for _, c := range copies {
		r := newCopyRow(c, byID[c.BackupJobID], l.orgs)
		jobs, rows, cs = append(jobs, nil), append(rows, r), append(cs, c)
		l.widths.widen(r)
	}
	l.jobs, l.entries, l.copies, l.ncopies = jobs, rows, &cs, int32(len(copies))
	l.refilter()
	switch {
	case keepCopy != nil:
		l.cursorToRow(func(i int) bool { c := l.copyAt(i); return c != nil && c.ID == keepCopy.ID })
	case keepJob != nil:
		l.cursorTo(keepJob.ID)
	}
	l.settle()
}

// refilter works out the shown rows again from every row, after the rows
// or the kind filter changed; the cursor goes to the first.
func (l *JobList) refilter() {
	l.shown = l.matching(l.query, nil)
	l.narrowed = []filterResult{{l.query, l.shown}}
	l.cursor, l.offset = 0, 0
}

// cursorToRow puts the cursor on the first shown row that is holds for.
func (l *JobList) cursorToRow(is func(i int) bool) bool {
	for p, i := range l.shown {
		if is(i) {
			l.cursor = p
			return true
		}
	}
	return false
}

// copyAt is the copy job in row i, or nil.
func (l JobList) copyAt(i int) *model.CopyJob {
	if l.copies != nil && i < len(*l.copies) {
		return (*l.copies)[i]
	}
	return nil
}

// CopyJobs is how many backup copy jobs the list holds.
func (l JobList) CopyJobs() int { return int(l.ncopies) }

// SelectedCopy is the backup copy job under the cursor, or nil.
func (l JobList) SelectedCopy() *model.CopyJob {
	if l.cursor < 0 || l.cursor >= len(l.shown) {
		return nil
	}
	return l.copyAt(l.shown[l.cursor])
}

// ReplaceCopyJob puts a copy job read back after a save in its row, as
// ReplaceJob does for backup jobs.
func (l *JobList) ReplaceCopyJob(job *model.CopyJob) bool {
	if l.copies == nil {
		return false
	}
	i := slices.IndexFunc(*l.copies, func(c *model.CopyJob) bool { return c != nil && c.ID == job.ID })
	if i < 0 {
		return false
	}
	var src *model.Job
	for _, j := range l.jobs {
		if j != nil && j.ID == job.BackupJobID {
			src = j
		}
	}
	copies := slices.Clone(*l.copies)
	l.entries = slices.Clone(l.entries)
	copies[i], l.entries[i] = job, newCopyRow(job, src, l.orgs)
	l.copies = &copies
	l.widths.widen(l.entries[i])
	l.narrowed = []filterResult{{l.query, l.shown}}
	return true
}

// CycleKind shows all jobs, then backup jobs only, then copy jobs only.
func (l *JobList) CycleKind() {
	l.kind = l.kind.next()
	l.keep = ""
	l.refilter()
	l.settle()
}
