package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/vbosched/vbosched/model"
)

// addressed is a backend with a server's address for a label, as a real
// one has ("DEMO" is short enough to hide what a long label squeezes).
type addressed struct{ *memBackend }

func (addressed) Label() string { return "https://vbo-prod.contoso.example:4443" }

// startWith is a program on b at w×h with options, its jobs loaded.
func startWith(t testing.TB, opts Options, w, h int) Model {
	t.Helper()
	opts.Clock = testClock{}
	m := New(opts)
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, next.(Model), m.loadJobs())
}

func firstLine(v string) string { l, _, _ := strings.Cut(v, "\n"); return l }

func TestList_At80ColumnsTheNameTakesTheRoomAndTheKindIsExplained(t *testing.T) {
	b := addressed{newMemBackend(t, "v8").withCopyJobs(t)}
	for _, w := range []int{80, 90, 100} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			v := view(startWith(t, Options{Backend: b}, w, 24))
			if h := firstLine(v); !strings.HasSuffix(h, "8 jobs and 3 backup copy jobs · C: copy job") {
				t.Errorf("the header does not explain the C: %q", h)
			}
			// The copy job and its source differ in more than the C, and
			// names up to 24 cells are whole.
			for _, want := range []string{"Exchange nightly – arch", "Archiv Geschäftsführung ", "SharePoint – archive "} {
				if !strings.Contains(v, want) {
					t.Errorf("no %q in the list:\n%s", want, v)
				}
			}
		})
	}
}

func TestEditorHeader_TheJobsNameAndCopyOfComeBeforeTheServersLabel(t *testing.T) {
	tests := []struct {
		name      string
		opts      Options
		width     int
		want, not []string
	}{
		{"80 columns", Options{}, 80, []string{"Exchange nightly – archive · copy of Exchange", "as on the server"}, []string{"https://"}},
		{"insecure with warnings at 80", Options{Insecure: true, Mark: "WARNINGS (shown on exit)"}, 80,
			[]string{"Exchange nightly – ", " · copy", "INSECURE · WARNINGS", "as on the server"}, []string{"https://"}},
		{"insecure with warnings at 120", Options{Insecure: true, Mark: "WARNINGS (shown on exit)"}, 120,
			[]string{"Exchange nightly – archive · copy of Exchange nightly · as on the server", "INSECURE · WARNINGS"}, []string{"https://"}},
		{"insecure at 160", Options{Insecure: true}, 160, []string{"https://vbo-prod.contoso.example:4443 · API v8 · INSECURE connection  Exchange nightly – archive"}, nil},
		{"read-only at 80", Options{ReadOnly: true}, 80, []string{"READ-ONLY", "Exchange nightly – archive · copy of"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Backend = addressed{newMemBackend(t, "v8").withCopyJobs(t)}
			m := press(t, startWith(t, opts, tt.width, 40), "j*8", "enter")
			h := firstLine(view(m))
			for _, w := range tt.want {
				if !strings.Contains(h, w) {
					t.Errorf("no %q in the header %q", w, h)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(h, w) {
					t.Errorf("%q in the header %q", w, h)
				}
			}
		})
	}
}

func TestGoldenLongServerLabel(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		opts := Options{Insecure: true, Mark: "WARNINGS (shown on exit)"}
		opts.Backend = addressed{newMemBackend(t, "v8").withCopyJobs(t)}
		m := startWith(t, opts, sz[0], sz[1])
		t.Run(fmt.Sprintf("list-%dx%d", sz[0], sz[1]), func(t *testing.T) { golden.RequireEqual(t, view(m)) })
		m = press(t, m, "j*8", "enter")
		t.Run(fmt.Sprintf("editor-%dx%d", sz[0], sz[1]), func(t *testing.T) { golden.RequireEqual(t, view(m)) })
	}
}

// resize is m after the terminal became w×h.
func resize(m Model, w, h int) Model {
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

func TestTooSmall_NamesTheSameSizesWhateverTheSizeNowAndEachWorks(t *testing.T) {
	tests := []struct {
		name  string
		open  func(t *testing.T) Model
		small [][2]int
		want  string
	}{
		{"backup job's editor", func(t *testing.T) Model { m, _ := loaded(t, "v8", 80, 24); return press(t, m, "enter") },
			[][2]int{{30, 30}, {40, 10}, {40, 12}, {45, 29}, {60, 15}, {80, 23}, {100, 11}}, "40×30, 76×24 or 110×20"},
		{"copy job's editor", func(t *testing.T) Model { m, _ := openCopy(t, 80, 24); return m },
			[][2]int{{30, 30}, {40, 10}, {40, 12}, {45, 20}, {60, 15}, {100, 11}}, "40×23, 76×21 or 110×20"},
		{"list", func(t *testing.T) Model { m, _ := loaded(t, "v8", 80, 24); return m },
			[][2]int{{30, 30}, {39, 12}, {100, 11}}, "40×12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.open(t)
			for _, sz := range tt.small {
				got := view(resize(m, sz[0], sz[1]))
				if unwrapped(got) != "terminal too small: need at least "+tt.want {
					t.Errorf("at %d×%d: %q, want the least sizes %s", sz[0], sz[1], got, tt.want)
				}
				for _, line := range strings.Split(got, "\n") {
					if lipglossWidth(line) > max(sz[0], 10) {
						t.Errorf("at %d×%d the line %q is cut by the screen's edge", sz[0], sz[1], line)
					}
				}
			}
			for _, size := range strings.FieldsFunc(tt.want, func(r rune) bool { return r == ',' || r == ' ' || r == 'o' || r == 'r' }) {
				var w, h int
				fmt.Sscanf(size, "%d×%d", &w, &h)
				if got := view(resize(m, w, h)); strings.Contains(got, "too small") {
					t.Errorf("at a size it names, %d×%d: %q", w, h, got)
				}
			}
		})
	}
}

