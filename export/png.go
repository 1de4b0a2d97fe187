package export

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"

	"github.com/fogleman/gg"
	graphviz "github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// pngDPI is the PNG resolution: at 96 dpi a map capped at 720 pt is
// 960 px wide, a blog column.
const pngDPI = 96

// pngPlugins registers pngEngine for "png" in place of go-graphviz's own.
func pngPlugins(ctx context.Context) ([]graphviz.Plugin, error) {
	engine, err := newPNGEngine()
	if err != nil {
		return nil, err
	}
	render, err := graphviz.NewRenderPlugin(ctx, "png", engine,
		graphviz.RenderFeatures(gvc.RenderYGoesDown, gvc.RenderDoesTransform))
	if err != nil {
		return nil, err
	}
	device, err := graphviz.NewDevicePlugin(ctx, "png:png",
		graphviz.DeviceFeatures(gvc.DeviceBinaryFormat, gvc.DeviceDoesTrueColor),
		graphviz.DeviceDPI(pngDPI, pngDPI))
	if err != nil {
		return nil, err
	}
	return []graphviz.Plugin{render, device}, nil
}

// pngEngine draws Graphviz's rendering calls with gg. Text uses the Go
// fonts compiled into the binary, so a PNG does not depend on the fonts a
// machine has and is the same everywhere; a span wider than the width
// Graphviz measured is drawn smaller so it stays inside its node.
type pngEngine struct {
	*gvc.DefaultRenderEngine
	dc            *gg.Context
	regular, bold *truetype.Font
	faces         map[string]font.Face
	// Page transform from graph points to pixels: pixel = scale*(p+shift),
	// with y negated.
	sx, sy, tx, ty float64
}

func newPNGEngine() (*pngEngine, error) {
	regular, err := truetype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse go regular font: %w", err)
	}
	bold, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse go bold font: %w", err)
	}
	return &pngEngine{DefaultRenderEngine: &gvc.DefaultRenderEngine{}, regular: regular, bold: bold, faces: map[string]font.Face{}}, nil
}

func (e *pngEngine) BeginPage(_ context.Context, job *gvc.Job) error {
	e.dc = gg.NewContext(int(job.Width()), int(job.Height()))
	s, t := job.Scale(), job.Translation()
	e.sx, e.sy, e.tx, e.ty = s.X(), s.Y(), t.X(), t.Y()
	e.dc.SetRGB(1, 1, 1)
	e.dc.Clear()
	return nil
}

func (e *pngEngine) EndPage(_ context.Context, job *gvc.Job) error {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, e.dc.Image()); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	job.SetOutputData(buf.Bytes())
	job.SetOutputDataPosition(uint(buf.Len()))
	e.dc = nil
	return nil
}

func (e *pngEngine) setColor(c *gvc.Color) bool {
	v := c.RGBAUint()
	if v[3] == 0 {
		return false
	}
	e.dc.SetRGBA255(int(v[0]), int(v[1]), int(v[2]), int(v[3]))
	return true
}

// pen sets the line style of the current object; false when it draws no
// line.
func (e *pngEngine) pen(job *gvc.Job) bool {
	o := job.Object()
	w := o.PenWidth() * e.sx
	if w <= 0 {
		w = e.sx
	}
	e.dc.SetLineWidth(w)
	switch o.Pen() {
	case gvc.PenNone:
		return false
	case gvc.PenDashed:
		e.dc.SetDash(5*w, 3*w)
	case gvc.PenDotted:
		e.dc.SetDash(1*w, 3*w)
	default:
		e.dc.SetDash()
	}
	return e.setColor(o.PenColor())
}

// finish fills the current path when asked, then strokes it with the pen.
func (e *pngEngine) finish(job *gvc.Job, filled bool) {
	if filled && e.setColor(job.Object().FillColor()) {
		e.dc.FillPreserve()
	}
	if e.pen(job) {
		e.dc.StrokePreserve()
	}
	e.dc.ClearPath()
	e.dc.SetDash()
}

func (e *pngEngine) Ellipse(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) < 2 {
		return nil
	}
	// p[0] is the centre, p[1] a corner of the bounding box.
	cx, cy := e.xy(p[0])
	e.dc.DrawEllipse(cx, cy, e.sx*(p[1].X()-p[0].X()), e.sy*(p[1].Y()-p[0].Y()))
	e.finish(job, filled)
	return nil
}

func (e *pngEngine) Polygon(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) == 0 {
		return nil
	}
	e.path(p)
	e.dc.ClosePath()
	e.finish(job, filled)
	return nil
}

func (e *pngEngine) Polyline(_ context.Context, job *gvc.Job, p []*gvc.PointFloat) error {
	if len(p) == 0 {
		return nil
	}
	e.path(p)
	e.finish(job, false)
	return nil
}

func (e *pngEngine) BezierCurve(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) == 0 {
		return nil
	}
	// go-graphviz v0.2.10 sometimes reports an edge's spline as filled,
	// which would paint the area between curve and chord; the SVG
	// renderer draws those unfilled, and so do we.
	if job.Object().Type() == gvc.EdgeObjectType {
		filled = false
	}
	e.dc.MoveTo(e.xy(p[0]))
	for i := 1; i+2 < len(p); i += 3 {
		x1, y1 := e.xy(p[i])
		x2, y2 := e.xy(p[i+1])
		x3, y3 := e.xy(p[i+2])
		e.dc.CubicTo(x1, y1, x2, y2, x3, y3)
	}
	e.finish(job, filled)
	return nil
}

func (e *pngEngine) path(p []*gvc.PointFloat) {
	e.dc.MoveTo(e.xy(p[0]))
	for _, q := range p[1:] {
		e.dc.LineTo(e.xy(q))
	}
}

// xy maps a point in graph units to pixels.
func (e *pngEngine) xy(p *gvc.PointFloat) (float64, float64) {
	return e.sx * (p.X() + e.tx), -e.sy * (p.Y() + e.ty)
}

func (e *pngEngine) TextSpan(_ context.Context, job *gvc.Job, p *gvc.PointFloat, span *gvc.TextSpan) error {
	text := span.Text()
	if text == "" {
		return nil
	}
	f := span.Font()
	if !e.setColor(job.Object().PenColor()) {
		return nil
	}
	size := f.Size() * e.sy
	bold := strings.Contains(strings.ToLower(f.Name()), "bold") || f.Flags()&1 != 0
	width := span.Size().X() * e.sx
	face := e.face(bold, size)
	if w, _ := measure(face, text); width > 0 && w > width {
		// Shrink to the width Graphviz laid out for this span.
		face = e.face(bold, size*width/w)
	}
	w, _ := measure(face, text)
	x, y := e.xy(p)
	switch span.Just() {
	case 'r':
		x -= w
	case 'l':
	default:
		x -= w / 2
	}
	e.dc.SetFontFace(face)
	e.dc.DrawString(text, x, y-e.sy*span.YOffsetCenterLine())
	return nil
}

func measure(face font.Face, s string) (float64, float64) {
	w := font.MeasureString(face, s)
	return float64(w) / 64, float64(face.Metrics().Height) / 64
}

// face returns a cached face of the given pixel size.
func (e *pngEngine) face(bold bool, size float64) font.Face {
	key := fmt.Sprintf("%t/%.3f", bold, size)
	if f, ok := e.faces[key]; ok {
		return f
	}
	ft := e.regular
	if bold {
		ft = e.bold
	}
	f := truetype.NewFace(ft, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingNone})
	e.faces[key] = f
	return f
}
