package testgraph

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/peoplegraph/peoplegraph/graph"
)

// EdgeList is the JSON form of a graph that make_reference.py reads: just
// enough to rebuild the analytics graph (kinds and relations included, so
// the script applies the analytics-graph rules on its own).
type EdgeList struct {
	Comment string         `json:"comment,omitempty"`
	Nodes   []EdgeListNode `json:"nodes"`
	Edges   []EdgeListEdge `json:"edges"`
}

// EdgeListNode is one node of an EdgeList.
type EdgeListNode struct {
	ID   string     `json:"id"`
	Kind graph.Kind `json:"kind"`
}

// EdgeListEdge is one edge of an EdgeList.
type EdgeListEdge struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	Rel  graph.Rel `json:"rel"`
}

// NewEdgeList describes g as an EdgeList, in g's (sorted) order.
func NewEdgeList(g *graph.Graph, comment string) *EdgeList {
	el := &EdgeList{Comment: comment, Nodes: make([]EdgeListNode, len(g.Nodes)), Edges: make([]EdgeListEdge, len(g.Edges))}
	for i, n := range g.Nodes {
		el.Nodes[i] = EdgeListNode{ID: n.ID, Kind: n.Kind}
	}
	for i, e := range g.Edges {
		el.Edges[i] = EdgeListEdge{From: e.From, To: e.To, Rel: e.Rel}
	}
	return el
}

// Write writes el as indented JSON, one node or edge a line.
func (el *EdgeList) Write(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "{\n  \"comment\": %s,\n  \"nodes\": [", quote(el.Comment)); err != nil {
		return err
	}
	for i, n := range el.Nodes {
		b, err := json.Marshal(n)
		if err != nil {
			return fmt.Errorf("encode node %s: %w", n.ID, err)
		}
		if _, err := fmt.Fprintf(w, "%s\n    %s", sep(i), b); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "\n  ],\n  \"edges\": ["); err != nil {
		return err
	}
	for i, e := range el.Edges {
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode edge %s→%s: %w", e.From, e.To, err)
		}
		if _, err := fmt.Fprintf(w, "%s\n    %s", sep(i), b); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n  ]\n}\n")
	return err
}

func sep(i int) string {
	if i == 0 {
		return ""
	}
	return ","
}

func quote(s string) string {
	b, _ := json.Marshal(s) // a string always encodes
	return string(b)
}

// ReadEdgeList parses an EdgeList and checks that every kind and relation
// is known, node IDs are unique, and every edge joins known nodes.
func ReadEdgeList(r io.Reader) (*EdgeList, error) {
	var el EdgeList
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&el); err != nil {
		return nil, fmt.Errorf("decode edge list: %w", err)
	}
	ids := make(map[string]bool, len(el.Nodes))
	for _, n := range el.Nodes {
		if !n.Kind.Valid() {
			return nil, fmt.Errorf("node %q: unknown kind %q", n.ID, n.Kind)
		}
		if n.ID == "" || ids[n.ID] {
			return nil, fmt.Errorf("node %q: empty or duplicate id", n.ID)
		}
		ids[n.ID] = true
	}
	for _, e := range el.Edges {
		if !e.Rel.Valid() {
			return nil, fmt.Errorf("edge %s→%s: unknown relation %q", e.From, e.To, e.Rel)
		}
		if !ids[e.From] || !ids[e.To] {
			return nil, fmt.Errorf("edge %s→%s: unknown endpoint", e.From, e.To)
		}
	}
	return &el, nil
}

// Graph builds the in-memory graph el describes.
func (el *EdgeList) Graph() *graph.Graph {
	nodes := make([]graph.Node, len(el.Nodes))
	for i, n := range el.Nodes {
		nodes[i] = graph.Node{ID: n.ID, Kind: n.Kind, Name: n.ID}
	}
	edges := make([]graph.Edge, len(el.Edges))
	for i, e := range el.Edges {
		edges[i] = graph.Edge{From: e.From, To: e.To, Rel: e.Rel}
	}
	return graph.New(nodes, edges, nil)
}
