package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"

	"github.com/peoplegraph/peoplegraph/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden and testdata/version.json")

const (
	seedPath      = "../content/blog/lynn-langit/index.md"
	fixturesDir   = "../testdata/interviews"
	sharedEvalDir = "../../shared/eval"
)

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatalf("gazetteer: %v", err)
	}
	return New(g)
}

// fixtureExtractor uses the fixed dictionary testdata/gazetteer.yaml, for
// tests whose results must not move with the default data.
func fixtureExtractor(t testing.TB) *Extractor {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "gazetteer.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := gazetteer.Parse("testdata/gazetteer.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.New(entries)
	if err != nil {
		t.Fatal(err)
	}
	return New(g)
}

// interviewFiles lists the seed and every fixture interview.
func interviewFiles(t *testing.T) []File {
	t.Helper()
	files, err := Discover(seedPath, fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("found %d interview files, want the seed and at least four fixtures", len(files))
	}
	return files
}

func extractFile(t *testing.T, x *Extractor, f File) *graph.Facts {
	t.Helper()
	data, err := os.ReadFile(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	facts, err := x.Extract(f, data)
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	return facts
}

// TestGold scores extraction of each fixture against its gold file with
// the scorer's own matching rules.
func TestGold(t *testing.T) {
	x := newTestExtractor(t)
	bySlug := map[string]File{}
	for _, f := range interviewFiles(t) {
		bySlug[f.Slug] = f
	}
	golds, err := filepath.Glob(filepath.Join(fixturesDir, "gold", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if seed := filepath.Join(sharedEvalDir, "gold", "lynn-langit.json"); fileExists(seed) {
		golds = append(golds, seed)
	} else {
		t.Logf("%s is absent: the seed is checked by TestSeedKeyFacts only", seed)
	}
	if len(golds) < 4 {
		t.Fatalf("found %d gold files, want at least 4", len(golds))
	}
	for _, path := range golds {
		gold := loadGold(t, path)
		t.Run(gold.Interview, func(t *testing.T) {
			f, ok := bySlug[gold.Interview]
			if !ok {
				t.Fatalf("no interview file with slug %q for %s", gold.Interview, path)
			}
			facts := extractFile(t, x, f)
			sc := scoreGraph(graph.Merge(facts), gold)
			t.Logf("entities P=%.3f R=%.3f F1=%.3f; relations P=%.3f R=%.3f F1=%.3f",
				sc.EntityP, sc.EntityR, sc.EntityF1, sc.RelationP, sc.RelationR, sc.RelationF1)
			for _, m := range sc.Misses {
				t.Logf("missed %s", m)
			}
			for _, w := range sc.Wrong {
				t.Logf("wrong %s", w)
			}
			if sc.EntityF1 < 0.9 || sc.RelationF1 < 0.85 {
				t.Errorf("entity F1 %.3f (want ≥ 0.9), relation F1 %.3f (want ≥ 0.85)", sc.EntityF1, sc.RelationF1)
			}
			if gold.Interviewee != "" && facts.Interview.Guest != graph.NodeID(graph.Person, gold.Interviewee) {
				t.Errorf("guest = %q, want %q", facts.Interview.Guest, graph.NodeID(graph.Person, gold.Interviewee))
			}
		})
	}
}

// TestSeedScorePy runs the project's scorer on the seed when the shared
// evaluation directory is beside the checkout, as it is in CI.
func TestSeedScorePy(t *testing.T) {
	script := filepath.Join(sharedEvalDir, "score.py")
	gold := filepath.Join(sharedEvalDir, "gold", "lynn-langit.json")
	python, err := exec.LookPath("python3")
	if err != nil || !fileExists(script) || !fileExists(gold) {
		t.Logf("python3 or %s absent: covered by TestGold and TestSeedKeyFacts", script)
		return
	}
	x := newTestExtractor(t)
	facts := extractFile(t, x, File{Path: seedPath, Slug: "lynn-langit"})
	out := filepath.Join(t.TempDir(), "graph.json")
	writeJSON(t, out, evalGraph(graph.Merge(facts)))
	res, err := exec.Command(python, script, out, gold).CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, res)
	}
	last := lastLine(string(res))
	t.Log(last)
	var ep, er, ef, rp, rr, rf float64
	if _, err := fmt.Sscanf(last, "total: entities P=%f R=%f F1=%f; relations P=%f R=%f F1=%f", &ep, &er, &ef, &rp, &rr, &rf); err != nil {
		t.Fatalf("cannot read score.py's totals %q: %v", last, err)
	}
	if ef < 0.97 || rf < 0.95 {
		t.Errorf("seed: entity F1 %.3f (want ≥ 0.97), relation F1 %.3f (want ≥ 0.95)\n%s", ef, rf, res)
	}
}

// TestSeedKeyFacts asserts the seed's key facts directly, with their lines.
func TestSeedKeyFacts(t *testing.T) {
	x := fixtureExtractor(t)
	facts := extractFile(t, x, File{Path: seedPath, Slug: "lynn-langit"})
	lynn := "person/lynn-langit"
	tests := []struct {
		name string
		from string
		rel  graph.Rel
		to   string
		line int
	}{
		{"features the guest", "interview/lynn-langit", graph.Features, lynn, 2},
		{"bold name with org", lynn, graph.Recommends, "person/adrian-cockcroft", 60},
		{"bold name alone", lynn, graph.Recommends, "person/sam-newman", 62},
		{"handle in a people list", lynn, graph.Recommends, "person/dynamicwebpaige", 72},
		{"product entry is a service", lynn, graph.Recommends, "service/colaboratory", 70},
		{"company entry is an organization", lynn, graph.Recommends, "organization/alibaba-cloud", 73},
		{"last entry", lynn, graph.Recommends, "person/corey-quinn", 83},
		{"org in parentheses", "person/adrian-cockcroft", graph.AffiliatedWith, "organization/aws", 60},
		{"first of two orgs", "person/rachel-tatman", graph.AffiliatedWith, "organization/kaggle", 71},
		{"second of two orgs", "person/rachel-tatman", graph.AffiliatedWith, "organization/google", 71},
		{"company's parent", "organization/alibaba-cloud", graph.PartOf, "organization/alibaba", 73},
		{"product's provider", "service/colaboratory", graph.ProvidedBy, "organization/google", 70},
		{"topic kept as written", "person/sam-newman", graph.Covers, "topic/architecture-patterns", 62},
		{"topic split on slash", "person/troy-hunt", graph.Covers, "topic/security", 67},
		{"org as a topic", "person/troy-hunt", graph.Covers, "organization/azure", 67},
		{"topic split on plus", "person/corey-quinn", graph.Covers, "topic/humor", 83},
		{"topic through gazetteer", "person/rachel-tatman", graph.Covers, "topic/machine-learning", 71},
		{"service as a topic", "person/kelsey-hightower", graph.Covers, "service/kubernetes", 65},
		{"mention in prose", lynn, graph.Mentions, "service/app-engine", 14},
		{"coordinated API", lynn, graph.Mentions, "service/vision-api", 32},
		{"lower-case topic", lynn, graph.Mentions, "topic/machine-learning", 22},
		{"provider of a mention", "service/s3", graph.ProvidedBy, "organization/aws", 22},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := findEdge(facts, tc.from, tc.rel, tc.to)
			if !ok {
				t.Fatalf("no edge %s -%s-> %s", tc.from, tc.rel, tc.to)
			}
			if !hasLine(e, tc.line) {
				t.Errorf("edge %s -%s-> %s has sources %+v, want one on line %d", tc.from, tc.rel, tc.to, e.Sources, tc.line)
			}
		})
	}
	for _, absent := range []struct{ from, to string }{
		{lynn, "person/lynn-langit"},
		{lynn, "person/jeff-barr"}, // recommended, never merely mentioned
	} {
		if _, ok := findEdge(facts, absent.from, graph.Mentions, absent.to); ok {
			t.Errorf("unexpected edge %s -mentions-> %s", absent.from, absent.to)
		}
	}
}

