package ui

import (
	"errors"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// Minimum size of the list screen; the editor works out its own.
const minWidth, minHeight = 40, 12

// editorLayout places the editor's parts for a terminal size.
type editorLayout struct {
	grid         gridLayout
	gridX, gridY int // the grid's top-left corner on screen
	sideBySide   bool
	legend       bool // the grid's key fits beside it (stacked layout)
	formColumns  int
	formX        int
	needW, needH int
}

// The editor puts the form beside the grid from sideBySideWidth columns,
// under it in two columns from twoColumnsWidth.
const sideBySideWidth, twoColumnsWidth = 110, 76

// formMinWidth is the narrowest the form gets beside the grid: a wider
// grid gives way to it.
const formMinWidth = 50

// legendGap is the space between the grid and the key beside it.
const legendGap = 3

func (m Model) editorLayout() editorLayout {
	l := editorLayout{grid: gridLayout{cellWidth: 2, labelW: gridLabelWidth}, gridY: 2, formColumns: 1}
	rows := m.editor.sum.rows
	gridBlock := 1 + model.Days + underLines // header, rows, the lines under it
	switch {
	case m.width >= sideBySideWidth:
		l.sideBySide = true
		l.grid.cellWidth = widestCell(func(g gridLayout) bool { return g.width()+4+formMinWidth <= m.width })
		l.formX = l.grid.width() + 4
		// The key is two lines under the window's lines, beside the form.
		l.needW, l.needH = sideBySideWidth, 2+max(gridBlock+2, rows)+3
	default:
		l.grid.cellWidth = widestCell(func(g gridLayout) bool {
			return g.width()+legendGap+legendWidth(g.cellWidth) <= m.width
		})
		if m.width < l.grid.width()+1 {
			l.grid.cellWidth = 1
		}
		l.legend = m.width >= l.grid.width()+legendGap+legendWidth(l.grid.cellWidth)
		if m.width >= twoColumnsWidth {
			l.formColumns = 2
		}
		formRows := (rows + l.formColumns - 1) / l.formColumns
		l.needW, l.needH = l.grid.width()+1, 2+gridBlock+1+formRows+2 // header and blank, grid, blank, form, message and help
	}
	return l
}

// widestCell is the widest hour, from maxCellWidth down to 2 columns, for
// which fits holds; 2 when none does.
func widestCell(fits func(gridLayout) bool) int {
	for cw := maxCellWidth; cw > 2; cw-- {
		if fits(gridLayout{cellWidth: cw, labelW: gridLabelWidth}) {
			return cw
		}
	}
	return 2
}

func tooSmall(sizes string) string {
	return "terminal too small: need at least " + sizes
}

// View draws the current screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	if m.opts.Mouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "vbosched"
	return v
}

// tooSmall reports whether the screen shows "terminal too small" rather
// than what the keys would act on.
func (m Model) tooSmall() bool {
	if m.width < minWidth || m.height < minHeight {
		return true
	}
	if m.help || m.screen != screenEditor || m.editor.unreadable != "" || m.editor.inUse != "" {
		return false
	}
	l := m.editorLayout()
	return m.width < l.needW || m.height < l.needH
}

// editorShown reports whether the screen is the editor's grid and form
// (not its help, nor a question about its draft).
func (m Model) editorShown() bool {
	return !m.help && m.screen == screenEditor && m.editor.unreadable == "" && m.editor.inUse == ""
}

// minSizes is the least sizes the current screen is drawn in, narrowest
// first, each with fewer lines than the one before: the same at any size
// the terminal has, so that following "need at least" works. The editor's
// are those of its layouts: one column an hour with the form in one
// column, the form in two columns, and the form beside the grid.
func (m Model) minSizes() [][2]int {
	if !m.editorShown() {
		return [][2]int{{minWidth, minHeight}}
	}
	var sizes [][2]int
	for _, w := range [...]int{minWidth, twoColumnsWidth, sideBySideWidth} {
		at := m
		at.width = w
		l := at.editorLayout()
		size := [2]int{max(w, l.needW), max(minHeight, l.needH)}
		if len(sizes) == 0 || size[1] < sizes[len(sizes)-1][1] {
			sizes = append(sizes, size)
		}
	}
	return sizes
}

