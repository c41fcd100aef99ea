package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/vbosched/vbosched/model"
)

// review is the last look before anything is sent: every changed field,
// the hours that change, and on request the exact JSON body.
type review struct {
	changes  []model.FieldChange
	old, new model.SchedulePolicy // the schedules as a backup job's (jobKind.schedule)
	names    [2]string            // the windows' names (jobKind.windowNames)
	body     string
	bodyErr  error
	showJSON bool
	json     *viewport.Model // the body, paged; 2.6 kB, so shared and replaced on each change, never written through (see Form.input)
	scroll   int
	note     string // how the edit came to be, after a conflict

	// What the schedule will do, as the editor worked it out (settle).
	warnings []model.Warning
	runsText string // the editor's line of next runs, dated where weekdays alone would mislead
}

func newReview(e *editor) review {
	sum := e.summary()
	t := e.target()
	read := t.read()
	r := review{changes: e.changes(), old: t.schedule(read), new: t.schedule(e.draft), names: t.windowNames(),
		warnings: sum.warnings, runsText: sum.runsText}
	body, err := t.body(e.draft, e.version)
	if err == nil {
		var buf bytes.Buffer
		_ = json.Indent(&buf, body, "", "  ")
		r.body = string(model.SafeJSON(buf.Bytes())) // names come from the server
		if req := t.afterPut(e.draft, e.version); req != "" {
			r.body += "\n\nthen " + model.SafeText(req) + " (the " + e.version.String() + " PUT does not carry the switch)"
		}
	}
	vp := viewport.New()
	vp.LeftGutterFunc = nil // no gutter; and a nil func keeps the Model comparable in tests
	vp.SetContent(r.body)
	r.json = &vp
	r.bodyErr = err
	return r
}

// Render draws the review in width × height.
func (r review) Render(s *Styles, title string, run bool, width, height int) string {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	if r.showJSON {
		return r.renderJSON(s, width)
	} else {
		if r.noteInBody(width) {
			for _, line := range strings.Split(wordWrap(r.note, width), "\n") {
				add("%s", s.Warn.Render(line))
			}
			add("")
		}
		add("%s", s.Bold.Render(fmt.Sprintf("%d change(s) to %s:", len(r.changes), title)))
		for _, c := range r.changes {
			label, old, new := model.ChangeWords(c)
			// A name or description may come from the server.
			text := fmt.Sprintf("%s: %s → %s", label, s.Removed.Render(model.SafeText(old)), s.Added.Render(model.SafeText(new)))
			for i, line := range strings.Split(wordWrap(text, max(20, width-4)), "\n") {
				lines = append(lines, strings.Repeat("  ", min(i, 1)+1)+line)
			}
		}
		if run {
			add("  and start the job right after saving")
		}
		lines = append(lines, r.consequences(s, width)...)
		gl := gridLayout{cellWidth: 2, labelW: gridLabelWidth}
		if width < gl.width()+2 {
			gl.cellWidth = 1
		}
		for _, w := range []struct {
			name     string
			old, new model.Window
		}{{r.names[0], r.old.BackupWindow.Hours, r.new.BackupWindow.Hours},
			{r.names[1], r.old.PeriodicWindow.Hours, r.new.PeriodicWindow.Hours}} {
			if w.old == w.new {
				continue
			}
			d := model.DiffWindows(w.old, w.new)
			add("")
			add("%s: %s added, %s removed", w.name, s.Added.Render(fmt.Sprintf("+%d h", len(d.Added))), s.Removed.Render(fmt.Sprintf("-%d h", len(d.Removed))))
			old := w.old
			lines = append(lines, strings.Split(Grid{}.Render(s, w.new, gl, false, &old, nil), "\n")...)
		}
	}
	if r.bodyErr != nil {
		add("%s", s.Error.Render(oneLine(r.bodyErr)))
	}
	start := min(r.scroll, max(0, len(lines)-height))
	end := min(len(lines), start+height)
	hidden := len(lines) - end + 1 // the last shown line gives way to the hint
	lines = lines[start:end]
	for i := range lines {
		lines[i] = truncate(lines[i], width)
	}
	if hidden > 1 && len(lines) > 0 {
		// Said on the last line rather than cut silently: the hours that
		// change may be below.
		lines[len(lines)-1] = s.Dim.Render(fmt.Sprintf("↓ %d more lines: ↓/j scrolls", hidden))
	}
	return strings.Join(lines, "\n")
}

// noteInBody reports whether the note is too long for the message line
// ("check … : it has hours from both sides" after a merge): the review
// then begins with it, wrapped, rather than cutting it.
func (r review) noteInBody(width int) bool {
	return !r.showJSON && ansi.StringWidth(r.note) > width
}

// Message is the review's message line: its note, when it fits.
func (r review) Message(s *Styles, width int) string {
	if r.note == "" || r.noteInBody(width) {
		return ""
	}
	return s.Warn.Render(r.note)
}

// consequences is what the edited schedule will do: every warning, wrapped
// to the width, and the next runs on the server's clock.
func (r review) consequences(s *Styles, width int) []string {
	var lines []string
	if len(r.warnings) > 0 {
		lines = append(lines, "", s.Warn.Render(fmt.Sprintf("%d warning(s): the server accepts this, but", len(r.warnings))))
		for _, w := range r.warnings {
			for i, line := range strings.Split(wordWrap("⚠ "+w.Text, max(20, width-4)), "\n") {
				indent := "  "
				if i > 0 {
					indent = "    "
				}
				lines = append(lines, indent+line)
			}
		}
	}
	lines = append(lines, "")
	return append(lines, strings.Split(wordWrap(r.runsText, width), "\n")...)
}

// jsonChrome is the lines the JSON view takes besides the body: its title,
// which says where in the body the view is.
const jsonChrome = 1

// renderJSON is the body on its viewport, with where in it the view is.
func (r review) renderJSON(s *Styles, width int) string {
	vp := r.json
	first := vp.YOffset() + 1
	last := min(vp.TotalLineCount(), vp.YOffset()+vp.Height())
	pos := fmt.Sprintf("lines %d–%d of %d · %d%%", first, last, vp.TotalLineCount(), int(vp.ScrollPercent()*100))
	title := s.Bold.Render("The body of the PUT, exactly") + s.Dim.Render(" · "+pos)
	var err string
	if r.bodyErr != nil {
		err = "\n" + s.Error.Render(oneLine(r.bodyErr))
	}
	return truncate(title, width) + "\n" + vp.View() + err
}

// jsonKey pages the JSON view; it reports whether the key was one of its.
func (r *review) jsonKey(k *KeyMap, msg tea.KeyPressMsg) bool {
	moved := *r.json
	vp := &moved
	switch {
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	r.json = vp
	return true
}

// sizeJSON fits the JSON view to the screen, on a new viewport if the size
// changed: older copies of the Model keep theirs (see review.json).
func (r *review) sizeJSON(width, height int) (changed bool) {
	if r.json == nil || (r.json.Width() == width && r.json.Height() == height) {
		return false
	}
	vp := *r.json
	vp.SetWidth(width)
	vp.SetHeight(height)
	r.json = &vp
	return true
}
