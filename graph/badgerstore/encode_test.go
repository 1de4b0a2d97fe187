package badgerstore

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// firstUseNumbers numbers the distinct strings of list from 0 in order of
// first use, the plain way: what interner and numberInGroups must agree
// with.
func firstUseNumbers(list []string) (nums []uint32, distinct []string) {
	seen := map[string]uint32{}
	for _, s := range list {
		n, ok := seen[s]
		if !ok {
			n = uint32(len(distinct))
			seen[s] = n
			distinct = append(distinct, s)
		}
		nums = append(nums, n)
	}
	return nums, distinct
}

// checkNumbers checks numberInGroups and an interner against
// firstUseNumbers on list, strings being in group len(s) % groups.
func checkNumbers(t *testing.T, list []string, groups int) {
	t.Helper()
	group := make([]uint32, len(list))
	for i, s := range list {
		group[i] = uint32(len(s) % groups)
	}
	wantNums, wantDistinct := firstUseNumbers(list)
	nums, distinct := numberInGroups(list, group, groups)
	if !slices.Equal(nums, wantNums) || !slices.Equal(distinct, wantDistinct) {
		t.Errorf("numberInGroups(%q) = %v, %q; want %v, %q", list, nums, distinct, wantNums, wantDistinct)
	}
	in := newInterner(0)
	for i, s := range list {
		if n := in.number(s); n != wantNums[i] {
			t.Errorf("interner numbers %q (position %d) %d, want %d", s, i, n, wantNums[i])
		}
	}
	if !slices.Equal(in.list, wantDistinct) {
		t.Errorf("interner list %q, want %q", in.list, wantDistinct)
	}
}

func TestNumberInGroups(t *testing.T) {
	tests := []struct {
		name   string
		list   []string
		groups int
	}{
		{"empty", nil, 1},
		{"one group", []string{"b", "a", "b", "c", "a"}, 1},
		{"groups apart", []string{"x", "yy", "x", "yy", "zzz"}, 3},
		// "ab" and "cd" are in group 0 of 2, "abc" in group 1: the first
		// use of a string decides, whatever group comes first.
		{"interleaved groups", []string{"abc", "ab", "cd", "abc", "ab", "e"}, 2},
		{"empty strings", []string{"", "a", "", "a"}, 2},
		{"unused groups", []string{"a", "b", "a"}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkNumbers(t, tt.list, tt.groups) })
	}
}

// TestNumberInGroupsCopies gives equal strings in distinct memory: the
// interner's lookup by address must not take them for different strings.
func TestNumberInGroupsCopies(t *testing.T) {
	var list []string
	for i := range 300 {
		s := fmt.Sprintf("evidence line %d", i%70)
		if i%3 == 0 {
			s = strings.Clone(s)
		}
		list = append(list, s, s[:len(s)-1])
	}
	checkNumbers(t, list, 7)
}

func FuzzNumberInGroups(f *testing.F) {
	f.Add("a,b,a,c,,b", uint8(2))
	f.Add("", uint8(1))
	f.Fuzz(func(t *testing.T, joined string, groups uint8) {
		checkNumbers(t, strings.Split(joined, ","), int(groups%8)+1)
	})
}

// TestStringTableRefs checks that the table's lookup by address gives the
// numbers a map by content gives, for copies and for more strings than
// it remembers addresses.
func TestStringTableRefs(t *testing.T) {
	var list []string
	for i := range 1000 {
		s := fmt.Sprintf("topic/t%d", i%300)
		if i%2 == 0 {
			s = strings.Clone(s)
		}
		list = append(list, s, "")
	}
	var table stringTable
	want := map[string]uint64{"": 0}
	for _, s := range list {
		if _, ok := want[s]; !ok {
			want[s] = uint64(len(want))
		}
		if got := table.ref(s); got != want[s] {
			t.Fatalf("ref(%q) = %d, want %d", s, got, want[s])
		}
	}
	if len(table.list) != len(want)-1 {
		t.Errorf("table holds %d strings, want %d", len(table.list), len(want)-1)
	}
}

func TestCleanAliases(t *testing.T) {
	tests := []struct {
		name    string
		node    string
		aliases []string
		clean   bool
	}{
		{"none", "AWS", nil, true},
		{"sorted", "AWS", []string{"Amazon", "Amazon Web Services"}, true},
		{"unsorted", "AWS", []string{"Amazon Web Services", "Amazon"}, false},
		{"repeated", "AWS", []string{"Amazon", "Amazon"}, false},
		{"empty", "AWS", []string{""}, false},
		{"own name", "AWS", []string{"AWS", "Amazon"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanAliases(tt.node, tt.aliases); got != tt.clean {
				t.Errorf("cleanAliases(%q, %q) = %v, want %v", tt.node, tt.aliases, got, tt.clean)
			}
			if unchanged := slices.Equal(graph.CleanAliases(tt.node, tt.aliases), tt.aliases); unchanged != tt.clean {
				t.Errorf("graph.CleanAliases leaves %q unchanged: %v, want %v", tt.aliases, unchanged, tt.clean)
			}
		})
	}
}

func FuzzCleanAliases(f *testing.F) {
	f.Add("AWS", "Amazon,Amazon Web Services")
	f.Add("a", "b,a,,b")
	f.Fuzz(func(t *testing.T, name, joined string) {
		aliases := strings.Split(joined, ",")
		if cleanAliases(name, aliases) && !slices.Equal(graph.CleanAliases(name, aliases), aliases) {
			t.Errorf("cleanAliases(%q, %q) is true, but graph.CleanAliases changes them", name, aliases)
		}
	})
}
