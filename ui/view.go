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
	l := editorLayout{grid: gridLayout{cellWidth: 2, labelW: 5}, gridY: 2, formColumns: 1}
	if m.width < l.grid.width()+1 {
		l.grid.cellWidth = 1
	}
	rows := 0
	if m.editor != nil {
		rows = len(m.editor.form.visible(&m.editor.draft, m.editor.version))
	}
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
		return m.frame("Review: nothing is sent until you confirm", body, "", m.keys.reviewHelp())
	case screenResult:
		return m.renderResult()
	}
	return m.renderList()
}

// frame puts a title above and a message and help line below a body.
func (m Model) frame(title, body, message string, keys []key.Binding) string {
	head := m.styles.Title.Render("vbosched") + m.styles.Dim.Render(" · "+m.serverLabel()) + "  " + m.styles.Bold.Render(title)
	lines := strings.Split(body, "\n")
	bodyH := m.height - 3
	for len(lines) < bodyH {
		lines = append(lines, "")
	}
	lines = lines[:bodyH]
	return truncate(head, m.width) + "\n" + strings.Join(lines, "\n") + "\n" +
		truncate(message, m.width) + "\n" + m.helpLine(keys)
}

func (m Model) serverLabel() string {
	b := m.opts.Backend
	label := b.Label()
	if v := b.APIVersion(); v != 0 {
		label += " · API " + v.String()
	}
	return label
}

// helpLine renders the short help; rendered lines are cached per key set,
// width and styles, since they change only on resize or a new background.
func (m Model) helpLine(keys []key.Binding) string {
	if len(keys) == 0 {
		return ""
	}
	cacheKey := fmt.Sprintf("%d/%s/%d", m.width, keys[0].Help().Key, len(keys))
	if line, ok := m.cache.help[cacheKey]; ok {
		return line
	}
	line := truncate(m.renderHelpLine(keys), m.width)
	m.cache.help[cacheKey] = line
	return line
}

func (m Model) renderHelpLine(keys []key.Binding) string {
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		h := k.Help()
		parts = append(parts, m.styles.Key.Render(h.Key)+" "+m.styles.Dim.Render(h.Desc))
	}
	return strings.Join(parts, m.styles.Dim.Render(" · "))
}

func (m Model) renderList() string {
	var body, message string
	switch {
	case m.loading:
		body = "\n  " + m.spinner.View() + " loading jobs…"
	case m.loadErr != nil && len(m.list.jobs) == 0:
		body = "\n  " + m.styles.Error.Render("Could not load the jobs:") + "\n  " + m.loadErr.Error() + "\n\n  Press r to try again."
	default:
		body = m.list.Render(&m.styles, m.width, m.height-4)
		if m.loadErr != nil {
			message = m.styles.Warn.Render(m.loadErr.Error())
		}
	}
	filter := ""
	if m.list.filtering || m.list.filter.Value() != "" {
		filter = m.list.filter.View()
	}
	if message == "" {
		message = filter
	}
	title := fmt.Sprintf("%d jobs", len(m.list.jobs))
	if len(m.list.shown) != len(m.list.jobs) {
		title = fmt.Sprintf("%d of %d jobs", len(m.list.shown), len(m.list.jobs))
	}
	return m.frame(title, body, message, m.keys.listHelp())
}

func (m Model) renderEditor(l editorLayout) string {
	e := m.editor
	s := &m.styles
	win := *e.window()
	name := "Backup window"
	enabled := e.draft.Policy.BackupWindowEnabled
	offset := e.draft.Policy.BackupWindow.MinuteOffset
	if e.periodic {
		name, enabled, offset = "Periodic window", e.draft.Policy.PeriodicWindowEnabled, e.draft.Policy.PeriodicWindow.MinuteOffset
	}
	state := "on"
	if !enabled {
		state = "off (not enforced)"
	}
	var gridLines []string
	gridLines = append(gridLines, strings.Split(e.grid.Render(s, win, l.grid, !e.focusForm, nil), "\n")...)
	words := fmt.Sprintf("%s %s: %s", name, state, win.String())
	clock := fmt.Sprintf("%d of 168 h allowed · hours in server local time", win.Count())
	if offset != 0 {
		clock += fmt.Sprintf(" · minuteOffset %d", offset)
	}
	if e.draft.Policy.HasPeriodicWindow {
		clock += " · w: other window"
	}
	gridLines = append(gridLines, truncate(words, l.grid.width()+30), s.Dim.Render(clock))
	formW := m.width
	if l.sideBySide {
		formW = m.width - l.formX
	}
	form := e.form.Render(s, &e.draft, e.version, e.validationErrors(), e.focusForm, formW, l.formColumns)
	var body string
	if l.sideBySide {
		left := gridLines
		right := strings.Split(form, "\n")
		for i := 0; i < max(len(left), len(right)); i++ {
			var a, b string
			if i < len(left) {
				a = truncate(left[i], l.formX-2)
			}
			if i < len(right) {
				b = right[i]
			}
			body += padRight(a, l.formX) + b + "\n"
		}
	} else {
		body = strings.Join(gridLines, "\n") + "\n\n" + form
	}
	title := e.job.Name
	if e.dirty() {
		title += s.Warn.Render(" ● unsaved changes")
	} else {
		title += s.Dim.Render(" · as on the server")
	}
	message := e.message
	switch {
	case e.confirmQuit:
		message = s.Warn.Render("Discard your unsaved changes? y: discard · any other key: keep editing")
	case e.form.editing && e.form.inputErr != "":
		message = s.Error.Render("✗ " + e.form.fields[e.form.focus].label + ": " + e.form.inputErr)
	case e.presets:
		var opts []string
		for _, p := range presets {
			opts = append(opts, s.Key.Render(p.key)+" "+p.name)
		}
		message = "Preset: " + strings.Join(opts, "  ")
	case e.grid.Selecting() && !e.focusForm:
		r := e.grid.Target()
		message = fmt.Sprintf("selecting %d h: a allow · d deny · space toggle · esc clear", r.Cells())
	}
	keys := m.keys.gridHelp()
	if e.focusForm {
		keys = m.keys.formHelp()
	}
	return m.frame(title, "\n"+strings.TrimRight(body, "\n"), message, keys)
}

func (m Model) renderResult() string {
	s := &m.styles
	r := m.result
	var body string
	switch {
	case m.saving:
		body = "\n  " + m.spinner.View() + " saving: reading the job again, then sending the PUT…"
	case r.err != nil:
		body = "\n  " + s.Error.Render("Not saved.") + "\n\n  " + wrap(r.err.Error(), m.width-4, "  ") +
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
			body += "\n  " + s.Error.Render("Starting the job failed: "+r.startErr.Error())
		}
		body += "\n\n  Press any key to keep editing, q for the job list."
	}
	return m.frame("Save", body, "", nil)
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
	return m.frame("Keys", b.String(), "any key closes this help", nil)
}
