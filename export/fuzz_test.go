package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// FuzzDOTLabel: any name becomes DOT that Graphviz parses into exactly one
// node, and the SVG shows the cleaned name, unchanged.
func FuzzDOTLabel(f *testing.F) {
	for _, s := range []string{
		"Lynn Langit", `"];` + "\n digraph x {", `\N \G \L \l \\`, "&lt;b&gt; &amp; &#60;", "<script>",
		"safe\u202egnp\u200b", "{}[]<>|", "trailing backslash \\", "Zoë", "\x00\xff", "a\u2028b",
	} {
		f.Add(s)
	}
	r := newTestRenderer(f)
	f.Fuzz(func(t *testing.T, name string) {
		g := graph.New([]graph.Node{{ID: "person/x", Kind: graph.Person, Name: name}}, nil, nil)
		var dot bytes.Buffer
		if err := DOT(&dot, g, MapOptions{Layout: "dot"}); err != nil {
			t.Fatal(err)
		}
		var svg bytes.Buffer
		if err := r.Render(dot.Bytes(), "", "svg", &svg); err != nil {
			t.Fatalf("graphviz rejected %q: %v\n%s", name, err, dot.String())
		}
		want := displayName(g.Nodes[0])
		got, nodes := nodeText(t, svg.Bytes())
		if nodes != 1 {
			t.Fatalf("%q gave %d nodes", name, nodes)
		}
		if got != want {
			t.Errorf("label %q rendered as %q, want %q", name, got, want)
		}
	})
}

// nodeText returns the text of the node groups of an SVG and their number.
func nodeText(t *testing.T, svg []byte) (string, int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var text strings.Builder
	nodes, depth, inText := 0, 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("svg: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth > 0 {
				depth++
			}
			if tok.Name.Local == "g" && depth == 0 {
				for _, a := range tok.Attr {
					if a.Name.Local == "class" && a.Value == "node" {
						nodes++
						depth = 1
					}
				}
			}
			inText = depth > 0 && tok.Name.Local == "text"
		case xml.EndElement:
			if depth > 0 {
				depth--
			}
			inText = false
		case xml.CharData:
			if inText {
				text.Write(tok)
			}
		}
	}
	return text.String(), nodes
}

// FuzzSVGStamp feeds the stamp reader arbitrary files: it must not panic,
// and a file it takes as drawn must verify against its own stamp.
func FuzzSVGStamp(f *testing.F) {
	f.Add([]byte("<?xml version=\"1.0\"?>\n" + stampPrefix + strings.Repeat("0", 32) + " svg=" + strings.Repeat("0", 32) + " -->\n<svg/>"))
	f.Add([]byte(stampPrefix))
	f.Add([]byte("<?xml"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, svg []byte) {
		drawn := SVGAsDrawn(svg)
		source, ok := drawnFrom(svg)
		if drawn != ok {
			t.Fatalf("SVGAsDrawn = %v, drawnFrom ok = %v", drawn, ok)
		}
		if !ok {
			return
		}
		at := stampAt(svg)
		if got := contentDigest(svg[:at], svg[at+stampLen:]); !strings.Contains(string(svg[at:at+stampLen]), source+" svg="+got) {
			t.Fatalf("taken as drawn, but the stamp %q does not name its content %s", svg[at:at+stampLen], got)
		}
	})
}