// tooSmallText says the least sizes the screen is drawn in.
func (m Model) tooSmallText() string {
	sizes := m.minSizes()
	var b strings.Builder
	for i, sz := range sizes {
		switch {
		case i == 0:
		case i == len(sizes)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d×%d", sz[0], sz[1])
	}
	// Wrapped on a terminal narrower than the line, which would cut the
	// sizes off.
	return wordWrap(tooSmall(b.String()), max(m.width, 10))
}

func (m Model) render() string {
	if m.width < minWidth || m.height < minHeight {
		return m.tooSmallText()
	}
	if m.help {
		return m.renderHelp()
	}
	switch m.screen {
	case screenEditor:
		if m.editor.unreadable != "" {
			return m.renderUnreadableDraft()
		}
		if m.editor.inUse != "" {
			return m.renderDraftInUse()
		}
		l := m.editorLayout()
		if m.width < l.needW || m.height < l.needH {
			return m.tooSmallText()
		}
		return m.renderEditor(l)
	case screenReview:
		body := m.review.Render(&m.styles, m.editor.target().title(m.editor.source), m.editor.draft.RunAfterSave, m.width, m.height-3)
		return m.frame(body, m.review.Message(&m.styles, m.width))
	case screenResult:
		return m.renderResult()
	case screenConflict:
		return m.frame(m.conflict.Render(&m.styles, m.width, m.height-3), "")
	case screenPlan:
		return m.renderPlan()
	}
	return m.renderList()
}

// chrome is the current screen's title and help line.
// jobName is the open job's name, terminal-safe, for the titles of the
// screens that follow the editor (H6: the result and the conflict).
func (m Model) jobName() string {
	if !m.editor.open() {
		return ""
	}
	return model.SafeText(m.editor.target().rawName())
}

func (m Model) chrome() (title string, keys helpSet) {
	switch {
	case m.help:
		return "Keys", helpNone
	case m.screen == screenEditor && m.editor.unreadable != "":
		return m.editorTitle(), helpDraftUnreadable
	case m.screen == screenEditor && m.editor.inUse != "":
		return m.editorTitle(), helpDraftInUse
	case m.screen == screenEditor && (m.editor.confirmQuit || m.editor.confirmReload):
		return m.editorTitle(), helpQuestion
	case m.screen == screenEditor && m.editor.offer == nil:
		return m.editorTitle(), m.editor.helpSet()
	case m.screen == screenReview && m.review.showJSON:
		return "Review: nothing is sent until you confirm", helpJSON
	case m.screen == screenReview:
		return "Review: nothing is sent until you confirm", helpReview
	case m.screen == screenResult:
		return "Save · " + m.jobName(), helpNone
	case m.screen == screenConflict && m.conflict.merging:
		return "Conflict: decide each field changed both ways · " + m.jobName(), helpResolve
	case m.screen == screenConflict:
		return "Conflict: " + m.jobName() + " changed on the server", helpConflict
	case m.screen == screenEditor && m.editor.offer != nil:
		return m.editorTitle(), helpDraftOffer
	case m.screen == screenPlan:
		return m.plan.Title(), helpPlan
	}
	more, keys := "", helpList
	if m.loading && len(m.list.jobs) > 0 {
		more = ", loading more…" // pages still arriving (ui/stream.go)
	}
	if n := m.list.Unreadable(); n > 0 {
		more = fmt.Sprintf(", %d unreadable%s", n, more) // rows marked "!": ui/list.go
	}
	total, copies := len(m.list.jobs), m.list.CopyJobs()
	filtered := len(m.list.shown) != total
	if copies > 0 {
		keys = helpListKinds
		if w := m.list.kind.words(); w != "" {
			more += ": " + w
		} else if !filtered {
			more += fmt.Sprintf(" and %d backup copy jobs", copies)
		}
		if mark := m.list.KindMarker(m.width); mark != "" {
			more += " · " + mark
		}
	}
	if filtered {
		return fmt.Sprintf("%d of %d jobs%s", len(m.list.shown), total, more), keys
	}
	return fmt.Sprintf("%d jobs%s", total-copies, more), keys
}

// frame puts the screen's title above and a message and help line below a
// body, filling the screen's height exactly.
func (m Model) frame(body, message string) string {
	var stack [frameStack]byte
	f := m.startFrame(stack[:0])
	return m.endFrame(f.text(body), message)
}

// frameStack is the room a frame is drawn in before it becomes a string:
// on the stack, so that a frame costs one allocation of its own size (a
// 120×40 editor is about 3.7 kB); a larger one grows onto the heap.
const frameStack = 8 << 10

// frameBuf is a frame being drawn: the header, then the body a line at a
// time, cut at the lines the screen has between the header and the
// message and help lines.
type frameBuf struct {
	b          []byte
	lines, max int  // body lines ended, and how many fit
	open       bool // a body line has begun and not ended
}

// startFrame begins a frame in buf with the screen's header line.
func (m Model) startFrame(buf []byte) frameBuf {
	title, _ := m.chrome()
	f := frameBuf{b: append(buf, m.header(title)...), max: m.height - 3}
	f.b = append(f.b, '\n')
	return f
}

// full reports that the body has all the lines that fit.
func (f frameBuf) full() bool { return f.lines >= f.max }

// The methods below take and return the frameBuf by value: a pointer
// receiver would make the compiler move the stack room to the heap.

// text adds body text; lines past the last that fits are dropped.
func (f frameBuf) text(s string) frameBuf {
	for s != "" && !f.full() {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			f.b = append(f.b, s...)
			f.open = true
			return f
		}
		f.b = append(f.b, s[:i+1]...)
		f.lines++
		f.open = false
		s = s[i+1:]
	}
	return f
}