func TestPlanTitle_CountsOnlyTheKindsItHasInTheListsWords(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"P"}, "Plan of 8 jobs and 3 backup copy jobs"},
		{[]string{"K", "P"}, "Plan of 8 jobs"},
		{[]string{"K", "K", "P"}, "Plan of 3 backup copy jobs"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			m, _ := loadedWithCopies(t, 80, 24)
			m = press(t, m, tt.keys...)
			if h := firstLine(view(m)); !strings.HasSuffix(h, "  "+tt.want) {
				t.Errorf("header %q, want it to end %q", h, tt.want)
			}
		})
	}
}

// unwrapped is v with its lines joined and the spaces that indent them
// taken out, to find text that wraps.
func unwrapped(v string) string { return strings.Join(strings.Fields(v), " ") }

// fragmentWindow is keys that leave a copy job's window in many pieces.
var fragmentWindow = []string{"space", "l*3", "space", "j", "space", "l*5", "space", "j", "l*2", "space", "l*4", "space",
	"j", "space", "l*6", "space", "j", "l", "space"}

func TestResult_ALongReadBackWrapsUnderItsValueAndLosesNothing(t *testing.T) {
	for _, w := range []int{80, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			m, _ := openCopy(t, w, 40)
			m = press(t, m, fragmentWindow...)
			m = press(t, m, "ctrl+s", "y")
			if m.screen != screenResult || m.result.copyJob == nil {
				t.Fatalf("no result screen:\n%s", view(m))
			}
			v := view(m)
			words := "Backup copy window on: " + m.result.copyJob.Policy.Window.Hours.String()
			if len(words) <= w {
				t.Fatalf("the window's words fit on a line; the test needs a longer one: %q", words)
			}
			if !strings.Contains(unwrapped(v), unwrapped(words)) {
				t.Errorf("the window read back is not all on screen, %q:\n%s", words, v)
			}
			for i, line := range strings.Split(v, "\n") {
				if lw := lipglossWidth(line); lw > w {
					t.Errorf("line %d is %d cells wide, more than the screen's %d: %q", i, lw, w, line)
				}
			}
		})
	}
}

func TestCopyEditor_TheWindowInWordsTakesTheWidthTheFormLeaves(t *testing.T) {
	m, _ := openCopy(t, 240, 40)
	m = press(t, m, fragmentWindow...)
	words := "Backup copy window on: " + toCopy(m.editor.draft).Policy.Window.Hours.String()
	if len(words) > 230 || len(words) < 100 {
		t.Fatalf("the test needs words between 100 and 230 cells: %q", words)
	}
	if v := view(m); !strings.Contains(v, words) {
		t.Errorf("the window in words is cut, %q:\n%s", words, v)
	}
}

func TestGoldenResultWithALongWindow(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m, _ := openCopy(t, sz[0], sz[1])
			m = press(t, m, fragmentWindow...)
			golden.RequireEqual(t, view(press(t, m, "ctrl+s", "y")))
		})
	}
}

// theirManyHours changes the copy window in many places and the time.
func theirManyHours(doc map[string]any) {
	p := policy(doc)
	p["dailyTime"] = "03:00:00"
	hours := p["backupCopyWindowSettings"].(map[string]any)["backupWindow"].([]any)
	for _, c := range []struct{ day, from, to int }{{1, 1, 5}, {2, 14, 20}, {6, 3, 4}, {0, 9, 10}, {3, 9, 12}, {4, 1, 3}, {5, 13, 17}} {
		for h := c.from; h < c.to; h++ {
			hours[c.day*24+h] = true
		}
	}
	for h := range 9 {
		hours[h] = false // Sun 00-09
	}
}

