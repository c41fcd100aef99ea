package cli

import (
	"fmt"

	"github.com/vbosched/vbosched/model"
)

// edit is one change a command makes to a job's settings. Constructors check
// the value, so every edit that exists can be applied to any job.
type edit struct {
	field string
	apply func(*model.Settings)
}

func fieldError(field, value, accepted string) error {
	return usagef("%s %q: %s", field, value, accepted)
}

func typeEdit(s string) (edit, error) {
	t, err := model.ParseScheduleType(s)
	if err != nil {
		return edit{}, usage(err)
	}
	return edit{model.FieldType, func(st *model.Settings) { st.Policy.Type = t }}, nil
}

func dailyTypeEdit(s string) (edit, error) {
	d, err := model.ParseDailyType(s)
	if err != nil {
		return edit{}, usage(err)
	}
	return edit{model.FieldDailyType, func(st *model.Settings) { st.Policy.DailyType = d }}, nil
}

func dailyTimeEdit(s string) (edit, error) {
	c, err := model.ParseClock(s)
	if err != nil {
		return edit{}, usagef("dailyTime: %v", err)
	}
	return edit{model.FieldDailyTime, func(st *model.Settings) { st.Policy.DailyTime = c }}, nil
}

func everyEdit(s string) (edit, error) {
	iv, err := model.ParseInterval(s)
	if err != nil {
		return edit{}, usage(err)
	}
	return edit{model.FieldEvery, func(st *model.Settings) { st.Policy.Every = iv }}, nil
}

func offsetEdit(n int) (edit, error) {
	if n < 0 || n > model.MaxOffsetMinutes {
		return edit{}, fieldError(model.FieldOffsetMinutes, fmt.Sprint(n), "is out of range 0–59")
	}
	return edit{model.FieldOffsetMinutes, func(st *model.Settings) { st.Policy.OffsetMinutes = n }}, nil
}

func retryNumberEdit(n int) (edit, error) {
	if n < model.MinRetryNumber || n > model.MaxRetryNumber {
		return edit{}, fieldError(model.FieldRetryNumber, fmt.Sprint(n), "is out of range 1–777")
	}
	return edit{model.FieldRetryNumber, func(st *model.Settings) { st.Policy.RetryNumber = n }}, nil
}

func retryWaitEdit(n int) (edit, error) {
	if n < model.MinRetryWait || n > model.MaxRetryWait {
		return edit{}, fieldError(model.FieldRetryWait, fmt.Sprint(n), "is out of range 1–999 minutes")
	}
	return edit{model.FieldRetryWait, func(st *model.Settings) { st.Policy.RetryWaitMinutes = n }}, nil
}

func boolEdit(field string, b bool) edit {
	return edit{field, func(st *model.Settings) {
		p := &st.Policy
		switch field {
		case model.FieldWindowEnabled:
			p.BackupWindowEnabled = b
		case model.FieldPeriodicEnabled:
			p.PeriodicWindowEnabled = b
		case model.FieldRetryEnabled:
			p.RetryEnabled = b
		}
	}}
}

func nameEdit(s string) (edit, error) {
	if s == "" {
		return edit{}, fieldError(model.FieldName, s, "a job needs a name")
	}
	return edit{model.FieldName, func(st *model.Settings) { st.Name = s }}, nil
}

func descriptionEdit(s string) edit {
	return edit{model.FieldDescription, func(st *model.Settings) { st.Description = s }}
}

type whichWindow int

const (
	backupWindow whichWindow = iota
	periodicWindow
)

func (w whichWindow) settings(st *model.Settings) *model.WindowSettings {
	if w == periodicWindow {
		return &st.Policy.PeriodicWindow
	}
	return &st.Policy.BackupWindow
}

// windowEdit replaces the window, or allows or denies hours on top of it.
func windowEdit(which whichWindow, op, spec string) (edit, error) {
	w, err := model.ParseWindow(spec)
	if err != nil {
		return edit{}, usagef("window: %v", err)
	}
	field := model.FieldWindow
	if which == periodicWindow {
		field = model.FieldPeriodicWindow
	}
	return edit{field, func(st *model.Settings) {
		ws := which.settings(st)
		switch op {
		case "allow":
			ws.Hours.Union(w)
		case "deny":
			ws.Hours.Subtract(w)
		default:
			ws.Hours = w
		}
	}}, nil
}
