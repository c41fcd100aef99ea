package ui

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
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

// BenchmarkFilterKeyToScreen drives the real program at 120×40 with 45 and
// 10,000 jobs loaded and the filter open: one key typed on its input ("v",
// which only the "Archive NN" jobs match) to the first write of the frame
// whose top row is the first of them. Backspace, untimed, brings the list
// back between keys, so each key lands just after a frame was written and
// waits most of the renderer's tick (60 fps) as well as for the work. The
// budget: 10,000 jobs within 1.5× of 45
// (go test ./ui -run XXX -bench FilterKeyToScreen -benchtime 200x -count 6).
func BenchmarkFilterKeyToScreen(b *testing.B) {
	const filtered, unfiltered = "> Archive 05", "> Mailbox 01"
	for _, n := range []int{45, 10000} {
		b.Run(fmt.Sprintf("jobs=%d", n), func(b *testing.B) {
			m := press(b, start(b, newManyJobsBackend(b, n), 120, 40), "/")
			// The first frame is written whole, after the terminal's setup.
			screen := &frameWatch{shown: make(chan struct{}, 1), want: unfiltered, whole: true}
			in, keys := io.Pipe()
			p := tea.NewProgram(framesOf{m, screen}, tea.WithInput(in), tea.WithOutput(screen),
				tea.WithWindowSize(120, 40), tea.WithoutSignalHandler(), tea.WithColorProfile(colorprofile.TrueColor))
			done := make(chan struct{})
			go func() { _, _ = p.Run(); close(done) }()
			type_ := func(key, row string) {
				screen.expect(row)
				if _, err := keys.Write([]byte(key)); err != nil {
					b.Fatal(err)
				}
				screen.wait(b, row)
			}
			screen.wait(b, unfiltered) // the first frame
			b.ResetTimer()
			for range b.N {
				type_("v", filtered)
				b.StopTimer()
				type_("\x7f", unfiltered) // backspace
				b.StartTimer()
			}
			b.StopTimer()
			p.Quit()
			_ = keys.Close()
			<-done
		})
	}
}

// framesOf is the list's Model with each frame it renders shown to a
// frameWatch, the frame as Bubble Tea will draw it before the renderer
// works out what of it to write.
type framesOf struct {
	Model
	screen *frameWatch
}

// Init leaves out the Model's first load: the list was loaded before the
// program started, and a second load would replace it while the first key
// waits, which is the load's time, not the key's.
func (f framesOf) Init() tea.Cmd { return nil }

func (f framesOf) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := f.Model.Update(msg)
	return framesOf{next.(Model), f.screen}, cmd
}

func (f framesOf) View() tea.View {
	v := f.Model.View()
	f.screen.rendered(v.Content)
	return v
}

// frameWatch is the program's output: it signals the first write after a
// frame showing the row it expects was rendered, that frame's write. The
// renderer writes only when the frame differs from the one on screen, so
// with the screen settled that write is the awaited frame (or its diff).
type frameWatch struct {
	mu    sync.Mutex
	want  string // the row the awaited frame shows
	whole bool   // the write must show want itself: the first frame's
	ready bool   // a frame showing want was rendered, its write not yet seen
	shown chan struct{}
}

func (w *frameWatch) expect(row string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.want, w.whole, w.ready = row, false, false
}

func (w *frameWatch) rendered(frame string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.want != "" && !w.ready && strings.Contains(ansi.Strip(frame), w.want) {
		w.ready = true
	}
}

func (w *frameWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ready && (!w.whole || strings.Contains(ansi.Strip(string(p)), w.want)) {
		w.want, w.ready = "", false
		w.shown <- struct{}{}
	}
	return len(p), nil
}

// wait blocks until the frame showing row is written; ten seconds without
// it is a failure, not a measurement.
func (w *frameWatch) wait(b *testing.B, row string) {
	b.Helper()
	select {
	case <-w.shown:
	case <-time.After(10 * time.Second):
		b.Fatalf("no frame showing %q was written (want %q ready %v)", row, w.want, w.ready)
	}
}
