package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// mermaidShape wraps a label in the node shape of each kind.
var mermaidShape = map[graph.Kind][2]string{
	graph.Person:       {`(["`, `"])`}, // stadium
	graph.Organization: {`["`, `"]`},
	graph.Service:      {`[("`, `")]`}, // cylinder
	graph.Topic:        {`>"`, `"]`},   // flag
	graph.Interview:    {`[["`, `"]]`}, // subroutine
}

// mermaidEscaper turns characters Mermaid would read as syntax, markup or
// an entity into its numeric entity codes.
var mermaidEscaper = strings.NewReplacer(`"`, "#34;", `#`, "#35;", `&`, "#38;", `<`, "#60;", `>`, "#62;", "`", "#96;")

// Mermaid writes g as a Mermaid flowchart (graph LR) that GitHub renders:
// node IDs are n0, n1, … in node order, shapes and colours by kind, edges
// labelled with their relation. No click handlers: GitHub ignores them.
func Mermaid(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "graph LR")
	byKind := map[graph.Kind][]string{}
	for i, n := range g.Nodes {
		shape, ok := mermaidShape[n.Kind]
		if !ok {
			shape = [2]string{`["`, `"]`}
		}
		fmt.Fprintf(bw, "  n%d%s%s%s\n", i, shape[0], mermaidEscaper.Replace(label(n.Name)), shape[1])
		byKind[n.Kind] = append(byKind[n.Kind], fmt.Sprintf("n%d", i))
	}
	for _, e := range g.Edges {
		arrow := "-->"
		if e.Rel == graph.Mentions {
			arrow = "-.->"
		}
		fmt.Fprintf(bw, "  n%d %s|%s| n%d\n", g.Index(e.From), arrow, e.Rel, g.Index(e.To))
	}
	light := themes["light"]
	for _, k := range graph.Kinds {
		if len(byKind[k]) == 0 {
			continue
		}
		fmt.Fprintf(bw, "  classDef %s fill:%s,stroke:%s,color:%s\n", k, light.kindFill[k], light.border, light.text)
		fmt.Fprintf(bw, "  class %s %s\n", strings.Join(byKind[k], ","), k)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write mermaid: %w", err)
	}
	return nil
}

type cyElements struct {
	Elements struct {
		Nodes []cyElement `json:"nodes"`
		Edges []cyElement `json:"edges"`
	} `json:"elements"`
}

type cyElement struct {
	Data map[string]any `json:"data"`
}

// Cytoscape writes g as Cytoscape.js JSON ({"elements": {"nodes", "edges"}},
// each element's fields under "data"), which cy.add, cy.json and
// Cytoscape desktop's "Import network from file" read.
func Cytoscape(w io.Writer, g *graph.Graph) error {
	if err := needSources(g); err != nil {
		return err
	}
	var doc cyElements
	doc.Elements.Nodes = []cyElement{}
	doc.Elements.Edges = []cyElement{}
	for _, n := range g.Nodes {
		c := finiteCentrality(n.Centrality)
		aliases := make([]string, len(n.Aliases))
		for i, a := range n.Aliases {
			aliases[i] = cleanText(a)
		}
		data := map[string]any{
			"id": cleanText(n.ID), "label": cleanText(n.Name), "kind": n.Kind, "aliases": aliases,
			"pagerank": c.PageRank, "betweenness": c.Betweenness, "harmonic": c.Harmonic, "degree": c.Degree,
			"recommended": c.Recommended, "hub": c.Hub, "authority": c.Authority, "community": c.Community,
		}
		if u := safeURL(n.URL); u != "" {
			data["url"] = u
		}
		doc.Elements.Nodes = append(doc.Elements.Nodes, cyElement{Data: data})
	}
	for i, e := range g.Edges {
		ev := make([]string, len(e.Sources))
		for k, s := range e.Sources {
			ev[k] = evidence(s)
		}
		doc.Elements.Edges = append(doc.Elements.Edges, cyElement{Data: map[string]any{
			"id": fmt.Sprintf("e%d", i), "source": cleanText(e.From), "target": cleanText(e.To),
			"rel": e.Rel, "sources": len(e.Sources), "evidence": ev,
		}})
	}
	enc := json.NewEncoder(w) // map keys are sorted: output is deterministic
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode cytoscape json: %w", err)
	}
	return nil
}

// neo4jLabel is the node label neo4j-admin gives each kind.
var neo4jLabel = map[graph.Kind]string{
	graph.Person: "Person", graph.Organization: "Organization", graph.Service: "Service",
	graph.Topic: "Topic", graph.Interview: "Interview",
}

