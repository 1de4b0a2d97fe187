package gazetteer

import (
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// loadDefault returns the embedded gazetteer or stops the test.
func loadDefault(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Default()
	if err != nil {
		tb.Fatalf("Default: %v", err)
	}
	return g
}

// mustParse parses a YAML fixture or stops the test.
func mustParse(tb testing.TB, name, data string) []Entry {
	tb.Helper()
	entries, err := Parse(name, []byte(data))
	if err != nil {
		tb.Fatalf("Parse(%s): %v", name, err)
	}
	return entries
}

func TestLookup(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		name   string
		lookup string
		wantID string // "" for no entry
	}{
		{"canonical name", "S3", "service/s3"},
		{"alias", "Amazon Simple Storage Service", "service/s3"},
		{"alias other case", "aws s3", "service/s3"},
		{"white space folded", "Google \n App   Engine", "service/app-engine"},
		{"punctuation folded", "CI CD", "topic/ci-cd"},
		{"punctuation kept", "CI/CD", "topic/ci-cd"},
		{"exact as written", "Lambda", "service/lambda"},
		{"exact alias as written", "AWS Lambda", "service/lambda"},
		{"exact in lower case", "lambda", ""},
		{"exact alias in lower case", "aws lambda", ""},
		{"exact with other punctuation", "Apache-Spark", "service/spark"},
		{"exact lower with other punctuation", "apache-spark", ""},
		{"organization", "Amazon Web Services", "organization/aws"},
		{"gcp long form", "Google Cloud Platform", "organization/gcp"},
		{"topic", "internet of things", "topic/iot"},
		{"part of a name", "Amazon DynamoDB Streams", ""},
		{"unknown", "Kafkaesque", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := g.Lookup(tt.lookup)
			got := ""
			if ok {
				got = e.ID()
			}
			if got != tt.wantID {
				t.Errorf("Lookup(%q) = %q, want %q", tt.lookup, got, tt.wantID)
			}
		})
	}
}

func TestGet(t *testing.T) {
	g := loadDefault(t)
	if e, ok := g.Get("bigquery"); !ok || e.Name != "BigQuery" || e.Provider != "GCP" {
		t.Errorf("Get(bigquery) = %+v, %v; want BigQuery provided by GCP", e, ok)
	}
	if e, ok := g.Get("Amazon S3"); ok {
		t.Errorf("Get(Amazon S3) = %q; an alias is not a canonical name", e.Name)
	}
}

func TestEntriesSortedAndCopied(t *testing.T) {
	g := loadDefault(t)
	entries := g.Entries()
	if len(entries) != g.Len() {
		t.Fatalf("Entries() has %d entries, Len() = %d", len(entries), g.Len())
	}
	for i := 1; i < len(entries); i++ {
		if graph.Fold(entries[i-1].Name) > graph.Fold(entries[i].Name) {
			t.Errorf("entries out of order: %q before %q", entries[i-1].Name, entries[i].Name)
		}
	}
	entries[0].Aliases = append(entries[0].Aliases[:0], "changed by caller")
	if again := g.Entries(); len(again[0].Aliases) > 0 && again[0].Aliases[0] == "changed by caller" {
		t.Error("Entries shares alias slices with the gazetteer")
	}
}

// TestEntryID checks the IDs and providers a built gazetteer keeps against
// graph.NodeID and Get, and that a copy from Entries takes a changed
// name's ID.
func TestEntryID(t *testing.T) {
	g := loadDefault(t)
	for _, e := range g.Entries() {
		got, ok := g.Get(e.Name)
		if !ok {
			t.Fatalf("Get(%q) finds nothing", e.Name)
		}
		if want := graph.NodeID(e.Kind, e.Name); got.ID() != want || e.ID() != want {
			t.Errorf("%q: ID() = %s, copy's ID() = %s, want %s", e.Name, got.ID(), e.ID(), want)
		}
	}
	providers := 0
	for _, c := range g.Entries() {
		e, _ := g.Get(c.Name)
		want, wantOK := g.Get(c.Provider)
		for _, from := range []*Entry{e, &c} {
			if got, ok := g.Provider(from); got != want || ok != wantOK {
				t.Errorf("Provider(%q) = %v, %v; Get(%q) = %v, %v", c.Name, got, ok, c.Provider, want, wantOK)
			}
		}
		if wantOK {
			providers++
		}
	}
	if providers == 0 {
		t.Error("no entry has a provider")
	}
	e := g.Entries()[0]
	e.Name = "Renamed By Caller"
	if want := graph.NodeID(e.Kind, e.Name); e.ID() != want {
		t.Errorf("renamed copy: ID() = %s, want %s", e.ID(), want)
	}
}

