package export

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	graphviz "github.com/goccy/go-graphviz"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// pdfDPI makes one device unit one PDF point, so the page is the size
// Graphviz lays out (at most 720 pt wide with the maps' size="10,12").
const pdfDPI = 72

// pdfDate is written as the PDF's creation and modification date. fpdf
// writes the current time when none is set; a fixed date keeps the same
// graph's PDF byte-identical.
var pdfDate = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// pdfFontFamily names the embedded Go fonts inside the PDF.
const pdfFontFamily = "Go"

// pdfPlugins registers a mapEngine drawing with fpdf for "pdf": the
// WebAssembly Graphviz has no PDF renderer of its own (asking for one
// fails reading the module's memory).
func pdfPlugins(ctx context.Context) ([]graphviz.Plugin, error) {
	return enginePlugins(ctx, "pdf", pdfDPI, newMapEngine(newPDFCanvas))
}

// pdfCanvas draws one page as vector paths and text in the Go fonts,
// subset and embedded, so the PDF reads the same on every machine.
type pdfCanvas struct {
	doc *fpdf.Fpdf
	// fonts added to doc so far, by style ("" or "B").
	fonts map[string]bool
	alpha float64
}

func newPDFCanvas(width, height float64) (canvas, error) {
	doc := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: width, Ht: height},
	})
	doc.SetCreationDate(pdfDate)
	doc.SetModificationDate(pdfDate)
	doc.SetCatalogSort(true)
	doc.SetCreator("peoplegraph", false)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	if err := doc.Error(); err != nil {
		return nil, fmt.Errorf("start pdf page: %w", err)
	}
	return &pdfCanvas{doc: doc, fonts: map[string]bool{}, alpha: 1}, nil
}

// setAlpha switches the opacity of fills, strokes and text; fpdf adds an
// extended graphics state per value, so it is only set when it changes.
func (c *pdfCanvas) setAlpha(a uint8) {
	alpha := float64(a) / 255
	if alpha != c.alpha {
		c.doc.SetAlpha(alpha, "Normal")
		c.alpha = alpha
	}
}

func (c *pdfCanvas) tracePath(p path) {
	p.trace(c.doc.MoveTo, c.doc.LineTo, c.doc.CurveBezierCubicTo, c.doc.ClosePath)
}

func (c *pdfCanvas) drawPath(p path, pt paint) {
	fill, stroke := pt.fill.A != 0, pt.stroke.A != 0
	if stroke {
		c.doc.SetDrawColor(int(pt.stroke.R), int(pt.stroke.G), int(pt.stroke.B))
		c.doc.SetLineWidth(pt.width)
		c.doc.SetDashPattern(pt.dash, 0)
	}
	if fill {
		c.doc.SetFillColor(int(pt.fill.R), int(pt.fill.G), int(pt.fill.B))
	}
	switch {
	case fill && stroke && pt.fill.A == pt.stroke.A:
		c.setAlpha(pt.fill.A)
		c.tracePath(p)
		c.doc.DrawPath("FD")
	default:
		// One opacity applies to both fill and stroke: paint them apart.
		if fill {
			c.setAlpha(pt.fill.A)
			c.tracePath(p)
			c.doc.DrawPath("F")
		}
		if stroke {
			c.setAlpha(pt.stroke.A)
			c.tracePath(p)
			c.doc.DrawPath("D")
		}
	}
}

// setFont selects the Go font of the style at size points, embedding it
// on first use.
func (c *pdfCanvas) setFont(bold bool, size float64) {
	style, ttf := "", goregular.TTF
	if bold {
		style, ttf = "B", gobold.TTF
	}
	if !c.fonts[style] {
		c.doc.AddUTF8FontFromBytes(pdfFontFamily, style, ttf)
		c.fonts[style] = true
	}
	c.doc.SetFont(pdfFontFamily, style, size)
}

func (c *pdfCanvas) textWidth(s string, bold bool, size float64) float64 {
	c.setFont(bold, size)
	return c.doc.GetStringWidth(s)
}

func (c *pdfCanvas) drawText(s string, bold bool, size, x, y float64, col color.NRGBA) {
	c.setFont(bold, size)
	c.setAlpha(col.A)
	c.doc.SetTextColor(int(col.R), int(col.G), int(col.B))
	c.doc.Text(x, y, s)
}

// link adds a URI link annotation. Graphviz has already kept URLs to the
// ones the DOT gives; only http, https and mailto links are made, and
// percent-encoded to the ASCII a PDF URI must be.
func (c *pdfCanvas) link(x, y, w, h float64, url string) {
	if u := safeURL(url); u != "" {
		c.doc.LinkString(x, y, w, h, asciiURI(u))
	}
}

// asciiURI percent-encodes the bytes of u outside printable ASCII.
func asciiURI(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if ch := u[i]; ch <= ' ' || ch >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", ch)
		} else {
			b.WriteByte(ch)
		}
	}
	return b.String()
}

func (c *pdfCanvas) finish() ([]byte, error) {
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return buf.Bytes(), nil
}
