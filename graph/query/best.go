package query

import (
	"container/heap"
	"slices"
)

// firstN returns the first limit of xs in the order compare gives,
// sorted, or all of them sorted when limit <= 0. Under a limit it keeps
// only the best seen so far, in a heap with the worst on top, so a short
// answer from many candidates costs little more than a scan. It reorders
// xs and returns part of it.
func firstN[T any](xs []T, limit int, compare func(a, b T) int) []T {
	if limit > 0 && limit < len(xs) {
		h := &worstFirst[T]{xs: xs[:limit], compare: compare}
		heap.Init(h)
		for _, x := range xs[limit:] {
			if compare(x, h.xs[0]) < 0 {
				h.xs[0] = x
				heap.Fix(h, 0)
			}
		}
		xs = h.xs
	}
	slices.SortFunc(xs, compare)
	return xs
}

// worstFirst is a heap with the last element in compare's order on top.
type worstFirst[T any] struct {
	xs      []T
	compare func(a, b T) int
}

func (h *worstFirst[T]) Len() int           { return len(h.xs) }
func (h *worstFirst[T]) Less(i, j int) bool { return h.compare(h.xs[i], h.xs[j]) > 0 }
func (h *worstFirst[T]) Swap(i, j int)      { h.xs[i], h.xs[j] = h.xs[j], h.xs[i] }
func (h *worstFirst[T]) Push(x any)         { h.xs = append(h.xs, x.(T)) }
func (h *worstFirst[T]) Pop() any {
	x := h.xs[len(h.xs)-1]
	h.xs = h.xs[:len(h.xs)-1]
	return x
}
