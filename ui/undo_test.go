package ui

import (
	"strconv"
	"testing"
)

// names walks a history from the top and returns its drafts' names.
func names(h *history) []string {
	var out []string
	for ; h != nil; h = h.prev {
		out = append(out, h.draft.Name)
	}
	return out
}

func pushNamed(h *history, from, to int) *history {
	for i := from; i < to; i++ {
		var d draft
		d.Name = strconv.Itoa(i)
		h = h.push(d)
	}
	return h
}

func TestHistory_BoundedKeepingTheNewestSteps(t *testing.T) {
	for _, pushes := range []int{1, historySteps, 2 * historySteps, 2*historySteps + 1, 10 * historySteps, 10*historySteps + 7} {
		t.Run(strconv.Itoa(pushes), func(t *testing.T) {
			h := pushNamed(nil, 0, pushes)
			got := names(h)
			if len(got) > 2*historySteps {
				t.Fatalf("%d pushes keep %d drafts, want at most %d", pushes, len(got), 2*historySteps)
			}
			if want := min(pushes, historySteps); len(got) < want {
				t.Fatalf("%d pushes keep %d drafts, want at least %d", pushes, len(got), want)
			}
			if h.depth != len(got) {
				t.Errorf("depth %d, but the stack holds %d drafts", h.depth, len(got))
			}
			for i, name := range got {
				if want := strconv.Itoa(pushes - 1 - i); name != want {
					t.Fatalf("step %d back is draft %s, want %s (newest first, none skipped)", i, name, want)
				}
			}
		})
	}
}

func TestHistory_TrimmingLeavesOlderCopiesWhole(t *testing.T) {
	old := pushNamed(nil, 0, 2*historySteps)
	_ = pushNamed(old, 2*historySteps, 2*historySteps+1) // this push trims
	if got := names(old); len(got) != 2*historySteps || got[0] != strconv.Itoa(2*historySteps-1) || got[len(got)-1] != "0" {
		t.Errorf("an older editor's history changed under it: %d drafts, %s … %s", len(got), got[0], got[len(got)-1])
	}
}

func TestUndo_StopsAtTheHistoryBound(t *testing.T) {
	m, _ := loaded(t, "v8", 120, 40)
	m = press(t, m, "enter")
	m.editor.undo = pushNamed(m.editor.undo, 0, 3*historySteps)
	steps := 0
	for m.editor.undo != nil {
		m = press(t, m, "u")
		steps++
		if steps > 2*historySteps {
			t.Fatalf("more than %d undo steps kept", 2*historySteps)
		}
	}
	if steps < historySteps {
		t.Errorf("%d undo steps, want at least %d", steps, historySteps)
	}
	if m.editor.draft.Name != strconv.Itoa(3*historySteps-steps) {
		t.Errorf("the oldest undo reached draft %q, want %d", m.editor.draft.Name, 3*historySteps-steps)
	}
}
