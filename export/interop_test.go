package export

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNetworkxReads opens the GraphML and GEXF with networkx, as Gephi-
// and Python-side users would. It fails, not skips, without python3 and
// networkx: CI installs them (Debian's python3-networkx).
func TestNetworkxReads(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		format Format
		reader string
	}{
		{"graphml", FormatGraphML, "read_graphml"},
		{"gexf", FormatGEXF, "read_gexf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paths, err := WriteDir(dir, g, tc.format)
			if err != nil {
				t.Fatal(err)
			}
			script := `import sys, networkx as nx
g = nx.` + tc.reader + `(sys.argv[1])
kinds = sorted(set(d.get("kind", "") for _, d in g.nodes(data=True)))
print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), ",".join(kinds))`
			out, err := exec.Command("python3", "-c", script, paths[0]).CombinedOutput()
			if err != nil {
				t.Fatalf("networkx %s: %v\n%s", tc.reader, err, out)
			}
			want := "10 13 True interview,organization,person,service,topic"
			if got := strings.TrimSpace(string(out)); got != want {
				t.Errorf("networkx read %q, want %q (nodes edges directed kinds)", got, want)
			}
			if len(g.Nodes) != 10 || len(g.Edges) != 13 {
				t.Errorf("fixture has %d nodes and %d edges; update want", len(g.Nodes), len(g.Edges))
			}
		})
	}
}

// The N-Quads line grammar (W3C N-Quads, without the optional graph label
// this package never writes): subject, predicate, object, " .".
var (
	nqIRI     = `<[^\x00-\x20<>"{}|^` + "`" + `\\]*>`
	nqLiteral = `"(?:[^"\\\n\r]|\\[tbnrf"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"(?:\^\^` + nqIRI + `|@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)?`
	nqLine    = regexp.MustCompile(`^(` + nqIRI + `) (` + nqIRI + `) (` + nqIRI + `|` + nqLiteral + `) \.$`)
)

func checkNQuads(t *testing.T, data []byte) int {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		if !nqLine.MatchString(sc.Text()) {
			t.Errorf("line %d is not an N-Quad: %q", n, sc.Text())
		}
	}
	return n
}

func TestNQuadsGrammar(t *testing.T) {
	for _, name := range []string{"interviews.json", "hostile.json"} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := NQuads(&buf, loadFacts(t, name)); err != nil {
				t.Fatal(err)
			}
			if checkNQuads(t, buf.Bytes()) == 0 {
				t.Error("no quads written")
			}
		})
	}
}

// TestNQuadsGrammarRejects keeps the checker honest.
func TestNQuadsGrammarRejects(t *testing.T) {
	for _, line := range []string{
		`<a> <b> "unterminated .`,
		`<a b> <c> <d> .`,
		`<a> <b> "x"y" .`,
		`<a> <b> <javascript:"x"> .`,
	} {
		if nqLine.MatchString(line) {
			t.Errorf("grammar accepted %q", line)
		}
	}
}

func TestWriteDirCreatesFiles(t *testing.T) {
	g := loadFacts(t, "interviews.json")
	dir := filepath.Join(t.TempDir(), "out")
	for _, f := range Formats {
		paths, err := WriteDir(dir, g, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range paths {
			if st, err := os.Stat(p); err != nil || st.Size() == 0 {
				t.Errorf("%s: %s missing or empty (%v)", f, p, err)
			}
		}
	}
}