// CSVNodes writes the nodes file of a neo4j-admin import: id:ID, name,
// kind, :LABEL, aliases:string[] (";"-separated), url and the measures.
func CSVNodes(w io.Writer, g *graph.Graph) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id:ID", "name", "kind", ":LABEL", "aliases:string[]", "url",
		"pagerank:double", "betweenness:double", "harmonic:double", "degree:int", "recommended:int",
		"hub:double", "authority:double", "community:int"})
	for _, n := range g.Nodes {
		c := finiteCentrality(n.Centrality)
		lbl := neo4jLabel[n.Kind]
		if lbl == "" {
			lbl = "Entity"
		}
		cw.Write([]string{cleanText(n.ID), cleanText(n.Name), string(n.Kind), lbl, aliasList(n.Aliases, ";"), safeURL(n.URL),
			float(c.PageRank), float(c.Betweenness), float(c.Harmonic), strconv.Itoa(c.Degree), strconv.Itoa(c.Recommended),
			float(c.Hub), float(c.Authority), strconv.Itoa(c.Community)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write nodes csv: %w", err)
	}
	return nil
}

// CSVEdges writes the relationships file of a neo4j-admin import:
// :START_ID, :END_ID, :TYPE (the relation in upper case), sources:int and
// evidence (the first source).
func CSVEdges(w io.Writer, g *graph.Graph) error {
	if err := needSources(g); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{":START_ID", ":END_ID", ":TYPE", "sources:int", "evidence"})
	for _, e := range g.Edges {
		cw.Write([]string{cleanText(e.From), cleanText(e.To), strings.ToUpper(string(e.Rel)), strconv.Itoa(len(e.Sources)), firstEvidence(e)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write edges csv: %w", err)
	}
	return nil
}

// RDF vocabulary: entities under IDBase, classes and predicates under
// SchemaBase.
const (
	IDBase     = "https://peoplegraph.dev/id/"
	SchemaBase = "https://peoplegraph.dev/schema#"
	rdfType    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	xsdDouble  = "http://www.w3.org/2001/XMLSchema#double"
	xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
)

// NodeIRI is the IRI of a node: IDBase + its ID with every path segment
// percent-encoded, so it is a valid IRIREF whatever the ID holds.
func NodeIRI(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return IDBase + strings.Join(parts, "/")
}

// nquadsEscaper escapes a literal per the N-Quads grammar (ECHAR).
var nquadsEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "\b", `\b`, "\f", `\f`)

// NQuads writes g as RDF N-Quads in the default graph: each node an
// instance of schema#Person, #Organization, … with schema#name,
// schema#alias, schema#url, schema#pagerank and the other measures, and
// dgraph.type for Dgraph; each edge a triple whose predicate is
// schema#<relation>.
func NQuads(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	lit := func(s string) string { return `"` + nquadsEscaper.Replace(cleanText(s)) + `"` }
	typed := func(v, typ string) string { return `"` + v + `"^^<` + typ + `>` }
	for _, n := range g.Nodes {
		s := "<" + NodeIRI(n.ID) + ">"
		class := neo4jLabel[n.Kind]
		if class == "" {
			class = "Entity"
		}
		fmt.Fprintf(bw, "%s <%s> <%s%s> .\n", s, rdfType, SchemaBase, class)
		fmt.Fprintf(bw, "%s <dgraph.type> %s .\n", s, lit(class))
		fmt.Fprintf(bw, "%s <%sname> %s .\n", s, SchemaBase, lit(n.Name))
		for _, a := range n.Aliases {
			fmt.Fprintf(bw, "%s <%salias> %s .\n", s, SchemaBase, lit(a))
		}
		if u := safeURL(n.URL); u != "" {
			fmt.Fprintf(bw, "%s <%surl> <%s> .\n", s, SchemaBase, u)
		}
		if n.Centrality != nil {
			c := finiteCentrality(n.Centrality)
			for _, m := range []struct {
				name  string
				value string
				typ   string
			}{
				{"pagerank", float(c.PageRank), xsdDouble}, {"betweenness", float(c.Betweenness), xsdDouble},
				{"harmonic", float(c.Harmonic), xsdDouble}, {"degree", strconv.Itoa(c.Degree), xsdInteger},
				{"recommended", strconv.Itoa(c.Recommended), xsdInteger}, {"hub", float(c.Hub), xsdDouble},
				{"authority", float(c.Authority), xsdDouble}, {"community", strconv.Itoa(c.Community), xsdInteger},
			} {
				fmt.Fprintf(bw, "%s <%s%s> %s .\n", s, SchemaBase, m.name, typed(m.value, m.typ))
			}
		}
	}
	for _, e := range g.Edges {
		fmt.Fprintf(bw, "<%s> <%s%s> <%s> .\n", NodeIRI(e.From), SchemaBase, e.Rel, NodeIRI(e.To))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write n-quads: %w", err)
	}
	return nil
}
