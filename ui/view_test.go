package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vbosched/vbosched/model"
)

// snapshot is the state a view once changed behind Update's back.
type snapshot struct {
	listCursor, listOffset int
	formFocus              int
	grid                   Grid
	dirty                  bool
}

func snap(m Model) snapshot {
	return snapshot{m.list.cursor, m.list.offset, m.editor.form.focus, m.editor.grid, m.editor.sum != nil && m.editor.sum.dirty}
}

func TestView_OnlyReads(t *testing.T) {
	tests := []struct {
		name string
		m    func(t *testing.T) Model
	}{
		{"list scrolled to the bottom", func(t *testing.T) Model { return press(t, manyJobsList(t), "G", "up") }},
		{"list filtered", func(t *testing.T) Model { return press(t, manyJobsList(t), "/", "a", "r") }},
		{"editor with a selection", func(t *testing.T) Model {
			m, _ := loaded(t, "v8", 120, 40)
			return press(t, m, "enter", "v", "j*2", "l*3")
		}},
		{"form editing a field", func(t *testing.T) Model {
			m, _ := loaded(t, "v8", 80, 24)
			return press(t, m, "enter", "space", "tab", "down*2", "enter", "1")
		}},
		{"review", func(t *testing.T) Model {
			m, _ := loaded(t, "v8", 80, 24)
			return press(t, m, "enter", "space", "ctrl+s")
		}},
		{"help", func(t *testing.T) Model {
			m, _ := loaded(t, "v8", 80, 24)
			return press(t, m, "?")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.m(t)
			before, state := m, snap(m)
			first, second := view(m), view(m)
			if first != second {
				t.Errorf("two Views differ:\n%s\n---\n%s", first, second)
			}
			// DeepEqual guards the value receivers (a View on *Model would
			// change m); the snapshot also covers state behind pointers.
			if !reflect.DeepEqual(before, m) || snap(m) != state {
				t.Errorf("View changed the model: %+v, was %+v", snap(m), state)
			}
		})
	}
}

// The form's Render once moved the focus itself; now Update keeps it on a
// field the draft shows, also when an undo hides the focused one.
func TestEditor_UndoKeepsTheFormFocusOnAShownField(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	m = press(t, m, "enter", "tab", "right") // Exchange nightly: Daily → the next type
	if m.editor.draft.Policy.Type == model.Daily {
		t.Fatal("right on Type did not change it")
	}
	m = press(t, m, "down") // the first field of the new type
	hidden := m.editor.form.focus
	m = press(t, m, "u")
	d := m.editor.draft
	shown := m.editor.form.visible(&d, m.editor.version)
	if slices.Contains(shown, hidden) {
		t.Fatalf("field %d is still shown after the undo; the test needs one that is hidden", hidden)
	}
	if !slices.Contains(shown, m.editor.form.focus) {
		t.Errorf("focus %d is on a hidden field; shown %v", m.editor.form.focus, shown)
	}
	if got := strings.Count(view(m), "> "); got != 1 {
		t.Errorf("%d focused rows on screen, want 1:\n%s", got, view(m))
	}
}

// The render cache is filled by Update under a key of everything a drawing
// depends on; View reads a hit and redraws a miss.
func TestView_CacheHitsOnlyUnderItsKey(t *testing.T) {
	m, _ := loaded(t, "v8", 80, 24)
	title, _ := m.chrome()
	if c := m.cache.header.entry; c == nil || c.key != m.headerKey(title) {
		t.Fatalf("Update left no header for %q: %+v", title, c)
	}
	hit := m
	hit.cache.header.entry = &memoEntry[headerKey, string]{key: m.headerKey(title), val: "CACHED"}
	if !strings.HasPrefix(view(hit), "CACHED\n") {
		t.Error("View drew the header although the cache held it")
	}
	m = press(t, m, "/", "x")
	if title, _ := m.chrome(); m.cache.header.entry.key.title != title {
		t.Errorf("after filtering the header is cached for %q, the title is %q", m.cache.header.entry.key.title, title)
	}
	stale := m
	staleKey := m.cache.header.entry.key
	staleKey.title = "8 jobs"
	stale.cache.header.entry = &memoEntry[headerKey, string]{key: staleKey, val: "STALE"}
	if strings.Contains(view(stale), "STALE") {
		t.Error("View showed a header cached for another title")
	}
}
