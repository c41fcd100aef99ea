package ui

import (
	"testing"

	"github.com/vbosched/vbosched/model"
)

// typeInto types text into the form field with the label and commits it,
// as a user does with enter; it returns the refusal shown, or "".
func typeInto(t *testing.T, d *draft, v model.APIVersion, label, text string) string {
	t.Helper()
	f := NewForm()
	for i, fld := range f.fields {
		if fld.label == label {
			f.focus = i
		}
	}
	if got := f.Focused(d, v).label; got != label {
		t.Fatalf("field %q is not shown for this draft (focus on %q)", label, got)
	}
	if !f.BeginEdit(d, v) {
		t.Fatalf("field %q takes no typed value", label)
	}
	f.input.SetValue(text)
	if f.CommitEdit(d, v) {
		return ""
	}
	return f.inputErr
}

// errOf is the message of a parser's error.
func errOf[T any](_ T, err error) string { return msg(err) }

// msg is the model's error as the form words it: its reason, not the
// field's API path (the form row names the field).
func msg(err error) string {
	if err == nil {
		return ""
	}
	return fieldErrorWords(err)
}

func TestForm_RefusesWhatTheModelRefusesInItsWords(t *testing.T) {
	periodic := func(every model.Interval, offset int) draft {
		var d draft
		d.Name = "Job"
		d.Policy.Type, d.Policy.Every, d.Policy.OffsetMinutes = model.Periodically, every, offset
		d.Policy.RetryEnabled = true
		return d
	}
	daily := periodic(model.IntervalUnset, 0)
	daily.Policy.Type = model.Daily
	// Control characters are not here: the text input drops them before
	// the field sees them.
	tests := []struct {
		name  string
		d     draft
		label string
		text  string
		want  string
	}{
		{"blank name", daily, "Name", "   ", msg(model.ValidateName("   "))},
		{"empty name", daily, "Name", "", msg(model.ValidateName(""))},
		{"name", daily, "Name", "Mail", ""},
		{"retries 0", daily, "Retries", "0", msg(model.ValidateRetryNumber(0))},
		{"retries 778", daily, "Retries", "778", msg(model.ValidateRetryNumber(778))},
		{"retries 777", daily, "Retries", "777", ""},
		{"retries not a number", daily, "Retries", "many", errOf(model.ParseWholeNumber(model.FieldRetryNumber, "many"))},
		{"wait 1000", daily, "Retry wait", "1000", msg(model.ValidateRetryWait(1000))},
		{"wait 1", daily, "Retry wait", "1", ""},
		{"time 24:00", daily, "Time", "24:00", errOf(model.ParseDailyTime("24:00"))},
		{"time 23:59", daily, "Time", "23:59", ""},
		{"offset 60", periodic(model.Hours4, 0), "Start minute", "60", msg(model.ValidateOffsetMinutes(60))},
		{"offset 59 on hours", periodic(model.Hours4, 0), "Start minute", "59", ""},
		{"new offset on minutes", periodic(model.Minutes30, 0), "Start minute", "15", msg(model.ValidateOffsetInterval(15, model.Minutes30))},
		{"stored offset on minutes kept", periodic(model.Minutes30, 15), "Start minute", "15", ""},
		{"offset cleared on minutes", periodic(model.Minutes30, 15), "Start minute", "0", ""},
	}
	for _, tt := range tests {
		d := tt.d
		before := d
		got := typeInto(t, &d, 8, tt.label, tt.text)
		if got != tt.want {
			t.Errorf("%s: form says %q, want %q", tt.name, got, tt.want)
		}
		if tt.want != "" && d != before {
			t.Errorf("%s: a refused value changed the draft", tt.name)
		}
	}
}
