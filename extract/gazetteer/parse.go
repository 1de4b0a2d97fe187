package gazetteer

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/peoplegraph/peoplegraph/graph"
)

// maxFileErrors caps how many problems Parse reports for one file.
const maxFileErrors = 20

// Parse reads a YAML file of entries (see the package documentation for
// the format). name is used in error messages, which give the line of each
// problem and what to fix; up to 20 problems are reported at once.
func Parse(name string, data []byte) ([]Entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &parser{file: name}
	entries := p.document(&doc)
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return entries, nil
}

// parser collects the problems of one file.
type parser struct {
	file string
	errs []error
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	if len(p.errs) == maxFileErrors {
		p.errs = append(p.errs, fmt.Errorf("%s: too many errors", p.file))
	}
	if len(p.errs) > maxFileErrors {
		return
	}
	p.errs = append(p.errs, fmt.Errorf("%s:%d: %s", p.file, n.Line, fmt.Sprintf(format, args...)))
}

// fields is one YAML mapping's values by key, with duplicate and unknown
// keys reported.
func (p *parser) fields(n *yaml.Node, what string, known ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be a mapping of %s", what, strings.Join(known, ", "))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s has a key that is not a plain name", what)
			continue
		}
		if !slices.Contains(known, k.Value) {
			p.errorf(k, "unknown field %q in %s (want %s)", k.Value, what, strings.Join(known, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.errorf(k, "field %q repeats in %s", k.Value, what)
			continue
		}
		if !p.noAliases(v) {
			continue
		}
		out[k.Value] = v
	}
	return out
}

// noAliases rejects YAML anchors and aliases anywhere under n: entries are
// small and flat, and refusing aliases rules out expansion bombs.
func (p *parser) noAliases(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		p.errorf(n, "YAML anchors and aliases (& and *) are not supported; write the value out")
		return false
	}
	ok := true
	for _, c := range n.Content {
		ok = p.noAliases(c) && ok
	}
	return ok
}

// document reads the document root.
func (p *parser) document(doc *yaml.Node) []Entry {
	if doc.Kind == 0 { // empty file
		return nil
	}
	root := doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		root = doc.Content[0]
	}
	if !p.noAliases(root) {
		return nil
	}
	if root.Kind == yaml.SequenceNode {
		p.errorf(root, `the file must be a mapping with an "entries" list, not a bare list: put "entries:" on the first line and indent the list under it`)
		return nil
	}
	top := p.fields(root, "the file", "defaults", "entries")
	if top == nil {
		return nil
	}
	var defaults Entry
	if d, ok := top["defaults"]; ok {
		f := p.fields(d, "defaults", "kind", "provider", "part_of", "exact")
		defaults = p.entry(d, f, Entry{}, false)
	}
	list, ok := top["entries"]
	if !ok {
		p.errorf(root, `missing "entries": list the entries under an "entries:" key`)
		return nil
	}
	if list.Kind != yaml.SequenceNode {
		p.errorf(list, `"entries" must be a list of entries, each starting with "- name: "`)
		return nil
	}
	entries := make([]Entry, 0, len(list.Content))
	type seenEntry struct {
		name string
		line int
	}
	seen := make(map[string]seenEntry)
	for _, n := range list.Content {
		f := p.fields(n, "an entry", "name", "kind", "aliases", "provider", "part_of", "exact", "implied", "url")
		if f == nil {
			continue
		}
		e := p.entry(n, f, defaults, true)
		if e.Name == "" {
			continue
		}
		// Names that differ only in punctuation ("C#", "C++") share a node ID.
		key := graph.Fold(e.Name)
		if prev, dup := seen[key]; dup {
			p.errorf(n, "entry %q has the same node ID as %q on line %d (%s); merge them or rename one", e.Name, prev.name, prev.line, e.ID())
			continue
		}
		seen[key] = seenEntry{e.Name, n.Line}
		entries = append(entries, e)
	}
	return entries
}