// spaces adds n spaces to the body's current line.
func (f frameBuf) spaces(n int) frameBuf {
	if n <= 0 || f.full() {
		return f
	}
	for range n {
		f.b = append(f.b, ' ')
	}
	f.open = true
	return f
}

// endLine ends the body's current line.
func (f frameBuf) endLine() frameBuf {
	if !f.full() {
		f.b = append(f.b, '\n')
		f.lines++
		f.open = false
	}
	return f
}

// endFrame fills the body's remaining lines and adds the message and help
// lines: the frame as a string, its one allocation.
func (m Model) endFrame(f frameBuf, message string) string {
	_, keys := m.chrome()
	if f.open {
		f = f.endLine()
	}
	for ; f.lines < f.max; f.lines++ {
		f.b = append(f.b, '\n')
	}
	f.b = append(f.b, truncate(message, m.width)...)
	f.b = append(f.b, '\n')
	f.b = append(f.b, m.helpLine(keys)...)
	return string(f.b)
}

// header is the top line.
func (m Model) header(title string) string {
	return m.cache.header.get(m.headerKey(title), func() string { return m.drawHeader(title) })
}

func (m Model) headerKey(title string) headerKey {
	return headerKey{title: title, label: m.serverLabel(), width: m.width, dark: m.dark}
}

// drawHeader puts the title after the server's label. The title (the job's
// name above all) keeps its room: when both do not fit the label shrinks,
// leaving out the server's address, then the API version, then shortening
// its marks ("INSECURE", "READ-ONLY") which stay to the last.
func (m Model) drawHeader(title string) string {
	if !strings.Contains(title, "\x1b") { // editor titles come styled
		title = m.styles.Bold.Render(title)
	}
	room := m.width - ansi.StringWidth("vbosched  ") - ansi.StringWidth(title) - len(" · ")
	label := ""
	for _, l := range m.serverLabels() {
		if label = l; ansi.StringWidth(l) <= room {
			break
		}
	}
	if label != "" {
		label = m.styles.Dim.Render(" · " + label)
	}
	return truncate(m.styles.Title.Render("vbosched")+label+"  "+title, m.width)
}

