package query

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFirstN(t *testing.T) {
	// Pairs ordered by value descending, then key: ties in value are
	// common, as they are among PageRank scores of rare people.
	type pair struct{ value, key int }
	compare := func(a, b pair) int {
		if c := cmp.Compare(b.value, a.value); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	}
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n, values int) []pair {
		ps := make([]pair, n)
		for i := range ps {
			ps[i] = pair{value: r.IntN(values), key: i}
		}
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		return ps
	}
	ascending := make([]pair, 300)
	for i := range ascending {
		ascending[i] = pair{value: i, key: i}
	}
	descending := slices.Clone(ascending)
	slices.Reverse(descending)
	for _, tc := range []struct {
		name  string
		xs    []pair
		limit int
	}{
		{"empty", nil, 10},
		{"no limit", random(50, 10), 0},
		{"negative limit", random(50, 10), -1},
		{"limit above length", random(5, 3), 10},
		{"limit at length", random(8, 3), 8},
		{"one less than length", random(8, 3), 7},
		{"first only", random(200, 5), 1},
		{"ten of many with ties", random(2000, 40), 10},
		{"every value tied", random(100, 1), 7},
		{"best last", ascending, 10},
		{"best first", descending, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := slices.Clone(tc.xs)
			slices.SortFunc(want, compare)
			if tc.limit > 0 && len(want) > tc.limit {
				want = want[:tc.limit]
			}
			got := firstN(slices.Clone(tc.xs), tc.limit, compare)
			if !slices.Equal(got, want) {
				t.Errorf("firstN(%d of %d) = %v, want %v", tc.limit, len(tc.xs), got, want)
			}
		})
	}
}