// conflictOfManyHours is the conflict of a save of the first copy job at
// w×h, after another operator changed its window in many places.
func conflictOfManyHours(t *testing.T, w, h int) (Model, []model.FieldChange) {
	t.Helper()
	m, b := openCopy(t, w, h)
	m = press(t, m, "j*6", "l*12", "space", "k*3", "l*3", "space") // mine: Sat 12 off, Wed 15 on
	base := m.editor.copyJob
	current := copyChanged(t, base, theirManyHours)
	theirs := model.CopyChanges(base.Settings(), current.Settings())
	b.copyErr = &model.CopyStaleError{Base: base, Current: current, Theirs: theirs}
	m = press(t, m, "ctrl+s", "y")
	b.copyErr = nil
	if m.screen != screenConflict {
		t.Fatalf("no conflict screen:\n%s", view(m))
	}
	return m, theirs
}

func TestGoldenConflictOfManyHours(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		m, _ := conflictOfManyHours(t, sz[0], sz[1])
		t.Run(fmt.Sprintf("conflict-%dx%d", sz[0], sz[1]), func(t *testing.T) { golden.RequireEqual(t, view(m)) })
		m = press(t, m, "m")
		t.Run(fmt.Sprintf("review-%dx%d", sz[0], sz[1]), func(t *testing.T) { golden.RequireEqual(t, view(m)) })
	}
}

func TestConflict_At80ColumnsEveryChangeIsReadInFullAndTheMergeNoteToo(t *testing.T) {
	m, theirs := conflictOfManyHours(t, 80, 24)
	// What shows, scrolling down to the end.
	seen := ""
	for range 30 {
		v := view(m)
		for i, line := range strings.Split(v, "\n") {
			if lw := lipglossWidth(line); lw > 80 {
				t.Errorf("line %d is %d cells wide: %q", i, lw, line)
			}
		}
		seen += "\n" + v
		m = press(t, m, "j")
	}
	for _, c := range theirs {
		if c.Added == "" && c.Removed == "" {
			continue
		}
		for _, want := range []string{"+ " + c.Added, "− " + c.Removed} {
			if !strings.Contains(unwrapped(seen), unwrapped(want)) {
				t.Errorf("their change %q is not all on screen:\n%s", want, seen)
			}
		}
	}
	m = press(t, m, "m")
	for m.screen == screenConflict {
		m = press(t, m, "m")
	}
	v := view(m)
	if m.screen != screenReview || !strings.Contains(unwrapped(v), unwrapped(m.review.note)) || !strings.Contains(m.review.note, "both sides") {
		t.Errorf("the merge's note %q is not all on screen:\n%s", m.review.note, v)
	}
}

func TestList_ANameWithJoinedEmojiIsCutBetweenGraphemesAndKeepsTheColumnsInLine(t *testing.T) {
	const name = "財務部のOneDrive👨‍👩‍👧‍👦バックアップ🇯🇵é́"
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 40}} {
		t.Run(fmt.Sprint(sz[0]), func(t *testing.T) {
			b := newMemBackend(t, "v8").withCopyJobs(t)
			for _, j := range b.jobs {
				if j.Name == "OneDrive – Finance" {
					j.Name = name
				}
			}
			v := view(start(t, b, sz[0], sz[1]))
			if !strings.Contains(v, "財務部のOneDrive") {
				t.Fatalf("the renamed job is not listed:\n%s", v)
			}
			if strings.Contains(v, "\u200d") {
				t.Errorf("a ZWJ reaches the screen, whose width terminals disagree on:\n%s", v)
			}
			for i, line := range strings.Split(v, "\n") {
				// Measured per grapheme and per rune (as tmux does), the
				// line is as wide either way and no wider than the screen.
				if g, r := ansi.StringWidth(line), ansi.StringWidthWc(line); g != r || g > sz[0] {
					t.Errorf("line %d is %d cells by graphemes, %d by runes (screen %d): %q", i, g, r, sz[0], line)
				}
			}
		})
	}
}

func TestGoldenListWithJoinedEmoji(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			b := newMemBackend(t, "v8").withCopyJobs(t)
			for _, j := range b.jobs {
				if j.Name == "OneDrive – Finance" {
					j.Name = "財務部のOneDrive👨‍👩‍👧‍👦バックアップ🇯🇵é́"
				}
			}
			golden.RequireEqual(t, view(start(t, b, sz[0], sz[1])))
		})
	}
}

func TestNarrowEditor_TheKeyGoesUnderTheFormWhenTheLinesAreThere(t *testing.T) {
	tests := []struct {
		w, h int
		want bool
	}{
		{45, 30, true},  // one column an hour, 7 lines free
		{45, 23, false}, // the least height: no room
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.w, tt.h), func(t *testing.T) {
			m, _ := openCopy(t, 80, 24)
			v := view(resize(m, tt.w, tt.h))
			if strings.Contains(v, "too small") {
				t.Fatalf("not drawn:\n%s", v)
			}
			if got := strings.Contains(v, "denied") && strings.Contains(v, "allowed"); got != tt.want {
				t.Errorf("the grid's key shown: %v, want %v:\n%s", got, tt.want, v)
			}
		})
	}
}