// serverLabel is the header's label in full: the server, the API version
// and the session's marks. It keys the header's cache on every frame, so
// it is built without the shorter forms (serverLabels, on a cache miss).
func (m Model) serverLabel() string {
	b := m.opts.Backend
	label := b.Label()
	if v := b.APIVersion(); v != 0 {
		label += " · API " + v.String()
	}
	if m.opts.Insecure {
		label += " · INSECURE connection"
	}
	if m.opts.Mark != "" {
		label += " · " + model.SafeText(m.opts.Mark)
	}
	if m.opts.ReadOnly {
		label += " · READ-ONLY"
	}
	return label
}

// serverLabels is the header's label from the fullest to the shortest:
// without the server's address, without the API version, with the marks
// in one word each. The last is "" when there is no mark.
func (m Model) serverLabels() [4]string {
	b := m.opts.Backend
	var version, marks, short []string
	var demo []string
	if b.Label() == "DEMO" {
		// The demo's own server (a real one is labelled by its URL): that
		// nothing here is a real server is a mark, kept as the label gives way.
		demo = []string{"DEMO"}
	}
	if v := b.APIVersion(); v != 0 {
		version = append(version, "API "+v.String())
	}
	if m.opts.Insecure {
		marks, short = append(marks, "INSECURE connection"), append(short, "INSECURE")
	}
	if m.opts.Mark != "" {
		mark := model.SafeText(m.opts.Mark)
		first, _, _ := strings.Cut(mark, " ")
		marks, short = append(marks, mark), append(short, first)
	}
	if m.opts.ReadOnly {
		marks, short = append(marks, "READ-ONLY"), append(short, "READ-ONLY")
	}
	join := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		return strings.Join(all, " · ")
	}
	return [4]string{join([]string{b.Label()}, version, marks), join(demo, version, marks), join(demo, marks), join(demo, short)}
}

// helpLine is the short help of a screen.
func (m Model) helpLine(set helpSet) string {
	return m.cache.help.get(m.helpKey(set), func() string { return m.drawHelpLine(set) })
}

func (m Model) helpKey(set helpSet) helpKey {
	return helpKey{set: set, width: m.width, dark: m.dark, keys: m.keys}
}

func (m Model) drawHelpLine(set helpSet) string {
	return shortHelp(&m.styles, m.keys.short(set), m.width)
}

func (m Model) renderList() string {
	var body, message string
	switch {
	case m.loading && len(m.list.jobs) == 0:
		body = "\n  " + m.spinner.View() + " loading jobs…"
	case m.loadErr != nil && len(m.list.jobs) == 0:
		body = "\n  " + m.styles.Error.Render("Could not load the jobs:") + "\n  " + model.SafeLines(m.loadErr.Error()) + "\n\n  Press r to try again."
	default:
		body = m.list.Render(&m.styles, m.width)
		if m.loadErr != nil {
			message = m.styles.Warn.Render(oneLine(m.loadErr))
		}
	}
	filter := ""
	if m.list.filtering || m.list.filter.Value() != "" {
		filter = m.list.filter.View()
	}
	if message == "" {
		message = filter
	}
	return m.frame(body, message)
}

