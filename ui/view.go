package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
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
	formColumns  int
	formX        int
	needW, needH int
}

func (m Model) editorLayout() editorLayout {
	l := editorLayout{grid: gridLayout{cellWidth: 2, labelW: gridLabelWidth}, gridY: 2, formColumns: 1}
	if m.width < l.grid.width()+1 {
		l.grid.cellWidth = 1
	}
	rows := m.editor.sum.rows
	gridBlock := 1 + model.Days + 2 // header, rows, words, clock
	switch {
	case m.width >= 110:
		l.sideBySide = true
		l.formX = l.grid.width() + 4
		l.needW, l.needH = 110, 2+max(gridBlock, rows)+3
	default:
		if m.width >= 76 {
			l.formColumns = 2
		}
		formRows := (rows + l.formColumns - 1) / l.formColumns
		l.needW, l.needH = l.grid.width()+1, 2+gridBlock+1+formRows+3
	}
	return l
}

func tooSmall(w, h int) string {
	return fmt.Sprintf("terminal too small: need at least %d×%d", w, h)
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

func (m Model) render() string {
	if m.width < minWidth || m.height < minHeight {
		return tooSmall(minWidth, minHeight)
	}
	if m.help {
		return m.renderHelp()
	}
	switch m.screen {
	case screenEditor:
		l := m.editorLayout()
		if m.width < l.needW || m.height < l.needH {
			return tooSmall(l.needW, l.needH)
		}
		return m.renderEditor(l)
	case screenReview:
		body := m.review.Render(&m.styles, m.editor.job, m.editor.draft.RunAfterSave, m.width, m.height-3)
		return m.frame(body, "")
	case screenResult:
		return m.renderResult()
	}
	return m.renderList()
}

// chrome is the current screen's title and help line.
func (m Model) chrome() (title string, keys helpSet) {
	switch {
	case m.help:
		return "Keys", helpNone
	case m.screen == screenEditor:
		if m.editor.focusForm {
			return m.editorTitle(), helpForm
		}
		return m.editorTitle(), helpGrid
	case m.screen == screenReview:
		return "Review: nothing is sent until you confirm", helpReview
	case m.screen == screenResult:
		return "Save", helpNone
	}
	more := ""
	if m.loading && len(m.list.jobs) > 0 {
		more = ", loading more…" // pages still arriving (ui/stream.go)
	}
	if len(m.list.shown) != len(m.list.jobs) {
		return fmt.Sprintf("%d of %d jobs%s", len(m.list.shown), len(m.list.jobs), more), helpList
	}
	return fmt.Sprintf("%d jobs%s", len(m.list.jobs), more), helpList
}

// frame puts the screen's title above and a message and help line below a
// body, filling the screen's height exactly.
func (m Model) frame(body, message string) string {
	title, keys := m.chrome()
	var b strings.Builder
	b.Grow(len(body) + 512)
	b.WriteString(m.header(title))
	b.WriteByte('\n')
	lines := 0
	for line := range strings.Lines(body) {
		if lines == m.height-3 {
			break
		}
		b.WriteString(strings.TrimSuffix(line, "\n"))
		b.WriteByte('\n')
		lines++
	}
	for ; lines < m.height-3; lines++ {
		b.WriteByte('\n')
	}
	b.WriteString(truncate(message, m.width))
	b.WriteByte('\n')
	b.WriteString(m.helpLine(keys))
	return b.String()
}

// header is the top line.
func (m Model) header(title string) string {
	return m.cache.header.get(m.headerKey(title), func() string { return m.drawHeader(title) })
}

func (m Model) headerKey(title string) headerKey {
	return headerKey{title: title, label: m.serverLabel(), width: m.width, dark: m.dark}
}

func (m Model) drawHeader(title string) string {
	if !strings.Contains(title, "\x1b") { // editor titles come styled
		title = m.styles.Bold.Render(title)
	}
	return truncate(m.styles.Title.Render("vbosched")+m.styles.Dim.Render(" · "+m.serverLabel())+"  "+title, m.width)
}

func (m Model) serverLabel() string {
	b := m.opts.Backend
	label := b.Label()
	if v := b.APIVersion(); v != 0 {
		label += " · API " + v.String()
	}
	return label
}

// helpLine is the short help of a screen.
func (m Model) helpLine(set helpSet) string {
	return m.cache.help.get(m.helpKey(set), func() string { return m.drawHelpLine(set) })
}

func (m Model) helpKey(set helpSet) helpKey { return helpKey{set: set, width: m.width, dark: m.dark} }

func (m Model) drawHelpLine(set helpSet) string {
	keys := m.keys.short(set)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		h := k.Help()
		parts = append(parts, m.styles.Key.Render(h.Key)+" "+m.styles.Dim.Render(h.Desc))
	}
	return truncate(strings.Join(parts, m.styles.Dim.Render(" · ")), m.width)
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
	var body strings.Builder
	body.Grow(4096)
	body.WriteByte('\n')
	grid := e.grid.Render(s, *e.window(), l.grid, !e.focusForm, nil)
	form := m.form(m.formSize(l))
	under := m.under(m.underWidth(l))
	if l.sideBySide {
		// Every grid line is as wide as the grid; the lines under it are
		// padded where they are rendered.
		gridPad := strings.Repeat(" ", l.formX-l.grid.width())
		right := strings.Split(form, "\n")
		row := 0
		writeRight := func() {
			if row < len(right) {
				body.WriteString(right[row])
			}
			body.WriteByte('\n')
			row++
		}
		for line := range strings.Lines(grid) {
			body.WriteString(strings.TrimSuffix(line, "\n"))
			body.WriteString(gridPad)
			writeRight()
		}
		for _, line := range under {
			body.WriteString(padRight(line, l.formX))
			writeRight()
		}
		for row < len(right) {
			body.WriteString(strings.Repeat(" ", l.formX))
			writeRight()
		}
	} else {
		body.WriteString(grid)
		for _, line := range under {
			body.WriteByte('\n')
			body.WriteString(line)
		}
		body.WriteString("\n\n")
		body.WriteString(form)
	}
	return m.frame(body.String(), m.editorMessage())
}

