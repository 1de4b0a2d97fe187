package corpus

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/analytics"
	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
	"github.com/peoplegraph/peoplegraph/graph/ingest"
	"github.com/peoplegraph/peoplegraph/graph/query"
)

// benchSize is the corpus the build and query benchmarks use; raise it to
// profile a larger build: go test -bench Build -benchsize 10000 -cpuprofile cpu.out
var benchSize = flag.Int("benchsize", 1000, "interviews in the benchmark corpus")

// fixture is a generated corpus on disk and, once built, its database.
type fixture struct {
	gen   *Generator
	dir   string
	files []extract.File
	x     *extract.Extractor
	store *badgerstore.Store
}

func newFixture(b *testing.B) *fixture {
	b.Helper()
	f := &fixture{dir: b.TempDir()}
	var err error
	if f.gen, err = New(*benchSize, 1); err != nil {
		b.Fatal(err)
	}
	if err := Generate(f.dir, *benchSize, 1); err != nil {
		b.Fatal(err)
	}
	if f.files, err = extract.Discover(f.dir); err != nil {
		b.Fatal(err)
	}
	gaz, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	f.x = extract.New(gaz)
	return f
}

// sync brings the store at dbDir up to date with the corpus.
func (f *fixture) sync(b *testing.B, s *badgerstore.Store) *ingest.Report {
	b.Helper()
	rep, err := ingest.Sync(context.Background(), s, f.x, f.files, ingest.Options{Roots: []string{f.dir}})
	if err != nil {
		b.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		b.Fatal(err)
	}
	return rep
}

func (f *fixture) open(b *testing.B, dir string) *badgerstore.Store {
	b.Helper()
	s, err := badgerstore.Open(context.Background(), badgerstore.Options{Path: dir})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// built returns a fixture whose corpus is in a database.
func built(b *testing.B) *fixture {
	b.Helper()
	f := newFixture(b)
	f.store = f.open(b, b.TempDir())
	f.sync(b, f.store)
	return f
}

func (f *fixture) load(b *testing.B) *graph.Graph {
	b.Helper()
	g, err := f.store.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return g
}

func BenchmarkExtract(b *testing.B) {
	f := newFixture(b)
	posts := make([]Post, 200)
	size := 0
	for i := range posts {
		posts[i] = f.gen.Post(i)
		size += len(posts[i].Data)
	}
	b.SetBytes(int64(size / len(posts)))
	i := 0
	for b.Loop() {
		p := posts[i%len(posts)]
		if _, err := f.x.Extract(extract.File{Path: p.Path, Slug: p.Slug}, p.Data); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkBuild(b *testing.B) {
	f := newFixture(b)
	b.ReportMetric(float64(len(f.files)), "interviews")
	for b.Loop() {
		b.StopTimer()
		s := f.open(b, b.TempDir())
		b.StartTimer()
		if rep := f.sync(b, s); len(rep.Added) != len(f.files) || !rep.Analysed {
			b.Fatalf("build added %d of %d interviews, analysed %v", len(rep.Added), len(f.files), rep.Analysed)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkNoopRebuild(b *testing.B) {
	f := built(b)
	for b.Loop() {
		if rep := f.sync(b, f.store); rep.Unchanged != len(f.files) {
			b.Fatalf("no-op rebuild: %d of %d unchanged", rep.Unchanged, len(f.files))
		}
	}
}

func BenchmarkOneFileRebuild(b *testing.B) {
	f := built(b)
	path := f.files[len(f.files)/2].Path
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		edited := fmt.Appendf(append([]byte{}, orig...), "\n#### Anything else?\n\nWe tried Kubernetes for batch jobs (edit %d).\n", i)
		if err := os.WriteFile(path, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		if rep := f.sync(b, f.store); len(rep.Updated) != 1 || !rep.Analysed {
			b.Fatalf("one-file rebuild updated %v, analysed %v", rep.Updated, rep.Analysed)
		}
	}
}

func BenchmarkWhoCovers(b *testing.B) {
	f := built(b)
	g := f.load(b)
	topic := f.gen.Topic(0)
	for b.Loop() {
		r, err := query.WhoCovers(g, topic, query.WhoCoversOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Answers) == 0 {
			b.Fatalf("nobody covers %s", topic)
		}
	}
}

func BenchmarkShow(b *testing.B) {
	f := built(b)
	g := f.load(b)
	name := f.gen.Person(0)
	for b.Loop() {
		if _, err := query.Show(g, name); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnalytics(b *testing.B) {
	f := built(b)
	g := f.load(b)
	for b.Loop() {
		if _, err := analytics.Compute(context.Background(), g, analytics.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender150(b *testing.B) {
	f := built(b)
	g := f.load(b)
	r, err := export.NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for b.Loop() {
		if err := r.RenderMap(io.Discard, g, export.MapOptions{Top: 150}, "svg"); err != nil {
			b.Fatal(err)
		}
	}
}
