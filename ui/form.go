package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/model"
)

// draft is what the form edits: the job's settings and whether to start
// the job after saving.
type draft struct {
	model.Settings
	// CopyType is a backup copy job's schedule type. A copy job's other
	// settings share Settings' fields of the same meaning (the copy window
	// is Policy.BackupWindow): toCopy and fromCopy in ui/kinds.go convert,
	// and only the kind's methods read them as one or the other. One shape
	// keeps the draft, copied on every keypress, as small as it was.
	CopyType     model.CopyScheduleType
	RunAfterSave bool
}

type fieldKind int

const (
	enumField fieldKind = iota
	boolField
	textField // typed in after enter: numbers, times, names
)

// formField is one row of the schedule form.
type formField struct {
	label    string
	apiField string // the model.Field… name validation errors carry
	kind     fieldKind
	applies  func(d *draft, v model.APIVersion) bool
	options  func(v model.APIVersion) []string // enum values
	get      func(d *draft) string
	set      func(d *draft, s string) error // from an enum value or typed text
}

func always(*draft, model.APIVersion) bool { return true }

func enumOptions[T fmt.Stringer](vals []T, keep func(T, model.APIVersion) bool) func(model.APIVersion) []string {
	return func(v model.APIVersion) []string {
		var out []string
		for _, x := range vals {
			if keep == nil || keep(x, v) {
				out = append(out, x.String())
			}
		}
		return out
	}
}

