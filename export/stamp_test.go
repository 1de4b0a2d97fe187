package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSVGUpToDate(t *testing.T) {
	r := newTestRenderer(t)
	var dot bytes.Buffer
	if err := DOT(&dot, loadFacts(t, "interviews.json"), MapOptions{Title: "Fixture"}); err != nil {
		t.Fatal(err)
	}
	var drawn bytes.Buffer
	if err := r.Render(dot.Bytes(), "", "svg", &drawn); err != nil {
		t.Fatal(err)
	}
	svg := drawn.Bytes()
	otherDOT := bytes.Replace(dot.Bytes(), []byte("Fixture"), []byte("Fixturf"), 1)
	replaceAfterStamp := func(old, new string) []byte {
		at := stampAt(svg) + stampLen
		return append(append([]byte{}, svg[:at]...), bytes.Replace(svg[at:], []byte(old), []byte(new), 1)...)
	}
	unstamped := append(append([]byte{}, svg[:stampAt(svg)]...), svg[stampAt(svg)+stampLen:]...)
	tests := []struct {
		name   string
		svg    []byte
		dot    []byte
		layout string
		want   bool
		// asDrawn is what SVGAsDrawn says, which ignores the source.
		asDrawn bool
	}{
		{"as drawn", svg, dot.Bytes(), "", true, true},
		{"another source", svg, otherDOT, "", false, true},
		{"another layout", svg, dot.Bytes(), "neato", false, true},
		{"edited after drawing", replaceAfterStamp("Fixture", "Fixturf"), dot.Bytes(), "", false, false},
		{"one byte appended", append(append([]byte{}, svg...), '\n'), dot.Bytes(), "", false, false},
		{"stamp edited", bytes.Replace(svg, []byte(stampPrefix), []byte("<!-- peoplegraph map source=0"), 1), dot.Bytes(), "", false, false},
		{"content digest edited", bytes.Replace(svg, []byte(" svg="), []byte(" svg=0"), 1)[:len(svg)], dot.Bytes(), "", false, false},
		{"drawn before stamps", unstamped, dot.Bytes(), "", false, false},
		{"truncated in the stamp", svg[:stampAt(svg)+stampLen/2], dot.Bytes(), "", false, false},
		{"empty", nil, dot.Bytes(), "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SVGUpToDate(tc.svg, tc.dot, tc.layout); got != tc.want {
				t.Errorf("SVGUpToDate = %v, want %v", got, tc.want)
			}
			if got := SVGAsDrawn(tc.svg); got != tc.asDrawn {
				t.Errorf("SVGAsDrawn = %v, want %v", got, tc.asDrawn)
			}
		})
	}
	t.Run("stamp after the declaration", func(t *testing.T) {
		lines := strings.SplitN(string(svg), "\n", 3)
		if !strings.HasPrefix(lines[0], "<?xml ") || !strings.HasPrefix(lines[1], stampPrefix) {
			t.Errorf("first lines %q, want the XML declaration then the stamp", lines[:2])
		}
		if !bytes.Equal(unstamped, stripStamp(t, svg)) {
			t.Error("removing the stamp does not give back what Graphviz drew")
		}
	})
}

// TestStampNamesGraphvizOfGoMod holds the Graphviz a stamp names to the
// go-graphviz that go.mod requires: maps must be drawn again after an
// upgrade.
func TestStampNamesGraphvizOfGoMod(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(mod), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "github.com/goccy/go-graphviz" {
			if got := f[0] + " " + f[1]; got != graphvizModule {
				t.Fatalf("go.mod requires %s, the stamp names %s: update graphvizModule", got, graphvizModule)
			}
			return
		}
	}
	t.Fatal("go.mod does not require github.com/goccy/go-graphviz")
}

func stripStamp(t *testing.T, svg []byte) []byte {
	t.Helper()
	at := stampAt(svg)
	if !bytes.HasPrefix(svg[at:], []byte(stampPrefix)) {
		t.Fatalf("no stamp at byte %d", at)
	}
	return append(append([]byte{}, svg[:at]...), svg[at+stampLen:]...)
}

// FuzzSVGUpToDate checks that any stamped content reads as up to date for
// its own source only, and that no file makes SVGUpToDate panic.
func FuzzSVGUpToDate(f *testing.F) {
	f.Add([]byte("<?xml version=\"1.0\"?>\n<svg/>\n"), []byte("digraph{a}"), "")
	f.Add([]byte("<?xml version=\"1.0\"?><svg/>"), []byte("digraph{}"), "neato")
	f.Add([]byte("<svg/>"), []byte(""), "dot")
	f.Add([]byte("<?xml"), []byte("x"), "")
	f.Add([]byte(stampPrefix), []byte("x"), "")
	f.Fuzz(func(t *testing.T, svg, dot []byte, layout string) {
		SVGUpToDate(svg, dot, layout)
		stamped := stampSVG(svg, sourceDigest(dot, layout))
		if !SVGUpToDate(stamped, dot, layout) {
			t.Fatalf("stamped %q does not read as up to date", stamped)
		}
		if SVGUpToDate(stamped, append(bytes.Clone(dot), ' '), layout) {
			t.Fatal("up to date for another source")
		}
		if got := stripStamp(t, stamped); !bytes.Equal(got, svg) {
			t.Fatalf("removing the stamp gives %q, want %q", got, svg)
		}
	})
}
