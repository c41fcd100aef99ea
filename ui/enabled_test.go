package ui

import (
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

// focusRow moves the form's focus down to the row with the label.
func focusRow(t *testing.T, m Model, label string) Model {
	t.Helper()
	m = press(t, m, "tab")
	for range 20 {
		e := m.editor
		if e.form.Focused(&e.draft, e.version).label == label {
			return m
		}
		m = press(t, m, "down")
	}
	t.Fatalf("the form has no row %q:\n%s", label, view(m))
	return m
}

// TestEditor_EnabledRowDisablesTheJob: the form's Enabled row switches the
// job off; the editor warns at once that a disabled job does not run, the
// review names the change in the console's words, and the save disables
// the job on the server, on v2 (the Action endpoint, which the review's
// request view names after the PUT) as on v8 (the PUT).
func TestEditor_EnabledRowDisablesTheJob(t *testing.T) {
	for _, version := range []string{"v2", "v8"} {
		t.Run(version, func(t *testing.T) {
			m, srv := loadedOverHTTP(t, version, 120, 40)
			m = focusRow(t, press(t, m, "enter"), "Enabled")
			m = press(t, m, "space")
			if m.editor.draft.IsEnabled {
				t.Fatal("space on Enabled left the job enabled")
			}
			if v := view(m); !strings.Contains(v, "[ ] off") || !strings.Contains(v, model.JobDisabledNoRuns) {
				t.Errorf("the editor does not show the job disabled and why it will not run:\n%s", v)
			}
			m = press(t, m, "ctrl+s")
			if v := view(m); m.screen != screenReview || !strings.Contains(v, "Enabled") || !strings.Contains(v, "Disabled") {
				t.Fatalf("the review does not name the change (screen %v):\n%s", m.screen, v)
			}
			says := strings.Contains(m.review.body, `then POST /v2/Jobs/`+srv.JobID("Exchange nightly")+`/Action {"disable": null}`)
			if says != (version == "v2") {
				t.Errorf("the review's request view names the v2 Action: %v, want %v:\n%s", says, version == "v2", m.review.body)
			}
			m = press(t, m, "y")
			if m.screen != screenResult || m.result.err != nil {
				t.Fatalf("save: screen %v, err %v", m.screen, m.result.err)
			}
			if got := srv.Job(srv.JobID("Exchange nightly"))["isEnabled"]; got != false {
				t.Errorf("the server has isEnabled %v", got)
			}
		})
	}
}

// The finding G17: the result screen after a save reads the Enabled switch
// back, so switching a backup job off and on again are told apart.
func TestEditor_ResultScreenShowsTheEnabledSwitch(t *testing.T) {
	for _, version := range []string{"v6", "v8"} {
		t.Run(version, func(t *testing.T) {
			m, _ := loadedOverHTTP(t, version, 120, 40)
			m = focusRow(t, press(t, m, "enter"), "Enabled")
			for _, want := range []string{"off", "on"} {
				m = press(t, m, "space", "ctrl+s", "y")
				if m.screen != screenResult || m.result.err != nil {
					t.Fatalf("save: screen %v, err %v", m.screen, m.result.err)
				}
				if v := view(m); !strings.Contains(v, "Enabled            "+want) {
					t.Errorf("the result screen does not read Enabled back as %s:\n%s", want, v)
				}
				m = press(t, m, "x") // keep editing
			}
		})
	}
}

// The finding G27: a save that disables the job and starts it right after
// warns in the editor and in the review.
func TestEditor_StartingAJobTheSaveDisablesWarns(t *testing.T) {
	tests := []struct {
		name string
		rows []string // form rows toggled
		want bool
	}{
		{"disabled and started", []string{"Enabled", "Run after save"}, true},
		{"disabled only", []string{"Enabled"}, false},
		{"started only", []string{"Run after save"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loadedOverHTTP(t, "v8", 120, 40)
			m = press(t, m, "enter")
			for _, row := range tt.rows {
				m = press(t, focusRow(t, m, row), "space", "tab")
			}
			got := false
			for _, w := range m.editor.sum.warnings {
				got = got || w.Code == model.WarnStartDisabled
			}
			if got != tt.want {
				t.Errorf("start-disabled warning %v, want %v: %v", got, tt.want, m.editor.sum.warnings)
			}
			if v := view(press(t, m, "ctrl+s")); strings.Contains(v, "started right after this save, which disables it") != tt.want {
				t.Errorf("the review's warning: want %v:\n%s", tt.want, v)
			}
		})
	}
}