func boolText(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// intField is a typed number; validate is the model's rule for the field,
// so the form refuses what the command line refuses, in the same words.
func intField(label, api string, applies func(*draft, model.APIVersion) bool, ptr func(d *draft) *int, validate func(d *draft, n int) error, unit string) formField {
	return formField{label: label, apiField: api, kind: textField, applies: applies,
		get: func(d *draft) string { return strconv.Itoa(*ptr(d)) + unit },
		set: func(d *draft, s string) error {
			n, err := model.ParseWholeNumber(api, strings.TrimSuffix(strings.TrimSpace(s), strings.TrimSpace(unit)))
			if err == nil {
				err = validate(d, n)
			}
			if err != nil {
				return err
			}
			*ptr(d) = n
			return nil
		}}
}

// only adapts a rule of the value alone to intField.
func only(rule func(int) error) func(*draft, int) error {
	return func(_ *draft, n int) error { return rule(n) }
}

// offsetRule checks a new offset against the interval too; the value the
// field already holds is kept as it is (the server may have it).
func offsetRule(d *draft, n int) error {
	if err := model.ValidateOffsetMinutes(n); err != nil || n == d.Policy.OffsetMinutes {
		return err
	}
	return model.ValidateOffsetInterval(n, d.Policy.Every)
}

func toggleField(label, api string, applies func(*draft, model.APIVersion) bool, ptr func(d *draft) *bool) formField {
	return formField{label: label, apiField: api, kind: boolField, applies: applies,
		get: func(d *draft) string { return boolText(*ptr(d)) },
		set: func(d *draft, s string) error { *ptr(d) = s == "on"; return nil }}
}

// setType sets the schedule type; a job switched to Periodically without
// an interval gets the console's default, every hour, rather than a form
// that opens on an error.
func setType(d *draft, s string) error {
	t, err := model.ParseScheduleType(s)
	if err != nil {
		return err
	}
	d.Policy.Type = t
	if t == model.Periodically && d.Policy.Every == model.IntervalUnset {
		d.Policy.Every = model.Hours1
	}
	if t == model.Daily && d.Policy.DailyType == model.DailyUnset {
		d.Policy.DailyType = model.Everyday
	}
	return nil
}

func formFields() []formField {
	isDaily := func(d *draft, _ model.APIVersion) bool { return d.Policy.Type == model.Daily }
	isPeriodic := func(d *draft, _ model.APIVersion) bool { return d.Policy.Type == model.Periodically }
	retryOn := func(d *draft, _ model.APIVersion) bool { return d.Policy.RetryEnabled }
	return []formField{
		{label: "Run the job", apiField: model.FieldType, kind: enumField, applies: always,
			options: enumOptions(model.ScheduleTypes(), func(t model.ScheduleType, v model.APIVersion) bool {
				return t != model.ManualOnly || v.HasManualOnly()
			}),
			get: func(d *draft) string { return shownEnum(d.Policy.Type, d.Policy.TypeText()) },
			set: setType},
		daysField(isDaily), timeField(isDaily), intervalField(isPeriodic),
		intField("Start minute", model.FieldOffsetMinutes, func(d *draft, v model.APIVersion) bool {
			return isPeriodic(d, v) && v.HasOffsetMinutes()
		}, func(d *draft) *int { return &d.Policy.OffsetMinutes }, offsetRule, " min"),
		toggleField("Backup window", model.FieldWindowEnabled, always, func(d *draft) *bool { return &d.Policy.BackupWindowEnabled }),
		toggleField("Periodic window", model.FieldPeriodicEnabled, func(d *draft, v model.APIVersion) bool {
			return v.HasPeriodicWindowSwitch() && d.Policy.HasPeriodicWindow
		}, func(d *draft) *bool { return &d.Policy.PeriodicWindowEnabled }),
		toggleField("Retry failed", model.FieldRetryEnabled, always, func(d *draft) *bool { return &d.Policy.RetryEnabled }),
		intField("Retries", model.FieldRetryNumber, retryOn, func(d *draft) *int { return &d.Policy.RetryNumber }, only(model.ValidateRetryNumber), ""),
		intField("Retry wait", model.FieldRetryWait, retryOn, func(d *draft) *int { return &d.Policy.RetryWaitMinutes }, only(model.ValidateRetryWait), " min"),
		{label: "Name", apiField: model.FieldName, kind: textField, applies: always,
			get: func(d *draft) string { return d.Name },
			set: func(d *draft, s string) error {
				if err := model.ValidateName(s); err != nil {
					return err
				}
				d.Name = s
				return nil
			}},
		{label: "Description", apiField: model.FieldDescription, kind: textField, applies: always,
			get: func(d *draft) string { return d.Description },
			set: func(d *draft, s string) error {
				if err := model.ValidateDescription(s); err != nil {
					return err
				}
				d.Description = s
				return nil
			}},
		toggleField("Enabled", model.FieldIsEnabled, always, func(d *draft) *bool { return &d.IsEnabled }),
		toggleField("Run after save", "", always, func(d *draft) *bool { return &d.RunAfterSave }),
	}
}

// Form is the schedule form: a focused row, and a text input while a
// typed field is being edited, or a text area for the description, which
// may hold line breaks.
type Form struct {
	fields    []formField
	focus     int
	editing   bool
	multiline bool // editing in area rather than input
	// input, 7.5 kB, and area, the description's text area while it is
	// edited (else nil), 15 kB: the Model is copied on every keypress, so
	// they live behind pointers, replaced (never written through) on each
	// change: older copies of the Model keep theirs.
	input    *textinput.Model
	area     *textarea.Model
	inputErr string
}

// NewForm builds the form of a backup job.
func NewForm() Form { return newForm(formFields()) }

// newForm builds a form of fields (a job kind's: ui/kinds.go).
func newForm(fields []formField) Form {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 120
	staticCursor(&in)
	return Form{fields: fields, input: &in}
}

// newArea is the description's text area holding text.
func newArea(text string) *textarea.Model {
	area := textarea.New()
	area.Prompt = ""
	area.ShowLineNumbers = false
	area.CharLimit = 0
	// enter keeps the text, as in every other field; ctrl+j breaks a line.
	area.KeyMap.InsertNewline = key.NewBinding(key.WithKeys("ctrl+j"))
	st := area.Styles()
	st.Cursor.Blink = false // see staticCursor
	area.SetStyles(st)
	area.SetValue(text)
	area.Focus()
	return &area
}

// SizeArea fits the description's text area to the form's width and rows
// (less one for its title), so editing it keeps the screen's layout.
func (f *Form) SizeArea(width, rows int) {
	w, h := max(10, width-2), max(1, rows-1)
	if f.area == nil || f.area.Width() == w && f.area.Height() == h {
		return
	}
	a := *f.area
	a.SetWidth(w)
	a.SetHeight(h)
	f.area = &a
}

// UpdateInput passes a message to the text input, replacing it.
func (f *Form) UpdateInput(msg tea.Msg) tea.Cmd {
	in, cmd := f.input.Update(msg)
	f.input = &in // a new input: older Models keep theirs (see Form)
	return cmd
}

// UpdateArea passes a message to the description's text area, replacing it.
func (f *Form) UpdateArea(msg tea.Msg) tea.Cmd {
	a, cmd := f.area.Update(msg)
	f.area = &a
	return cmd
}

// areaState is the text area's text and cursor, for the form's cache key.
func (f *Form) areaState() (text string, line, col int) {
	if f.area == nil {
		return "", 0, 0
	}
	return f.area.Value(), f.area.Line(), f.area.Column()
}

// visible lists the indices of the fields that apply to the draft.
func (f *Form) visible(d *draft, v model.APIVersion) []int {
	var out []int
	for i, fld := range f.fields {
		if fld.applies(d, v) {
			out = append(out, i)
		}
	}
	return out
}

// Focused is the field under focus, kept on a visible one.
func (f *Form) Focused(d *draft, v model.APIVersion) formField {
	f.clampFocus(d, v)
	return f.fields[f.focus]
}

func (f *Form) clampFocus(d *draft, v model.APIVersion) { f.focus = f.clamped(d, v) }

// clamped is the focus moved onto a field the draft shows: the focused
// field if it is shown, else the next shown one, else the last.
func (f *Form) clamped(d *draft, v model.APIVersion) int {
	vis := f.visible(d, v)
	for _, i := range vis {
		if i >= f.focus {
			return i
		}
	}
	return vis[len(vis)-1]
}

// Move moves the focus by delta visible rows, stopping at the ends.
func (f *Form) Move(d *draft, v model.APIVersion, delta int) {
	vis := f.visible(d, v)
	f.clampFocus(d, v)
	pos := 0
	for p, i := range vis {
		if i == f.focus {
			pos = p
		}
	}
	pos = max(0, min(len(vis)-1, pos+delta))
	f.focus = vis[pos]
}

// Step changes an enum or bool field to its next (delta 1) or previous
// value; it reports whether anything changed.
func (f *Form) Step(d *draft, v model.APIVersion, delta int) bool {
	fld := f.Focused(d, v)
	switch fld.kind {
	case boolField:
		return fld.set(d, boolText(fld.get(d) != "on")) == nil
	case enumField:
		opts := fld.options(v)
		cur := -1
		for i, o := range opts {
			if o == fld.get(d) {
				cur = i
			}
		}
		next := (cur + delta + len(opts)) % len(opts)
		if cur < 0 && delta < 0 {
			next = len(opts) - 1
		}
		return fld.set(d, opts[next]) == nil
	}
	return false
}

// BeginEdit opens the text input on a typed field.
func (f *Form) BeginEdit(d *draft, v model.APIVersion) bool {
	fld := f.Focused(d, v)
	if fld.kind != textField {
		return false
	}
	f.editing, f.inputErr = true, ""
	if fld.apiField == model.FieldDescription {
		f.multiline = true
		f.area = newArea(fld.get(d))
		return true
	}
	in := *f.input
	in.SetValue(strings.TrimSuffix(fld.get(d), " min"))
	in.CursorEnd()
	in.Focus()
	f.input = &in
	return true
}

// CommitEdit sets the field from the input; on a bad value it keeps the
// input open with the reason.
func (f *Form) CommitEdit(d *draft, v model.APIVersion) bool {
	text := f.input.Value()
	if f.multiline {
		text = f.area.Value()
	}
	if err := f.Focused(d, v).set(d, text); err != nil {
		f.inputErr = fieldErrorWords(err)
		return false
	}
	f.CancelEdit()
	return true
}

// CancelEdit closes the input and leaves the field as it was.
func (f *Form) CancelEdit() {
	f.editing, f.multiline, f.inputErr = false, false, ""
	in := *f.input
	in.Blur()
	f.input, f.area = &in, nil
}

// Render draws the form in one or two columns of rows. It only reads:
// Update keeps the focus on a shown field (editor.settle).
func (f Form) Render(s *Styles, d *draft, v model.APIVersion, errs model.ValidationError, focused bool, width, columns int) string {
	vis := f.visible(d, v)
	focus := f.clamped(d, v)
	colW := width / columns
	rows := (len(vis) + columns - 1) / columns
	if f.editing && f.multiline {
		return f.renderArea(s, errs, width, rows)
	}
	lines := make([]string, rows)
	for p, i := range vis {
		fld := f.fields[i]
		cell := f.renderField(s, d, fld, i == focus && focused, errs, colW-1)
		r := p % rows
		if lines[r] != "" {
			lines[r] = padRight(lines[r], colW)
		}
		lines[r] += cell
	}
	return strings.Join(lines, "\n")
}

// renderArea is the description being edited, in place of the form's
// rows: a title with its keys and the text area, rows lines in all.
func (f Form) renderArea(s *Styles, errs model.ValidationError, width, rows int) string {
	title := s.Bold.Render("Description") + s.Dim.Render(" · enter keeps · ctrl+j new line · esc cancels")
	if f.inputErr != "" {
		title = s.Bold.Render("Description ") + s.Error.Render("✗ "+f.inputErr)
	}
	lines := append([]string{truncate(title, width)}, strings.Split(f.area.View(), "\n")...)
	if len(lines) > rows {
		lines = lines[:rows]
	}
	for i := range lines {
		lines[i] = "  " + truncate(lines[i], width-2)
	}
	return strings.Join(lines, "\n")
}

// fieldProblems lists, per form field, the validation fields whose problems
// it shows: a window's switch also shows what is wrong with its hours.
var fieldProblems = func() map[string][]string {
	m := map[string][]string{
		model.FieldWindowEnabled:     {model.FieldWindowEnabled, model.FieldWindow},
		model.FieldPeriodicEnabled:   {model.FieldPeriodicEnabled, model.FieldPeriodicWindow},
		model.FieldCopyWindowEnabled: {model.FieldCopyWindowEnabled, model.FieldCopyWindow},
	}
	for _, f := range append(formFields(), copyFormFields()...) {
		if _, ok := m[f.apiField]; !ok && f.apiField != "" {
			m[f.apiField] = []string{f.apiField}
		}
	}
	return m
}()

func (f *Form) renderField(s *Styles, d *draft, fld formField, focused bool, errs model.ValidationError, width int) string {
	label := fmt.Sprintf("%-15s", fld.label)
	value := shownValue(d, fld)
	switch fld.kind {
	case enumField:
		if focused {
			value = "‹" + value + "›" // no spaces: "‹Periodically every›" fits a column at 80
		}
	case boolField:
		if value == "on" {
			value = "[x] " + onWords(fld.apiField)
		} else {
			value = "[ ] off"
		}
	}
	if value == "" {
		value = "—"
	}
	problem := ""
	for _, api := range fieldProblems[fld.apiField] {
		if fe := errs.For(api); len(fe) > 0 && problem == "" {
			problem = fe[0].Reason
		}
	}
	if focused && f.editing {
		value = f.input.View()
		if f.inputErr != "" {
			problem = f.inputErr
		}
	}
	marker := "  "
	if focused {
		marker = "> "
		label = s.Bold.Render(label)
	} else {
		label = s.Dim.Render(label)
	}
	line := marker + label + " " + truncate(value, max(4, width-18))
	if problem != "" {
		line += " " + s.Error.Render("✗ "+truncate(problem, max(0, width-lipglossWidth(line)-3)))
	}
	return line
}

// shownValue is a field's value in the console's words, on one line: a
// description's line breaks show as ⏎ so a long text never breaks the form,
// and text from the server is made terminal-safe.
func shownValue(d *draft, fld formField) string {
	v := fld.get(d)
	if fld.kind == enumField {
		return model.ValueWords(fld.apiField, v)
	}
	if fld.apiField == model.FieldDescription {
		v = strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎").Replace(v)
	}
	return model.ValueWords(fld.apiField, model.SafeText(v))
}

// onWords says what a switch that is on does, in few words: the backup
// window's switch terminates jobs, which "on" alone would not tell.
func onWords(apiField string) string {
	if apiField == model.FieldWindowEnabled {
		return "terminate job"
	}
	return "on"
}

// shownEnum is an enum field's value in the form: its name, or a value
// vbosched does not know (< 0) as the server sent it, terminal-safe, so the
// field is never shown blank while the job keeps that value.
func shownEnum[T interface {
	~int
	String() string
}](v T, text string) string {
	if v < 0 {
		return text
	}
	return v.String()
}

// fieldErrorWords is a refused value's problem as the form shows it, next
// to the field's own label: the value and the reason, without the API path
// the command line's message starts with.
func fieldErrorWords(err error) string {
	var fe model.FieldError
	if errors.As(err, &fe) {
		return strings.TrimSpace(model.SafeText(fe.Value) + " " + fe.Reason)
	}
	return err.Error()
}

// daysField, timeField and intervalField are the rows both kinds' forms
// have (a copy job's "Daily at" and "Periodically every" keep their days,
// time and interval in the same draft fields as a backup job's).
func daysField(applies func(*draft, model.APIVersion) bool) formField {
	return formField{label: "Days", apiField: model.FieldDailyType, kind: enumField, applies: applies,
		options: enumOptions(model.DailyTypes(), nil),
		get:     func(d *draft) string { return shownEnum(d.Policy.DailyType, d.Policy.DailyTypeText()) },
		set:     func(d *draft, s string) (err error) { d.Policy.DailyType, err = model.ParseDailyType(s); return }}
}

func timeField(applies func(*draft, model.APIVersion) bool) formField {
	return formField{label: "Time", apiField: model.FieldDailyTime, kind: textField, applies: applies,
		get: func(d *draft) string { return d.Policy.DailyTime.String() },
		set: func(d *draft, s string) error {
			c, err := model.ParseDailyTime(s)
			if err != nil {
				return err
			}
			d.Policy.DailyTime = c
			return nil
		}}
}

func intervalField(applies func(*draft, model.APIVersion) bool) formField {
	return formField{label: "Interval", apiField: model.FieldEvery, kind: enumField, applies: applies,
		options: enumOptions(model.Intervals(), func(iv model.Interval, v model.APIVersion) bool {
			return iv != model.Hours12 || v.HasHours12()
		}),
		get: func(d *draft) string { return shownEnum(d.Policy.Every, d.Policy.EveryText()) },
		set: func(d *draft, s string) (err error) { d.Policy.Every, err = model.ParseInterval(s); return }}
}