func (m Model) renderEditor(l editorLayout) string {
	e := &m.editor
	s := &m.styles
	var stack [frameStack]byte
	f := m.startFrame(stack[:0])
	f = f.endLine()
	marks := e.startMarks()
	w := e.shownWindow()
	gridLine := func(i int) {
		if !f.full() {
			f.b = e.grid.appendLine(f.b, i, s, &w, l.grid, !e.focusForm, nil, &marks)
			f.open = true
		}
	}
	key := &s.legend[l.grid.cellWidth-1]
	form := m.form(m.formSize(l))
	under := m.under(m.underWidth(l), m.width)
	if l.sideBySide {
		// Every grid line is as wide as the grid; the lines under it are
		// padded to the form, which goes on beside them a line at a time.
		right := form
		writeRight := func() {
			line, rest, _ := strings.Cut(right, "\n")
			f = f.text(line)
			f = f.endLine()
			right = rest
		}
		for i := range 1 + model.Days {
			gridLine(i)
			f = f.spaces(l.formX - l.grid.width())
			writeRight()
		}
		// The window's lines stay beside the form; the warnings and the
		// runs take the whole width once the form has ended.
		for _, line := range under[:underLines-2] {
			f = f.text(line.text)
			f = f.spaces(l.formX - line.width)
			writeRight()
		}
		for _, line := range s.legendRows[l.grid.cellWidth-1] {
			f = f.text(line.text)
			f = f.spaces(l.formX - line.width)
			writeRight()
		}
		for right != "" {
			f = f.spaces(l.formX)
			writeRight()
		}
		for _, line := range under[underLines-2:] {
			f = f.text(line.text)
			f = f.endLine()
		}
	} else {
		for i := range 1 + model.Days {
			gridLine(i)
			// The key sits beside the grid's rows, from Sunday down.
			if k := i - 1; l.legend && k >= 0 && k < len(key) {
				f = f.spaces(legendGap) // every grid line is as wide as the grid
				f = f.text(key[k])
			}
			f = f.endLine()
		}
		for _, line := range under {
			f = f.text(line.text)
			f = f.endLine()
		}
		f = f.endLine()
		f = f.text(form)
		// Too narrow for the key beside the grid: under the form, when
		// the lines are there.
		if f.open {
			f = f.endLine()
		}
		if !l.legend && f.max-f.lines > len(key) {
			f = f.endLine()
			for _, line := range key {
				f = f.text(line)
				f = f.endLine()
			}
		}
	}
	return m.endFrame(f, m.editorMessage())
}

// editorTitle is the job's name and whether it has unsaved changes.
func (m Model) editorTitle() string { return m.cache.title.get(m.titleKey(), m.drawEditorTitle) }

func (m Model) titleKey() titleKey {
	return titleKey{width: m.width, name: m.editor.target().rawName(), source: m.editor.source, dirty: m.editor.sum.dirty, listed: m.editor.listed, noDraft: m.draftErr != nil, readOnly: m.editor.readOnly, dark: m.dark}
}

func (m Model) drawEditorTitle() string {
	s := &m.styles
	var mark string
	switch {
	case m.editor.readOnly:
		mark = s.Warn.Render(" · READ-ONLY (in use)")
	case m.editor.sum.dirty && m.draftErr != nil:
		mark = s.Error.Render(" ● unsaved, NO DRAFT")
	case m.draftErr != nil:
		mark = s.Error.Render(" · drafts cannot be written")
	case m.editor.sum.dirty:
		mark = s.MarkDirty.Render(" ● unsaved changes")
	case m.editor.listed:
		mark = s.MarkClean.Render(" · as listed")
	default:
		mark = s.MarkClean.Render(" · as on the server")
	}
	// The job's name comes first, then the state mark, then a copy job's
	// "copy of" its source; the header's label gives way to them (see
	// drawHeader) but for its marks in one word each.
	room := m.width - ansi.StringWidth("vbosched  ") - ansi.StringWidth(mark)
	if marks := m.serverLabels()[3]; marks != "" {
		room -= ansi.StringWidth(" · " + marks)
	}
	return s.Bold.Render(fitTitle(m.editor.target(), m.editor.source, max(room, 12))) + mark
}

// fitTitle is a job's title (terminal-safe) in room cells: the name whole
// when it can be, then as much of a copy job's " · copy of <source>" as
// fits; a cut name keeps " · copy" after it, so a copy job never reads as
// its source.
func fitTitle(k jobKind, source string, room int) string {
	name := model.SafeText(k.rawName())
	title := k.title(source)
	rest := strings.TrimPrefix(title, name) // " · copy of …" or ""
	nameW, restW := ansi.StringWidth(name), ansi.StringWidth(rest)
	switch {
	case nameW+restW <= room:
		return title
	case rest == "":
		return truncate(name, room)
	case nameW+ansi.StringWidth(" · copy of …") <= room:
		return name + truncate(rest, room-nameW)
	}
	return truncate(name, max(room-ansi.StringWidth(" · copy"), 6)) + " · copy"
}

