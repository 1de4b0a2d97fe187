package export

import (
	"bytes"
	"compress/zlib"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// pdfPage is what a reader sees on the one page of a PDF map.
type pdfPage struct {
	width, height float64
	texts         []string // text spans, in drawing order
	uris          []string // link annotations' targets
}

var (
	pdfMediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)
	pdfStream   = regexp.MustCompile(`<<([^<>]*)>>\s*stream\n`)
	pdfLength   = regexp.MustCompile(`/Length (\d+)`)
	pdfURI      = regexp.MustCompile(`/URI \(([^)]*)\)`)
)

// readPDF reads a PDF the way fpdf writes it: one MediaBox, Flate content
// streams whose text is UTF-16BE literal strings, and URI link actions.
func readPDF(t *testing.T, data []byte) pdfPage {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("no %%PDF- header: %q", truncateForLog(data[:min(len(data), 20)]))
	}
	if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
		t.Fatalf("no %%%%EOF trailer")
	}
	boxes := pdfMediaBox.FindAllSubmatch(data, -1)
	if len(boxes) != 1 {
		t.Fatalf("%d MediaBoxes, want 1", len(boxes))
	}
	var p pdfPage
	p.width, _ = strconv.ParseFloat(string(boxes[0][1]), 64)
	p.height, _ = strconv.ParseFloat(string(boxes[0][2]), 64)
	for _, m := range pdfStream.FindAllSubmatchIndex(data, -1) {
		dict := data[m[2]:m[3]]
		length := pdfLength.FindSubmatch(dict)
		if length == nil {
			t.Fatalf("stream at %d has no length", m[1])
		}
		n, _ := strconv.Atoi(string(length[1]))
		if m[1]+n > len(data) {
			t.Fatalf("stream at %d runs past the end", m[1])
		}
		content := data[m[1] : m[1]+n]
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(content))
			if err != nil {
				t.Fatalf("stream at %d: %v", m[1], err)
			}
			if content, err = io.ReadAll(zr); err != nil {
				t.Fatalf("stream at %d: %v", m[1], err)
			}
		}
		if bytes.Contains(content, []byte("BT ")) {
			p.texts = append(p.texts, pdfTexts(t, content)...)
		}
	}
	for _, m := range pdfURI.FindAllSubmatch(data, -1) {
		p.uris = append(p.uris, string(m[1]))
	}
	return p
}

// pdfTexts decodes the strings shown by "Td (...) Tj" in a content stream.
func pdfTexts(t *testing.T, content []byte) []string {
	t.Helper()
	var out []string
	for rest := content; ; {
		i := bytes.Index(rest, []byte(" Td ("))
		if i < 0 {
			return out
		}
		rest = rest[i+len(" Td ("):]
		var raw []byte
		for {
			if len(rest) == 0 {
				t.Fatal("unterminated string in content stream")
			}
			c := rest[0]
			rest = rest[1:]
			if c == ')' {
				break
			}
			if c == '\\' && len(rest) > 0 {
				c = rest[0]
				rest = rest[1:]
				if c == 'r' {
					c = '\r'
				}
			}
			raw = append(raw, c)
		}
		if len(raw)%2 != 0 {
			t.Fatalf("text string of odd length %d is not UTF-16", len(raw))
		}
		units := make([]uint16, len(raw)/2)
		for j := range units {
			units[j] = uint16(raw[2*j])<<8 | uint16(raw[2*j+1])
		}
		out = append(out, string(utf16.Decode(units)))
	}
}

// svgPage reads the same things from the SVG of the map.
func svgPage(t *testing.T, svg []byte) pdfPage {
	t.Helper()
	var p pdfPage
	dec := xml.NewDecoder(bytes.NewReader(svg))
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return p
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
			for _, a := range tok.Attr {
				switch {
				case tok.Name.Local == "svg" && a.Name.Local == "width":
					p.width, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "pt"), 64)
				case tok.Name.Local == "svg" && a.Name.Local == "height":
					p.height, _ = strconv.ParseFloat(strings.TrimSuffix(a.Value, "pt"), 64)
				case tok.Name.Local == "a" && a.Name.Local == "href":
					p.uris = append(p.uris, a.Value)
				}
			}
		case xml.CharData:
			if inText {
				p.texts = append(p.texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
}

// TestPDFMatchesSVG renders maps as PDF twice and as SVG: the PDFs must be
// byte-identical (and the first equal to the golden file), the page the
// SVG's size, with the same text spans and the same links.
func TestPDFMatchesSVG(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		name   string
		o      MapOptions
		golden bool
	}{
		{"titled", MapOptions{Title: "Fixture"}, true},
		{"dark communities", MapOptions{Theme: "dark", ColorBy: "community"}, false},
		{"focus neato", MapOptions{Focus: "person/lynn-langit", Layout: "neato"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := renderMap(t, r, tc.o, "pdf")
			second := renderMap(t, r, tc.o, "pdf")
			if !bytes.Equal(first, second) {
				t.Fatalf("two PDF renders differ (%d and %d bytes)", len(first), len(second))
			}
			if tc.golden {
				// Made at another time: the PDF carries no clock.
				golden(t, "interviews.pdf", first)
			}
			got := readPDF(t, first)
			want := svgPage(t, renderMap(t, r, tc.o, "svg"))
			if got.width != want.width || got.height != want.height {
				t.Errorf("page is %g×%g pt, SVG %g×%g pt", got.width, got.height, want.width, want.height)
			}
			if !slices.Equal(got.texts, want.texts) {
				t.Errorf("PDF text spans differ from the SVG's\npdf: %q\nsvg: %q", got.texts, want.texts)
			}
			slices.Sort(got.uris)
			slices.Sort(want.uris)
			if len(want.uris) == 0 || !slices.Equal(got.uris, want.uris) {
				t.Errorf("PDF links %q, SVG links %q", got.uris, want.uris)
			}
		})
	}
}

