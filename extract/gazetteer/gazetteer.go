package gazetteer

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"

	"github.com/peoplegraph/peoplegraph/graph"
)

//go:embed data/*.yaml
var defaultData embed.FS

// Gazetteer resolves names to entries and finds them in text. It is
// immutable after construction and safe for concurrent use; callers must
// not modify the entries it returns.
type Gazetteer struct {
	entries []Entry        // sorted by name
	byName  map[string]int // graph.Fold(canonical name) -> entry
	byKey   map[string]int // key(name or alias) -> entry
	// byFold resolves names written with other punctuation ("CI CD");
	// -1 marks a folded form shared by several entries ("C++", "C#").
	byFold map[string]int
	// foldsKeys records that every name whose key is ASCII has the
	// fold of its key: see Lookup.
	foldsKeys bool

	automaton *ahocorasick.Automaton // nil when there are no names
	patterns  []pattern              // by automaton pattern ID
	longest   int                    // bytes of the longest pattern
	// pairs holds, a bit each, every two adjacent bytes of a pattern,
	// and short the patterns of up to maxShort bytes: see MayOverlap.
	pairs [1 << 16 / 64]uint64
	short map[string]bool
}

// maxShort bounds the length of the short patterns MayOverlap looks for
// inside a run of bytes.
const maxShort = 3

// pattern is one normalized name in the automaton.
type pattern struct {
	entry int
	// exact lists the case-sensitive forms when the entry is exact.
	exact []string
	// wordStart and wordEnd record whether the name begins or ends with a
	// word character, where the text must have a word boundary.
	wordStart, wordEnd bool
}

// Default returns the gazetteer built from the embedded data files. It
// parses and compiles the data on every call; keep the result.
func Default() (*Gazetteer, error) {
	files, err := fs.Glob(defaultData, "data/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list embedded data: %w", err)
	}
	var all []Entry
	for _, name := range files {
		data, err := defaultData.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read embedded %s: %w", name, err)
		}
		entries, err := Parse(path.Base(name), data)
		if err != nil {
			return nil, fmt.Errorf("embedded data: %w", err)
		}
		all = append(all, entries...)
	}
	return New(all)
}

