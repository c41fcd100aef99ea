package model

import (
	"fmt"
	"time"
)

// Days, HoursPerDay and WindowHours give the shape of a backup window: one
// flag per hour of the week, Sunday first, as the REST API stores it.
const (
	Days        = 7
	HoursPerDay = 24
	WindowHours = Days * HoursPerDay
)

// Window is a weekly backup window: index day*24+hour, day 0 = Sunday,
// true = the job may run in that hour. The zero Window allows nothing.
type Window [WindowHours]bool

// Cell names one hour of the week.
type Cell struct {
	Day  time.Weekday
	Hour int
}

func (c Cell) String() string { return fmt.Sprintf("%s %02d:00", shortDay(c.Day), c.Hour) }

// Index is the position of the hour in the 168-entry array.
func (c Cell) Index() int { return int(c.Day)*HoursPerDay + c.Hour }

// CellAt is the inverse of Cell.Index; i wraps around the week.
func CellAt(i int) Cell {
	i = mod(i, WindowHours)
	return Cell{Day: time.Weekday(i / HoursPerDay), Hour: i % HoursPerDay}
}

// Rect is an inclusive block of days × hours, as a user selects it on the
// grid. Its corners may be given in any order.
type Rect struct {
	Day0, Day1   time.Weekday
	Hour0, Hour1 int
}

// Normalized returns r with Day0 ≤ Day1 and Hour0 ≤ Hour1.
func (r Rect) Normalized() Rect {
	if r.Day0 > r.Day1 {
		r.Day0, r.Day1 = r.Day1, r.Day0
	}
	if r.Hour0 > r.Hour1 {
		r.Hour0, r.Hour1 = r.Hour1, r.Hour0
	}
	return r
}

// Contains reports whether the cell lies in the rectangle.
func (r Rect) Contains(c Cell) bool {
	n := r.Normalized()
	return c.Day >= n.Day0 && c.Day <= n.Day1 && c.Hour >= n.Hour0 && c.Hour <= n.Hour1
}

// Cells is the number of hours the rectangle covers.
func (r Rect) Cells() int {
	n := r.Normalized()
	return int(n.Day1-n.Day0+1) * (n.Hour1 - n.Hour0 + 1)
}

// AllowAll returns a window in which every hour is allowed.
func AllowAll() Window {
	var w Window
	w.Fill(true)
	return w
}

// WindowFromBools converts the API's array. Anything but exactly 168 entries
// is an error: a short or long array is never padded or cut.
func WindowFromBools(b []bool) (Window, error) {
	var w Window
	if len(b) != WindowHours {
		return w, fmt.Errorf("has %d entries, want %d (7 days × 24 hours)", len(b), WindowHours)
	}
	copy(w[:], b)
	return w, nil
}

// Bools returns the window as the API's 168-entry array.
func (w Window) Bools() []bool { return append([]bool(nil), w[:]...) }

// At reports whether the hour is allowed.
func (w Window) At(c Cell) bool { return w[c.Index()] }

// Set allows (true) or denies (false) one hour.
func (w *Window) Set(c Cell, allowed bool) { w[c.Index()] = allowed }

// Toggle flips one hour.
func (w *Window) Toggle(c Cell) { w[c.Index()] = !w[c.Index()] }

// SetRect sets every hour of the rectangle.
func (w *Window) SetRect(r Rect, allowed bool) {
	n := r.Normalized()
	for d := n.Day0; d <= n.Day1; d++ {
		for h := n.Hour0; h <= n.Hour1; h++ {
			w.Set(Cell{d, h}, allowed)
		}
	}
}

// SetDay sets all 24 hours of a day.
func (w *Window) SetDay(d time.Weekday, allowed bool) {
	w.SetRect(Rect{Day0: d, Day1: d, Hour0: 0, Hour1: HoursPerDay - 1}, allowed)
}

// SetHour sets one hour of every day (a column of the grid).
func (w *Window) SetHour(hour int, allowed bool) {
	w.SetRect(Rect{Day0: time.Sunday, Day1: time.Saturday, Hour0: hour, Hour1: hour}, allowed)
}

// Fill sets all 168 hours.
func (w *Window) Fill(allowed bool) {
	for i := range w {
		w[i] = allowed
	}
}

// Invert allows what was denied and denies what was allowed.
func (w *Window) Invert() {
	for i := range w {
		w[i] = !w[i]
	}
}

// Union allows every hour that o allows too.
func (w *Window) Union(o Window) {
	for i := range w {
		w[i] = w[i] || o[i]
	}
}

// Subtract denies every hour that o allows.
func (w *Window) Subtract(o Window) {
	for i := range w {
		w[i] = w[i] && !o[i]
	}
}

// Count is the number of allowed hours.
func (w Window) Count() int {
	n := 0
	for _, v := range w {
		if v {
			n++
		}
	}
	return n
}

// Equal reports whether both windows allow the same hours.
func (w Window) Equal(o Window) bool { return w == o }

// Diff lists, in week order, the hours whose value differs in o.
func (w Window) Diff(o Window) []Cell {
	var cells []Cell
	for i := range w {
		if w[i] != o[i] {
			cells = append(cells, CellAt(i))
		}
	}
	return cells
}

func mod(a, n int) int { return ((a % n) + n) % n }

// Rotate returns the window shifted later by hours (earlier when negative),
// wrapping around the week: the same hours seen on a clock that many hours
// ahead, as when a window in the server's zone is shown in another zone.
func (w Window) Rotate(hours int) Window {
	var out Window
	for i, allowed := range w {
		out[mod(i+hours, WindowHours)] = allowed
	}
	return out
}