// entry reads one entry's fields over defaults; full is false for the
// defaults block, which has no name.
func (p *parser) entry(n *yaml.Node, f map[string]*yaml.Node, defaults Entry, full bool) Entry {
	e := defaults
	e.pos = position{p.file, n.Line}
	if full {
		v, ok := f["name"]
		switch {
		case !ok:
			p.errorf(n, `entry has no "name"`)
		default:
			if s, ok := p.text(v, "name"); ok {
				e.Name = s
			}
		}
	}
	if v, ok := f["kind"]; ok {
		if s, ok := p.text(v, "kind"); ok {
			e.Kind = graph.Kind(s)
			if !validKind(e.Kind) {
				p.errorf(v, "unknown kind %q (want %s)", s, kindChoices)
			}
		}
	}
	if full && e.Kind == "" && e.Name != "" {
		p.errorf(n, "entry %q has no kind (want %s)", e.Name, kindChoices)
	}
	if v, ok := f["aliases"]; ok {
		e.Aliases = p.aliases(v, e.Name)
	}
	if v, ok := f["provider"]; ok {
		e.Provider = p.reference(v, "provider")
	}
	if v, ok := f["part_of"]; ok {
		e.PartOf = p.reference(v, "part_of")
	}
	if v, ok := f["exact"]; ok {
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			p.errorf(v, "exact must be true or false")
		} else {
			e.Exact = v.Value == "true"
		}
	}
	if v, ok := f["implied"]; ok {
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			p.errorf(v, "implied must be true or false")
		} else {
			e.Implied = v.Value == "true"
		}
		if e.Implied && e.Kind != graph.Organization {
			p.errorf(v, "only an organization can be an implied provider, not a %s", e.Kind)
		}
	}
	if v, ok := f["url"]; ok {
		if s, ok := p.text(v, "url"); ok {
			if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				p.errorf(v, "url %q is not an http(s) address", s)
			} else {
				e.URL = s
			}
		}
	}
	if full && e.Name != "" {
		if graph.Fold(e.Provider) == graph.Fold(e.Name) && e.Provider != "" {
			p.errorf(n, "entry %q names itself as provider", e.Name)
		}
		if graph.Fold(e.PartOf) == graph.Fold(e.Name) && e.PartOf != "" {
			p.errorf(n, "entry %q names itself as part_of", e.Name)
		}
	}
	if !e.Exact {
		e.Aliases = dropKeyRepeats(e.Aliases, e.Name)
	}
	return e
}

// dropKeyRepeats drops the aliases that an entry matching in any case
// finds as it finds its name or an alias before them.
func dropKeyRepeats(aliases []string, name string) []string {
	seen := map[string]bool{key(name): true}
	out := aliases[:0]
	for _, a := range aliases {
		if !seen[key(a)] {
			seen[key(a)] = true
			out = append(out, a)
		}
	}
	return out
}

// text reads a scalar that must hold a name with at least one letter or
// digit.
func (p *parser) text(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s must be a single value", field)
		return "", false
	}
	s := strings.Join(strings.Fields(n.Value), " ")
	if graph.Fold(s) == "" {
		p.errorf(n, "%s %q has no letters or digits", field, n.Value)
		return "", false
	}
	return s, true
}

// reference reads a provider or part_of; an empty string clears the
// file's default.
func (p *parser) reference(n *yaml.Node, field string) string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.TrimSpace(n.Value) == "" {
		return ""
	}
	s, _ := p.text(n, field)
	return s
}

// aliases reads an alias list, dropping repeats of the name or of each
// other. Forms that differ only in case are kept here: an exact entry
// matches only the forms it lists ("Lambdas" and "lambdas"), and entry
// drops them from the others.
func (p *parser) aliases(n *yaml.Node, name string) []string {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "aliases must be a list, e.g. [Amazon S3, AWS S3]")
		return nil
	}
	seen := map[string]bool{name: true}
	var out []string
	for _, v := range n.Content {
		s, ok := p.text(v, "alias")
		if !ok || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