// TestPDFFromDOT renders small DOT inputs with edge cases of links,
// colours and text that the maps do not have.
func TestPDFFromDOT(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		name  string
		dot   string
		texts []string
		uris  []string
		// contains is raw PDF syntax the output must have.
		contains string
	}{
		{
			name:  "unsafe links dropped",
			dot:   `digraph { a [URL="javascript:alert(1)"]; b [URL="data:text/html,x"]; c [URL="https://ok.example/p"]; a -> b -> c }`,
			texts: []string{"a", "b", "c"},
			uris:  []string{"https://ok.example/p"},
		},
		{
			name:  "non-ASCII link percent-encoded",
			dot:   `digraph { "Zoë" [URL="mailto:zoë@example.com"] }`,
			texts: []string{"Zoë"},
			uris:  []string{"mailto:zo%C3%AB@example.com"},
		},
		{
			name:     "translucent fill",
			dot:      `digraph { a [style=filled, fillcolor="#ff000080", color="#0000ffff"] }`,
			texts:    []string{"a"},
			contains: "/ca 0.502",
		},
		{
			name:  "PDF string delimiters in text",
			dot:   `digraph { a [label="f(x) \\ (y"]; b [label="Ωμέγα Ж"] }`,
			texts: []string{`f(x) \ (y`, "Ωμέγα Ж"},
		},
		{
			name:  "no text",
			dot:   `digraph { node [shape=point]; a -> b }`,
			texts: nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := r.Render([]byte(tc.dot), "dot", "pdf", &out); err != nil {
				t.Fatal(err)
			}
			got := readPDF(t, out.Bytes())
			if got.width <= 0 || got.height <= 0 {
				t.Errorf("page is %g×%g pt", got.width, got.height)
			}
			if !slices.Equal(got.texts, tc.texts) {
				t.Errorf("texts %q, want %q", got.texts, tc.texts)
			}
			if !slices.Equal(got.uris, tc.uris) {
				t.Errorf("links %q, want %q", got.uris, tc.uris)
			}
			if !bytes.Contains(out.Bytes(), []byte(tc.contains)) {
				t.Errorf("PDF lacks %q", tc.contains)
			}
		})
	}
}

func TestASCIIURI(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"ascii kept", "https://example.com/a?b=1&c=%20", "https://example.com/a?b=1&c=%20"},
		{"utf-8 encoded", "mailto:zoë@example.com", "mailto:zo%C3%AB@example.com"},
		{"controls and space", "https://e.com/a b\x7f", "https://e.com/a%20b%7F"},
		{"empty", "", ""},
	} {
		if got := asciiURI(tc.in); got != tc.want {
			t.Errorf("%s: asciiURI(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestHostilePDF renders the hostile graph as PDF: it must render, show
// the hostile names as text, and link only to safe URLs.
func TestHostilePDF(t *testing.T) {
	g := loadFacts(t, "hostile.json")
	r := newTestRenderer(t)
	for i, o := range []MapOptions{
		{Title: "<script>alert(1)</script>", BaseURL: "https://blog.example"},
		{ColorBy: "community", Theme: "dark", BaseURL: "javascript:alert(1)//"},
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var out bytes.Buffer
			if err := r.RenderMap(&out, g, o, "pdf"); err != nil {
				t.Fatal(err)
			}
			got := readPDF(t, out.Bytes())
			var svg bytes.Buffer
			if err := r.RenderMap(&svg, g, o, "svg"); err != nil {
				t.Fatal(err)
			}
			want := svgPage(t, svg.Bytes())
			if !slices.Equal(got.texts, want.texts) {
				t.Errorf("PDF text spans differ from the SVG's\npdf: %q\nsvg: %q", got.texts, want.texts)
			}
			if !slices.Contains(got.texts, "<script>alert(1)</script>") {
				t.Errorf("the hostile name is not shown as text; texts: %q", got.texts)
			}
			for _, u := range got.uris {
				if safeURL(u) != u {
					t.Errorf("PDF links to %q", u)
				}
			}
		})
	}
}
