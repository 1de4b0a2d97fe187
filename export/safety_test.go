package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestHostileGraphIsInert renders names and evidence crafted to break out
// of DOT strings, inject SVG script or handlers, smuggle javascript:
// links, and reorder text with bidi controls, and checks none survives as
// anything but text.
func TestHostileGraphIsInert(t *testing.T) {
	g := loadFacts(t, "hostile.json")
	r := newTestRenderer(t)
	for _, o := range []MapOptions{
		{Title: "<script>alert(1)</script>", BaseURL: "https://blog.example"},
		{ColorBy: "community", Theme: "dark", BaseURL: "javascript:alert(1)//"},
		{Layout: "dot"},
	} {
		var dot bytes.Buffer
		if err := DOT(&dot, g, o); err != nil {
			t.Fatal(err)
		}
		checkNoInvisible(t, "dot", dot.String())
		var svg bytes.Buffer
		if err := r.Render(dot.Bytes(), "", "svg", &svg); err != nil {
			t.Fatalf("render hostile dot: %v\n%s", err, dot.String())
		}
		checkNoInvisible(t, "svg", svg.String())
		nodes, texts := checkSVGInert(t, svg.Bytes())
		if nodes != len(g.Nodes) {
			t.Errorf("svg has %d nodes, graph %d: DOT was injected into", nodes, len(g.Nodes))
		}
		if !strings.Contains(texts, "<script>alert(1)</script>") {
			t.Errorf("the hostile name is not shown as text; texts: %q", texts)
		}
	}
}

func checkNoInvisible(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range s {
		if r != '\n' && invisible(r) {
			t.Errorf("%s contains invisible character %U", what, r)
		}
	}
}

// checkSVGInert walks every element and attribute of an SVG. It returns
// the number of node groups and the text content.
func checkSVGInert(t *testing.T, svg []byte) (nodes int, text string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	// The DTD Graphviz declares is never fetched: the decoder only reads.
	var texts strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("svg is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(tok.Name.Local) {
			case "script", "foreignobject", "iframe", "object", "embed", "image", "use", "style", "animate", "set", "handler":
				t.Errorf("svg has a <%s> element", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				val := strings.ToLower(a.Value)
				if strings.HasPrefix(name, "on") {
					t.Errorf("svg <%s> has event handler %s=%q", tok.Name.Local, a.Name.Local, a.Value)
				}
				if name == "href" && safeURL(a.Value) != a.Value {
					t.Errorf("svg <%s> links to %q", tok.Name.Local, a.Value)
				}
				if name != "title" && (strings.Contains(val, "javascript:") || strings.Contains(val, "url(")) {
					t.Errorf("svg <%s %s=%q> refers outside", tok.Name.Local, a.Name.Local, a.Value)
				}
			}
			if tok.Name.Local == "g" {
				for _, a := range tok.Attr {
					if a.Name.Local == "class" && a.Value == "node" {
						nodes++
					}
				}
			}
		case xml.CharData:
			texts.Write(tok)
		case xml.Directive, xml.ProcInst, xml.Comment:
			if d, ok := tok.(xml.Directive); ok && bytes.Contains(bytes.ToLower(d), []byte("entity")) {
				t.Errorf("svg declares an entity: %s", d)
			}
		}
	}
	return nodes, texts.String()
}

func TestSafeURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"},
		{"HTTP://Example.com", "http://Example.com"},
		{"mailto:a@example.com", "mailto:a@example.com"},
		{"javascript:alert(1)", ""},
		{"JaVaScRiPt:alert(1)", ""},
		{"data:text/html,x", ""},
		{"//example.com/x", ""},
		{"/relative", ""},
		{"https://", ""},
		{"https://example.com/\" onload=\"x", ""},
		{"https://exa\u202emple.com", ""},
		{"https://example.com/\\N", ""},
		{"", ""},
	} {
		if got := safeURL(tc.in); got != tc.want {
			t.Errorf("safeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Lynn Langit", "Lynn Langit"},
		{"newlines and tabs", " a\n\tb\r\nc ", "a b c"},
		{"bidi override", "safe\u202egnp.exe", "safegnp.exe"},
		{"isolates", "\u2066x\u2069", "x"},
		{"zero width", "Ki\u200bm\u200d\ufeff", "Kim"},
		{"controls", "a\x00b\x07c\x1b", "abc"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"accents kept", "Zoë Álvarez", "Zoë Álvarez"},
	} {
		if got := cleanText(tc.in); got != tc.want {
			t.Errorf("%s: cleanText(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// FuzzCleanText holds cleanText, which reads ASCII a byte at a time, to
// cleanTextByRune.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "Ada Lovelace", " Ada", "Ada ", "Ada  Lovelace", "Ada\tLovelace", "A\x7fda", "Zoë", "a\u200bb", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanText(s), cleanTextByRune(s); got != want {
			t.Fatalf("cleanText(%q) = %q, want %q", s, got, want)
		}
	})
}

// cleanTextByRune is cleanText written plainly, rune by rune.
func cleanTextByRune(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				r = unicode.ReplacementChar
			}
		}
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case invisible(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
