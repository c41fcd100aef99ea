package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Each picture is its screen, settled, in colour: a picture of the spinner
// or of plain text would pass for one in review.
func TestRender_EachShotIsItsScreenInColour(t *testing.T) {
	want := map[string]string{
		"list":        "Exchange nightly",
		"editor":      "▸  the job starts",
		"editor-wide": "Archiv Geschäftsführung",
		"review":      "Review: nothing is sent until you confirm",
		"plan":        "Mon 22:00  4 start", // the list shows the demo's copy jobs, and so does its plan
	}
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			screen, err := render(s)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(screen)
			if !strings.Contains(plain, want[s.name]) || strings.Contains(plain, "too small") || strings.Contains(plain, "loading") {
				t.Errorf("screen lacks %q:\n%s", want[s.name], plain)
			}
			if !strings.Contains(screen, "\x1b[") {
				t.Error("the screen has no colours")
			}
		})
	}
}

func TestShrink_HalvesThePictureAndKeepsItsMainColours(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			c := color.RGBA{0x17, 0x17, 0x17, 255}
			if x < 20 {
				c = color.RGBA{0, 0xd7, 0x87, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	path := filepath.Join(t.TempDir(), "p.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := shrink(path, 2, 16); err != nil {
		t.Fatal(err)
	}
	f, _ = os.Open(path)
	defer f.Close()
	got, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := got.(*image.Paletted)
	if !ok || p.Bounds().Dx() != 20 || p.Bounds().Dy() != 10 {
		t.Fatalf("shrunk to %T %v, want a 20×10 paletted picture", got, got.Bounds())
	}
	if r, g, b, _ := p.At(2, 2).RGBA(); r>>8 != 0 || g>>8 != 0xd7 || b>>8 != 0x87 {
		t.Errorf("green half became %x %x %x", r>>8, g>>8, b>>8)
	}
}

// freeze draws no basic background colour, so the pictures spell them as
// 24-bit ones; foregrounds and extended colours stay as they are.
func TestBackgroundsForFreeze_SpellsBasicBackgroundsIn24Bits(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"basic green", "\x1b[30;42m  <>\x1b[m", "\x1b[30;48;2;49;187;113m  <>\x1b[m"},
		{"bright green", "\x1b[102m  ", "\x1b[48;2;0;215;135m  "},
		{"a 24-bit foreground whose blue is 42", "\x1b[38;2;1;2;42m", "\x1b[38;2;1;2;42m"},
		{"a 256-colour foreground", "\x1b[38;5;42;44m", "\x1b[38;5;42;48;2;128;86;255m"},
		{"no background", "\x1b[1;92mx\x1b[m", "\x1b[1;92mx\x1b[m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backgroundsForFreeze(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
