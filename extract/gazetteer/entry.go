package gazetteer

import (
	"fmt"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Entry is one named thing and every name it goes by.
type Entry struct {
	Name     string     // canonical name, the short form people write: "S3", "BigQuery"
	Kind     graph.Kind // organization, service, topic or person
	Aliases  []string   // other names: "Amazon S3", "AWS S3", "Simple Storage Service"
	Provider string     // canonical Name of the organization that provides it (a provided_by edge)
	PartOf   string     // canonical Name of a larger entry (a part_of edge)
	Exact    bool       // names match case-sensitively, for common words: Lambda, Spark, Go
	URL      string     // optional homepage
	// Implied marks a provider that naming what it provides names too:
	// Lambda is AWS's in every reader's eyes, while the foundation
	// behind an open-source project is a fact of the dictionary, stated
	// only where an interview names it.
	Implied bool

	// pos is where the entry was read, for error messages; empty for
	// entries built in code.
	pos position
	// id caches ID for the entries of a built gazetteer, which do not
	// change; empty elsewhere.
	id string
	// provider is 1 + the index of the provider's entry in a built
	// gazetteer, 0 when unknown.
	provider int
	// index is 1 + the entry's index in a built gazetteer, 0 elsewhere.
	index int
	// caseForms are the forms of an exact entry's names that differ from
	// one of them only in case ("lambdas" beside "Lambdas"): matched, but
	// not shown as aliases.
	caseForms []string
}

// ID is the graph node ID of the entry.
func (e *Entry) ID() string {
	if e.id != "" {
		return e.id
	}
	return graph.NodeID(e.Kind, e.Name)
}

// Names returns the canonical name followed by the aliases.
func (e *Entry) Names() []string {
	names := make([]string, 0, 1+len(e.Aliases))
	return append(append(names, e.Name), e.Aliases...)
}

// matchNames returns the names and the case forms: every form Find
// matches.
func (e *Entry) matchNames() []string {
	return append(e.Names(), e.caseForms...)
}

// position is a place in a data file.
type position struct {
	file string
	line int
}

func (p position) String() string {
	if p.file == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", p.file, p.line)
}

// validKind reports whether k may be an entry's kind; interviews are not
// named things in text.
func validKind(k graph.Kind) bool {
	switch k {
	case graph.Organization, graph.Service, graph.Topic, graph.Person:
		return true
	}
	return false
}

const kindChoices = "organization, service, topic or person"