// underLines is how many lines the editor shows under the grid: the window
// in words, its hours and clock, the cursor's hour, the warnings and the
// next runs.
const underLines = 5

// underWidth is the width of the lines under the grid.
func (m Model) underWidth(l editorLayout) int {
	if l.sideBySide && m.editor.sum.rows <= 1+model.Days {
		// The form ends beside the grid (a copy job's): the lines under
		// the grid have the screen's width.
		return m.width
	}
	if l.sideBySide {
		// They end with the grid, not at the form: the window in words is
		// cut there, and a toggle that lengthens it rewrites all that shows
		// (the bytes of a toggle+move over SSH, see BenchmarkBytesPerCursorMove).
		return l.grid.width() - 1
	}
	return m.width
}

// under is the lines under the grid (see underLines).
// The window's lines are width wide, the warnings and runs wide.
func (m Model) under(width, wide int) underDrawing {
	u := m.cache.under.get(m.underKey(width, wide), func() underDrawing { return m.drawUnder(width, wide) })
	u[underStatus] = m.cache.status.get(m.statusKey(width), m.drawStatus(width))
	return u
}

func (m Model) underKey(width, wide int) underKey {
	sum := m.editor.sum
	return underKey{words: sum.words, clock: m.editor.zone, warnings: sum.warnText, runs: sum.runsText,
		width: width, wide: wide, dark: m.dark}
}

func (m Model) drawUnder(width, wide int) underDrawing {
	sum, s := m.editor.sum, &m.styles
	warn := s.Dim
	if len(sum.warnings) > 0 {
		warn = s.Warn
	}
	return underDrawing{
		sized(truncate(sum.words, width)),
		sized(clockLine(s, truncate(m.editor.zone, width))),
		{}, // underStatus: it changes on every move, so it is drawn apart
		sized(warn.Render(truncate(sum.warnText, wide))),
		sized(truncate(sum.runsText, wide)),
	}
}

// clockLine draws the line of the window's hour count and clock: the
// count plain, what follows it dim. A toggle changes the count, and a
// plain one rewrites only its digits (see BenchmarkBytesPerCursorMove).
func clockLine(s *Styles, line string) string {
	count, rest, ok := strings.Cut(line, " · ")
	if !ok {
		return s.Dim.Render(line)
	}
	return count + s.Dim.Render(" · "+rest)
}

// formSize is the form's width and number of columns in a layout.
func (m Model) formSize(l editorLayout) (width, columns int) {
	if l.sideBySide {
		return m.width - l.formX, l.formColumns
	}
	return m.width, l.formColumns
}

// form draws the form; a cursor move in the grid changes none of it, so
// the drawing is usually found in the cache.
func (m Model) form(width, columns int) string {
	return m.cache.form.get(m.formKey(width, columns), func() string { return m.drawForm(width, columns) })
}

func (m Model) formKey(width, columns int) formKey {
	e := &m.editor
	f := &e.form
	// The form does not show the hours, only what is wrong with them: a
	// toggle in the grid leaves the drawing as it was unless the errors change.
	shown := e.draft
	shown.Policy.BackupWindow.Hours, shown.Policy.PeriodicWindow.Hours = model.Window{}, model.Window{}
	area, line, col := f.areaState()
	return formKey{draft: shown, version: e.version, errs: e.sum.errsText, focus: f.focus, editing: f.editing,
		input: f.input.Value(), pos: f.input.Position(), inputErr: f.inputErr, focused: e.focusForm,
		area: area, line: line, col: col,
		width: width, columns: columns, dark: m.dark}
}

func (m Model) drawForm(width, columns int) string {
	e := &m.editor
	d := e.draft // a copy: see editor.onDraft
	return e.form.Render(&m.styles, &d, e.version, e.sum.errs, e.focusForm, width, columns)
}

