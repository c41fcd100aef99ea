package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// Goldens of the editor's screens at the size the tool is built for and a
// larger one: each shows how to save and how to get help where that
// applies (TestHelpLine_KeepsTheEssentialsAt80Columns checks the words).
func TestGoldenEditorScreens(t *testing.T) {
	warned := model.SchedulePolicy{Type: model.Daily, DailyType: model.Workdays, DailyTime: model.Clock(22 * 3600),
		BackupWindowEnabled: true, RetryEnabled: true, RetryNumber: 3, RetryWaitMinutes: 10,
		BackupWindow: model.WindowSettings{Hours: mustWindow(t, "Mon-Thu 23:00-24:00; Mon 08:00-09:00"), MinuteOffset: 120}}
	screens := []struct {
		name string
		p    *model.SchedulePolicy // put in the draft before the keys, when set
		keys []string
	}{
		{"warnings", &warned, nil},
		{"warnings-review", &warned, []string{"ctrl+s"}},
		{"local-zone", &warned, []string{"j", "l*8", "z"}},
		{"presets", nil, []string{"p"}},
		{"form-help", nil, []string{"tab", "?"}},
		{"description", nil, []string{"tab", "down*9", "enter"}},
		{"json-end", nil, []string{"space", "ctrl+s", "J", "G"}},
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				var m Model
				if sc.p != nil {
					m = editing(t, *sc.p, sz[0], sz[1])
				} else {
					m, _ = loaded(t, "v8", sz[0], sz[1])
					m = press(t, m, "enter")
				}
				golden.RequireEqual(t, view(press(t, m, sc.keys...)))
			})
		}
	}
}

// The colours are part of the screen: this golden keeps them, so a change
// of style shows in review as a diff of escape sequences. The terminal
// says it shows colour, as Bubble Tea tells every program at its start.
func TestGoldenEditorInColour(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m, _ := loaded(t, "v8", sz[0], sz[1])
			next, _ := m.Update(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
			m = press(t, next.(Model), "enter", "j", "l*3", "v", "j*2", "l*4")
			golden.RequireEqual(t, m.View().Content)
		})
	}
}
