package export

import (
	"context"
	"image/color"
	"math"
	"strings"

	graphviz "github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
)

// canvas is one page that mapEngine draws on: a raster image for PNG, a
// PDF page for PDF. Coordinates are device units (pixels or points) with
// y going down.
type canvas interface {
	// drawPath fills and/or strokes a path as paint says.
	drawPath(p path, pt paint)
	// textWidth measures s in device units at font size size.
	textWidth(s string, bold bool, size float64) float64
	// drawText draws s with its baseline starting at x, y.
	drawText(s string, bold bool, size, x, y float64, c color.NRGBA)
	// link makes the rectangle x, y, w, h open url, where the format has
	// links.
	link(x, y, w, h float64, url string)
	// finish encodes the page.
	finish() ([]byte, error)
}

// segment is one step of a path: a move, a line, a cubic Bézier (three
// points) or a close.
type segment struct {
	op  segmentOp
	pts [3][2]float64
}

type segmentOp uint8

const (
	opMove segmentOp = iota
	opLine
	opCubic
	opClose
)

// points is how many of a segment's points an op uses.
func (op segmentOp) points() int {
	switch op {
	case opMove, opLine:
		return 1
	case opCubic:
		return 3
	}
	return 0
}

type path []segment

// trace replays the path through a drawing library's path calls.
func (p path) trace(moveTo, lineTo func(x, y float64), cubicTo func(x1, y1, x2, y2, x3, y3 float64), closePath func()) {
	for _, s := range p {
		switch s.op {
		case opMove:
			moveTo(s.pts[0][0], s.pts[0][1])
		case opLine:
			lineTo(s.pts[0][0], s.pts[0][1])
		case opCubic:
			cubicTo(s.pts[0][0], s.pts[0][1], s.pts[1][0], s.pts[1][1], s.pts[2][0], s.pts[2][1])
		case opClose:
			closePath()
		}
	}
}

// paint says how to draw a path: fill and stroke colours (alpha 0 for
// none), line width and dash lengths (none for solid).
type paint struct {
	fill, stroke color.NRGBA
	width        float64
	dash         []float64
}

// newCanvasFunc starts a page of width × height device units.
type newCanvasFunc func(width, height float64) (canvas, error)

// mapEngine turns Graphviz's rendering calls into canvas calls; it is
// shared by the PNG and PDF outputs, which differ only in their canvas.
type mapEngine struct {
	*gvc.DefaultRenderEngine
	newCanvas newCanvasFunc
	c         canvas
	// Page transform from graph points to device units:
	// device = scale*(p+shift), with y negated.
	sx, sy, tx, ty float64
	// anchors open at this point of the drawing, innermost last.
	anchors []anchor
}

// anchor collects the extent of what is drawn inside a Graphviz anchor
// (a node with a URL) so the canvas can make it a link.
type anchor struct {
	href                   string
	minX, minY, maxX, maxY float64
}

// enginePlugins registers e as Graphviz's renderer and device for format
// at dpi, in place of any that go-graphviz has for it.
func enginePlugins(ctx context.Context, format string, dpi float64, e *mapEngine) ([]graphviz.Plugin, error) {
	render, err := graphviz.NewRenderPlugin(ctx, format, e,
		graphviz.RenderFeatures(gvc.RenderYGoesDown, gvc.RenderDoesTransform, gvc.RenderDoesMaps))
	if err != nil {
		return nil, err
	}
	device, err := graphviz.NewDevicePlugin(ctx, format+":"+format,
		graphviz.DeviceFeatures(gvc.DeviceBinaryFormat, gvc.DeviceDoesTrueColor),
		graphviz.DeviceDPI(dpi, dpi))
	if err != nil {
		return nil, err
	}
	return []graphviz.Plugin{render, device}, nil
}

func newMapEngine(newCanvas newCanvasFunc) *mapEngine {
	return &mapEngine{DefaultRenderEngine: &gvc.DefaultRenderEngine{}, newCanvas: newCanvas}
}

func (e *mapEngine) BeginPage(_ context.Context, job *gvc.Job) error {
	c, err := e.newCanvas(float64(job.Width()), float64(job.Height()))
	if err != nil {
		return err
	}
	e.c = c
	s, t := job.Scale(), job.Translation()
	e.sx, e.sy, e.tx, e.ty = s.X(), s.Y(), t.X(), t.Y()
	e.anchors = e.anchors[:0]
	return nil
}

func (e *mapEngine) EndPage(_ context.Context, job *gvc.Job) error {
	data, err := e.c.finish()
	e.c = nil
	if err != nil {
		return err
	}
	job.SetOutputData(data)
	job.SetOutputDataPosition(uint(len(data)))
	return nil
}

func (e *mapEngine) BeginAnchor(_ context.Context, _ *gvc.Job, href, _, _, _ string) error {
	e.anchors = append(e.anchors, anchor{href: href,
		minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)})
	return nil
}

func (e *mapEngine) EndAnchor(_ context.Context, _ *gvc.Job) error {
	if len(e.anchors) == 0 {
		return nil
	}
	a := e.anchors[len(e.anchors)-1]
	e.anchors = e.anchors[:len(e.anchors)-1]
	if a.href != "" && a.minX <= a.maxX && a.minY <= a.maxY {
		e.c.link(a.minX, a.minY, a.maxX-a.minX, a.maxY-a.minY, a.href)
	}
	return nil
}

// extend grows the open anchors to cover the device point x, y.
func (e *mapEngine) extend(x, y float64) {
	for i := range e.anchors {
		a := &e.anchors[i]
		a.minX, a.maxX = math.Min(a.minX, x), math.Max(a.maxX, x)
		a.minY, a.maxY = math.Min(a.minY, y), math.Max(a.maxY, y)
	}
}

