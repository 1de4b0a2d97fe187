package badgerstore

import (
	"context"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestCheckFindsDamage(t *testing.T) {
	tests := []struct {
		name     string
		analysed bool // SetAnalytics before the damage
		damage   func(txn *badger.Txn) error
		key      string // a part of the reported key
		what     string // a part of the reported problem
	}{
		{"orphan node", true, func(txn *badger.Txn) error {
			return txn.Set(nodeKey("topic/ghosts"), appendNode(nil, graph.Node{ID: "topic/ghosts", Kind: graph.Topic, Name: "Ghosts"}, nil))
		}, `n/topic/ghosts`, "orphan"},
		{"missing node", true, func(txn *badger.Txn) error {
			return txn.Delete(nodeKey("service/amazon-s3"))
		}, `n/service/amazon-s3`, "missing"},
		{"node without its votes", true, func(txn *badger.Txn) error {
			return txn.Set(nodeKey("topic/kubernetes"), appendNode(nil, graph.Node{ID: "topic/kubernetes", Kind: graph.Topic, Name: "Kubernetes"}, nil))
		}, `n/topic/kubernetes`, "value differs"},
		{"key of the retired index", false, func(txn *badger.Txn) error {
			return txn.Set([]byte("e/person/ada-byron\x00covers\x00000000"), nil)
		}, `e/person/ada-byron`, "older index layout"},
		{"source without a line", false, func(txn *badger.Txn) error {
			f := canonical(fixtures(t)[0])
			f.Edges[0].Sources[0].Line = 0
			return txn.Set(factsKey("ada"), encodeFacts(f))
		}, `f/ada`, "line ≥ 1"},
		{"index is not checked while stale", false, func(txn *badger.Txn) error {
			return txn.Set(nodeKey("topic/ghosts"), appendNode(nil, graph.Node{ID: "topic/ghosts", Kind: graph.Topic, Name: "Ghosts"}, nil))
		}, ``, ""},
		{"record under the wrong slug", false, func(txn *badger.Txn) error {
			item, err := txn.Get(interviewKey("ada"))
			if err != nil {
				return err
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			return txn.Set(interviewKey("ada2"), v)
		}, `i/ada2`, `record names interview "ada"`},
		{"malformed key", false, func(txn *badger.Txn) error {
			return txn.Set([]byte("n/two\x00parts"), nil)
		}, `n/two`, "malformed"},
		{"foreign key", false, func(txn *badger.Txn) error {
			return txn.Set([]byte("zzz"), nil)
		}, `zzz`, "outside the peoplegraph layout"},
		{"centrality of a missing node while current", false, func(txn *badger.Txn) error {
			if err := txn.Delete(keyStale); err != nil {
				return err
			}
			return txn.Set(centralityKey("topic/ghosts"), encodeCentrality(graph.Centrality{Degree: 1}))
		}, `c/topic/ghosts`, "does not exist"},
		{"facts without an interview record", false, func(txn *badger.Txn) error {
			return txn.Delete(interviewKey("ada"))
		}, `f/ada`, "without an interview record"},
		{"interview record without facts", false, func(txn *badger.Txn) error {
			return txn.Delete(factsKey("ada"))
		}, `i/ada`, "without a facts record"},
		{"snapshot header naming a missing file", true, func(txn *badger.Txn) error {
			return txn.Set(keySnapshot, encodeSnapshotHeader(snapshotHeader{format: snapshotFormat, file: snapshotFileName(1)}))
		}, `m/snapshot`, "unreadable graph snapshot"},
		{"no snapshot while current", true, func(txn *badger.Txn) error {
			return txn.Delete(keySnapshot)
		}, `m/snapshot`, "no graph snapshot"},
		{"snapshot of another graph", true, func(txn *badger.Txn) error {
			return txn.Delete(centralityKey("topic/kubernetes"))
		}, `m/snapshot`, "snapshot differs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			replaceAll(t, s, fixtures(t)...)
			if tt.analysed {
				analyse(t, s, 1)
			}
			assertClean(t, s)
			if err := s.db.Update(tt.damage); err != nil {
				t.Fatal(err)
			}
			problems, err := s.Check(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tt.key == "" {
				if len(problems) > 0 {
					t.Errorf("Check = %v, want no problem", problems)
				}
				return
			}
			if hasProblem(problems, tt.key, tt.what) {
				return
			}
			t.Errorf("Check = %v, want a problem at %s saying %q", problems, tt.key, tt.what)
		})
	}
}

// hasProblem reports whether a problem's key contains key and its text
// contains what.
func hasProblem(problems []Problem, key, what string) bool {
	for _, p := range problems {
		if strings.Contains(p.Key, key) && strings.Contains(p.What, what) {
			return true
		}
	}
	return false
}
