package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// nodeAttr is one node attribute exported to GraphML and GEXF.
type nodeAttr struct {
	name, typ string // typ is the GraphML type; GEXF maps it
	value     func(n graph.Node, c graph.Centrality) string
}

func float(f float64) string { return strconv.FormatFloat(finite(f), 'g', -1, 64) }

var nodeAttrs = []nodeAttr{
	{"kind", "string", func(n graph.Node, _ graph.Centrality) string { return string(n.Kind) }},
	{"name", "string", func(n graph.Node, _ graph.Centrality) string { return cleanText(n.Name) }},
	{"aliases", "string", func(n graph.Node, _ graph.Centrality) string { return aliasList(n.Aliases, "; ") }},
	{"url", "string", func(n graph.Node, _ graph.Centrality) string { return safeURL(n.URL) }},
	{"pagerank", "double", func(_ graph.Node, c graph.Centrality) string { return float(c.PageRank) }},
	{"betweenness", "double", func(_ graph.Node, c graph.Centrality) string { return float(c.Betweenness) }},
	{"harmonic", "double", func(_ graph.Node, c graph.Centrality) string { return float(c.Harmonic) }},
	{"degree", "int", func(_ graph.Node, c graph.Centrality) string { return strconv.Itoa(c.Degree) }},
	{"recommended", "int", func(_ graph.Node, c graph.Centrality) string { return strconv.Itoa(c.Recommended) }},
	{"hub", "double", func(_ graph.Node, c graph.Centrality) string { return float(c.Hub) }},
	{"authority", "double", func(_ graph.Node, c graph.Centrality) string { return float(c.Authority) }},
	{"community", "int", func(_ graph.Node, c graph.Centrality) string { return strconv.Itoa(c.Community) }},
}

// aliasList joins cleaned aliases; sep inside an alias is replaced so the
// list splits back the same way.
func aliasList(aliases []string, sep string) string {
	out := make([]string, len(aliases))
	for i, a := range aliases {
		out[i] = strings.ReplaceAll(cleanText(a), strings.TrimSpace(sep), ",")
	}
	return strings.Join(out, sep)
}

// firstEvidence is the first source of e as "interview:line: text", or "".
func firstEvidence(e graph.Edge) string {
	if len(e.Sources) == 0 {
		return ""
	}
	return evidence(e.Sources[0])
}

type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Xmlns   string   `xml:"xmlns,attr"`
	Keys    []gmlKey `xml:"key"`
	Graph   gmlGraph `xml:"graph"`
}

type gmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// GraphML writes g as GraphML: node attributes kind, name, aliases, url
// and the centrality measures; edge attributes rel, sources (the count)
// and evidence (the first source).
func GraphML(w io.Writer, g *graph.Graph) error {
	if err := needSources(g); err != nil {
		return err
	}
	doc := gmlDoc{Xmlns: "http://graphml.graphdrawing.org/xmlns", Graph: gmlGraph{ID: "peoplegraph", EdgeDefault: "directed"}}
	for _, a := range nodeAttrs {
		doc.Keys = append(doc.Keys, gmlKey{ID: a.name, For: "node", Name: a.name, Type: a.typ})
	}
	doc.Keys = append(doc.Keys,
		gmlKey{ID: "rel", For: "edge", Name: "rel", Type: "string"},
		gmlKey{ID: "sources", For: "edge", Name: "sources", Type: "int"},
		gmlKey{ID: "evidence", For: "edge", Name: "evidence", Type: "string"})
	for _, n := range g.Nodes {
		c := finiteCentrality(n.Centrality)
		gn := gmlNode{ID: cleanText(n.ID)}
		for _, a := range nodeAttrs {
			if v := a.value(n, c); v != "" {
				gn.Data = append(gn.Data, gmlData{Key: a.name, Value: v})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range g.Edges {
		ge := gmlEdge{ID: fmt.Sprintf("e%d", i), Source: cleanText(e.From), Target: cleanText(e.To), Data: []gmlData{
			{Key: "rel", Value: string(e.Rel)},
			{Key: "sources", Value: strconv.Itoa(len(e.Sources))},
		}}
		if ev := firstEvidence(e); ev != "" {
			ge.Data = append(ge.Data, gmlData{Key: "evidence", Value: ev})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}

type gexfDoc struct {
	XMLName xml.Name  `xml:"gexf"`
	Xmlns   string    `xml:"xmlns,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Mode            string           `xml:"mode,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string          `xml:"class,attr"`
	Attrs []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Label  string      `xml:"label,attr"`
	Weight int         `xml:"weight,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// GEXF writes g as GEXF 1.2 (what Gephi and networkx read): node label is
// the name, node attributes as in GraphML; edge label is the relation,
// weight the number of sources.
func GEXF(w io.Writer, g *graph.Graph) error {
	if err := needSources(g); err != nil {
		return err
	}
	doc := gexfDoc{Xmlns: "http://www.gexf.net/1.2draft", Version: "1.2",
		Meta:  gexfMeta{Creator: "peoplegraph", Description: "people, organisations, services and topics from interviews"},
		Graph: gexfGraph{DefaultEdgeType: "directed", Mode: "static"}}
	nodeClass := gexfAttributes{Class: "node"}
	for _, a := range nodeAttrs {
		typ := map[string]string{"int": "integer"}[a.typ]
		if typ == "" {
			typ = a.typ
		}
		nodeClass.Attrs = append(nodeClass.Attrs, gexfAttribute{ID: a.name, Title: a.name, Type: typ})
	}
	edgeClass := gexfAttributes{Class: "edge", Attrs: []gexfAttribute{
		{ID: "rel", Title: "rel", Type: "string"}, {ID: "sources", Title: "sources", Type: "integer"},
		{ID: "evidence", Title: "evidence", Type: "string"}}}
	doc.Graph.Attributes = []gexfAttributes{nodeClass, edgeClass}
	for _, n := range g.Nodes {
		c := finiteCentrality(n.Centrality)
		gn := gexfNode{ID: cleanText(n.ID), Label: cleanText(n.Name)}
		for _, a := range nodeAttrs {
			if v := a.value(n, c); v != "" {
				gn.Values = append(gn.Values, gexfValue{For: a.name, Value: v})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for i, e := range g.Edges {
		ge := gexfEdge{ID: fmt.Sprintf("e%d", i), Source: cleanText(e.From), Target: cleanText(e.To),
			Label: string(e.Rel), Weight: max(len(e.Sources), 1), Values: []gexfValue{
				{For: "rel", Value: string(e.Rel)}, {For: "sources", Value: strconv.Itoa(len(e.Sources))}}}
		if ev := firstEvidence(e); ev != "" {
			ge.Values = append(ge.Values, gexfValue{For: "evidence", Value: ev})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode xml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode xml: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	return nil
}
