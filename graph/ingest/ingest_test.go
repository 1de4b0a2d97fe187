package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/analytics"
	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
)

// lineExtractor reads each line "Person covers Topic" of a file as a
// fact, fails on files containing "FAIL" and panics on "PANIC": enough to
// exercise Sync without the real extractor.
type lineExtractor struct{}

func (lineExtractor) Extract(f extract.File, data []byte) (*graph.Facts, error) {
	text := string(data)
	if strings.Contains(text, "PANIC") {
		panic("hostile input")
	}
	if strings.Contains(text, "FAIL") {
		return nil, errors.New("line 1: cannot parse")
	}
	facts := &graph.Facts{Interview: graph.InterviewInfo{Slug: f.Slug, Path: f.Path}}
	seen := map[string]bool{}
	add := func(k graph.Kind, name string) string {
		id := graph.NodeID(k, name)
		if !seen[id] {
			seen[id] = true
			facts.Nodes = append(facts.Nodes, graph.Node{ID: id, Kind: k, Name: name})
		}
		return id
	}
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		who, what, ok := strings.Cut(line, " covers ")
		if !ok {
			continue
		}
		facts.Edges = append(facts.Edges, graph.Edge{
			From: add(graph.Person, who), To: add(graph.Topic, what), Rel: graph.Covers,
			Sources: []graph.Source{{Interview: f.Slug, Line: i + 1, Text: line}},
		})
	}
	return facts, nil
}