func TestNewLayers(t *testing.T) {
	base := mustParse(t, "base.yaml", `
entries:
  - {name: Acme, kind: organization, aliases: [Acme Corp]}
  - {name: Widget, kind: service, provider: Acme, aliases: [Acme Widget, Widgets]}
  - {name: Gadget, kind: service, provider: Acme}
`)
	tests := []struct {
		name    string
		user    string
		lookup  string
		wantID  string // entry Lookup(lookup) finds, "" for none
		wantErr string // substring of New's error, "" for success
	}{
		{
			name:   "new entry extends",
			user:   "entries: [{name: Gizmo, kind: service, provider: Acme}]",
			lookup: "gizmo", wantID: "service/gizmo",
		},
		{
			name:   "same name overrides",
			user:   "entries: [{name: widget, kind: topic, aliases: [widgetry]}]",
			lookup: "widgetry", wantID: "topic/widget",
		},
		{
			name:   "override drops old aliases",
			user:   "entries: [{name: Widget, kind: service}]",
			lookup: "Acme Widget", wantID: "",
		},
		{
			name:   "later entry takes an alias over",
			user:   "entries: [{name: Sprocket, kind: service, aliases: [Widgets]}]",
			lookup: "widgets", wantID: "service/sprocket",
		},
		{
			name:   "old entry keeps its other aliases",
			user:   "entries: [{name: Sprocket, kind: service, aliases: [Widgets]}]",
			lookup: "Acme Widget", wantID: "service/widget",
		},
		{
			name:    "alias may not take a canonical name",
			user:    "entries: [{name: Sprocket, kind: service, aliases: [Gadget]}]",
			wantErr: `alias "Gadget" is the name of entry "Gadget" (base.yaml:5)`,
		},
		{
			name:    "unknown provider",
			user:    "entries: [{name: Gizmo, kind: service, provider: Initech}]",
			wantErr: `user.yaml:1: entry "Gizmo": provider "Initech" is not the name of an entry`,
		},
		{
			name:    "provider must be an organization",
			user:    "entries: [{name: Gizmo, kind: service, provider: Gadget}]",
			wantErr: `provider "Gadget" is a service, not an organization`,
		},
		{
			name:    "unknown part_of",
			user:    "entries: [{name: Gizmo, kind: service, part_of: Nothing}]",
			wantErr: `part_of "Nothing" is not the name of an entry`,
		},
		{
			name:    "part_of cycle",
			user:    "entries: [{name: Gizmo, kind: service, part_of: Doohickey}, {name: Doohickey, kind: service, part_of: Gizmo}]",
			wantErr: "part_of links form a cycle",
		},
		{
			name:    "one alias for two entries of one file",
			user:    "entries: [{name: Gizmo, kind: service, aliases: [gz]}, {name: Doohickey, kind: service, aliases: [GZ]}]",
			wantErr: `name "GZ" is also a name of entry "Gizmo"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := New(base, mustParse(t, "user.yaml", tt.user))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			got := ""
			if e, ok := g.Lookup(tt.lookup); ok {
				got = e.ID()
			}
			if got != tt.wantID {
				t.Errorf("Lookup(%q) = %q, want %q", tt.lookup, got, tt.wantID)
			}
		})
	}
}

func TestNewExtendsDefault(t *testing.T) {
	g := loadDefault(t)
	user := mustParse(t, "mine.yaml", `
defaults: {kind: service, provider: AWS}
entries:
  - name: Lambda
    aliases: [AWS Lambda, lambda functions]
  - name: Acme Deployer
    aliases: [AWS Acme Deployer]
`)
	ext, err := New(g.Entries(), user)
	if err != nil {
		t.Fatalf("New(default, user): %v", err)
	}
	if ext.Len() != g.Len()+1 {
		t.Errorf("extended gazetteer has %d entries, want %d", ext.Len(), g.Len()+1)
	}
	e, ok := ext.Lookup("lambda")
	if !ok || e.Exact {
		t.Errorf("Lookup(lambda) = %+v, %v; the user's entry is not exact and should match", e, ok)
	}
	if _, ok := ext.Lookup("Amazon Lambda"); ok {
		t.Error("Lookup(Amazon Lambda) found an alias the user's override dropped")
	}
	if ms := ext.Find("We deploy with AWS Acme Deployer."); len(ms) != 1 || ms[0].Entry.Name != "Acme Deployer" {
		t.Errorf("Find on user entry = %v", ms)
	}
}

func TestNewEntriesBuiltInCode(t *testing.T) {
	tests := []struct {
		name    string
		entries []Entry
		wantErr string
	}{
		{"empty is fine", nil, ""},
		{"interview kind", []Entry{{Name: "x", Kind: graph.Interview}}, `unknown kind "interview"`},
		{"no name", []Entry{{Name: " -- ", Kind: graph.Topic}}, "name has no letters or digits"},
		{"empty alias", []Entry{{Name: "x", Kind: graph.Topic, Aliases: []string{"!"}}}, `alias "!" has no letters or digits`},
		{"same name twice", []Entry{{Name: "x", Kind: graph.Topic}, {Name: "X", Kind: graph.Service}}, `entry "X": has the same node ID service/x as entry "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := New(tt.entries)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if ms := g.Find("anything at all"); ms != nil {
					t.Errorf("empty gazetteer found %v", ms)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestIndex(t *testing.T) {
	g := loadDefault(t)
	s3, ok := g.Lookup("S3")
	if !ok {
		t.Fatal("no S3 entry")
	}
	copied := g.Entries()
	tests := []struct {
		name string
		e    *Entry
		ok   bool
	}{
		{"an entry of the gazetteer", s3, true},
		{"the first entry", &g.entries[0], true},
		{"the last entry", &g.entries[g.Len()-1], true},
		{"a copy from Entries", &copied[0], false},
		{"an entry built in code", &Entry{Name: "S3", Kind: "service"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, ok := g.Index(tt.e)
			if ok != tt.ok {
				t.Fatalf("Index(%q) ok = %v, want %v", tt.e.Name, ok, tt.ok)
			}
			if ok && (i < 0 || i >= g.Len() || &g.entries[i] != tt.e) {
				t.Errorf("Index(%q) = %d, which holds %q", tt.e.Name, i, g.entries[i].Name)
			}
		})
	}
	other, err := New(mustParse(t, "t.yaml", "entries: [{name: S3, kind: service}]"))
	if err != nil {
		t.Fatal(err)
	}
	if i, ok := other.Index(s3); ok {
		t.Errorf("another gazetteer's Index of this one's S3 = %d, true; want false", i)
	}
}
