package extract

import (
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// TestIntroductionNamesProductsNotTopics: the interviewer's introduction
// is about the guest, so the products and companies it names are theirs;
// its topics are framing and are left out.
func TestIntroductionNamesProductsNotTopics(t *testing.T) {
	post := "---\ntitle: \"Data with Ann Lee\"\n---\n\nAnn Lee builds event-driven pipelines on Kafka and Flink.\n\n## What do you use?\n\nMostly Postgres.\n"
	facts, err := newTestExtractor(t).Extract(File{Path: "ann-lee.md", Slug: "ann-lee"}, []byte(post))
	if err != nil {
		t.Fatal(err)
	}
	mentions := map[string]int{}
	for _, e := range facts.Edges {
		if e.From == facts.Interview.Guest && e.Rel == graph.Mentions {
			mentions[e.To] = e.Sources[0].Line
		}
	}
	tests := []struct {
		id   string
		line int // 0: must not be mentioned
	}{
		{"service/kafka", 5},
		{"service/flink", 5},
		{"service/postgresql", 9},
		{"topic/event-driven-architecture", 0},
	}
	for _, tc := range tests {
		if got := mentions[tc.id]; got != tc.line {
			t.Errorf("mention of %s on line %d, want %d (mentions: %v)", tc.id, got, tc.line, mentions)
		}
	}
}
