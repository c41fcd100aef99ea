package ui

import (
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// BenchmarkGridKeypress measures one cursor move in the grid: Update and
// View, at 120×40 (go test ./ui -bench GridKeypress -benchmem).
func BenchmarkGridKeypress(b *testing.B) {
	m, _ := loaded(b, "v8", 120, 40)
	m = press(b, m, "enter")
	right, left := keyMsg("l"), keyMsg("h")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		msg := right
		if i%48 >= 24 {
			msg = left
		}
		next, _ := m.Update(msg)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkGridToggle measures toggling an hour (an edit with undo).
func BenchmarkGridToggle(b *testing.B) {
	m, _ := loaded(b, "v8", 120, 40)
	m = press(b, m, "enter")
	space := keyMsg("space")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		next, _ := m.Update(space)
		m = next.(Model)
		_ = m.View()
	}
}

// countingWriter counts bytes and signals each write.
type countingWriter struct {
	mu     sync.Mutex
	n      int
	writes chan struct{}
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.n += len(p)
	w.mu.Unlock()
	select {
	case w.writes <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (w *countingWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// settle waits for a frame to be written, then for the writes to stop.
func (w *countingWriter) settle(b *testing.B) {
	select {
	case <-w.writes:
	case <-time.After(2 * time.Second):
		b.Fatal("no frame was written")
	}
	for {
		select {
		case <-w.writes:
		case <-time.After(40 * time.Millisecond):
			return
		}
	}
}

// BenchmarkBytesPerCursorMove runs the real program at 120×40 and reports
// how many bytes one step in the grid writes to the terminal: a horizontal
// move, a vertical one, a toggle and a move (budgets: 40, 56, 130 B)
// (go test ./ui -run XXX -bench BytesPerCursorMove -benchtime 50x).
func BenchmarkBytesPerCursorMove(b *testing.B) {
	repeat := func(n int, keys ...string) []string {
		var out []string
		for _, k := range keys {
			for range n {
				out = append(out, k)
			}
		}
		return out
	}
	steps := []struct {
		name string
		keys [][]string // one step each, cycled: across the week and back
	}{
		{"horizontal", [][]string{{"l"}, {"l"}, {"l"}, {"h"}, {"h"}, {"h"}}},
		{"vertical", [][]string{{"j"}, {"j"}, {"j"}, {"k"}, {"k"}, {"k"}}},
		{"toggle+move", [][]string{{"space", "l"}, {"space", "l"}, {"space", "h"}, {"space", "h"}}},
		{"mixed", func() [][]string {
			var out [][]string
			for _, k := range repeat(5, "l", "j", "h", "k") {
				out = append(out, []string{k})
			}
			return out
		}()},
	}
	for _, st := range steps {
		b.Run(st.name, func(b *testing.B) {
			m, _ := loaded(b, "v8", 120, 40)
			m = press(b, m, "enter")
			out := &countingWriter{writes: make(chan struct{}, 1)}
			p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(out), tea.WithWindowSize(120, 40),
				tea.WithoutSignalHandler(), tea.WithColorProfile(colorprofile.TrueColor))
			done := make(chan struct{})
			go func() { _, _ = p.Run(); close(done) }()
			out.settle(b)
			b.ResetTimer()
			total := 0
			for i := range b.N {
				before := out.count()
				for _, k := range st.keys[i%len(st.keys)] {
					p.Send(keyMsg(k))
					out.settle(b)
				}
				total += out.count() - before
			}
			b.StopTimer()
			b.ReportMetric(float64(total)/float64(b.N), "bytes/step")
			p.Quit()
			<-done
		})
	}
}

// BenchmarkGridToggleLongHistory is BenchmarkGridToggle after 100,000
// edits: a toggle must cost the same, and the history stay bounded
// (go test ./ui -run XXX -bench GridToggle -benchmem).
func BenchmarkGridToggleLongHistory(b *testing.B) {
	m, _ := loaded(b, "v8", 120, 40)
	m = press(b, m, "enter")
	m.editor.undo = pushNamed(m.editor.undo, 0, 100_000)
	space := keyMsg("space")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		next, _ := m.Update(space)
		m = next.(Model)
		_ = m.View()
	}
	b.StopTimer()
	b.ReportMetric(float64(m.editor.undo.depth), "undo-steps")
}
