package badgerstore

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// naming returns an interview whose guest names one topic, spelt name
// with aliases and url: a node whose merged name is a vote.
func naming(slug, name string, aliases []string, url string) *graph.Facts {
	guest := graph.Node{ID: graph.NodeID(graph.Person, "Guest "+slug), Kind: graph.Person, Name: "Guest " + slug}
	topic := graph.Node{ID: "topic/kubernetes", Kind: graph.Topic, Name: name, Aliases: aliases, URL: url}
	iv := graph.Node{ID: graph.NodeID(graph.Interview, slug), Kind: graph.Interview, Name: "Interview " + slug}
	src := func(text string) []graph.Source {
		return []graph.Source{{Interview: slug, Line: 3, Text: text, Why: "named in an answer"}}
	}
	return &graph.Facts{
		Interview: graph.InterviewInfo{Slug: slug, Path: slug + ".md", Guest: guest.ID, Hash: slug + name + url},
		Nodes:     []graph.Node{iv, guest, topic},
		Edges: []graph.Edge{
			{From: iv.ID, To: guest.ID, Rel: graph.Features, Sources: src("title")},
			{From: guest.ID, To: topic.ID, Rel: graph.Covers, Sources: src("We run " + name + " " + slug)},
		},
	}
}

// edit is one write to the store.
type edit struct {
	put    *graph.Facts
	remove string
}

func put(f *graph.Facts) edit { return edit{put: f} }
func remove(slug string) edit { return edit{remove: slug} }
func (e edit) apply(t *testing.T, s *Store, current map[string]*graph.Facts) {
	t.Helper()
	if e.put != nil {
		replaceAll(t, s, e.put)
		current[e.put.Interview.Slug] = e.put
		return
	}
	if err := s.RemoveInterview(context.Background(), e.remove); err != nil {
		t.Fatal(err)
	}
	delete(current, e.remove)
}

// TestLoadPatchesSnapshot checks that a read-write store that has seen
// every write since the last SetAnalytics loads the graph by patching
// the snapshot, that the result equals merging every record, and that
// the index written from it passes Check, whether or not PrepareAnalytics
// wrote the index before SetAnalytics.
func TestLoadPatchesSnapshot(t *testing.T) {
	tests := []struct {
		name   string
		start  []*graph.Facts
		reopen bool // close and reopen the analysed store before editing
		edits  []edit
	}{
		{
			name:  "one interview edited",
			start: genMany(30, 0),
			edits: []edit{put(genFacts(7, 1))},
		},
		{
			name:   "one interview edited after a reopen",
			start:  genMany(30, 0),
			reopen: true,
			edits:  []edit{put(genFacts(7, 1))},
		},
		{
			name:  "interviews added and removed",
			start: genMany(30, 0),
			edits: []edit{put(genFacts(30, 0)), remove(genSlug(4)), remove(genSlug(12)), put(genFacts(31, 2))},
		},
		{
			name:  "one interview edited twice",
			start: genMany(30, 0),
			edits: []edit{put(genFacts(9, 1)), put(genFacts(9, 2))},
		},
		{
			name:  "removed and put back",
			start: genMany(20, 0),
			edits: []edit{remove(genSlug(3)), put(genFacts(3, 0))},
		},
		{
			name:  "many edits",
			start: genMany(40, 0),
			edits: []edit{put(genFacts(1, 1)), put(genFacts(2, 1)), put(genFacts(3, 1)), remove(genSlug(5)),
				put(genFacts(40, 3)), put(genFacts(8, 4)), remove(genSlug(30))},
		},
		{
			name: "a spelling gains the majority",
			start: []*graph.Facts{naming("a", "Kubernetes", nil, ""), naming("b", "Kubernetes", nil, "https://k8s.io"),
				naming("c", "K8s", []string{"Kubernetes"}, "")},
			edits: []edit{put(naming("b", "K8s", nil, "")), put(naming("d", "K8s", []string{"kube"}, "https://a.example"))},
		},
		{
			name:  "the last interview naming a node goes",
			start: []*graph.Facts{naming("a", "Kubernetes", nil, ""), naming("b", "K8s", nil, "")},
			edits: []edit{remove("a"), remove("b")},
		},
		{
			name:  "every interview goes",
			start: genMany(5, 0),
			edits: []edit{remove(genSlug(0)), remove(genSlug(1)), remove(genSlug(2)), remove(genSlug(3)), remove(genSlug(4))},
		},
	}
	for _, tt := range tests {
		for _, prepare := range []bool{false, true} {
			name := tt.name
			if prepare {
				name += ", prepared"
			}
			t.Run(name, func(t *testing.T) { testLoadPatchesSnapshot(t, tt.start, tt.edits, tt.reopen, prepare) })
		}
	}
}

