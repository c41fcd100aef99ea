package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/vbosched/vbosched/model"
)

// Styles is every style of the program, built once per background. Grid
// cells are rendered here once, so drawing a frame only joins strings.
//
// The styles sit behind a pointer, shared and never written after
// NewStyles: the Model holding them is copied into an interface on every
// keypress, and 7.7 kB of lipgloss styles was a fifth of that copy.
type Styles struct{ *styleSet }

type styleSet struct {
	Title, Dim, Bold, Error, OK, Warn, Key, Selected, Label lipgloss.Style
	Added, Removed                                          lipgloss.Style
	MarkClean, MarkDirty                                    lipgloss.Style
	// A run of grid cells of one kind (see cellKind) is written as cellOn,
	// the glyphs, then cellOff: one escape sequence per run, not per hour.
	cellOn  [cellKinds]string
	cellOff [cellKinds]string
	// glyphs[width-1][kind] is what a cell of a kind is drawn with:
	// glyphsPlain, or glyphsColour where the terminal shows colour.
	glyphs *[maxCellWidth][cellKinds]string
	// dayLabels[day] and hourLabels[width-1][i] are the grid's rendered
	// labels. They stay put as the cursor moves: a move then rewrites only
	// the two cells it leaves and enters (about 43 bytes over SSH).
	dayLabels  [model.Days]string
	hourLabels [maxCellWidth][model.HoursPerDay]string
	// legend[width-1] is the grid's key, a line an entry (beside a stacked
	// grid); legendRows[width-1] the same on two lines (under a grid beside
	// the form).
	legend     [maxCellWidth][len(legendEntries)]string
	legendRows [maxCellWidth][2]sizedText
}

// gridLabelWidth is the width of the grid's day labels ("Sun  ").
const gridLabelWidth = 5

// maxCellWidth is the widest the grid draws an hour, in columns.
const maxCellWidth = 4

// hourStep is how many hours one header label spans at a cell width: a
// label every 6, 3, 2 or 1 hours, so each 6-hour block between the guides
// starts with one.
func hourStep(cellWidth int) int { return guideHours / cellWidth }

type cellKind int

const (
	cellDenied cellKind = iota
	cellAllowed
	cellSelDenied
	cellSelAllowed
	cellCurDenied
	cellCurAllowed
	cellAdded
	cellRemoved
	cellStartAllowed // the job starts in this allowed hour
	cellStartOff     // it starts in an hour the shown window denies, but nothing holds the start
	cellStartWaits   // it starts in an hour the backup window denies: the start waits
	cellKinds
)

// Glyphs differ by shape as well as colour, so the grid reads with
// NO_COLOR and on a monochrome terminal. A start mark keeps the hour's own
// glyph after it where there is room, except a start that waits: that one
// is all "!", since it is what the admin must not miss.
//
// The cursor is bracketed on either state, "<>" on a denied hour and "[]"
// on an allowed one: a half block ("▐▌") between "██" neighbours read as one
// block with two hairline gaps, the cursor all but lost in a run of
// allowed hours (finding G6).
var glyphsPlain = [maxCellWidth][cellKinds]string{
	{"·", "█", "░", "▓", "<", "[", "+", "-", "▸", "▹", "!"},
	{"··", "██", "░░", "▓▓", "<>", "[]", "++", "--", "▸█", "▹·", "!!"},
	{"···", "███", "░░░", "▓▓▓", "<·>", "[█]", "+++", "---", "▸██", "▹··", "!!!"},
	{"····", "████", "░░░░", "▓▓▓▓", "<··>", "[██]", "++++", "----", "▸███", "▹···", "!!!!"},
}

// glyphsColour is the grid where the terminal shows colour: an allowed
// hour is spaces on a green background, one byte a column where █ is
// three (issue #9: the bytes each keypress sends over SSH), and the cursor
// is "<>" on either state, dark on the hour's green or in reverse video on
// a denied hour; a start in an allowed hour is a dark "▸" on its green.
// Denied hours keep their dim dots, so the two states differ in shape
// too; the other kinds keep their glyphs.
var glyphsColour = func() (g [maxCellWidth][cellKinds]string) {
	g = glyphsPlain
	for w := 1; w <= maxCellWidth; w++ {
		g[w-1][cellAllowed] = strings.Repeat(" ", w)
		g[w-1][cellCurAllowed] = "<" + strings.Repeat(" ", max(0, w-2)) + ">"[:min(1, w-1)]
		g[w-1][cellStartAllowed] = "▸" + strings.Repeat(" ", w-1)
	}
	return g
}()

// guideGlyph is the guide column drawn before 06:00, 12:00 and 18:00.
const guideGlyph = "│"

// diffKinds draws each model.HourChange of a before/after grid.
var diffKinds = [...]cellKind{
	model.HourDenied:  cellDenied,
	model.HourAllowed: cellAllowed,
	model.HourAdded:   cellAdded,
	model.HourRemoved: cellRemoved,
}

// HourGlyph is the plain text the grid draws for an hour of a
// before/after grid, one or two columns wide. `vbosched show` and `set`
// print their grids with it, so both front ends draw hours alike.
func HourGlyph(h model.HourChange, cellWidth int) string {
	return glyphsPlain[max(1, min(2, cellWidth))-1][diffKinds[h]]
}