// TestFactsInvariants checks what every Facts must satisfy: endpoints
// among the nodes, sources naming the interview with a line inside the
// file, and one source per line.
func TestFactsInvariants(t *testing.T) {
	x := newTestExtractor(t)
	for _, f := range interviewFiles(t) {
		t.Run(f.Slug, func(t *testing.T) {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			facts := extractFile(t, x, f)
			checkFacts(t, facts, bytes.Count(data, []byte("\n"))+1)
			again := extractFile(t, x, f)
			if a, b := mustJSON(t, facts), mustJSON(t, again); !bytes.Equal(a, b) {
				t.Error("two extractions of the same file differ")
			}
		})
	}
}

func checkFacts(t *testing.T, facts *graph.Facts, lines int) {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range facts.Nodes {
		want := graph.NodeID(n.Kind, n.Name)
		if n.Kind == graph.Interview {
			want = graph.NodeID(graph.Interview, facts.Interview.Slug)
		}
		if !n.Kind.Valid() || n.Name == "" || n.ID != want {
			t.Errorf("bad node %+v (want ID %s)", n, want)
		}
		ids[n.ID] = true
	}
	for _, e := range facts.Edges {
		if !ids[e.From] || !ids[e.To] || !e.Rel.Valid() {
			t.Errorf("edge %s -%s-> %s: endpoint missing or bad relation", e.From, e.Rel, e.To)
		}
		if len(e.Sources) == 0 {
			t.Errorf("edge %s -%s-> %s has no source", e.From, e.Rel, e.To)
		}
		seen := map[int]bool{}
		for _, s := range e.Sources {
			if s.Interview != facts.Interview.Slug || s.Line < 1 || s.Line > lines || s.Text == "" || s.Why == "" {
				t.Errorf("edge %s -%s-> %s: bad source %+v", e.From, e.Rel, e.To, s)
			}
			if seen[s.Line] {
				t.Errorf("edge %s -%s-> %s: two sources on line %d", e.From, e.Rel, e.To, s.Line)
			}
			seen[s.Line] = true
		}
	}
}

