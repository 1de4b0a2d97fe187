package gazetteer

import (
	"io/fs"
	"path"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// TestDataIntegrity checks the embedded files themselves, independently
// of the checks New makes.
func TestDataIntegrity(t *testing.T) {
	files, err := fs.Glob(defaultData, "data/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no embedded data files: %v", err)
	}
	type owner struct{ entry, file string }
	byKey := make(map[string]owner)
	byName := make(map[string]Entry)
	var all []Entry
	for _, name := range files {
		data, err := defaultData.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		entries, err := Parse(path.Base(name), data)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		for _, e := range entries {
			if !validKind(e.Kind) {
				t.Errorf("%s: %q has kind %q", e.pos, e.Name, e.Kind)
			}
			if _, dup := byName[graph.Fold(e.Name)]; dup {
				t.Errorf("%s: %q is defined twice", e.pos, e.Name)
			}
			byName[graph.Fold(e.Name)] = e
			for _, n := range e.Names() {
				k := key(n)
				if prev, dup := byKey[k]; dup && prev.entry != e.Name {
					t.Errorf("%s: name %q of %q is also a name of %q (%s)", e.pos, n, e.Name, prev.entry, prev.file)
				}
				byKey[k] = owner{e.Name, e.pos.String()}
			}
		}
		all = append(all, entries...)
	}
	// The brief asks for broad coverage; a shrinking count means a data
	// file was lost.
	if len(all) < 400 {
		t.Errorf("the data has %d entries, want at least 400", len(all))
	}
	for _, e := range all {
		if e.Provider != "" {
			p, ok := byName[graph.Fold(e.Provider)]
			if !ok || p.Kind != graph.Organization || p.Name != e.Provider {
				t.Errorf("%s: %q has provider %q, which is not the exact name of an organization", e.pos, e.Name, e.Provider)
			}
		}
		if e.PartOf != "" {
			p, ok := byName[graph.Fold(e.PartOf)]
			if !ok || p.Name != e.PartOf {
				t.Errorf("%s: %q is part_of %q, which is not the exact name of an entry", e.pos, e.Name, e.PartOf)
			} else if p.Kind != graph.Organization && p.Kind != graph.Service && p.Kind != e.Kind {
				t.Errorf("%s: %q (%s) is part_of %q, a %s", e.pos, e.Name, e.Kind, p.Name, p.Kind)
			}
		}
	}
}

// TestGoldNames checks that the names the evaluation gold expects resolve
// to one entry with the gold's preferred name and an accepted kind.
func TestGoldNames(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		canonical string
		kind      graph.Kind
		provider  string
		partOf    string
		names     []string
	}{
		{"AWS", graph.Organization, "", "Amazon", []string{"Amazon Web Services"}},
		{"Amazon", graph.Organization, "", "", nil},
		{"Google", graph.Organization, "", "", nil},
		{"GCP", graph.Organization, "", "Google", []string{"Google Cloud Platform", "Google Cloud"}},
		{"Azure", graph.Organization, "", "Microsoft", []string{"Microsoft Azure"}},
		{"Microsoft", graph.Organization, "", "", nil},
		{"Honeycomb", graph.Organization, "", "", []string{"Honeycomb.io"}},
		{"Kaggle", graph.Organization, "", "Google", nil},
		{"Alibaba", graph.Organization, "", "", []string{"Alibaba Group"}},
		{"Alibaba Cloud", graph.Organization, "", "Alibaba", nil},
		{"Apache Software Foundation", graph.Organization, "", "", []string{"Apache"}},
		{"Cloud Native Computing Foundation", graph.Organization, "", "", []string{"CNCF"}},
		{"Linux Foundation", graph.Organization, "", "", nil},
		{"Colaboratory", graph.Service, "Google", "", []string{"Google Colaboratory", "Colab", "Google Colab"}},
		{"App Engine", graph.Service, "GCP", "", []string{"Google App Engine", "GAE"}},
		{"S3", graph.Service, "AWS", "", []string{"Amazon S3", "AWS S3", "Simple Storage Service", "Amazon Simple Storage Service"}},
		{"DynamoDB", graph.Service, "AWS", "", []string{"Amazon DynamoDB", "AWS DynamoDB"}},
		{"Lambda", graph.Service, "AWS", "", []string{"AWS Lambda", "Amazon Lambda"}},
		{"API Gateway", graph.Service, "AWS", "", []string{"Amazon API Gateway", "AWS API Gateway"}},
		{"IAM", graph.Service, "AWS", "", []string{"AWS IAM", "AWS Identity and Access Management", "Identity and Access Management"}},
		{"Vision API", graph.Service, "GCP", "", []string{"Cloud Vision API", "Google Cloud Vision", "Cloud Vision", "GCP Vision API"}},
		{"Video API", graph.Service, "GCP", "", []string{"Video Intelligence API", "Cloud Video Intelligence", "Google Cloud Video Intelligence", "Video Intelligence"}},
		{"BigQuery", graph.Service, "GCP", "", []string{"Google BigQuery", "GCP BigQuery"}},
		{"Kubernetes", graph.Service, "Cloud Native Computing Foundation", "", []string{"K8s"}},
		{"Hadoop", graph.Service, "Apache Software Foundation", "", []string{"Apache Hadoop"}},
		{"HDFS", graph.Service, "Apache Software Foundation", "Hadoop", []string{"Hadoop Distributed File System"}},
		{"Spark", graph.Service, "Apache Software Foundation", "", []string{"Apache Spark"}},
		{"TensorFlow", graph.Service, "Google", "", nil},
		{"DevOps", graph.Topic, "", "", nil},
		{"Machine Learning", graph.Topic, "", "", []string{"ML", "machine learning"}},
		{"Security", graph.Topic, "", "", nil},
		{"Observability", graph.Topic, "", "", nil},
		{"Serverless SQL", graph.Topic, "", "", nil},
		{"IoT", graph.Topic, "", "", []string{"Internet of Things"}},
		{"CI/CD", graph.Topic, "", "", []string{"continuous integration", "continuous delivery", "CI/CD pipelines"}},
	}
	for _, tt := range tests {
		t.Run(tt.canonical, func(t *testing.T) {
			e, ok := g.Get(tt.canonical)
			if !ok {
				t.Fatalf("no entry %q", tt.canonical)
			}
			if e.Name != tt.canonical || e.Kind != tt.kind || e.Provider != tt.provider || e.PartOf != tt.partOf {
				t.Errorf("entry = {%q %s provider %q part_of %q}, want {%q %s provider %q part_of %q}",
					e.Name, e.Kind, e.Provider, e.PartOf, tt.canonical, tt.kind, tt.provider, tt.partOf)
			}
			for _, n := range tt.names {
				if got, ok := g.Lookup(n); !ok || got != e {
					t.Errorf("Lookup(%q) = %v, %v; want %q", n, got, ok, tt.canonical)
				}
			}
		})
	}
}
