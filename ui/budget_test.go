package ui

import (
	"runtime"
	"testing"
	"time"

	"github.com/vbosched/vbosched/model"
)

// Issue #9's budget: a cursor move in the grid, Update and View at
// 120×40, allocates at most 8 KB. The Model is copied into a tea.Model on
// every Update, so what changes seldom sits behind replaced pointers, and
// the frame is drawn into stack room and allocated once, as its string.
// Bytes allocated are counted, never time (BenchmarkGridKeypress has both).
func TestGrid_KeypressAllocatesWithinBudget(t *testing.T) {
	const budget = 8 << 10
	tests := []struct {
		name string
		keys []string // each step cycles through them
	}{
		{"across a day", []string{"l", "l", "l", "h", "h", "h"}},
		{"down the week", []string{"j", "j", "j", "k", "k", "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loaded(t, "v8", 120, 40)
			m = press(t, m, "enter")
			msgs := make([]any, len(tt.keys))
			for i, k := range tt.keys {
				msgs[i] = keyMsg(k)
			}
			step := func(i int) {
				next, _ := m.Update(msgs[i%len(msgs)])
				m = next.(Model)
				_ = m.View()
			}
			for i := range 2 * len(msgs) { // caches filled, the first frame drawn
				step(i)
			}
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			const steps = 120
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for i := range steps {
				step(i)
			}
			runtime.ReadMemStats(&after)
			if per := (after.TotalAlloc - before.TotalAlloc) / steps; per > budget {
				t.Errorf("a keypress allocates %d bytes, want at most %d", per, budget)
			}
		})
	}
}

// changedSpan is how many bytes a terminal is sent when line a becomes
// line b: Bubble Tea's renderer rewrites a line from its first changed
// cell to its last, so what lies between counts too. Both lines are
// padded to the same width, as on screen.
func changedSpan(a, b string) int {
	for len(a) < len(b) {
		a += " "
	}
	for len(b) < len(a) {
		b += " "
	}
	first, last := 0, len(b)
	for first < len(b) && a[first] == b[first] {
		first++
	}
	for last > first && a[last-1] == b[last-1] {
		last--
	}
	return last - first
}

// The status line under the grid changes on every move (issue #9's bytes
// per step): laid out so that a move along a day rewrites only the hours,
// a move down the week only the day, and a change of state only the state
// word and the field beside it, with no multi-byte dash in between.
func TestGrid_StatusLineRewritesLittleAsTheCursorMoves(t *testing.T) {
	w := mustWindow(t, "Mon-Fri 20:00-06:00, Sat-Sun")
	tests := []struct {
		name        string
		days, hours int
		sameState   int // most bytes a move to an hour of the same state rewrites
		otherState  int // and to an hour of the other state
	}{
		{"along a day", 0, 1, len("1:00-02"), len("allowed 01:00-02")},
		{"down the week", 1, 0, len("Mon"), len("Mon allow")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for d := time.Sunday; d <= time.Saturday; d++ {
				for h := range model.HoursPerDay {
					from := model.Cell{Day: d, Hour: h}
					to := model.Cell{Day: d + time.Weekday(tt.days), Hour: h + tt.hours}
					if to.Day > time.Saturday || to.Hour >= model.HoursPerDay {
						continue
					}
					a := cursorStatus(w, model.Rect{Day0: from.Day, Day1: from.Day, Hour0: from.Hour, Hour1: from.Hour}, 0, false)
					b := cursorStatus(w, model.Rect{Day0: to.Day, Day1: to.Day, Hour0: to.Hour, Hour1: to.Hour}, 0, false)
					limit := tt.sameState
					if w.At(from) != w.At(to) {
						limit = tt.otherState
					}
					if tt.hours != 0 && from.Hour%10 == 9 {
						limit++ // 09:00 to 10:00: the tens digit changes too
					}
					if n := changedSpan(a, b); n > limit {
						t.Errorf("%q → %q rewrites %d bytes, want at most %d", a, b, n, limit)
					}
				}
			}
		})
	}
}