// editorTitle is the job's name and whether it has unsaved changes.
func (m Model) editorTitle() string { return m.cache.title.get(m.titleKey(), m.drawEditorTitle) }

func (m Model) titleKey() titleKey {
	return titleKey{name: m.editor.job.Name, dirty: m.editor.sum.dirty, dark: m.dark}
}

func (m Model) drawEditorTitle() string {
	s := &m.styles
	t := s.Bold.Render(model.SafeText(m.editor.job.Name))
	if m.editor.sum.dirty {
		return t + s.Warn.Render(" ● unsaved changes")
	}
	return t + s.Dim.Render(" · as on the server")
}

// underWidth is the width of the two lines under the grid.
func (m Model) underWidth(l editorLayout) int {
	if l.sideBySide {
		return l.formX - 2
	}
	return m.width
}

// under is the two lines under the grid: the window in words and its hour
// count and clock.
func (m Model) under(width int) [2]string {
	return m.cache.under.get(m.underKey(width), func() [2]string { return m.drawUnder(width) })
}

func (m Model) underKey(width int) underKey {
	return underKey{words: m.editor.sum.words, clock: m.editor.sum.clock, width: width, dark: m.dark}
}

func (m Model) drawUnder(width int) [2]string {
	sum := &m.editor.sum
	return [2]string{truncate(sum.words, width), m.styles.Dim.Render(truncate(sum.clock, width))}
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
	return formKey{draft: shown, version: e.version, errs: e.sum.errsText, focus: f.focus, editing: f.editing,
		input: f.input.Value(), pos: f.input.Position(), inputErr: f.inputErr, focused: e.focusForm,
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
	case e.confirmQuit:
		return s.Warn.Render("Discard your unsaved changes? y: discard · any other key: keep editing")
	case e.form.editing && e.form.inputErr != "":
		return s.Error.Render("✗ " + e.form.fields[e.form.focus].label + ": " + e.form.inputErr)
	case e.presets:
		var opts []string
		for _, p := range presets {
			opts = append(opts, s.Key.Render(p.key)+" "+p.name)
		}
		return "Preset: " + strings.Join(opts, "  ")
	case e.grid.Selecting() && !e.focusForm:
		return fmt.Sprintf("selecting %d h: a allow · d deny · space toggle · esc clear", e.grid.Target().Cells())
	}
	return e.message
}

func (m Model) renderResult() string {
	s := &m.styles
	r := m.result
	var body string
	switch {
	case m.saving:
		body = "\n  " + m.spinner.View() + " saving: reading the job again, then sending the PUT…"
	case r.err != nil:
		body = "\n  " + s.Error.Render("Not saved.") + "\n\n  " + wrap(oneLine(r.err), m.width-4, "  ") +
			"\n\n  Your edits are kept. Press any key to go back to the editor."
	default:
		p := r.job.Policy
		body = "\n  " + s.OK.Render("Saved.") + " Read back from the server:\n\n" +
			fmt.Sprintf("  %-16s %s\n", "schedule", p.Describe()) +
			fmt.Sprintf("  %-16s %s\n", "backup window", p.DescribeWindow()) +
			fmt.Sprintf("  %-16s %t, %d × %d min\n", "retry", p.RetryEnabled, p.RetryNumber, p.RetryWaitMinutes)
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

func (m Model) renderHelp() string {
	var b strings.Builder
	b.WriteString("\n")
	groups := m.keys.FullHelp()
	if m.width < 120 { // two wider columns rather than four cut ones
		groups = [][]key.Binding{append(groups[0], groups[1]...), append(groups[2], groups[3]...)}
	}
	colW := max(20, m.width/len(groups))
	rows := 0
	for _, g := range groups {
		rows = max(rows, len(g))
	}
	if colW*len(groups) > m.width {
		// Too narrow for columns: one list.
		for _, g := range groups {
			for _, k := range g {
				h := k.Help()
				fmt.Fprintf(&b, "  %-10s %s\n", m.styles.Key.Render(h.Key), h.Desc)
			}
		}
	} else {
		for r := 0; r < rows; r++ {
			line := ""
			for _, g := range groups {
				cell := ""
				if r < len(g) {
					h := g[r].Help()
					cell = " " + m.styles.Key.Render(fmt.Sprintf("%-9s", h.Key)) + " " + h.Desc
				}
				line += padRight(truncate(cell, colW-1), colW)
			}
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	b.WriteString("\n  Grid: ██ allowed · ·· denied · ▓▓/░░ selected · ▐▌/<> cursor.  Mouse: click, drag, click a label.")
	return m.frame(b.String(), "any key closes this help")
}
