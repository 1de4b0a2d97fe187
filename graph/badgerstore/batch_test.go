package badgerstore

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// TestSetAnalyticsFillsTransactionsToTheBrim replaces the centrality of
// more nodes than one Badger transaction holds, twice, so that deletes and
// writes both cross transaction limits exactly where Badger draws them (a
// 100,000-interview build once failed there with ErrTxnTooBig).
func TestSetAnalyticsFillsTransactionsToTheBrim(t *testing.T) {
	s, err := Open(context.Background(), Options{Path: filepath.Join(t.TempDir(), "db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := int(s.db.MaxBatchCount()) * 3
	for round, prefix := range []string{"person/first-round-", "person/second-round-"} {
		a := &graph.Analytics{Centrality: map[string]graph.Centrality{}}
		for i := 0; i < n; i++ {
			a.Centrality[fmt.Sprintf("%s%07d", prefix, i)] = graph.Centrality{PageRank: float64(i)}
		}
		if err := s.SetAnalytics(context.Background(), a); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}