type fixture struct {
	t     *testing.T
	root  string
	store *badgerstore.Store
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s, err := badgerstore.Open(context.Background(), badgerstore.Options{Path: filepath.Join(t.TempDir(), "db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &fixture{t: t, root: t.TempDir(), store: s}
}

func (f *fixture) write(name, body string) {
	f.t.Helper()
	p := filepath.Join(f.root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) sync() *Report {
	f.t.Helper()
	files, err := extract.Discover(f.root)
	if err != nil {
		f.t.Fatal(err)
	}
	rep, err := Sync(context.Background(), f.store, lineExtractor{}, files, Options{Roots: []string{f.root}, BatchSize: 2})
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func (f *fixture) covers() map[string]bool {
	f.t.Helper()
	g, err := f.store.Load(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range g.Edges {
		out[e.From+" "+e.To] = true
	}
	return out
}

func TestSyncIsIncremental(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "Ada covers Kafka\n")
	f.write("b.md", "Bo covers Spark\n")
	f.write("c.md", "Cy covers Flink\n")
	if rep := f.sync(); len(rep.Added) != 3 || len(rep.Failed) != 0 || !rep.Analysed {
		t.Fatalf("first sync: %+v", rep)
	}
	if rep := f.sync(); rep.Unchanged != 3 || len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 || rep.Analysed {
		t.Errorf("no-op sync: %+v", rep)
	}
	f.write("b.md", "Bo covers Kafka\n")
	if err := os.Remove(filepath.Join(f.root, "c.md")); err != nil {
		t.Fatal(err)
	}
	rep := f.sync()
	if len(rep.Updated) != 1 || rep.Updated[0] != "b" || len(rep.Removed) != 1 || rep.Removed[0] != "c" || !rep.Analysed {
		t.Errorf("edit and delete: %+v", rep)
	}
	got := f.covers()
	want := map[string]bool{"person/ada topic/kafka": true, "person/bo topic/kafka": true}
	if len(got) != len(want) || !got["person/ada topic/kafka"] || !got["person/bo topic/kafka"] {
		t.Errorf("edges after edit and delete = %v, want %v", got, want)
	}
}

// TestSyncSaysWhenAnalysing: Options.Analysing is called once, after the
// last file is handled, exactly when analytics are computed.
func TestSyncSaysWhenAnalysing(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "Ada covers Kafka\n")
	f.write("b.md", "Bo covers Spark\n")
	tests := []struct {
		name  string
		edit  func()
		skip  bool
		calls int
	}{
		{"cold", func() {}, false, 1},
		{"nothing changed", func() {}, false, 0},
		{"an edit, analytics skipped", func() { f.write("b.md", "Bo covers Flink\n") }, true, 0},
		{"the next sync computes them", func() {}, false, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.edit()
			files, err := extract.Discover(f.root)
			if err != nil {
				t.Fatal(err)
			}
			handled, calls := 0, 0
			rep, err := Sync(context.Background(), f.store, lineExtractor{}, files, Options{
				Roots:         []string{f.root},
				SkipAnalytics: tc.skip,
				Progress:      func(done, total int) { handled = done },
				Analysing: func() {
					calls++
					if handled != len(files) {
						t.Errorf("analysing after %d of %d files", handled, len(files))
					}
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if calls != tc.calls || rep.Analysed != (tc.calls > 0) {
				t.Errorf("Analysing called %d times, analytics computed: %v; want %d", calls, rep.Analysed, tc.calls)
			}
		})
	}
}

func TestSyncBadFilesKeepTheirOldFactsAndStopNothing(t *testing.T) {
	tests := []struct {
		name, body, wantErr string
	}{
		{"parse error", "FAIL", "cannot parse"},
		{"extractor panic", "PANIC", "please report it"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.write("a.md", "Ada covers Kafka\n")
			f.write("b.md", "Bo covers Spark\n")
			f.sync()
			f.write("a.md", tc.body)
			f.write("d.md", "Di covers Go\n")
			rep := f.sync()
			if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error(), "a.md") || !strings.Contains(rep.Failed[0].Error(), tc.wantErr) {
				t.Fatalf("failed = %v, want a.md with %q", rep.Failed, tc.wantErr)
			}
			if rep.Err() == nil {
				t.Errorf("Report.Err is nil with a failed file")
			}
			got := f.covers()
			if !got["person/ada topic/kafka"] {
				t.Errorf("the bad file's old facts were lost: %v", got)
			}
			if !got["person/di topic/go"] {
				t.Errorf("the file after the bad one was not ingested: %v", got)
			}
		})
	}
}

func TestSyncRefusesDuplicateSlugs(t *testing.T) {
	f := newFixture(t)
	f.write("one/ada.md", "Ada covers Kafka\n")
	f.write("two/ada.md", "Ada covers Spark\n")
	rep := f.sync()
	if len(rep.Failed) != 1 || !strings.Contains(rep.Failed[0].Error(), "also used by") {
		t.Fatalf("failed = %v, want one duplicate-slug error", rep.Failed)
	}
	if len(rep.Added) != 1 {
		t.Errorf("added = %v, want the first file only", rep.Added)
	}
}

// TestSyncRemovesOnlyUnderItsRoots: building one folder does not delete
// what other folders contributed.
func TestSyncRemovesOnlyUnderItsRoots(t *testing.T) {
	f := newFixture(t)
	f.write("blog/a.md", "Ada covers Kafka\n")
	f.write("talks/b.md", "Bo covers Spark\n")
	f.sync()
	blog := filepath.Join(f.root, "blog")
	files, err := extract.Discover(blog)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Sync(context.Background(), f.store, lineExtractor{}, files, Options{Roots: []string{blog}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Removed) != 0 {
		t.Errorf("removed %v when building one folder", rep.Removed)
	}
	if !f.covers()["person/bo topic/spark"] {
		t.Errorf("the other folder's facts are gone")
	}
}

func TestSyncStopsOnCancel(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "Ada covers Kafka\n")
	files, _ := extract.Discover(f.root)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Sync(ctx, f.store, lineExtractor{}, files, Options{Roots: []string{f.root}}); !errors.Is(err, context.Canceled) {
		t.Errorf("Sync with a cancelled context: %v, want context.Canceled", err)
	}
}

// doctoringStore hands ingest doctored previous analytics, so that a test
// sees whether Analyse reused them.
type doctoringStore struct {
	*badgerstore.Store
	person string
}

func (d doctoringStore) PreviousAnalytics() *graph.Analytics {
	prev := d.Store.PreviousAnalytics()
	if prev == nil {
		return nil
	}
	doctored := *prev
	doctored.Centrality = map[string]graph.Centrality{}
	for id, c := range prev.Centrality {
		if id == d.person {
			c.PageRank = 42
		}
		doctored.Centrality[id] = c
	}
	return &doctored
}

// TestSyncReusesAnalyticsWhenTheGraphKeepsItsShape checks that a build
// after an edit that moves evidence but keeps every node and edge takes
// the stored analytics over, and that one adding an edge computes them.
func TestSyncReusesAnalyticsWhenTheGraphKeepsItsShape(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "Ada covers Go\nBob covers Rust\n")
	f.write("b.md", "Cy covers Go\n")
	f.sync()
	s := doctoringStore{Store: f.store, person: "person/ada"}
	sync := func() float64 {
		t.Helper()
		files, err := extract.Discover(f.root)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Sync(context.Background(), s, lineExtractor{}, files, Options{Roots: []string{f.root}})
		if err != nil || !rep.Analysed {
			t.Fatalf("Sync = %+v, %v; want analytics", rep, err)
		}
		g, err := f.store.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		n, _ := g.Node("person/ada")
		return n.Centrality.PageRank
	}
	f.write("a.md", "A first line that names nobody.\nAda covers Go\nBob covers Rust\n")
	if got := sync(); got != 42 {
		t.Errorf("after moving evidence, Ada's PageRank = %v; want the previous analytics (doctored to 42)", got)
	}
	f.write("a.md", "A first line that names nobody.\nAda covers Go\nBob covers Rust\nAda covers Rust\n")
	if got := sync(); got == 42 {
		t.Error("after adding an edge, Ada's PageRank is the previous one; want it computed again")
	}
}

// preparingStore records the calls Analyse makes and can fail
// PrepareAnalytics.
type preparingStore struct {
	*badgerstore.Store
	mu      sync.Mutex
	calls   []string
	failing error
}

func (p *preparingStore) record(call string) {
	p.mu.Lock()
	p.calls = append(p.calls, call)
	p.mu.Unlock()
}

func (p *preparingStore) Load(ctx context.Context) (*graph.Graph, error) {
	p.record("Load")
	return p.Store.Load(ctx)
}

func (p *preparingStore) PrepareAnalytics(ctx context.Context) error {
	p.record("PrepareAnalytics")
	if p.failing != nil {
		return p.failing
	}
	return p.Store.PrepareAnalytics(ctx)
}

func (p *preparingStore) SetAnalytics(ctx context.Context, a *graph.Analytics) error {
	p.record("SetAnalytics")
	return p.Store.SetAnalytics(ctx, a)
}

// TestAnalysePreparesTheStore checks that Analyse lets a store prepare
// between Load and SetAnalytics, and that a failed preparation stops it
// with the analytics still stale.
func TestAnalysePreparesTheStore(t *testing.T) {
	tests := []struct {
		name      string
		failing   error
		wantCalls []string
	}{
		{name: "prepared", wantCalls: []string{"Load", "PrepareAnalytics", "SetAnalytics"}},
		{name: "preparation fails", failing: errors.New("disk full"), wantCalls: []string{"Load", "PrepareAnalytics"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.write("a.md", "Ada covers Go\nBob covers Rust\n")
			files, err := extract.Discover(f.root)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := Sync(ctx, f.store, lineExtractor{}, files, Options{Roots: []string{f.root}, SkipAnalytics: true}); err != nil {
				t.Fatal(err)
			}
			s := &preparingStore{Store: f.store, failing: tt.failing}
			err = Analyse(ctx, s, analytics.Options{})
			if !errors.Is(err, tt.failing) || (tt.failing == nil) != (err == nil) {
				t.Fatalf("Analyse: %v, want %v", err, tt.failing)
			}
			if !slices.Equal(s.calls, tt.wantCalls) {
				t.Errorf("calls %v, want %v", s.calls, tt.wantCalls)
			}
			stale, err := f.store.AnalyticsStale(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if stale != (tt.failing != nil) {
				t.Errorf("analytics stale: %v after Analyse returned %v", stale, tt.failing)
			}
		})
	}
}

// failingStore refuses every write. It closes failed once Sync has
// cancelled the context its first write was given, so that what happens
// after the failure does not depend on how the goroutines are scheduled.
type failingStore struct {
	*badgerstore.Store
	failed chan struct{}
	once   sync.Once
}

func (s *failingStore) ReplaceInterviews(ctx context.Context, _ []*graph.Facts) error {
	s.once.Do(func() {
		go func() {
			<-ctx.Done()
			close(s.failed)
		}()
	})
	return errors.New("disk full")
}

// stallingExtractor extracts the file first (the first the writer waits
// for) at once and every other only once the store's failure has been
// acted on, or giveUp is done, counting the files it was given.
type stallingExtractor struct {
	first  string
	calls  atomic.Int32
	failed chan struct{}
	giveUp context.Context
}

func (x *stallingExtractor) Extract(f extract.File, data []byte) (*graph.Facts, error) {
	x.calls.Add(1)
	if f.Path != x.first {
		select {
		case <-x.failed:
		case <-x.giveUp.Done():
		}
	}
	return lineExtractor{}.Extract(f, data)
}

// TestSyncStopsExtractingAfterAWriteError: once a write fails, the workers
// finish the files they hold and claim no more.
func TestSyncStopsExtractingAfterAWriteError(t *testing.T) {
	f := newFixture(t)
	const n, workers = 200, 2
	for i := range n {
		f.write(fmt.Sprintf("p%03d.md", i), fmt.Sprintf("Person %d covers Kafka\n", i))
	}
	files, err := extract.Discover(f.root)
	if err != nil {
		t.Fatal(err)
	}
	s := &failingStore{Store: f.store, failed: make(chan struct{})}
	// Without the cancel the workers would wait for ever; this lets them
	// go on, and the count below tells.
	giveUp, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	x := &stallingExtractor{first: files[0].Path, failed: s.failed, giveUp: giveUp}
	_, err = Sync(context.Background(), s, x, files, Options{Roots: []string{f.root}, Workers: workers, BatchSize: 1})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Sync = %v, want the store's error", err)
	}
	if got := x.calls.Load(); got > 1+workers {
		t.Errorf("extracted %d of %d files though the first write failed; want at most the %d the workers held", got, n, 1+workers)
	}
}

// versionedExtractor is lineExtractor with a fingerprint; "v2" also reads
// "Person knows Topic" lines, as a new extractor may read more of a file.
type versionedExtractor struct{ version string }

func (x versionedExtractor) Fingerprint() string { return x.version }

func (x versionedExtractor) Extract(f extract.File, data []byte) (*graph.Facts, error) {
	if x.version == "v2" {
		data = []byte(strings.ReplaceAll(string(data), " knows ", " covers "))
	}
	return lineExtractor{}.Extract(f, data)
}

func TestSyncRereadsWhenTheExtractorChanges(t *testing.T) {
	f := newFixture(t)
	f.write("blog/a.md", "Ada covers Kafka\nAda knows Flink\n")
	f.write("blog/b.md", "Bo covers Spark\n")
	f.write("talks/c.md", "Cy covers Go\n")
	sync := func(x Extractor, roots ...string) *Report {
		t.Helper()
		var files []extract.File
		for _, r := range roots {
			fs, err := extract.Discover(filepath.Join(f.root, r))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, fs...)
		}
		for i := range roots {
			roots[i] = filepath.Join(f.root, roots[i])
		}
		rep, err := Sync(context.Background(), f.store, x, files, Options{Roots: roots})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	v1, v2 := versionedExtractor{"v1"}, versionedExtractor{"v2"}
	if rep := sync(v1, "blog", "talks"); rep.Reread || len(rep.Added) != 3 {
		t.Fatalf("first build: %+v", rep)
	}
	if rep := sync(v1, "blog", "talks"); rep.Reread || rep.Unchanged != 3 {
		t.Fatalf("same extractor: %+v", rep)
	}
	// Only one of the two folders: the other keeps facts v1 read, so v2
	// is not recorded, and the next build reads everything again.
	if rep := sync(v2, "blog"); !rep.Reread || len(rep.Updated) != 2 || rep.Unchanged != 0 {
		t.Fatalf("new extractor, one folder: %+v", rep)
	}
	if !f.covers()["person/ada topic/flink"] {
		t.Errorf("the facts the new extractor reads are missing")
	}
	if rep := sync(v2, "blog", "talks"); !rep.Reread || len(rep.Updated) != 3 {
		t.Fatalf("new extractor, every folder: %+v", rep)
	}
	if rep := sync(v2, "blog", "talks"); rep.Reread || rep.Unchanged != 3 {
		t.Errorf("after every interview was read again: %+v", rep)
	}
	if got, err := f.store.ExtractedWith(context.Background()); err != nil || got != "v2" {
		t.Errorf("recorded fingerprint = %q, %v; want v2", got, err)
	}
}
