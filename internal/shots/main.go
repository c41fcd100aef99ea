// Command shots makes the README's pictures from the program itself: it runs
// the TUI on the demo's jobs (the fake server, as `vbosched demo` serves
// them) at a fixed size and clock, presses the keys a user would, and turns
// each screen, with its colours, into a PNG with Charm's freeze.
//
//	go run ./internal/shots
//
// freeze runs with `go run github.com/charmbracelet/freeze@v0.2.2`, so it is
// not a dependency of vbosched; it needs the Go toolchain and, the first time,
// the module proxy. It renders offline with the font it embeds.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/vbosched/vbosched/apiclient"
	"github.com/vbosched/vbosched/internal/fakevbo"
	"github.com/vbosched/vbosched/internal/jobstore"
	"github.com/vbosched/vbosched/ui"
)

// freeze is the pinned renderer; README names the same version.
const freeze = "github.com/charmbracelet/freeze@v0.2.2"

// shot is one picture: the keys pressed from the job list, at a size.
type shot struct {
	name          string
	width, height int
	keys          []string
}

// The editor's sizes are the smallest its layout takes side by side, so
// the pictures have no empty rows; the wide one shows 4 columns an hour.
var shots = []shot{
	{"list", 100, 14, nil},
	// The start moved to 19:00, an hour the window denies on workdays:
	// the grid marks those starts "!!" and the warning says they wait.
	{"editor", 120, 20, []string{"enter", "tab", "down*2", "enter", "ctrl+u", "1", "9", ":", "0", "0", "enter", "tab", "j*3", "l*14"}},
	{"editor-wide", 160, 20, []string{"down*4", "enter", "w", "tab"}},
	// A preset window and an earlier start that falls in a denied hour:
	// the review's warnings and its before/after grid.
	{"review", 100, 26, []string{"enter", "p", "3", "tab", "down*2", "enter", "ctrl+u", "0", "5", ":", "3", "0", "enter", "ctrl+s"}},
	// The planner on Monday 22:00: the jobs that start and may run then.
	{"plan", 100, 20, []string{"P", "h*23", "l*22"}},
}

func main() {
	out := flag.String("out", "docs/img", "directory for the PNG files")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "shots:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "vbosched-shots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, s := range shots {
		screen, err := render(s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		in := filepath.Join(tmp, s.name+".ansi")
		if err := os.WriteFile(in, []byte(backgroundsForFreeze(screen)), 0o644); err != nil {
			return err
		}
		png := filepath.Join(out, s.name+".png")
		cmd := exec.Command("go", "run", freeze, "--output", png, "--language", "ansi",
			"--font.size", "14", "--padding", "16", "--margin", "0", "--window=false", "--border.radius", "0", in)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: freeze (go run %s): %w", s.name, freeze, err)
		}
		if err := shrink(png, 2, 96); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Println(png)
	}
	return nil
}

// render is the screen after s's keys, with its colours, on the demo's
// jobs as served by a fresh fake server.
func render(s shot) (string, error) {
	srv := fakevbo.NewServer(fakevbo.WithVersion("v8"))
	defer srv.Close()
	c, err := apiclient.New(apiclient.Config{BaseURL: srv.URL, APIVersion: "v8", Username: srv.Username, Password: srv.Password})
	if err != nil {
		return "", err
	}
	var m tea.Model = ui.New(ui.Options{Backend: jobstore.New(c, "DEMO"), Clock: fixedClock{}})
	m, _ = m.Update(tea.WindowSizeMsg{Width: s.width, Height: s.height})
	// A terminal in colour, as Bubble Tea tells the program at its start:
	// the grid then draws allowed hours as green blocks, not glyphs.
	m, _ = m.Update(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	if m, err = settle(m, m.Init()); err != nil {
		return "", err
	}
	for _, k := range s.keys {
		name, n := k, 1
		if base, count, ok := cutCount(k); ok {
			name, n = base, count
		}
		for range n {
			var cmd tea.Cmd
			m, cmd = m.Update(keyPress(name))
			if m, err = settle(m, cmd); err != nil {
				return "", err
			}
		}
	}
	return m.View().Content, nil
}

// settle runs cmd and what follows from it, as the program would, but
// drops the spinner's ticks: a picture is taken once the jobs are in.
func settle(m tea.Model, cmd tea.Cmd) (tea.Model, error) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 100 {
			return m, errors.New("the program kept sending commands; no screen settled")
		}
		cmd, queue = queue[0], queue[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case spinner.TickMsg, nil:
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m, nil
}

// fixedClock is the pictures' now, so their next runs do not change each
// time they are made: Wednesday 25 November 2026, 10:30, UTC+01:00.
type fixedClock struct{}

func (fixedClock) Now() time.Time {
	return time.Date(2026, time.November, 25, 10, 30, 0, 0, time.FixedZone("CET", 3600))
}
