package ui

import "testing"

// The Model is a value: Bubble Tea and the tests keep older copies, and the
// text inputs behind pointers must not change under them.
func TestModel_OlderCopiesKeepTheirTextInputs(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	tests := []struct {
		name  string
		open  []string // to the screen with the input
		keys  []string // that change the input
		input func(Model) (value string, focused bool)
	}{
		{"list filter", []string{"/"}, []string{"m", "a"}, func(m Model) (string, bool) {
			return m.list.filter.Value(), m.list.filter.Focused()
		}},
		{"form field", []string{"enter", "tab", "down*2"}, []string{"enter", "x"}, func(m Model) (string, bool) {
			return m.editor.form.input.Value(), m.editor.form.input.Focused()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := press(t, m, tt.open...)
			wasValue, wasFocused := tt.input(before)
			after := press(t, before, tt.keys...)
			nowValue, nowFocused := tt.input(after)
			if nowValue == wasValue && nowFocused == wasFocused {
				t.Fatalf("the keys changed nothing in the input (%q, focused %v): the test drives the wrong keys", nowValue, nowFocused)
			}
			if v, f := tt.input(before); v != wasValue || f != wasFocused {
				t.Errorf("the older Model's input became %q (focused %v), want %q (focused %v)", v, f, wasValue, wasFocused)
			}
		})
	}
}

func TestModel_OlderCopiesKeepTheirJSONView(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	before := press(t, m, "enter", "space", "ctrl+s", "J")
	after := press(t, before, "pgdown")
	if after.review.json.YOffset() == 0 {
		t.Fatal("pgdown did not page the JSON view: the test drives the wrong keys")
	}
	if got := before.review.json.YOffset(); got != 0 {
		t.Errorf("the older Model's JSON view moved to line %d, want 0", got)
	}
}
