package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "parse", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestParseFixture(t *testing.T) {
	entries, err := Parse("user.yaml", readFixture(t, "user.yaml"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(entries) != 3 {
		t.Fatalf("got %d entries, want 3", len(entries))
	}
	acme, road, anvil := entries[0], entries[1], entries[2]
	if acme.Kind != graph.Organization || acme.URL != "https://acme.example" || !acme.Implied {
		t.Errorf("Acme = %+v, want an implied provider, an organization with its URL", acme)
	}
	if road.Implied {
		t.Errorf("Roadrunner = %+v, want not implied: the field is not among the defaults", road)
	}
	if road.Kind != graph.Service || road.Provider != "Acme" || !road.Exact {
		t.Errorf("Roadrunner = %+v, want an exact service provided by Acme from the defaults", road)
	}
	if got := strings.Join(road.Aliases, "|"); got != "Acme Roadrunner|Road Runner|roadrunner" {
		t.Errorf("Roadrunner aliases = %q, want white space collapsed, the repeat of the name dropped and, as it is exact, its form in lower case kept", got)
	}
	if got := strings.Join(anvil.Aliases, "|"); got != "Acme Anvil" {
		t.Errorf("Anvil aliases = %q, want the forms that differ only in case dropped, as it matches in any case", got)
	}
	if anvil.Exact || anvil.pos.line != 14 {
		t.Errorf("Anvil = %+v, want not exact, read on line 14", anvil)
	}
	if _, err := New(entries); err != nil {
		t.Errorf("New(user entries): %v", err)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, data := range []string{"", "# nothing\n", "entries: []"} {
		entries, err := Parse("empty.yaml", []byte(data))
		if err != nil || len(entries) != 0 {
			t.Errorf("Parse(%q) = %v, %v; want no entries and no error", data, entries, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // substrings of the error, each with file and line
	}{
		{"not yaml", "entries: [", []string{"bad.yaml: yaml:"}},
		{"bare list", "- name: x\n  kind: topic", []string{`bad.yaml:1: the file must be a mapping with an "entries" list`}},
		{"no entries key", "defaults: {kind: topic}", []string{`bad.yaml:1: missing "entries"`}},
		{"entries not a list", "entries: {name: x}", []string{`bad.yaml:1: "entries" must be a list`}},
		{"unknown top-level field", "entry: []\nentries: []", []string{`bad.yaml:1: unknown field "entry" in the file (want defaults, entries)`}},
		{"unknown entry field", "entries:\n  - name: x\n    kind: topic\n    alias: [y]", []string{`bad.yaml:4: unknown field "alias" in an entry (want name, kind, aliases,`}},
		{"repeated field", "entries:\n  - name: x\n    kind: topic\n    kind: service", []string{`bad.yaml:4: field "kind" repeats in an entry`}},
		{"missing name", "entries:\n  - kind: topic", []string{`bad.yaml:2: entry has no "name"`}},
		{"missing kind", "entries:\n  - name: x", []string{`bad.yaml:2: entry "x" has no kind (want organization, service, topic or person)`}},
		{"unknown kind", "entries:\n  - name: x\n    kind: servce", []string{`bad.yaml:3: unknown kind "servce"`}},
		{"null name", "entries:\n  - name:\n    kind: topic", []string{`bad.yaml:2: name must be a single value`}},
		{"name of punctuation", "entries:\n  - name: '--'\n    kind: topic", []string{`bad.yaml:2: name "--" has no letters or digits`}},
		{"aliases not a list", "entries:\n  - name: x\n    kind: topic\n    aliases: y", []string{`bad.yaml:4: aliases must be a list`}},
		{"alias a mapping", "entries:\n  - name: x\n    kind: topic\n    aliases: [{y: z}]", []string{`bad.yaml:4: alias must be a single value`}},
		{"exact not a bool", "entries:\n  - name: x\n    kind: topic\n    exact: yes", []string{`bad.yaml:4: exact must be true or false`}},
		{"implied not a bool", "entries:\n  - name: x\n    kind: organization\n    implied: 1", []string{`bad.yaml:4: implied must be true or false`}},
		{"implied, not an organization", "entries:\n  - name: x\n    kind: service\n    implied: true", []string{`bad.yaml:4: only an organization can be an implied provider, not a service`}},
		{"implied in the defaults", "defaults:\n  implied: true\nentries:\n  - name: x\n    kind: organization", []string{`bad.yaml:2: unknown field "implied" in defaults`}},
		{"bad url", "entries:\n  - name: x\n    kind: topic\n    url: example.com", []string{`bad.yaml:4: url "example.com" is not an http(s) address`}},
		{"self provider", "entries:\n  - name: x\n    kind: service\n    provider: X", []string{`bad.yaml:2: entry "x" names itself as provider`}},
		{"repeated entry", "entries:\n  - {name: x, kind: topic}\n  - {name: X, kind: topic}", []string{`bad.yaml:3: entry "X" has the same node ID as "x" on line 2 (topic/x)`}},
		{"defaults with name", "defaults: {name: x}\nentries: []", []string{`bad.yaml:1: unknown field "name" in defaults`}},
		{"anchor", "entries:\n  - &e {name: x, kind: topic}\n  - *e", []string{`bad.yaml:2: YAML anchors and aliases`}},
		{"names with one ID", "entries:\n  - {name: C#, kind: topic}\n  - {name: C++, kind: topic}", []string{`bad.yaml:3: entry "C++" has the same node ID as "C#" on line 2 (topic/c)`}},
		{"several problems at once", "entries:\n  - name: x\n  - name: y\n    kind: nope", []string{`bad.yaml:2: entry "x" has no kind`, `bad.yaml:4: unknown kind "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := Parse("bad.yaml", []byte(tt.data))
			if err == nil {
				t.Fatalf("Parse succeeded with %+v, want an error", entries)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseAliasBomb(t *testing.T) {
	_, err := Parse("bomb.yaml", readFixture(t, "alias-bomb.yaml"))
	if err == nil || !strings.Contains(err.Error(), "bomb.yaml:1: YAML anchors and aliases") {
		t.Errorf("Parse(alias bomb) error = %v, want the anchors rejected", err)
	}
}

func TestParseTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("entries:\n")
	for range 50 {
		b.WriteString("  - {name: x, kind: nope}\n")
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("Parse succeeded, want errors")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxFileErrors+1 {
		t.Errorf("got %d error lines, want %d and a last line saying there are more", n, maxFileErrors+1)
	}
	if !strings.HasSuffix(err.Error(), "many.yaml: too many errors") {
		t.Errorf("error does not end with the cut-off notice: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"user.yaml", "alias-bomb.yaml"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("entries:\n  - {name: x, kind: topic, aliases: [a, b], exact: true}"))
	f.Add([]byte("defaults: {kind: service}\nentries: [{name: y, provider: x}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := Parse("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, e := range entries {
			if graph.Fold(e.Name) == "" || !validKind(e.Kind) {
				t.Fatalf("Parse accepted an invalid entry %+v", e)
			}
		}
		// What Parse accepts, New either accepts or rejects with a reason;
		// it must not panic.
		if g, err := New(entries); err == nil {
			for _, e := range entries {
				if got, ok := g.Get(e.Name); !ok || got.Name != e.Name {
					t.Fatalf("Get(%q) = %v, %v after New", e.Name, got, ok)
				}
			}
		}
	})
}
