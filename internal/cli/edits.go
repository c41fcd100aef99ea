package cli

import (
	"fmt"

	"github.com/vbosched/vbosched/model"
)

// edit is one change a command makes to a job's settings. Constructors check
// the value with the model's rule for the field, so every edit that exists
// can be applied to any job, and a refused value is a usage error.
type edit struct {
	field string
	apply func(*model.Settings)
}

// refused makes a model rule's refusal a usage error: nothing is sent.
func refused(err error) error { return usage(err) }

func typeEdit(s string) (edit, error) {
	t, err := model.ParseScheduleType(s)
	if err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldType, func(st *model.Settings) { st.Policy.Type = t }}, nil
}

func dailyTypeEdit(s string) (edit, error) {
	d, err := model.ParseDailyType(s)
	if err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldDailyType, func(st *model.Settings) { st.Policy.DailyType = d }}, nil
}

func dailyTimeEdit(s string) (edit, error) {
	c, err := model.ParseDailyTime(s)
	if err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldDailyTime, func(st *model.Settings) { st.Policy.DailyTime = c }}, nil
}

func everyEdit(s string) (edit, error) {
	iv, err := model.ParseInterval(s)
	if err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldEvery, func(st *model.Settings) { st.Policy.Every = iv }}, nil
}

// offsetEdit checks the range here; whether the job's interval takes an
// offset is known only per job, so Job.Validate checks that in the plan.
func offsetEdit(n int) (edit, error) {
	if err := model.ValidateOffsetMinutes(n); err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldOffsetMinutes, func(st *model.Settings) { st.Policy.OffsetMinutes = n }}, nil
}

func retryNumberEdit(n int) (edit, error) {
	if err := model.ValidateRetryNumber(n); err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldRetryNumber, func(st *model.Settings) { st.Policy.RetryNumber = n }}, nil
}

func retryWaitEdit(n int) (edit, error) {
	if err := model.ValidateRetryWait(n); err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldRetryWait, func(st *model.Settings) { st.Policy.RetryWaitMinutes = n }}, nil
}

// windowEnabledEdit turns a window's switch on or off; the model maps the
// kind to its field, so no name is matched here.
func windowEnabledEdit(k model.WindowKind, b bool) edit {
	return edit{k.EnabledField(), func(st *model.Settings) {
		_, enabled := st.Policy.Window(k)
		*enabled = b
	}}
}

func retryEnabledEdit(b bool) edit {
	return edit{model.FieldRetryEnabled, func(st *model.Settings) { st.Policy.RetryEnabled = b }}
}

// enabledEdit switches the job on or off (the console's Enable, Disable).
func enabledEdit(b bool) edit {
	return edit{model.FieldIsEnabled, func(st *model.Settings) { st.IsEnabled = b }}
}

func nameEdit(s string) (edit, error) {
	if err := model.ValidateName(s); err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldName, func(st *model.Settings) { st.Name = s }}, nil
}

func descriptionEdit(s string) (edit, error) {
	if err := model.ValidateDescription(s); err != nil {
		return edit{}, refused(err)
	}
	return edit{model.FieldDescription, func(st *model.Settings) { st.Description = s }}, nil
}

// windowOp is what a window flag does with the hours it is given.
type windowOp int

const (
	replaceHours windowOp = iota // --window
	allowHours                   // --allow
	denyHours                    // --deny
)

func windowOps() []windowOp { return []windowOp{replaceHours, allowHours, denyHours} }

// flag is the op's flag name, after the window's prefix.
func (op windowOp) flag() string {
	switch op {
	case replaceHours:
		return "window"
	case allowHours:
		return "allow"
	case denyHours:
		return "deny"
	}
	panic(fmt.Sprintf("cli: windowOp %d has no flag", int(op)))
}

// usage is the op's help text for the named window.
func (op windowOp) usage(window string) string {
	switch op {
	case replaceHours:
		return "replace the " + window + `, e.g. "Mon-Fri 20:00-06:00"`
	case allowHours:
		return "allow these hours in the " + window + " (repeatable, applied in order)"
	case denyHours:
		return "deny these hours in the " + window + " (repeatable, applied in order)"
	}
	panic(fmt.Sprintf("cli: windowOp %d has no usage", int(op)))
}

// applyTo changes w by hours. An op without a case panics rather than
// doing nothing, so a new op cannot be silently ignored.
func (op windowOp) applyTo(w *model.Window, hours model.Window) {
	switch op {
	case replaceHours:
		*w = hours
	case allowHours:
		w.Union(hours)
	case denyHours:
		w.Subtract(hours)
	default:
		panic(fmt.Sprintf("cli: windowOp %d has no meaning", int(op)))
	}
}

// windowEdit replaces the window of kind k, or allows or denies hours on top
// of it.
func windowEdit(k model.WindowKind, op windowOp, spec string) (edit, error) {
	hours, err := model.ParseWindow(spec)
	if err != nil {
		return edit{}, usagef("%s: %v", k, err)
	}
	return edit{k.Field(), func(st *model.Settings) {
		ws, _ := st.Policy.Window(k)
		op.applyTo(&ws.Hours, hours)
	}}, nil
}