// testLoadPatchesSnapshot builds start, analyses it, then applies edits
// and analyses in two rounds, checking every Load against graph.Merge.
func testLoadPatchesSnapshot(t *testing.T, start []*graph.Facts, edits []edit, reopen, prepare bool) {
	t.Helper()
	var log logBuffer
	path := filepath.Join(t.TempDir(), "db")
	open := func() *Store {
		t.Helper()
		logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
		s, err := Open(context.Background(), Options{Path: path, Logger: logger})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	s := open()
	current := map[string]*graph.Facts{}
	for _, f := range start {
		current[f.Interview.Slug] = f
	}
	replaceAll(t, s, start...)
	// A new store's journal holds every interview: no need
	// to read them back.
	assertSameGraph(t, s, start...)
	if !strings.Contains(log.String(), "loaded the graph from the snapshot and the journal") {
		t.Fatalf("a new store did not load its graph from the journal:\n%s", log.String())
	}
	analyseWith(t, s, 1, prepare)
	if reopen {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = open()
	}
	// Twice: the second round patches the snapshot the first wrote.
	for round := range 2 {
		for _, e := range edits {
			e.apply(t, s, current)
		}
		if round == 1 {
			// An interview that comes and goes: every round
			// writes something, even when its edits are no-ops.
			put(genFacts(99, round)).apply(t, s, current)
			remove(genSlug(99)).apply(t, s, current)
		}
		log.Reset()
		assertSameGraph(t, s, sortedFacts(current)...)
		if !strings.Contains(log.String(), "loaded the graph from the snapshot and the journal") {
			t.Fatalf("round %d: Load did not patch the snapshot:\n%s", round, log.String())
		}
		analyseWith(t, s, uint64(round+2), prepare)
		assertClean(t, s)
	}
}

// TestLoadMergesWithoutJournal checks that a store opened with m/stale set
// (a build cut short) does not patch the snapshot, whose journal it never
// saw, and that its graph and index are still right.
func TestLoadMergesWithoutJournal(t *testing.T) {
	var log logBuffer
	path := filepath.Join(t.TempDir(), "db")
	s := openAt(t, path)
	replaceAll(t, s, genMany(20, 0)...)
	analyse(t, s, 1)
	replaceAll(t, s, genFacts(3, 1))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := Open(context.Background(), Options{Path: path, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	replaceAll(t, s, genFacts(4, 1))
	want := genMany(20, 0)
	want[3], want[4] = genFacts(3, 1), genFacts(4, 1)
	assertSameGraph(t, s, want...)
	if out := log.String(); strings.Contains(out, "loaded the graph from the snapshot and the journal") || !strings.Contains(out, "merging every interview's records") {
		t.Fatalf("Load patched a snapshot it has no journal for:\n%s", out)
	}
	analyse(t, s, 2)
	assertClean(t, s)
}

// TestVotesRoundTrip checks the votes' encoding within an n/ value, and
// that merging votes gives what graph.MergeNodes gives of the parts.
func TestVotesRoundTrip(t *testing.T) {
	parts := []graph.Node{
		{ID: "topic/k", Kind: graph.Topic, Name: "K8s", Aliases: []string{"Kubernetes"}},
		{ID: "topic/k", Kind: graph.Topic, Name: "Kubernetes", URL: "https://k8s.io"},
		{ID: "topic/k", Kind: graph.Topic, Name: "Kubernetes"},
		{ID: "topic/k", Kind: graph.Topic, Name: "K8s", Aliases: []string{"Kubernetes"}},
		{ID: "topic/k", Kind: graph.Topic, Name: ""},
	}
	var votes []nodeVote
	for _, p := range parts {
		votes = addVote(votes, p)
	}
	if len(votes) != 4 {
		t.Fatalf("addVote gave %d variants, want 4: %+v", len(votes), votes)
	}
	value := appendVotes(appendNode(nil, graph.MergeNodes(parts), nil), votes)
	got, err := decodeVotes(value)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, votes, func(a, b nodeVote) bool { return compareVotes(a, b) == 0 && a.count == b.count }) {
		t.Errorf("decodeVotes = %+v, want %+v", got, votes)
	}
	if n, err := decodeNode(value, nil); err != nil || n.Name != "K8s" {
		t.Errorf("decodeNode of a value with votes = %+v, %v", n, err)
	}
	want, merged := graph.MergeNodes(parts), mergeVotes("topic/k", graph.Topic, votes)
	if graphJSON(t, &graph.Graph{Nodes: []graph.Node{merged}}) != graphJSON(t, &graph.Graph{Nodes: []graph.Node{want}}) {
		t.Errorf("mergeVotes = %+v, want %+v", merged, want)
	}
	if _, ok := removeVote(votes, graph.Node{Name: "Kube"}); ok {
		t.Error("removeVote took away a vote nobody gave")
	}
}

func sortedFacts(m map[string]*graph.Facts) []*graph.Facts {
	out := make([]*graph.Facts, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}
