package ui

import "testing"

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
