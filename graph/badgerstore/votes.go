package badgerstore

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/peoplegraph/peoplegraph/graph"
)

// A merged node's name, aliases and URL are votes among the interviews
// that name it (graph.MergeNodes). Its n/ value keeps the votes, counted
// by variant, so that an edit can take one interview's part out of a
// node and put the new one in without reading every other interview that
// names the node: Kubernetes is named by thousands.

// nodeVote is one way interviews gave a node, and how many gave it so.
type nodeVote struct {
	name    string
	aliases []string // as in the f/ records: cleaned by graph.CleanAliases
	url     string
	count   int
}

// Fields of a vote inside an n/ value.
const (
	fNodeVote = 8 // in n/ values: a nested vote, repeated

	fVoteName    = 1
	fVoteAliases = 2
	fVoteURL     = 3
	fVoteCount   = 4
)

func (v nodeVote) is(n graph.Node) bool {
	return v.name == n.Name && v.url == n.URL && slices.Equal(v.aliases, n.Aliases)
}

func compareVotes(a, b nodeVote) int {
	return cmp.Or(strings.Compare(a.name, b.name), strings.Compare(a.url, b.url), slices.Compare(a.aliases, b.aliases))
}

// addVote adds one vote for part's variant, keeping votes sorted.
func addVote(votes []nodeVote, part graph.Node) []nodeVote {
	v := nodeVote{name: part.Name, aliases: part.Aliases, url: part.URL, count: 1}
	i, found := slices.BinarySearchFunc(votes, v, compareVotes)
	if found {
		votes[i].count++
		return votes
	}
	return slices.Insert(votes, i, v)
}

// removeVote takes one vote for part's variant away, dropping a variant
// whose count reaches zero; ok is false if there was none, which means
// the votes do not describe the records.
func removeVote(votes []nodeVote, part graph.Node) (_ []nodeVote, ok bool) {
	v := nodeVote{name: part.Name, aliases: part.Aliases, url: part.URL}
	i, found := slices.BinarySearchFunc(votes, v, compareVotes)
	if !found {
		return votes, false
	}
	if votes[i].count--; votes[i].count == 0 {
		votes = slices.Delete(votes, i, i+1)
	}
	return votes, true
}

// mergeVotes is the node graph.Merge makes of the parts votes counts.
func mergeVotes(id string, kind graph.Kind, votes []nodeVote) graph.Node {
	var parts []graph.Node
	for _, v := range votes {
		for range v.count {
			parts = append(parts, graph.Node{ID: id, Kind: kind, Name: v.name, Aliases: v.aliases, URL: v.url})
		}
	}
	return graph.MergeNodes(parts)
}

// appendVotes appends votes to an n/ value.
func appendVotes(b []byte, votes []nodeVote) []byte {
	for _, v := range votes {
		b = appendMessage(b, fNodeVote, func(b []byte) []byte {
			b = appendString(b, fVoteName, v.name)
			for _, a := range v.aliases {
				b = protowire.AppendTag(b, fVoteAliases, protowire.BytesType)
				b = protowire.AppendString(b, a)
			}
			b = appendString(b, fVoteURL, v.url)
			return appendInt(b, fVoteCount, v.count)
		})
	}
	return b
}

// decodeVotes returns the votes of an n/ value, in the order written.
func decodeVotes(b []byte) ([]nodeVote, error) {
	var out []nodeVote
	var inner error
	err := eachField(b, func(f field) bool {
		if f.num != fNodeVote {
			return true
		}
		if !f.isBytes() {
			return false
		}
		var v nodeVote
		inner = errors.Join(inner, eachField(f.bytes, func(f field) bool {
			switch f.num {
			case fVoteName:
				v.name = f.str()
			case fVoteAliases:
				v.aliases = append(v.aliases, f.str())
			case fVoteURL:
				v.url = f.str()
			case fVoteCount:
				v.count = f.int()
				return f.isVarint()
			default:
				return true
			}
			return f.isBytes()
		}))
		if v.count <= 0 {
			inner = errors.Join(inner, errors.New("node vote without a positive count"))
		}
		out = append(out, v)
		return true
	})
	if err = errors.Join(err, inner); err != nil {
		return nil, err
	}
	if !slices.IsSortedFunc(out, compareVotes) {
		return nil, errors.New("node votes out of order")
	}
	return out, nil
}

// votesFromFacts counts the votes of the nodes want selects (every node
// if want is nil) over every interview's facts.
func votesFromFacts(facts []*graph.Facts, want func(id string) bool) map[string][]nodeVote {
	out := map[string][]nodeVote{}
	for _, f := range facts {
		for _, n := range f.Nodes {
			if want == nil || want(n.ID) {
				out[n.ID] = addVote(out[n.ID], n)
			}
		}
	}
	return out
}

// mergeWithVotes is graph.Merge(facts...) and votesFromFacts(facts, want)
// side by side: counting the votes walks every node contribution on one
// goroutine, and Merge leaves a processor idle for part of its time.
// Neither changes facts.
func mergeWithVotes(facts []*graph.Facts, want func(id string) bool) (*graph.Graph, map[string][]nodeVote) {
	votes := make(chan map[string][]nodeVote, 1)
	go func() { votes <- votesFromFacts(facts, want) }()
	g := graph.Merge(facts...)
	return g, <-votes
}
