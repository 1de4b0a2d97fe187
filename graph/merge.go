package graph

import (
	"cmp"
	"slices"
)

// Merge combines the facts of several interviews into one Graph, the same
// way a Store does: nodes with the same ID are merged by MergeNodes and
// edges with the same key pool their sources. Edges whose endpoints are
// not among the nodes are dropped, as New drops them. The facts are not
// modified.
//
// Ten thousand interviews give a third of a million edge contributions,
// so Merge numbers the node IDs in sorted order once and then groups
// edges by sorting integer keys, rather than hashing or comparing three
// strings per edge.
func Merge(facts ...*Facts) *Graph {
	var partCount, edgeCount, sourceCount int
	for _, f := range facts {
		partCount += len(f.Nodes)
		edgeCount += len(f.Edges)
		for _, e := range f.Edges {
			sourceCount += len(e.Sources)
		}
	}
	infos := make([]InterviewInfo, 0, len(facts))
	for _, f := range facts {
		infos = append(infos, f.Interview)
	}

	// Number the distinct IDs, then renumber them in sorted order so that
	// integer order is ID order.
	number := make(map[string]int32, partCount/4)
	var ids []string
	for _, f := range facts {
		for _, n := range f.Nodes {
			if _, ok := number[n.ID]; !ok {
				number[n.ID] = int32(len(ids))
				ids = append(ids, n.ID)
			}
		}
	}
	slices.Sort(ids)
	for i, id := range ids {
		number[id] = int32(i)
	}

	// Group each node's contributions (a counting sort by number).
	start := make([]int32, len(ids)+1)
	for _, f := range facts {
		for _, n := range f.Nodes {
			start[number[n.ID]+1]++
		}
	}
	for i := range ids {
		start[i+1] += start[i]
	}
	parts := make([]Node, partCount)
	next := slices.Clone(start[:len(ids)])
	for _, f := range facts {
		for _, n := range f.Nodes {
			k := number[n.ID]
			parts[next[k]] = n
			next[k]++
		}
	}
	nodes := make([]Node, len(ids))
	for i := range ids {
		nodes[i] = MergeNodes(parts[start[i]:start[i+1]])
	}

	// Relations in name order, then one sortable key per edge.
	relRank := map[Rel]uint64{}
	for _, f := range facts {
		for _, e := range f.Edges {
			relRank[e.Rel] = 0
		}
	}
	rels := make([]string, 0, len(relRank))
	for r := range relRank {
		rels = append(rels, string(r))
	}
	slices.Sort(rels)
	for i, r := range rels {
		relRank[Rel(r)] = uint64(i)
	}
	type keyed struct {
		key  uint64 // from, rel, to: 28, 8 and 28 bits
		f, e int32  // the contribution: facts and edge position
	}
	keys := make([]keyed, 0, edgeCount)
	for fi, f := range facts {
		for ei, e := range f.Edges {
			from, ok1 := number[e.From]
			to, ok2 := number[e.To]
			if !ok1 || !ok2 {
				continue
			}
			keys = append(keys, keyed{uint64(from)<<36 | relRank[e.Rel]<<28 | uint64(to), int32(fi), int32(ei)})
		}
	}
	slices.SortFunc(keys, func(a, b keyed) int { return cmp.Compare(a.key, b.key) })

	// One backing array for every edge's sources: the facts' own slices
	// are not touched, and the graph costs one allocation for them.
	pooled := make([]Source, 0, sourceCount)
	edges := make([]Edge, 0, len(keys))
	for i := 0; i < len(keys); {
		e := facts[keys[i].f].Edges[keys[i].e]
		first := len(pooled)
		for k := keys[i].key; i < len(keys) && keys[i].key == k; i++ {
			pooled = append(pooled, facts[keys[i].f].Edges[keys[i].e].Sources...)
		}
		e.Sources = DedupSources(pooled[first:len(pooled):len(pooled)])
		// The node's own ID string, so that the graph does not keep a
		// copy of it per edge.
		e.From, e.To = ids[keys[i-1].key>>36], ids[keys[i-1].key&(1<<28-1)]
		edges = append(edges, e)
	}
	return New(nodes, edges, infos)
}

// MergeNodes merges the contributions several interviews made to one node.
// The result does not depend on the order of parts: the name is the one
// given most often (ties to the lexically smallest), aliases are the sorted
// union of every other name, and the URL is the smallest non-empty one.
func MergeNodes(parts []Node) Node {
	if len(parts) == 1 {
		n := parts[0]
		n.Aliases = CleanAliases(n.Name, n.Aliases)
		return n
	}
	out := Node{ID: parts[0].ID, Kind: parts[0].Kind}
	given := make([]string, 0, len(parts))
	all := make([]string, 0, len(parts))
	for _, p := range parts {
		given = append(given, p.Name)
		all = append(all, p.Name)
		all = append(all, p.Aliases...)
		if p.URL != "" && (out.URL == "" || p.URL < out.URL) {
			out.URL = p.URL
		}
		if p.Centrality != nil {
			out.Centrality = p.Centrality
		}
	}
	// The most given name: count runs of the sorted names; a run only
	// wins with more votes, so ties go to the smallest name, except the
	// empty name, which loses every tie.
	slices.Sort(given)
	best, votes := "", 0
	for i := 0; i < len(given); {
		j := i + 1
		for j < len(given) && given[j] == given[i] {
			j++
		}
		if j-i > votes || (j-i == votes && best == "") {
			best, votes = given[i], j-i
		}
		i = j
	}
	out.Name = best
	out.Aliases = CleanAliases(out.Name, all)
	return out
}

// CleanAliases returns the distinct non-empty aliases other than name,
// sorted: the canonical alias list of a node called name. It does not
// modify aliases.
func CleanAliases(name string, aliases []string) []string {
	var out []string
	for _, a := range aliases {
		if a != "" && a != name {
			out = append(out, a)
		}
	}
	if len(out) > 1 {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// DedupSources sorts ss with SortSources and drops exact repeats, in
// place; it returns the shortened slice.
func DedupSources(ss []Source) []Source {
	SortSources(ss)
	out := ss[:0]
	for i, s := range ss {
		if i > 0 && s == ss[i-1] {
			continue
		}
		out = append(out, s)
	}
	return out
}