func (m Model) editorMessage() string {
	e, s := &m.editor, &m.styles
	switch {
	// The keys come first: at 80 columns the end of a question is cut.
	case e.confirmQuit && e.quitProgram && m.opts.Drafts != nil && m.draftErr == nil:
		return s.Warn.Render("y: quit, your edits stay in a draft · any other key: keep editing")
	case e.confirmQuit && e.quitProgram && m.opts.Drafts != nil:
		return s.Error.Render("y: quit and LOSE your edits (no draft could be written) · other key: stay")
	case e.confirmQuit && e.quitProgram:
		return s.Warn.Render("y: quit and lose your unsaved changes · any other key: keep editing")
	case e.confirmQuit:
		return s.Warn.Render("Discard your unsaved changes? y: discard · any other key: keep editing")
	case e.confirmReload:
		return s.Warn.Render("Reload from the server and drop your changes? y: reload · any other key: keep editing")
	case e.offer != nil:
		return s.Warn.Render("This job has an unsaved draft from " + e.offer.Saved.Local().Format("2006-01-02 15:04") + ". y: restore it · n: discard it")
	case e.form.editing && e.form.inputErr != "":
		return s.Error.Render("✗ " + e.form.fields[e.form.focus].label + ": " + e.form.inputErr)
	case e.presets:
		// The six choices take two lines at 80 columns: this one and the
		// help line (helpPresets), so every option is in view.
		return "Preset (any other key cancels): " + shortHelp(s, m.keys.PresetChoice[:3], 0)
	case e.grid.Selecting() && !e.focusForm:
		return fmt.Sprintf("selecting %d h: a allow · d deny · space toggle · esc clear", e.grid.Target().Cells())
	case e.message == "" && e.focusForm:
		return s.Dim.Render(e.fieldHint())
	}
	return e.message
}

// renderUnreadableDraft says that the job's draft cannot be read, where
// it is and how to remove it, and offers to open the job without it.
func (m Model) renderUnreadableDraft() string {
	s, w := &m.styles, m.width-4
	body := "\n  " + s.Warn.Render("This job has a draft that cannot be read.") + " It is left as it is.\n\n  " +
		wrap(m.editor.unreadable, w, "  ") + "\n\n  " +
		wrap("To remove it: vbosched drafts --clear (every draft), or delete the file named above.", w, "  ") + "\n\n  " +
		wrap("y: open the job without it (your first edit replaces it) · esc: back, leaving it", w, "  ")
	return m.frame(body, "")
}

// renderDraftInUse says who has the job open in another session and
// offers to look at it read-only or to take its draft over.
func (m Model) renderDraftInUse() string {
	s, w := &m.styles, m.width-4
	body := "\n  " + s.Warn.Render("This job is being edited in another vbosched session.") + "\n\n  " +
		wrap("By "+model.SafeText(m.editor.inUse)+". Its unsaved edits are that session's draft.", w, "  ") + "\n\n  " +
		wrap("r: open it read-only · t: take the job over (the other session can no longer keep its edits) · esc: back", w, "  ")
	return m.frame(body, "")
}

func (m Model) renderResult() string {
	s := &m.styles
	r := m.result
	var body string
	switch {
	case m.saving && m.quitAfterSave:
		body = "\n  " + m.spinner.View() + " saving: waiting for the server's answer before quitting…\n\n  " +
			s.Warn.Render("ctrl+c again quits now, without knowing whether the job was saved.")
	case m.saving:
		body = "\n  " + m.spinner.View() + " saving: reading the job again, then sending the PUT…"
	case r.err != nil:
		body = m.renderSaveError()
	case r.copyJob != nil:
		body = "\n  " + s.OK.Render("Saved.") + " Read back from the server:\n\n" + hang(copyResultLines(r.copyJob), m.width, resultIndent) +
			savedNote(s, r.note, m.width) + "\n\n  Press any key to keep editing, q for the job list."
	default:
		body = "\n  " + s.OK.Render("Saved.") + " Read back from the server:\n\n" + hang(jobResultLines(r.job), m.width, resultIndent) +
			savedNote(s, r.note, m.width)
		switch {
		case r.started:
			body += "\n  The job was started."
		case r.startErr != nil:
			body += "\n  " + s.Error.Render("Starting the job failed: "+oneLine(r.startErr))
		}
		body += "\n\n  Press any key to keep editing, q for the job list."
	}
	return m.frame(body, "")
}