// New builds a gazetteer. Each slice is one layer: an entry of a later
// slice replaces the earlier entry with the same canonical name, and takes
// over any alias of an earlier entry. Within one slice every name must
// belong to one entry. Every provider must name an organization entry and
// every part_of an existing entry.
func New(layers ...[]Entry) (*Gazetteer, error) {
	b := builder{byName: make(map[string]int), owner: make(map[string]claim)}
	var errs []error
	for layer, entries := range layers {
		for _, e := range entries {
			if err := b.add(layer, e); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) == 0 {
		errs = b.claimNames()
	}
	if len(errs) == 0 {
		errs = b.checkRefs()
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return b.build()
}

// builder gathers layers of entries.
type builder struct {
	entries []Entry
	layer   []int          // layer of each entry
	byName  map[string]int // graph.Fold(name) -> index in entries
	owner   map[string]claim
}

// claim records which entry owns a key.
type claim struct {
	entry int
	name  string // as written
	alias bool
}

// entryError reports a problem with e, led by its file and line when known.
func entryError(e *Entry, format string, args ...any) error {
	msg := fmt.Sprintf("entry %q: %s", e.Name, fmt.Sprintf(format, args...))
	if p := e.pos.String(); p != "" {
		msg = p + ": " + msg
	}
	return errors.New(msg)
}

// describe names e and where it was read, for messages about another entry.
func describe(e *Entry) string {
	if p := e.pos.String(); p != "" {
		return fmt.Sprintf("%q (%s)", e.Name, p)
	}
	return fmt.Sprintf("%q", e.Name)
}

func (b *builder) add(layer int, e Entry) error {
	e.Name = collapse(e.Name)
	if graph.Fold(e.Name) == "" {
		return entryError(&e, "name has no letters or digits")
	}
	if !validKind(e.Kind) {
		return entryError(&e, "unknown kind %q (want %s)", e.Kind, kindChoices)
	}
	aliases := make([]string, 0, len(e.Aliases))
	seen := map[string]bool{key(e.Name): true}
	forms := map[string]bool{e.Name: true}
	e.caseForms = nil
	for _, a := range e.Aliases {
		a = collapse(a)
		if graph.Fold(a) == "" {
			return entryError(&e, "alias %q has no letters or digits", a)
		}
		switch k := key(a); {
		case !seen[k]:
			seen[k] = true
			aliases = append(aliases, a)
		case e.Exact && !forms[a]:
			// An exact entry matches only the forms it lists.
			e.caseForms = append(e.caseForms, a)
		}
		forms[a] = true
	}
	e.Aliases = aliases
	fold := graph.Fold(e.Name)
	if i, ok := b.byName[fold]; ok {
		if b.layer[i] == layer {
			return entryError(&e, "has the same node ID %s as entry %s; merge them or rename one", e.ID(), describe(&b.entries[i]))
		}
		b.entries[i], b.layer[i] = e, layer
		return nil
	}
	b.byName[fold] = len(b.entries)
	b.entries = append(b.entries, e)
	b.layer = append(b.layer, layer)
	return nil
}

// claimNames gives every key to one entry, in layer order so that later
// layers take aliases over, and drops aliases an entry lost.
func (b *builder) claimNames() []error {
	order := make([]int, len(b.entries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return b.layer[x] - b.layer[y] })
	var errs []error
	for _, i := range order {
		e := &b.entries[i]
		for n, name := range e.matchNames() {
			k := key(name)
			prev, taken := b.owner[k]
			if taken && prev.entry != i {
				other := &b.entries[prev.entry]
				switch {
				case b.layer[prev.entry] == b.layer[i]:
					errs = append(errs, entryError(e, "name %q is also a name of entry %s; keep it on one", name, describe(other)))
					continue
				case !prev.alias:
					errs = append(errs, entryError(e, "alias %q is the name of entry %s; override that entry instead", name, describe(other)))
					continue
				}
			}
			b.owner[k] = claim{entry: i, name: name, alias: n > 0}
		}
	}
	for i := range b.entries {
		e := &b.entries[i]
		e.Aliases = slices.DeleteFunc(e.Aliases, func(a string) bool { return b.owner[key(a)].entry != i })
		e.caseForms = slices.DeleteFunc(e.caseForms, func(a string) bool { return b.owner[key(a)].entry != i })
	}
	return errs
}

// checkRefs checks providers and part_of links, and that part_of has no
// cycles.
func (b *builder) checkRefs() []error {
	var errs []error
	for i := range b.entries {
		e := &b.entries[i]
		if e.Provider != "" {
			j, ok := b.byName[graph.Fold(e.Provider)]
			switch {
			case !ok:
				errs = append(errs, entryError(e, "provider %q is not the name of an entry; add it as an organization", e.Provider))
			case b.entries[j].Kind != graph.Organization:
				errs = append(errs, entryError(e, "provider %q is a %s, not an organization", e.Provider, b.entries[j].Kind))
			default:
				e.Provider = b.entries[j].Name
			}
		}
		if e.PartOf != "" {
			j, ok := b.byName[graph.Fold(e.PartOf)]
			if !ok {
				errs = append(errs, entryError(e, "part_of %q is not the name of an entry", e.PartOf))
				continue
			}
			e.PartOf = b.entries[j].Name
		}
	}
	if len(errs) > 0 {
		return errs
	}
	for i := range b.entries {
		seen := map[int]bool{i: true}
		for j := i; b.entries[j].PartOf != ""; {
			j = b.byName[graph.Fold(b.entries[j].PartOf)]
			if seen[j] {
				errs = append(errs, entryError(&b.entries[i], "part_of links form a cycle"))
				break
			}
			seen[j] = true
		}
	}
	return errs
}

func (b *builder) build() (*Gazetteer, error) {
	slices.SortFunc(b.entries, func(x, y Entry) int {
		if c := strings.Compare(graph.Fold(x.Name), graph.Fold(y.Name)); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	g := &Gazetteer{
		entries: b.entries,
		byName:  make(map[string]int, len(b.entries)),
		byKey:   make(map[string]int, len(b.owner)),
		byFold:  make(map[string]int, len(b.owner)),
		short:   make(map[string]bool),
	}
	for i := range g.entries {
		g.entries[i].id = graph.NodeID(g.entries[i].Kind, g.entries[i].Name)
		g.entries[i].index = i + 1
	}
	var keys []string
	patternOf := make(map[string]int)
	g.foldsKeys = true
	for i := range g.entries {
		e := &g.entries[i]
		g.byName[graph.Fold(e.Name)] = i
		for _, name := range e.matchNames() {
			k := key(name)
			if isASCII(k) && graph.Fold(k) != graph.Fold(name) {
				g.foldsKeys = false
			}
			g.byKey[k] = i
			if j, ok := g.byFold[graph.Fold(name)]; ok && j != i {
				g.byFold[graph.Fold(name)] = -1
			} else {
				g.byFold[graph.Fold(name)] = i
			}
			p, ok := patternOf[k]
			if !ok {
				first, _ := utf8.DecodeRuneInString(k)
				last, _ := utf8.DecodeLastRuneInString(k)
				p = len(g.patterns)
				patternOf[k] = p
				keys = append(keys, k)
				g.longest = max(g.longest, len(k))
				g.addPairs(k)
				g.patterns = append(g.patterns, pattern{entry: i, wordStart: isWord(first), wordEnd: isWord(last)})
			}
			if e.Exact {
				g.patterns[p].exact = append(g.patterns[p].exact, name)
			}
		}
	}
	for i := range g.entries {
		if j, ok := g.byName[graph.Fold(g.entries[i].Provider)]; ok && g.entries[i].Provider != "" {
			g.entries[i].provider = j + 1
		}
	}
	if len(keys) == 0 {
		return g, nil
	}
	a, err := ahocorasick.NewBuilder().
		SetMatchKind(ahocorasick.LeftmostLongest).
		AddStrings(keys).
		Build()
	if err != nil {
		return nil, fmt.Errorf("compile %d names: %w", len(keys), err)
	}
	g.automaton = a
	return g, nil
}

// Lookup finds the entry one whole name refers to, compared as Find
// compares names and then, failing that, after graph.Fold ("CI CD" finds
// CI/CD). Names of exact entries must keep their capitalisation.
func (g *Gazetteer) Lookup(name string) (*Entry, bool) {
	// Keys are built in buf and looked up without allocating a string.
	var buf [64]byte
	if g.foldsKeys && isASCII(name) {
		// An ASCII name has the fold of its key, and so does every name
		// with that key: the name's fold finds the entry its key would,
		// unless several entries share it, and none finds none. Folds
		// and letters and digits ignore white space: the name need not
		// be collapsed.
		i, ok := g.byFold[string(graph.AppendFold(buf[:0], name))]
		if !ok {
			return nil, false
		}
		if i >= 0 {
			// Whatever entry the key finds is this one, which the
			// fold accepts whenever the key does.
			return g.foldEntry(i, name)
		}
	}
	name = collapse(name)
	if i, ok := g.byKey[string(appendKey(buf[:0], name))]; ok {
		e := &g.entries[i]
		if !e.Exact || e.Name == name || slices.Contains(e.Aliases, name) {
			return e, true
		}
	}
	i, ok := g.byFold[string(graph.AppendFold(buf[:0], name))]
	if !ok || i < 0 {
		return nil, false
	}
	return g.foldEntry(i, name)
}

// foldEntry returns entry i, found by the fold of name, unless it is
// exact and name differs from its names in more than punctuation.
func (g *Gazetteer) foldEntry(i int, name string) (*Entry, bool) {
	e := &g.entries[i]
	if e.Exact && !sameAlnum(e.Name, name) && !slices.ContainsFunc(e.Aliases, func(n string) bool { return sameAlnum(n, name) }) {
		return nil, false
	}
	return e, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Get finds an entry by its canonical name, compared after graph.Fold.
func (g *Gazetteer) Get(canonical string) (*Entry, bool) {
	i, ok := g.byName[graph.Fold(canonical)]
	if !ok {
		return nil, false
	}
	return &g.entries[i], true
}

// Provider returns the entry of e's provider. e must be an entry g
// returned.
func (g *Gazetteer) Provider(e *Entry) (*Entry, bool) {
	if e.provider > 0 {
		return &g.entries[e.provider-1], true
	}
	if e.Provider == "" {
		return nil, false
	}
	return g.Get(e.Provider)
}

// Entries returns a copy of every entry, sorted by name.
func (g *Gazetteer) Entries() []Entry {
	out := make([]Entry, len(g.entries))
	for i, e := range g.entries {
		// Every form goes back among the aliases, so that New finds
		// the case forms of an exact entry again.
		e.Aliases = append(slices.Clone(e.Aliases), e.caseForms...)
		e.caseForms = nil
		e.id, e.provider, e.index = "", 0, 0 // the caller may change the copy
		out[i] = e
	}
	return out
}

// Index returns the index of e among g's entries, from 0 to Len()-1, for
// callers that keep something by entry in a slice; ok is false when e is
// not an entry g returned.
func (g *Gazetteer) Index(e *Entry) (i int, ok bool) {
	i = e.index - 1
	if i < 0 || i >= len(g.entries) || &g.entries[i] != e {
		return 0, false
	}
	return i, true
}

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }
