package main

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"os"
	"slices"
)

// freeze draws at four times the terminal's pixels, some 1 MB a screen.
// shrink halves the picture and keeps it to the colours it mostly uses, so
// that the README's pictures stay a few hundred kilobytes in all.
func shrink(path string, factor, colours int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	src, err := png.Decode(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("reading freeze's %s: %w", path, err)
	}
	small := downscale(src, factor)
	out := image.NewPaletted(small.Bounds(), mainColours(small, colours))
	for i := 0; i < len(small.Pix); i += 4 {
		c := color.RGBA{small.Pix[i], small.Pix[i+1], small.Pix[i+2], 255}
		out.Pix[i/4] = uint8(out.Palette.Index(c))
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, out); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// downscale averages each factor×factor square of pixels into one.
func downscale(src image.Image, factor int) *image.RGBA {
	r := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx()/factor, r.Dy()/factor))
	n := uint32(factor * factor)
	for y := range dst.Rect.Dy() {
		for x := range dst.Rect.Dx() {
			var sr, sg, sb uint32
			for dy := range factor {
				for dx := range factor {
					cr, cg, cb, _ := src.At(r.Min.X+x*factor+dx, r.Min.Y+y*factor+dy).RGBA()
					sr, sg, sb = sr+cr>>8, sg+cg>>8, sb+cb>>8
				}
			}
			dst.SetRGBA(x, y, color.RGBA{uint8(sr / n), uint8(sg / n), uint8(sb / n), 255})
		}
	}
	return dst
}

// mainColours is the n colours the picture uses most: the terminal's
// colours and the commonest shades of their anti-aliased edges.
func mainColours(img *image.RGBA, n int) color.Palette {
	count := map[color.RGBA]int{}
	for i := 0; i < len(img.Pix); i += 4 {
		count[color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], 255}]++
	}
	all := slices.SortedFunc(maps.Keys(count), func(a, b color.RGBA) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Compare(uint32(a.R)<<16|uint32(a.G)<<8|uint32(a.B), uint32(b.R)<<16|uint32(b.G)<<8|uint32(b.B))
	})
	p := make(color.Palette, 0, n)
	for _, c := range all[:min(n, len(all))] {
		p = append(p, c)
	}
	return p
}
