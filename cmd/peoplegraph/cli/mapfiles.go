package cli

import (
	"bytes"
	"context"
	"os"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/graph"
)

// mapFiles writes maps to files with one Graphviz instance, started on
// first use, and draws a map only when its file is not already what
// drawing would write: most maps of a site do not change between runs,
// and drawing is nearly all of their cost.
type mapFiles struct {
	r *export.Renderer
}

// upToDate reports whether the file at path holds what drawing dot in
// format would write, without drawing. An SVG says what it was drawn
// from (see export.SVGUpToDate); PNG and PDF files do not, so they are
// never up to date.
func upToDate(path string, dot []byte, layout, format string) bool {
	if format != "svg" && format != "dot" {
		return false
	}
	have, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	if format == "dot" {
		return bytes.Equal(have, dot)
	}
	return export.SVGUpToDate(have, dot, layout)
}

// mapPlan is one map file to bring up to date: its DOT source, and
// whether the file already holds what drawing it would write.
type mapPlan struct {
	path, format, layout string
	dot                  []byte
	upToDate             bool
}

// planMap works out the map of gr with o for the file at path, without
// drawing: it is safe to call from several goroutines at once.
func planMap(gr *graph.Graph, o export.MapOptions, format, path string) (mapPlan, error) {
	dot, err := mapDOT(gr, o)
	if err != nil {
		return mapPlan{}, err
	}
	return mapPlan{path: path, format: format, layout: o.Layout, dot: dot, upToDate: upToDate(path, dot, o.Layout, format)}, nil
}

// draw draws p and writes the file (whether or not it was up to date).
func (m *mapFiles) draw(ctx context.Context, p mapPlan) error {
	data := p.dot
	if p.format != "dot" {
		if m.r == nil {
			var err error
			if m.r, err = export.NewRenderer(); err != nil {
				return err
			}
		}
		var buf bytes.Buffer
		if err := m.r.RenderContext(ctx, p.dot, p.layout, p.format, &buf); err != nil {
			return err
		}
		data = buf.Bytes()
	}
	return writeFileAtomic(p.path, data)
}

// write draws the map of gr with o into path in format, unless the file
// is up to date; drawn says which.
func (m *mapFiles) write(ctx context.Context, gr *graph.Graph, o export.MapOptions, format, path string) (drawn bool, err error) {
	p, err := planMap(gr, o, format, path)
	if err != nil || p.upToDate {
		return false, err
	}
	return true, m.draw(ctx, p)
}

func (m *mapFiles) Close() error {
	if m.r == nil {
		return nil
	}
	return m.r.Close()
}
