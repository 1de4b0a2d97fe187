package badgerstore

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// TestPrepareAnalytics checks that preparing for SetAnalytics changes
// nothing SetAnalytics stores: the snapshot file is byte for byte the one
// an unprepared store writes, and the index passes Check; and that a
// preparation made stale by a later write is not used.
func TestPrepareAnalytics(t *testing.T) {
	tests := []struct {
		name       string
		load       bool // Load before preparing
		prepares   int  // how many times to call PrepareAnalytics
		writeAfter bool // write an interview (and Load) after preparing
		// usable says whether SetAnalytics should find a preparation
		// of the current records.
		usable bool
	}{
		{name: "load, then prepare", load: true, prepares: 1, usable: true},
		// The second call has no Load of its own: it keeps the first's.
		{name: "prepared twice", load: true, prepares: 2, usable: true},
		{name: "prepared without a load", prepares: 1},
		{name: "a write after the preparation", load: true, prepares: 1, writeAfter: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, prepared := openTemp(t), openTemp(t)
			for _, s := range []*Store{plain, prepared} {
				replaceAll(t, s, genMany(40, 0)...)
				analyse(t, s, 1)
				replaceAll(t, s, genFacts(7, 2), genFacts(40, 0))
			}

			if tt.load {
				mustLoad(t, prepared)
			}
			for range tt.prepares {
				before := prepared.db.MaxVersion()
				mustPrepare(t, prepared)
				if after := prepared.db.MaxVersion(); !tt.load && after != before {
					t.Fatalf("PrepareAnalytics without a Load committed (version %d → %d)", before, after)
				}
			}
			if tt.writeAfter {
				for _, s := range []*Store{plain, prepared} {
					replaceAll(t, s, genFacts(3, 1))
				}
				mustLoad(t, prepared)
			}
			p := prepared.prepared
			if usable := p != nil && p.readTs == prepared.db.MaxVersion(); usable != tt.usable {
				t.Fatalf("usable preparation: %v, want %v", usable, tt.usable)
			}

			a := fakeAnalytics(mustLoad(t, plain), 2)
			if err := plain.SetAnalytics(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if err := prepared.SetAnalytics(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			assertClean(t, prepared)
			if prepared.prepared != nil {
				t.Error("SetAnalytics kept the preparation")
			}
			got, want := readFile(t, snapshotPath(t, prepared)), readFile(t, snapshotPath(t, plain))
			if !bytes.Equal(got, want) {
				t.Errorf("snapshots differ: %d bytes prepared, %d plain", len(got), len(want))
			}
			if g, w := graphJSON(t, mustLoad(t, prepared)), graphJSON(t, mustLoad(t, plain)); g != w {
				t.Fatalf("graphs differ:\n%s", diffLines(g, w))
			}
		})
	}
}

func mustPrepare(t *testing.T, s *Store) {
	t.Helper()
	if err := s.PrepareAnalytics(context.Background()); err != nil {
		t.Fatalf("PrepareAnalytics: %v", err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
