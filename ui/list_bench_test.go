package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkList measures one key on the job list, Update and View at
// 120×40, with 45 and 10,000 jobs: the cost must not grow with the job
// count (go test ./ui -run XXX -bench List -benchmem -count 6 | benchstat).
func BenchmarkList(b *testing.B) {
	// Each cycle ends where it began, so any b.N measures the same keys.
	cycles := []struct {
		name  string
		setup []string
		keys  []string
	}{
		// Typing narrows the filter, backspace widens it again.
		{"filter", []string{"/"}, []string{"a", "r", "c", "h", "backspace", "backspace", "backspace", "backspace"}},
		{"move", nil, []string{"j", "j", "j", "k", "k", "k"}},
		{"page", nil, []string{"pgdown", "pgdown", "pgup", "pgup"}},
	}
	for _, n := range []int{45, 10000} {
		for _, c := range cycles {
			b.Run(fmt.Sprintf("%s/jobs=%d", c.name, n), func(b *testing.B) {
				m := press(b, start(b, newManyJobsBackend(b, n), 120, 40), c.setup...)
				msgs := make([]tea.KeyPressMsg, len(c.keys))
				for i, k := range c.keys {
					msgs[i] = keyMsg(k)
					if k == "backspace" {
						msgs[i] = tea.KeyPressMsg{Code: tea.KeyBackspace}
					}
				}
				b.ReportAllocs()
				b.ResetTimer()
				for i := range b.N {
					next, _ := m.Update(msgs[i%len(msgs)])
					m = next.(Model)
					_ = m.View()
				}
			})
		}
	}
}
