package hugepage

import "testing"

func TestSliceKeepsContents(t *testing.T) {
	type edge struct {
		from, to string
		weight   float64
	}
	tests := []struct {
		name string
		n    int
	}{
		{"empty", 0},
		{"small", 10},
		{"large", 3 * MinBytes / 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := make([]edge, tc.n)
			for i := range s {
				s[i] = edge{"a", "b", float64(i)}
			}
			Slice(s)
			Slice(s[:0])
			for i := range s {
				if s[i] != (edge{"a", "b", float64(i)}) {
					t.Fatalf("element %d changed to %+v", i, s[i])
				}
			}
		})
	}
}
