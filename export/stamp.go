package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// An SVG that Render writes carries a stamp: an XML comment after the XML
// declaration naming what it was drawn from (the DOT source, the layout
// and the Graphviz build) and the digest of the rest of the file. A caller
// that keeps maps in files can then tell, without drawing, whether a file
// is exactly what drawing the same source would write now (see
// SVGUpToDate): drawing is most of the time of 'peoplegraph maps', and
// most maps do not change from one run to the next.

// stampVersion names how Render turns DOT into SVG beyond Graphviz
// itself. Change it whenever that changes, so that maps stamped before
// are drawn again.
const stampVersion = "1"

// stampPrefix opens the stamp comment; the digests follow it.
const stampPrefix = "<!-- peoplegraph map source="

// stampLen is the length of a stamp comment, its newline included:
// the prefix, 32 hex digits, " svg=", 32 hex digits, " -->\n".
const stampLen = len(stampPrefix) + 32 + len(" svg=") + 32 + len(" -->\n")

// sourceDigest names the input of a render: the DOT source, the layout
// asked for, and the Graphviz that draws it.
func sourceDigest(dot []byte, layout string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", stampVersion, graphvizModule, layout)
	h.Write(dot)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// contentDigest is the digest of the pieces of a file, in order.
func contentDigest(pieces ...[]byte) string {
	h := sha256.New()
	for _, p := range pieces {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// graphvizModule is the go-graphviz this package is built with, which
// fixes the Graphviz inside it; a test holds it to go.mod. (The binary's
// build information would do in a command, but a test binary has none.)
const graphvizModule = "github.com/goccy/go-graphviz v0.2.10"

// stampAt is where the stamp goes: after the XML declaration, which must
// come first in the file, or at the start when there is none.
func stampAt(svg []byte) int {
	if !bytes.HasPrefix(svg, []byte("<?xml")) {
		return 0
	}
	end := bytes.Index(svg, []byte("?>"))
	if end < 0 {
		return 0
	}
	end += len("?>")
	if end < len(svg) && svg[end] == '\n' {
		end++
	}
	return end
}

// stampSVG returns svg with the stamp of source inserted.
func stampSVG(svg []byte, source string) []byte {
	at := stampAt(svg)
	out := make([]byte, 0, len(svg)+stampLen)
	out = append(out, svg[:at]...)
	out = fmt.Appendf(out, "%s%s svg=%s -->\n", stampPrefix, source, contentDigest(svg))
	return append(out, svg[at:]...)
}

// SVGAsDrawn reports whether svg, the contents of a file, is a map
// Render wrote and nothing changed since: it carries a stamp, and the
// rest of the file is what the stamp says, whatever it was drawn from.
func SVGAsDrawn(svg []byte) bool {
	_, ok := drawnFrom(svg)
	return ok
}

// SVGUpToDate reports whether svg, the contents of a map file, is what
// Render(dot, layout, "svg") would write now: it carries the stamp of the
// same source drawn by the same Graphviz, and nothing else in the file
// changed after it was written. It does not draw anything.
func SVGUpToDate(svg, dot []byte, layout string) bool {
	source, ok := drawnFrom(svg)
	return ok && source == sourceDigest(dot, layout)
}

// drawnFrom returns the source digest of svg's stamp, if it has one and
// the rest of the file is what the stamp says.
func drawnFrom(svg []byte) (source string, ok bool) {
	at := stampAt(svg)
	if len(svg) < at+stampLen {
		return "", false
	}
	stamp := svg[at : at+stampLen]
	rest, ok := bytes.CutPrefix(stamp, []byte(stampPrefix))
	if !ok || !bytes.HasSuffix(rest, []byte(" -->\n")) {
		return "", false
	}
	source, content := string(rest[:32]), rest[32:]
	if content, ok = bytes.CutPrefix(content, []byte(" svg=")); !ok {
		return "", false
	}
	return source, string(content[:32]) == contentDigest(svg[:at], svg[at+stampLen:])
}