// xy maps a point in graph units to device units.
func (e *mapEngine) xy(p *gvc.PointFloat) [2]float64 {
	return [2]float64{e.sx * (p.X() + e.tx), -e.sy * (p.Y() + e.ty)}
}

func nrgba(c *gvc.Color) color.NRGBA {
	v := c.RGBAUint()
	return color.NRGBA{R: uint8(v[0]), G: uint8(v[1]), B: uint8(v[2]), A: uint8(v[3])}
}

// paint is the paint of the current object: its fill colour when filled,
// and its pen unless the pen is none.
func (e *mapEngine) paint(job *gvc.Job, filled bool) paint {
	o := job.Object()
	var pt paint
	if filled {
		pt.fill = nrgba(o.FillColor())
	}
	w := o.PenWidth() * e.sx
	if w <= 0 {
		w = e.sx
	}
	pt.width = w
	switch o.Pen() {
	case gvc.PenNone:
		return pt
	case gvc.PenDashed:
		pt.dash = []float64{5 * w, 3 * w}
	case gvc.PenDotted:
		pt.dash = []float64{1 * w, 3 * w}
	}
	pt.stroke = nrgba(o.PenColor())
	return pt
}

func (e *mapEngine) draw(job *gvc.Job, p path, filled bool) {
	pt := e.paint(job, filled)
	if pt.fill.A == 0 && pt.stroke.A == 0 {
		return
	}
	for _, s := range p {
		for _, q := range s.pts[:s.op.points()] {
			e.extend(q[0], q[1])
		}
	}
	e.c.drawPath(p, pt)
}

// polyPath is the path through the points, closed if asked.
func (e *mapEngine) polyPath(p []*gvc.PointFloat, closed bool) path {
	out := make(path, 0, len(p)+1)
	for i, q := range p {
		op := opLine
		if i == 0 {
			op = opMove
		}
		out = append(out, segment{op: op, pts: [3][2]float64{e.xy(q)}})
	}
	if closed {
		out = append(out, segment{op: opClose})
	}
	return out
}

// kappa places the control points of a cubic Bézier quarter ellipse.
const kappa = 0.5522847498307936

func (e *mapEngine) Ellipse(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) < 2 {
		return nil
	}
	// p[0] is the centre, p[1] a corner of the bounding box.
	c := e.xy(p[0])
	cx, cy := c[0], c[1]
	rx, ry := math.Abs(e.sx*(p[1].X()-p[0].X())), math.Abs(e.sy*(p[1].Y()-p[0].Y()))
	kx, ky := kappa*rx, kappa*ry
	e.draw(job, path{
		{op: opMove, pts: [3][2]float64{{cx + rx, cy}}},
		{op: opCubic, pts: [3][2]float64{{cx + rx, cy + ky}, {cx + kx, cy + ry}, {cx, cy + ry}}},
		{op: opCubic, pts: [3][2]float64{{cx - kx, cy + ry}, {cx - rx, cy + ky}, {cx - rx, cy}}},
		{op: opCubic, pts: [3][2]float64{{cx - rx, cy - ky}, {cx - kx, cy - ry}, {cx, cy - ry}}},
		{op: opCubic, pts: [3][2]float64{{cx + kx, cy - ry}, {cx + rx, cy - ky}, {cx + rx, cy}}},
		{op: opClose},
	}, filled)
	return nil
}

func (e *mapEngine) Polygon(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) == 0 {
		return nil
	}
	e.draw(job, e.polyPath(p, true), filled)
	return nil
}

func (e *mapEngine) Polyline(_ context.Context, job *gvc.Job, p []*gvc.PointFloat) error {
	if len(p) == 0 {
		return nil
	}
	e.draw(job, e.polyPath(p, false), false)
	return nil
}

func (e *mapEngine) BezierCurve(_ context.Context, job *gvc.Job, p []*gvc.PointFloat, filled bool) error {
	if len(p) == 0 {
		return nil
	}
	// go-graphviz v0.2.10 sometimes reports an edge's spline as filled,
	// which would paint the area between curve and chord; the SVG
	// renderer draws those unfilled, and so do we.
	if job.Object().Type() == gvc.EdgeObjectType {
		filled = false
	}
	out := path{{op: opMove, pts: [3][2]float64{e.xy(p[0])}}}
	for i := 1; i+2 < len(p); i += 3 {
		out = append(out, segment{op: opCubic, pts: [3][2]float64{e.xy(p[i]), e.xy(p[i+1]), e.xy(p[i+2])}})
	}
	e.draw(job, out, filled)
	return nil
}

// TextSpan draws a span in the Go font the canvas embeds; a span wider
// than the width Graphviz laid out (it measures with its own estimates of
// Helvetica) is drawn smaller so it stays inside its node.
func (e *mapEngine) TextSpan(_ context.Context, job *gvc.Job, p *gvc.PointFloat, span *gvc.TextSpan) error {
	text := span.Text()
	if text == "" {
		return nil
	}
	c := nrgba(job.Object().PenColor())
	if c.A == 0 {
		return nil
	}
	f := span.Font()
	size := f.Size() * e.sy
	bold := strings.Contains(strings.ToLower(f.Name()), "bold") || f.Flags()&1 != 0
	width := span.Size().X() * e.sx
	w := e.c.textWidth(text, bold, size)
	if width > 0 && w > width {
		size *= width / w
		w = e.c.textWidth(text, bold, size)
	}
	at := e.xy(p)
	x, y := at[0], at[1]-e.sy*span.YOffsetCenterLine()
	switch span.Just() {
	case 'r':
		x -= w
	case 'l':
	default:
		x -= w / 2
	}
	e.extend(x, y-size)
	e.extend(x+w, y)
	e.c.drawText(text, bold, size, x, y, c)
	return nil
}