// TestGolden compares the Facts of every interview with testdata/golden,
// extracted with the fixed dictionary testdata/gazetteer.yaml; run with
// -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	x := fixtureExtractor(t)
	for _, f := range interviewFiles(t) {
		t.Run(f.Slug, func(t *testing.T) {
			facts := extractFile(t, x, f)
			facts.Interview.Path = filepath.ToSlash(facts.Interview.Path)
			got := mustJSON(t, facts)
			golden.Check(t, filepath.Join("testdata", "golden", f.Slug+".json"), got, *update)
		})
	}
}

// TestVersion checks that Version changes with the facts of the test
// interviews: testdata/version.json records the digest of each one's
// facts under the Version that reads them. A new test interview only
// needs recording (-update).
func TestVersion(t *testing.T) {
	x := fixtureExtractor(t)
	got := versionRecord{Version: Version, Facts: map[string]string{}}
	for _, f := range interviewFiles(t) {
		facts := extractFile(t, x, f)
		facts.Interview.Path = filepath.ToSlash(facts.Interview.Path)
		sum := sha256.Sum256(mustJSON(t, facts))
		got.Facts[f.Slug] = hex.EncodeToString(sum[:])
	}
	path := filepath.Join("testdata", "version.json")
	var want versionRecord
	if data, err := os.ReadFile(path); err != nil && !(*update && os.IsNotExist(err)) {
		t.Fatal(err)
	} else if err == nil {
		if err := json.Unmarshal(data, &want); err != nil && !*update {
			t.Fatalf("%s: %v (run the test with -update to rewrite it)", path, err)
		}
	}
	var changed []string
	for slug, sum := range got.Facts {
		if old, ok := want.Facts[slug]; ok && old != sum {
			changed = append(changed, slug)
		}
	}
	slices.Sort(changed)
	switch {
	case want.Version == Version && len(changed) > 0:
		t.Errorf("the facts of %s changed but extract.Version is still %q: change it, then run the test with -update", strings.Join(changed, ", "), Version)
	case maps.Equal(got.Facts, want.Facts) && want.Version == Version:
	case *update:
		writeJSON(t, path, got)
	default:
		t.Errorf("%s does not record the facts of version %q of every test interview: run the test with -update", path, Version)
	}
}

// versionRecord is what testdata/version.json holds.
type versionRecord struct {
	Version string            `json:"version"`
	Facts   map[string]string `json:"facts"` // by slug, hex SHA-256 of the facts
}

func firstDiff(want, got string) string { return golden.FirstDiff(got, want) }