// resultIndent is where the values of the result screen's lines begin
// ("  %-18s "): a value too long for a line goes on under itself.
const resultIndent = 2 + 18 + 1

// savedNote is the note of a save that stood while someone else changed a
// field it did not edit; "" without one.
func savedNote(s *Styles, note string, width int) string {
	if note == "" {
		return ""
	}
	return "\n  " + s.Warn.Render("Note:") + " " + wrap(strings.ReplaceAll(model.SafeLines(note), "\n", " "), width-10, "  ")
}

// renderSaveError says how a save failed and what is known of the job now.
func (m Model) renderSaveError() string {
	s, err := &m.styles, m.result.err
	missing, notApplied := notAppliedFields(err)
	switch {
	case notApplied:
		var b strings.Builder
		b.WriteString("\n  " + s.Error.Render("Not saved as sent.") + " The server accepted the change but shows otherwise:\n\n")
		for _, c := range missing {
			fmt.Fprintf(&b, "  %s: sent %s → server shows %s\n", short(c.Field), s.Added.Render(model.SafeText(c.Old)), s.Removed.Render(model.SafeText(c.New)))
		}
		b.WriteString("\n  Your edits are kept, still unsaved. Press any key to go back to the editor.")
		return b.String()
	case errors.As(err, new(*model.PartlySavedError)):
		return "\n  " + s.Warn.Render("Partly saved.") + "\n\n  " + wrap(oneLine(err), m.width-4, "  ") +
			"\n\n  The job changed on the server; your edits are kept on top of it, still unsaved:\n  save again to send what did not stick. Press any key to go back to the editor."
	case unknownOutcome(err):
		return "\n  " + s.Warn.Render("Unknown whether it was saved.") + "\n\n  " + wrap(oneLine(err), m.width-4, "  ") +
			"\n\n  Your edits are kept. r: reload the job from the server to see · any other key: back to the editor."
	}
	return "\n  " + s.Error.Render("Not saved.") + "\n\n  " + wrap(oneLine(err), m.width-4, "  ") +
		"\n\n  Your edits are kept. Press any key to go back to the editor."
}

// oneLine is an error made terminal-safe (it may quote the server) and
// put on one line, for the footer and for wrap.
func oneLine(err error) string {
	return strings.ReplaceAll(model.SafeLines(err.Error()), "\n", " ")
}

func wrap(s string, width int, indent string) string {
	var out []string
	for len(s) > width && width > 10 {
		cut := strings.LastIndex(s[:width], " ")
		if cut <= 0 {
			cut = width
		}
		out = append(out, s[:cut])
		s = strings.TrimSpace(s[cut:])
	}
	out = append(out, s)
	return strings.Join(out, "\n"+indent)
}

// renderHelp is the full help of the screen under it, fitted to the
// width, with the grid's legend under the editor's keys.
func (m Model) renderHelp() string {
	under := m
	under.help = false
	_, set := under.chrome()
	body := "\n  " + strings.ReplaceAll(fullHelp(&m.styles, m.keys.full(set), m.width-2), "\n", "\n  ")
	if m.screen == screenEditor {
		c := m.styles.cell
		body += "\n\n  Grid: " + c(cellAllowed) + " allowed · " + c(cellDenied) + " denied · │ every 6 h · selected: " +
			c(cellSelAllowed) + " allowed, " + c(cellSelDenied) + " denied." +
			"\n  Cursor: " + c(cellCurAllowed) + " on an allowed hour · " + c(cellCurDenied) + " on a denied hour" + m.cursorForms() + "." +
			"\n  Starts: " + c(cellStartAllowed) + " the job starts · " + c(cellStartWaits) + " a start the " + m.editor.target().windowName(model.BackupWindowKind) + " holds back" +
			"\n  until its next allowed hour · " + c(cellStartOff) + " a start in a window that is off." +
			"\n  Mouse: click an hour, drag a rectangle, click a day or hour label."
	}
	return m.frame(body, "any key closes this help")
}
