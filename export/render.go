package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	graphviz "github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"

	"github.com/peoplegraph/peoplegraph/graph"
)

// RenderFormats lists what Render can produce: SVG, PNG, PDF, and "dot"
// (the input with layout positions added).
var RenderFormats = []string{"svg", "png", "pdf", "dot"}

// graphvizMu serialises every call into go-graphviz. All its instances
// share one WebAssembly module and callback tables per process, which are
// not safe for concurrent use (goccy/go-graphviz#117), so a lock per
// Renderer would not be enough.
var graphvizMu sync.Mutex

// Renderer wraps one Graphviz context. It is safe for concurrent use:
// renders are serialised.
type Renderer struct {
	gv *gvc.Context
}

// NewRenderer starts a Graphviz instance with its SVG renderer and this
// package's PNG and PDF renderers (go-graphviz's own PNG draws no outlines
// or edge lines in v0.2.10, and its WebAssembly Graphviz has no PDF).
func NewRenderer() (*Renderer, error) {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	// Never a caller's context: a cancelled context leaves the shared
	// WebAssembly module unusable for the rest of the process
	// (goccy/go-graphviz#118).
	ctx := context.Background()
	plugins, err := pngPlugins(ctx)
	if err != nil {
		return nil, fmt.Errorf("start graphviz png renderer: %w", err)
	}
	pdf, err := pdfPlugins(ctx)
	if err != nil {
		return nil, fmt.Errorf("start graphviz pdf renderer: %w", err)
	}
	plugins = append(plugins, pdf...)
	gv, err := gvc.NewWithPlugins(ctx, plugins...)
	if err != nil {
		return nil, fmt.Errorf("start graphviz: %w", err)
	}
	return &Renderer{gv: gv}, nil
}

// Render lays out the DOT source with layout ("" uses the graph's own
// layout attribute, else dot) and writes it in format (see RenderFormats).
// An SVG carries a stamp of what it was drawn from (see SVGUpToDate).
func (r *Renderer) Render(dot []byte, layout, format string, w io.Writer) error {
	return r.RenderContext(context.Background(), dot, layout, format, w)
}

// RenderContext is Render that first checks ctx. It does not stop a render
// already started: go-graphviz cannot be interrupted safely.
func (r *Renderer) RenderContext(ctx context.Context, dot []byte, layout, format string, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch format {
	case "svg", "png", "pdf", "dot":
	default:
		return fmt.Errorf("unknown render format %q (want one of %v)", format, RenderFormats)
	}
	if layout != "" && !knownLayout(layout) {
		return fmt.Errorf("unknown layout %q (want one of %v)", layout, Layouts)
	}
	var out bytes.Buffer
	if err := r.render(dot, layout, format, &out); err != nil {
		return err
	}
	data := out.Bytes()
	if format == "svg" {
		data = stampSVG(data, sourceDigest(dot, layout))
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", format, err)
	}
	return nil
}

func (r *Renderer) render(dot []byte, layout, format string, out *bytes.Buffer) error {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	if r.gv == nil {
		return errors.New("render: renderer is closed")
	}
	ctx := context.Background()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("parse dot: %w", err)
	}
	defer g.Close()
	if layout == "" {
		layout = g.GetStr("layout")
		if !knownLayout(layout) {
			layout = "dot"
		}
	}
	// Layout and drawing are two calls, not go-graphviz's Render, so
	// that collections are held off for the layout alone (see pauseGC):
	// it is one long WebAssembly call, while drawing a PNG or PDF calls
	// back into this package's Go renderers often and allocates hundreds
	// of megabytes.
	err = r.layout(ctx, g, layout)
	if err == nil {
		err = r.gv.RenderData(ctx, g, format, out)
	}
	if freeErr := r.gv.FreeLayout(ctx, g); err == nil {
		err = freeErr
	}
	if err != nil {
		return fmt.Errorf("render %s with %s: %w", format, layout, err)
	}
	return nil
}

// layout runs Graphviz's layout engine on g with collections held off.
func (r *Renderer) layout(ctx context.Context, g *graphviz.Graph, engine string) error {
	defer pauseGC()()
	return r.gv.Layout(ctx, g, engine)
}

func knownLayout(l string) bool {
	for _, k := range Layouts {
		if k == l {
			return true
		}
	}
	return false
}

// Close releases the Graphviz instance; later renders fail.
func (r *Renderer) Close() error {
	graphvizMu.Lock()
	defer graphvizMu.Unlock()
	if r.gv == nil {
		return nil
	}
	// Graphviz's gvFreeContext returns how many errors the instance saw
	// over its life (a syntax error in one DOT input, say), which go-graphviz
	// turns into the last error message. Those were already returned by
	// the renders that hit them; freeing itself cannot fail.
	_ = r.gv.Close()
	r.gv = nil
	return nil
}

// RenderMap draws the map of g with o (see DOT) in format.
func (r *Renderer) RenderMap(w io.Writer, g *graph.Graph, o MapOptions, format string) error {
	var dot bytes.Buffer
	if err := DOT(&dot, g, o); err != nil {
		return err
	}
	return r.Render(dot.Bytes(), "", format, w)
}
