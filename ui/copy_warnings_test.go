package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

// The findings G1 and G7: a copy job's warnings are model.CopyJob's (its
// EditWarnings and lint's word on its source job), and its grid marks a
// start that waits (!!) exactly when a warning says a start is held back.
func TestCopyEditor_WarningsAndStartMarksAgree(t *testing.T) {
	tests := []struct {
		name       string
		edit       func(p *model.CopyPolicy)
		noSource   bool
		wantWaits  bool   // the grid marks a start that waits
		wantCode   string // a warning of this code, "" for none at all
		wantInLine string // in the warnings line
	}{
		{"periodic: the copy window limits it by design, nothing waits", func(p *model.CopyPolicy) {
			p.Type, p.Every = model.CopyPeriodically, model.Hours2
		}, false, false, "", "No warnings"},
		{"daily in a denied hour: the start waits, and a warning says so", func(p *model.CopyPolicy) {
			p.DailyTime, _ = model.ParseClock("12:00")
		}, false, true, model.WarnStartDelayed, "12:00 start"},
		{"daily in an allowed hour: no mark, no warning", func(p *model.CopyPolicy) {}, false, false, "", "No warnings"},
		{"source job gone: lint's copy-source-missing", func(p *model.CopyPolicy) {}, true, false, model.LintCopySourceMissing, "not in the server's job list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := openCopy(t, 120, 40)
			if tt.noSource {
				m.editor.sourceJob, m.editor.sum = nil, nil
			}
			s := toCopy(m.editor.draft)
			tt.edit(&s.Policy)
			m.editor.draft = fromCopy(s)
			m.editor.settle()
			sum := m.editor.sum
			waits := sum.marks.Waits.Count() > 0
			if waits != tt.wantWaits {
				t.Errorf("grid marks waiting starts: %v, want %v", waits, tt.wantWaits)
			}
			delayed := slices.ContainsFunc(sum.warnings, func(w model.Warning) bool { return w.Code == model.WarnStartDelayed })
			if waits != delayed {
				t.Errorf("the grid's !! (%v) and the start-delayed warning (%v) disagree: %v", waits, delayed, sum.warnings)
			}
			switch {
			case tt.wantCode == "" && len(sum.warnings) > 0:
				t.Errorf("warnings %v, want none", sum.warnings)
			case tt.wantCode != "" && !slices.ContainsFunc(sum.warnings, func(w model.Warning) bool { return w.Code == tt.wantCode }):
				t.Errorf("warnings %v, want one of code %s", sum.warnings, tt.wantCode)
			}
			if !strings.Contains(sum.warnText, tt.wantInLine) {
				t.Errorf("warnings line %q, want %q", sum.warnText, tt.wantInLine)
			}
		})
	}
}

// The finding G23: the help of a copy job's editor comes from the one
// KeyMap, left without what the kind lacks (a second window, a field of
// several lines), and names its window; a backup job's keeps them.
func TestCopyEditor_HelpNamesOnlyWhatTheKindHas(t *testing.T) {
	copyJob, _ := openCopy(t, 80, 24)
	backup, _ := loaded(t, "v8", 80, 24)
	backup = press(t, backup, "enter")
	tests := []struct {
		name       string
		m          Model
		want, lack []string
	}{
		{"copy job", copyJob, []string{"the backup copy window holds back", "Cursor:"}, []string{"backup / periodic window", "new line", "the backup window holds back"}},
		{"backup job", backup, []string{"backup / periodic window", "new line", "the backup window holds back"}, []string{"backup copy window"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := view(press(t, tt.m, "?"))
			for _, w := range tt.want {
				if !strings.Contains(v, w) {
					t.Errorf("the help lacks %q:\n%s", w, v)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(v, l) {
					t.Errorf("the help names %q:\n%s", l, v)
				}
			}
		})
	}
	if v := view(press(t, copyJob, "?", "?")); copyJob.keys.copyJob != true || strings.Contains(v, " w ") {
		t.Errorf("the copy editor's help line offers w:\n%s", v)
	}
}

// The finding G29: hours edited in a window that is off are not enforced;
// the editor's warnings and the review, what one confirms, say so.
func TestEditor_HoursOfAWindowThatIsOffWarn(t *testing.T) {
	tests := []struct {
		name string
		open func(t *testing.T) Model
		keys []string
		want string // "" for no such warning
	}{
		{"copy window off, weekends preset", func(t *testing.T) Model {
			m, _ := openCopy(t, 120, 40)
			return press(t, focusRow(t, m, "Copy window"), "space", "tab")
		}, []string{"p", "4"}, "The backup copy window is off: the hours you changed are not enforced"},
		{"copy window on, weekends preset", func(t *testing.T) Model {
			m, _ := openCopy(t, 120, 40)
			return m
		}, []string{"p", "4"}, ""},
		{"backup window off, weekends preset", func(t *testing.T) Model {
			m, _ := loaded(t, "v8", 120, 40)
			m = press(t, m, "enter")
			return press(t, focusRow(t, m, "Backup window"), "space", "tab")
		}, []string{"p", "4"}, "The backup window is off: the hours you changed are not enforced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := press(t, tt.open(t), tt.keys...)
			got := slices.ContainsFunc(m.editor.sum.warnings, func(w model.Warning) bool { return w.Code == model.WarnWindowOff })
			if got != (tt.want != "") {
				t.Fatalf("window-off warning %v, want %v: %v", got, tt.want != "", m.editor.sum.warnings)
			}
			if v := view(press(t, m, "ctrl+s")); tt.want != "" && !strings.Contains(strings.Join(strings.Fields(v), " "), tt.want) {
				t.Errorf("the review lacks %q:\n%s", tt.want, v)
			}
		})
	}
}
