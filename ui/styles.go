package ui

import (
	"charm.land/lipgloss/v2"
)

// Styles is every style of the program, built once per background. Grid
// cells are rendered here once, so drawing a frame only joins strings.
type Styles struct {
	Title, Dim, Bold, Error, OK, Warn, Key, Selected, Label, LabelCursor lipgloss.Style
	Added, Removed                                                       lipgloss.Style
	// cells[width-1][kind] is a rendered grid cell; see cellKind.
	cells [2][cellKinds]string
}

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
	cellKinds
)

// Glyphs differ by shape as well as colour, so the grid reads with
// NO_COLOR and on a monochrome terminal.
var glyphs = [2][cellKinds]string{
	{"·", "█", "░", "▓", "<", "▌", "+", "-"},
	{"··", "██", "░░", "▓▓", "<>", "▐▌", "++", "--"},
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(dark bool) Styles {
	ld := lipgloss.LightDark(dark)
	green := ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#3fb950"))
	grey := ld(lipgloss.Color("#8c959f"), lipgloss.Color("#6e7681"))
	red := ld(lipgloss.Color("#cf222e"), lipgloss.Color("#f85149"))
	amber := ld(lipgloss.Color("#9a6700"), lipgloss.Color("#d29922"))
	accent := ld(lipgloss.Color("#8250df"), lipgloss.Color("#bc8cff"))
	selBg := ld(lipgloss.Color("#ddf4ff"), lipgloss.Color("#1f3a5f"))
	s := Styles{
		Title:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dim:         lipgloss.NewStyle().Foreground(grey),
		Bold:        lipgloss.NewStyle().Bold(true),
		Error:       lipgloss.NewStyle().Foreground(red),
		OK:          lipgloss.NewStyle().Foreground(green),
		Warn:        lipgloss.NewStyle().Foreground(amber),
		Key:         lipgloss.NewStyle().Bold(true).Foreground(accent),
		Selected:    lipgloss.NewStyle().Reverse(true),
		Label:       lipgloss.NewStyle().Foreground(grey),
		LabelCursor: lipgloss.NewStyle().Bold(true).Foreground(accent),
		Added:       lipgloss.NewStyle().Foreground(green).Bold(true),
		Removed:     lipgloss.NewStyle().Foreground(red).Bold(true),
	}
	cellStyle := [cellKinds]lipgloss.Style{
		cellDenied:     lipgloss.NewStyle().Foreground(grey),
		cellAllowed:    lipgloss.NewStyle().Foreground(green),
		cellSelDenied:  lipgloss.NewStyle().Foreground(grey).Background(selBg),
		cellSelAllowed: lipgloss.NewStyle().Foreground(green).Background(selBg),
		cellCurDenied:  lipgloss.NewStyle().Bold(true).Reverse(true),
		cellCurAllowed: lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(green),
		cellAdded:      s.Added,
		cellRemoved:    s.Removed,
	}
	for w := range glyphs {
		for k := range glyphs[w] {
			s.cells[w][k] = cellStyle[k].Render(glyphs[w][k])
		}
	}
	return s
}

func (s Styles) cell(width int, k cellKind) string { return s.cells[width-1][k] }
