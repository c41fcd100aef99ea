package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
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

// BenchmarkListFirstFrame measures the TUI's first frame of the job list
// on loopback: from asking the fake server (10,000 jobs, v8) for the list
// to the view of the first page. The rest of the pages arrive after it.
func BenchmarkListFirstFrame(b *testing.B) {
	for _, n := range []int{45, 10000} {
		b.Run(fmt.Sprintf("jobs=%d", n), func(b *testing.B) {
			srv := fakevbo.NewServer(fakevbo.WithJobs(n))
			b.Cleanup(srv.Close)
			c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, APIVersion: "v8", Username: srv.Username, Password: srv.Password})
			if err != nil {
				b.Fatal(err)
			}
			store := jobstore.New(c, "DEMO")
			b.ResetTimer()
			for range b.N {
				m := New(Options{Backend: store})
				next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				next, rest := next.(Model).Update(next.(Model).loadJobs()())
				if !strings.Contains(next.(Model).View().Content, "> ") {
					b.Fatal("the first frame shows no job")
				}
				b.StopTimer()
				run(b, next.(Model), rest) // the other pages, not timed
				b.StartTimer()
			}
		})
	}
}
