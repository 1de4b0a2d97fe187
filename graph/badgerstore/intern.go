package badgerstore

import "unsafe"

// stringAddr identifies a string by its memory: strings are immutable, so
// two strings with the same address and length are equal. It is the key
// of a map lookup that costs the same for any length, where a map keyed
// by the string hashes every byte of it.
type stringAddr struct {
	data *byte
	len  int
}

func addrOf(s string) stringAddr { return stringAddr{unsafe.StringData(s), len(s)} }

// interner numbers distinct strings from 0 in order of first use. The
// strings it meets are mostly copies of a few (every source of an
// interview names its slug, and each record holds one copy of it), so it
// looks a string up by its address first and hashes its bytes only for
// an address it has not met.
type interner struct {
	byAddr map[stringAddr]uint32
	byText map[string]uint32
	list   []string
}

// newInterner returns an interner sized for about n distinct strings.
func newInterner(n int) *interner {
	return &interner{
		byAddr: make(map[stringAddr]uint32, n),
		byText: make(map[string]uint32, n),
		list:   make([]string, 0, n),
	}
}

// number returns the number of s, adding s if it is new.
func (t *interner) number(s string) uint32 {
	a := addrOf(s)
	i, ok := t.byAddr[a]
	if !ok {
		if i, ok = t.byText[s]; !ok {
			i = uint32(len(t.list))
			t.byText[s] = i
			t.list = append(t.list, s)
		}
		t.byAddr[a] = i
	}
	return i
}

// lastNumber remembers the string a caller numbered last, so that runs
// of one string (an edge's sources from one interview, for one reason)
// skip the maps.
type lastNumber struct {
	addr stringAddr
	num  uint32
	set  bool
}

// number returns the number t gives s.
func (l *lastNumber) number(t *interner, s string) uint32 {
	if a := addrOf(s); !l.set || a != l.addr {
		l.addr, l.num, l.set = a, t.number(s), true
	}
	return l.num
}

// numberInGroups numbers the distinct strings of list from 0 in order of
// first use, as an interner would, returning each string's number and the
// distinct strings in number order. Every string belongs to one of
// groups groups (its interview), group[i] being that of list[i], and
// strings mostly recur within their group: numbering them group by group
// uses a map small enough to stay in cache, and the map of all strings is
// asked once per distinct string of a group rather than once per string.
func numberInGroups(list []string, group []uint32, groups int) (nums []uint32, distinct []string) {
	// The positions of list by group, in order within each: a counting
	// sort.
	start := make([]int32, groups+1)
	for _, g := range group {
		start[g+1]++
	}
	for g := range groups {
		start[g+1] += start[g]
	}
	byGroup := make([]int32, len(list))
	fill := start[:groups:groups]
	fill = append([]int32(nil), fill...)
	for i, g := range group {
		byGroup[fill[g]] = int32(i)
		fill[g]++
	}

	// entry[i] is the number of list[i] within its group, counted across
	// all groups, and first[e] the position of entry e's first string.
	entry := make([]uint32, len(list))
	var first []int32
	local := map[string]uint32{}
	for g := range groups {
		clear(local)
		for _, i := range byGroup[start[g]:start[g+1]] {
			e, ok := local[list[i]]
			if !ok {
				e = uint32(len(first))
				local[list[i]] = e
				first = append(first, i)
			}
			entry[i] = e
		}
	}

	// Entries in order of their first strings are the distinct strings'
	// first uses, a string of several groups taking the number its
	// earliest entry gets.
	entryNum := make([]uint32, len(first))
	global := make(map[string]uint32, len(first))
	nums = make([]uint32, len(list))
	for i, e := range entry {
		if first[e] == int32(i) {
			n, ok := global[list[i]]
			if !ok {
				n = uint32(len(distinct))
				global[list[i]] = n
				distinct = append(distinct, list[i])
			}
			entryNum[e] = n
		}
		nums[i] = entryNum[e]
	}
	return nums, distinct
}
