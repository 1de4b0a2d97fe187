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
// strings it meets are mostly copies of a few (an interview's evidence
// line is the source of several edges, and its records hold one copy of
// each string), so it looks a string up by its address first and hashes
// its bytes only for an address it has not met.
type interner struct {
	byAddr map[stringAddr]uint32
	byText map[string]uint32
	list   []string
	// last is the address looked up last and its number: runs of
	// the same string (an edge's sources from one interview, with one
	// reason) skip the map.
	last    stringAddr
	lastNum uint32
}

// newInterner returns an interner sized for about n distinct strings.
func newInterner(n int) *interner {
	return &interner{
		byAddr: make(map[stringAddr]uint32, n),
		byText: make(map[string]uint32, n),
		list:   make([]string, 0, n),
		// No string lies at address nil with length -1.
		last: stringAddr{len: -1},
	}
}

// number returns the number of s, adding s if it is new.
func (t *interner) number(s string) uint32 {
	a := addrOf(s)
	if a == t.last {
		return t.lastNum
	}
	i, ok := t.byAddr[a]
	if !ok {
		if i, ok = t.byText[s]; !ok {
			i = uint32(len(t.list))
			t.byText[s] = i
			t.list = append(t.list, s)
		}
		t.byAddr[a] = i
	}
	t.last, t.lastNum = a, i
	return i
}
