package export

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"

	"github.com/fogleman/gg"
	graphviz "github.com/goccy/go-graphviz"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// pngDPI is the PNG resolution: at 96 dpi a map capped at 720 pt is
// 960 px wide, a blog column.
const pngDPI = 96

// pngPlugins registers a mapEngine drawing with gg for "png", in place of
// go-graphviz's own (which draws no outlines or edge lines in v0.2.10).
func pngPlugins(ctx context.Context) ([]graphviz.Plugin, error) {
	fonts, err := newPNGFonts()
	if err != nil {
		return nil, err
	}
	return enginePlugins(ctx, "png", pngDPI, newMapEngine(fonts.newCanvas))
}

// pngFonts holds the Go fonts, compiled into the binary, so a PNG does not
// depend on the fonts a machine has and is the same everywhere, and the
// faces made from them, kept across renders.
type pngFonts struct {
	regular, bold *truetype.Font
	faces         map[string]font.Face
}

func newPNGFonts() (*pngFonts, error) {
	regular, err := truetype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse go regular font: %w", err)
	}
	bold, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse go bold font: %w", err)
	}
	return &pngFonts{regular: regular, bold: bold, faces: map[string]font.Face{}}, nil
}

// face returns a cached face of the given pixel size.
func (f *pngFonts) face(bold bool, size float64) font.Face {
	key := fmt.Sprintf("%t/%.3f", bold, size)
	if face, ok := f.faces[key]; ok {
		return face
	}
	ft := f.regular
	if bold {
		ft = f.bold
	}
	face := truetype.NewFace(ft, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingNone})
	f.faces[key] = face
	return face
}

func (f *pngFonts) newCanvas(width, height float64) (canvas, error) {
	dc := gg.NewContext(int(width), int(height))
	dc.SetRGB(1, 1, 1)
	dc.Clear()
	return &pngCanvas{dc: dc, fonts: f}, nil
}

// pngCanvas draws a page with gg.
type pngCanvas struct {
	dc    *gg.Context
	fonts *pngFonts
}

func (c *pngCanvas) drawPath(p path, pt paint) {
	p.trace(c.dc.MoveTo, c.dc.LineTo, c.dc.CubicTo, c.dc.ClosePath)
	if pt.fill.A != 0 {
		c.dc.SetColor(pt.fill)
		c.dc.FillPreserve()
	}
	if pt.stroke.A != 0 {
		c.dc.SetColor(pt.stroke)
		c.dc.SetLineWidth(pt.width)
		c.dc.SetDash(pt.dash...)
		c.dc.StrokePreserve()
	}
	c.dc.ClearPath()
	c.dc.SetDash()
}

func (c *pngCanvas) textWidth(s string, bold bool, size float64) float64 {
	return float64(font.MeasureString(c.fonts.face(bold, size), s)) / 64
}

func (c *pngCanvas) drawText(s string, bold bool, size, x, y float64, col color.NRGBA) {
	c.dc.SetColor(col)
	c.dc.SetFontFace(c.fonts.face(bold, size))
	c.dc.DrawString(s, x, y)
}

// link does nothing: a PNG has no links.
func (c *pngCanvas) link(x, y, w, h float64, url string) {}

func (c *pngCanvas) finish() ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, c.dc.Image()); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}