// NewStyles builds the styles for a dark or light background, with the
// grid drawn in glyphs alone (NewColourStyles: where colour shows).
func NewStyles(dark bool) Styles { return newStyles(dark, false) }

// NewColourStyles is NewStyles for a terminal that shows colour (a
// profile of 16 colours or more): the grid's allowed hours are coloured
// blocks of spaces, not █ glyphs.
func NewColourStyles(dark bool) Styles { return newStyles(dark, true) }

func newStyles(dark, colour bool) Styles {
	ld := lipgloss.LightDark(dark)
	green := ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#3fb950"))
	grey := ld(lipgloss.Color("#8c959f"), lipgloss.Color("#6e7681"))
	red := ld(lipgloss.Color("#cf222e"), lipgloss.Color("#f85149"))
	amber := ld(lipgloss.Color("#9a6700"), lipgloss.Color("#d29922"))
	accent := ld(lipgloss.Color("#8250df"), lipgloss.Color("#bc8cff"))
	s := &styleSet{
		Title:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:      lipgloss.NewStyle().Foreground(grey),
		Bold:     lipgloss.NewStyle().Bold(true),
		Error:    lipgloss.NewStyle().Foreground(red),
		OK:       lipgloss.NewStyle().Foreground(green),
		Warn:     lipgloss.NewStyle().Foreground(amber),
		Key:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Selected: lipgloss.NewStyle().Reverse(true),
		Label:    lipgloss.NewStyle().Foreground(grey),
		Added:    lipgloss.NewStyle().Foreground(green).Bold(true),
		// The title's "· as on the server" and "● unsaved changes", which
		// toggling hours turns into each other: in basic colours, like the
		// grid, whose escape is 5 bytes where a 24-bit one is 19. The
		// unsaved mark keeps its amber on a light background, where a
		// basic yellow is hard to read.
		MarkClean: lipgloss.NewStyle().Foreground(lipgloss.BrightBlack),
		MarkDirty: lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#9a6700"), lipgloss.Yellow)),
		Removed:   lipgloss.NewStyle().Foreground(red).Bold(true),
	}
	// The grid uses the 16 basic colours: they follow the user's terminal
	// theme, and their escape sequences are the shortest, which matters for
	// the bytes each keypress sends over a slow SSH link.
	cellGreen := ld(lipgloss.Green, lipgloss.BrightGreen)
	cellGrey := lipgloss.BrightBlack
	cellSel := ld(lipgloss.BrightCyan, lipgloss.Blue)
	cellStyle := [cellKinds]lipgloss.Style{
		cellDenied:     lipgloss.NewStyle().Foreground(cellGrey),
		cellAllowed:    lipgloss.NewStyle().Foreground(cellGreen),
		cellSelDenied:  lipgloss.NewStyle().Foreground(cellGrey).Background(cellSel),
		cellSelAllowed: lipgloss.NewStyle().Foreground(cellGreen).Background(cellSel),
		// The cursor is reverse video alone, and on an allowed hour it keeps
		// the hour's colour: a move then switches one attribute on and off
		// (\x1b[7m, \x1b[27m) rather than three.
		cellCurDenied:  lipgloss.NewStyle().Reverse(true),
		cellCurAllowed: lipgloss.NewStyle().Reverse(true).Foreground(cellGreen),
		cellAdded:      s.Added,
		cellRemoved:    s.Removed,
		// Bold sets a start apart from the hours around it even where the
		// terminal shows no colour; red is for the start that waits.
		cellStartAllowed: lipgloss.NewStyle().Bold(true).Foreground(cellGreen),
		cellStartOff:     lipgloss.NewStyle().Bold(true),
		cellStartWaits:   lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Red, lipgloss.BrightRed)),
	}
	s.glyphs = &glyphsPlain
	if colour {
		s.glyphs = &glyphsColour
		// The allowed hours' spaces have the cursor's dark foreground,
		// unseen on them: the cursor's "<>" then needs no escape of its own
		// in a run of allowed hours. The background is the basic green on
		// either theme: the bright backgrounds (100-107) are not ECMA-48,
		// and some terminals and renderers (the Linux console, freeze) do
		// not draw them.
		onGreen := lipgloss.NewStyle().Background(lipgloss.Green).Foreground(lipgloss.Black)
		cellStyle[cellAllowed] = onGreen
		cellStyle[cellCurAllowed] = onGreen
		cellStyle[cellStartAllowed] = onGreen.Bold(true)
	}
	for k := range cellKinds {
		const probe = "\x00"
		s.cellOn[k], s.cellOff[k], _ = strings.Cut(cellStyle[k].Render(probe), probe)
	}
	for d := range model.Days {
		s.dayLabels[d] = s.Label.Render(fmt.Sprintf("%-*s", gridLabelWidth, time.Weekday(d).String()[:3]))
	}
	for w := 1; w <= maxCellWidth; w++ {
		step := hourStep(w)
		for i := 0; i*step < model.HoursPerDay; i++ {
			s.hourLabels[w-1][i] = s.Label.Render(fmt.Sprintf("%-*s", step*w, fmt.Sprintf("%02d", i*step)))
		}
	}
	for w := 1; w <= maxCellWidth; w++ {
		s.legend[w-1] = legend(s, w)
		s.legendRows[w-1] = [2]sizedText{sized(strings.Join(s.legend[w-1][:3], "  ")), sized(strings.Join(s.legend[w-1][3:], "  "))}
	}
	return Styles{s}
}