func findEdge(f *graph.Facts, from string, rel graph.Rel, to string) (graph.Edge, bool) {
	for _, e := range f.Edges {
		if e.From == from && e.Rel == rel && e.To == to {
			return e, true
		}
	}
	return graph.Edge{}, false
}

func hasLine(e graph.Edge, line int) bool {
	for _, s := range e.Sources {
		if s.Line == line {
			return true
		}
	}
	return false
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := os.WriteFile(path, mustJSON(t, v), 0o644); err != nil {
		t.Fatal(err)
	}
}

// evalGraph is the JSON shape score.py reads.
func evalGraph(g *graph.Graph) any {
	return struct {
		Nodes []graph.Node `json:"nodes"`
		Edges []graph.Edge `json:"edges"`
	}{g.Nodes, g.Edges}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestExtractConcurrent shares one Extractor, and so one markdown parser,
// between goroutines: each file's facts must match a serial run (run with
// -race to check the sharing itself).
func TestExtractConcurrent(t *testing.T) {
	x := fixtureExtractor(t)
	files := interviewFiles(t)
	want := make([][]byte, len(files))
	for i, f := range files {
		want[i] = mustJSON(t, extractFile(t, x, f))
	}
	const workers = 4
	got := make([][]*graph.Facts, workers)
	errs := make(chan error, workers)
	for w := range workers {
		got[w] = make([]*graph.Facts, len(files))
		go func() {
			for i, f := range files {
				data, err := os.ReadFile(f.Path)
				if err != nil {
					errs <- err
					return
				}
				if got[w][i], err = x.Extract(f, data); err != nil {
					errs <- fmt.Errorf("%s: %w", f.Path, err)
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for w := range workers {
		for i, f := range files {
			if g := mustJSON(t, got[w][i]); !bytes.Equal(g, want[i]) {
				t.Errorf("worker %d, %s: facts differ from the serial run:\n%s", w, f.Slug, firstDiff(string(want[i]), string(g)))
			}
		}
	}
}

func TestExtractHash(t *testing.T) {
	data := []byte("---\ntitle: Interview with Ada Example\n---\n\nAda works on compilers.\n")
	sum := sha256.Sum256(data)
	x := newTestExtractor(t)
	tests := []struct {
		name string
		file File
		want string
	}{
		{"computed when not given", File{Path: "ada.md", Slug: "ada"}, hex.EncodeToString(sum[:])},
		{"taken from the caller", File{Path: "ada.md", Slug: "ada", Hash: "given-by-the-build"}, "given-by-the-build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts, err := x.Extract(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if facts.Interview.Hash != tt.want {
				t.Errorf("Hash = %q, want %q", facts.Interview.Hash, tt.want)
			}
		})
	}
}

// TestProvidersStated states a provider the dictionary gives only where
// the interview names it or naming the service implies it.
func TestProvidersStated(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, answer string
		want, not    []wantEdge
	}{
		{"implied by the service", "We moved everything to Lambda.",
			[]wantEdge{{"service/lambda", graph.ProvidedBy, "organization/aws", 6}}, nil},
		{"not named", "We run Kubernetes and Spark.", nil,
			[]wantEdge{{"service/kubernetes", graph.ProvidedBy, "organization/cloud-native-computing-foundation", 0},
				{"service/spark", graph.ProvidedBy, "organization/apache-software-foundation", 0}}},
		{"named after the service", "We run Kubernetes, which the CNCF looks after.",
			[]wantEdge{{"service/kubernetes", graph.ProvidedBy, "organization/cloud-native-computing-foundation", 6}}, nil},
		{"named before the service", "The Apache Software Foundation gave us Hadoop.\n\nWe still run Hadoop.",
			[]wantEdge{{"service/hadoop", graph.ProvidedBy, "organization/apache-software-foundation", 6}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			facts := answerFacts(t, x, "What do you run?", tc.answer)
			assertEdges(t, facts, tc.want)
			assertNoEdges(t, facts, tc.not)
			for _, n := range facts.Nodes {
				if n.Kind == graph.Organization && !slices.ContainsFunc(facts.Edges, func(e graph.Edge) bool { return e.From == n.ID || e.To == n.ID }) {
					t.Errorf("node %s is on no edge", n.ID)
				}
			}
		})
	}
}
