package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
)

// result is what one run of the command line printed and returned.
type result struct {
	out, err string
	code     int
}

// run executes the command line in-process with the given environment.
func run(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, Streams{
		In:     strings.NewReader(""),
		Out:    &out,
		Err:    &errb,
		Getenv: func(k string) string { return env[k] },
	})
	return result{out.String(), errb.String(), code}
}

// copyContent copies the shipped content/ into a temporary directory so
// that tests can add and edit files freely.
func copyContent(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "content")
	src := filepath.Join("..", "..", "..", "content")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy content: %v", err)
	}
	return dst
}

func mustSucceed(t *testing.T, r result, what string) {
	t.Helper()
	if r.code != ExitOK {
		t.Fatalf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", what, r.code, r.out, r.err)
	}
}

type whoCoversJSON struct {
	Topic struct {
		Name string `json:"name"`
	} `json:"topic"`
	Answers []struct {
		Person struct {
			Name string `json:"name"`
		} `json:"person"`
		Tier     int `json:"tier"`
		Evidence []struct {
			Interview string `json:"interview"`
			Line      int    `json:"line"`
		} `json:"evidence"`
	} `json:"answers"`
}

func whoCovers(t *testing.T, db, topic string) whoCoversJSON {
	t.Helper()
	r := run(t, nil, "--db", db, "who-covers", topic, "--json")
	mustSucceed(t, r, "who-covers "+topic)
	var w whoCoversJSON
	if err := json.Unmarshal([]byte(r.out), &w); err != nil {
		t.Fatalf("who-covers --json: %v\n%s", err, r.out)
	}
	return w
}

// TestEndToEnd drives build → who-covers → export → render on a copy of
// the shipped content.
func TestEndToEnd(t *testing.T) {
	content := copyContent(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	mapFile := filepath.Join(dir, "map.svg")

	r := run(t, nil, "--db", db, "build", content, "--map", mapFile)
	mustSucceed(t, r, "build")
	for _, want := range []string{"1 found, 1 added", "Nodes:", "person ", "Edges:", "recommends ", "Top people by PageRank:", "Map written to"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("build summary lacks %q:\n%s", want, r.out)
		}
	}
	assertSVG(t, mustRead(t, mapFile))

	k8s := whoCovers(t, db, "Kubernetes")
	if len(k8s.Answers) < 2 {
		t.Fatalf("who-covers Kubernetes: %d answers, want at least 2", len(k8s.Answers))
	}
	first := map[string]bool{k8s.Answers[0].Person.Name: true, k8s.Answers[1].Person.Name: true}
	if !first["Kelsey Hightower"] || !first["Bridget Kromhout"] {
		t.Errorf("who-covers Kubernetes first two = %v, want Kelsey Hightower and Bridget Kromhout", first)
	}
	for _, a := range k8s.Answers {
		if len(a.Evidence) == 0 || a.Evidence[0].Interview != "lynn-langit" || a.Evidence[0].Line <= 0 {
			t.Errorf("answer %s has no source line: %+v", a.Person.Name, a.Evidence)
		}
	}
	if alias := whoCovers(t, db, "k8s"); !sameAnswers(alias, k8s) {
		t.Errorf("who-covers k8s differs from who-covers Kubernetes")
	}

	jsonFile := filepath.Join(dir, "graph.json")
	mustSucceed(t, run(t, nil, "--db", db, "export", "--format", "json", "-o", jsonFile), "export")
	var exported struct {
		Nodes []struct {
			ID         string              `json:"id"`
			Kind       string              `json:"kind"`
			Centrality map[string]*float64 `json:"centrality"`
		} `json:"nodes"`
		Edges []struct {
			Sources []struct {
				Interview string `json:"interview"`
				Line      int    `json:"line"`
			} `json:"sources"`
		} `json:"edges"`
	}
	if err := json.Unmarshal(mustRead(t, jsonFile), &exported); err != nil {
		t.Fatalf("export json: %v", err)
	}
	if len(exported.Nodes) == 0 || len(exported.Edges) == 0 {
		t.Fatalf("export: %d nodes, %d edges", len(exported.Nodes), len(exported.Edges))
	}
	for _, n := range exported.Nodes {
		if n.Centrality["pagerank"] == nil || n.Centrality["betweenness"] == nil {
			t.Errorf("node %s lacks pagerank or betweenness: %v", n.ID, n.Centrality)
		}
	}
	for _, e := range exported.Edges {
		if len(e.Sources) == 0 || e.Sources[0].Line <= 0 {
			t.Errorf("edge without a source line: %+v", e)
		}
	}

	r = run(t, nil, "--db", db, "render", "--focus", "Kelsey Hightower", "--depth", "1")
	mustSucceed(t, r, "render to stdout")
	assertSVG(t, []byte(r.out))
	if !strings.Contains(r.out, "Kelsey Hightower") {
		t.Errorf("focused map does not name its focus")
	}
	r = run(t, nil, "--db", db, "render", "--format", "dot")
	mustSucceed(t, r, "render dot")
	if !strings.HasPrefix(strings.TrimSpace(r.out), "digraph") && !strings.HasPrefix(strings.TrimSpace(r.out), "strict digraph") {
		t.Errorf("render --format dot does not start with digraph: %.60q", r.out)
	}
}

func sameAnswers(a, b whoCoversJSON) bool {
	if len(a.Answers) != len(b.Answers) {
		return false
	}
	for i := range a.Answers {
		if a.Answers[i].Person.Name != b.Answers[i].Person.Name {
			return false
		}
	}
	return true
}

func assertSVG(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	sawSVG := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "svg" {
			sawSVG = true
		}
	}
	if !sawSVG {
		t.Fatalf("no <svg> element in output")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBuildBadFileDoesNotStopOthers: an unreadable interview is reported
// with its path, the others are ingested, and the exit status says so.
func TestBuildBadFileDoesNotStopOthers(t *testing.T) {
	content := copyContent(t)
	bad := filepath.Join(content, "blog", "broken", "index.md")
	if err := os.MkdirAll(filepath.Dir(bad), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\n\x00\x01\x02 binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "db")
	r := run(t, nil, "--db", db, "build", content)
	if r.code != ExitFailure {
		t.Fatalf("build with a bad file: exit %d, want %d\n%s", r.code, ExitFailure, r.err)
	}
	if !strings.Contains(r.err, bad) {
		t.Errorf("stderr does not name the bad file %s:\n%s", bad, r.err)
	}
	if got := whoCovers(t, db, "kubernetes"); len(got.Answers) == 0 {
		t.Errorf("the good interview was not ingested")
	}
}

// TestSecondWriterGetsOneLineError: while another writer holds the
// database, build fails with one line naming the database path.
func TestSecondWriterGetsOneLineError(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "first build")
	s, err := badgerstore.Open(context.Background(), badgerstore.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := run(t, nil, "--db", db, "build", content)
	if r.code == ExitOK {
		t.Fatalf("second writer succeeded")
	}
	lines := strings.Split(strings.TrimSpace(r.err), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], db) {
		t.Errorf("want one line naming %s, got:\n%s", db, r.err)
	}
}

func TestExitStatuses(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	env := map[string]string{"PEOPLEGRAPH_DB": db}
	mustSucceed(t, run(t, env, "build", content), "build via PEOPLEGRAPH_DB")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"answers", []string{"who-covers", "devops"}, ExitOK, ""},
		{"nothing matches", []string{"who-covers", "zzzyzzx"}, ExitFailure, "nothing in the graph"},
		{"typo suggests", []string{"who-covers", "kuberntes"}, ExitFailure, "Kubernetes"},
		{"unknown flag", []string{"who-covers", "--nope", "x"}, ExitUsage, "--nope"},
		{"bad export format", []string{"export", "--format", "xls"}, ExitUsage, "--format"},
		{"bad measure", []string{"top", "--by", "fame"}, ExitUsage, "--by"},
		{"unknown question", []string{"ask", "what is the meaning of life"}, ExitUsage, "who covers"},
		{"missing argument", []string{"path", "Lynn Langit"}, ExitUsage, "path"},
		{"no database", []string{"--db", filepath.Join(t.TempDir(), "none"), "show", "x"}, ExitFailure, "peoplegraph build"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, env, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:%s\nstderr:%s", r.code, tc.code, r.out, r.err)
			}
			if tc.msg != "" && !strings.Contains(r.err, tc.msg) {
				t.Errorf("stderr lacks %q:\n%s", tc.msg, r.err)
			}
		})
	}
}

// TestRebuildIsIncremental: an unchanged rebuild adds nothing; an edit
// updates only that interview; a deleted file is removed.
func TestRebuildIsIncremental(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	extra := filepath.Join(content, "blog", "ada-quill", "index.md")
	if err := os.MkdirAll(filepath.Dir(extra), 0o755); err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: \"Data platforms with Ada Quill\"\n---\n\n## Who should readers follow?\n\n- **Marta Velez (Acme)** - Kafka / stream processing\n"
	if err := os.WriteFile(extra, []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	r := run(t, nil, "--db", db, "build", content)
	mustSucceed(t, r, "rebuild")
	if !strings.Contains(r.out, "0 added, 0 updated, 2 unchanged, 0 removed") {
		t.Errorf("no-op rebuild summary:\n%s", r.out)
	}
	if err := os.WriteFile(extra, []byte(strings.Replace(post, "Kafka", "Flink", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, nil, "--db", db, "build", content)
	mustSucceed(t, r, "edit rebuild")
	if !strings.Contains(r.out, "0 added, 1 updated, 1 unchanged") {
		t.Errorf("edit rebuild summary:\n%s", r.out)
	}
	if got := whoCovers(t, db, "Flink"); len(got.Answers) == 0 || got.Answers[0].Person.Name != "Marta Velez" {
		t.Errorf("who-covers Flink after edit = %+v", got.Answers)
	}
	if r := run(t, nil, "--db", db, "who-covers", "Kafka"); r.code == ExitOK && strings.Contains(r.out, "Marta Velez") {
		t.Errorf("Kafka still attributed to Marta Velez after the edit:\n%s", r.out)
	}
	if err := os.RemoveAll(filepath.Dir(extra)); err != nil {
		t.Fatal(err)
	}
	r = run(t, nil, "--db", db, "build", content)
	mustSucceed(t, r, "delete rebuild")
	if !strings.Contains(r.out, "removed: ada-quill") {
		t.Errorf("delete rebuild summary does not report the removal:\n%s", r.out)
	}
	if r := run(t, nil, "--db", db, "show", "Marta Velez"); r.code != ExitFailure {
		t.Errorf("Marta Velez still in the graph after her interview was deleted (exit %d)", r.code)
	}
}

// TestDatabaseRefusals: directories that are not peoplegraph databases,
// and databases in use by a writer, are refused with one clear line.
func TestDatabaseRefusals(t *testing.T) {
	content := copyContent(t)
	notDB := t.TempDir()
	if err := os.WriteFile(filepath.Join(notDB, "notes.txt"), []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, "--db", notDB, "build", content)
	if r.code == ExitOK || !strings.Contains(r.err, notDB) || strings.Count(strings.TrimSpace(r.err), "\n") != 0 {
		t.Errorf("build into a directory that is not a database: exit %d, stderr:\n%s", r.code, r.err)
	}
	if data, err := os.ReadFile(filepath.Join(notDB, "notes.txt")); err != nil || string(data) != "my notes" {
		t.Errorf("the foreign directory was changed: %q, %v", data, err)
	}

	db := filepath.Join(t.TempDir(), "db")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	s, err := badgerstore.Open(context.Background(), badgerstore.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r = run(t, nil, "--db", db, "who-covers", "kubernetes")
	if r.code == ExitOK {
		return // a reader that works during a write is fine too
	}
	if lines := strings.Split(strings.TrimSpace(r.err), "\n"); len(lines) != 1 || !strings.Contains(lines[0], db) {
		t.Errorf("reader during a write: want one line naming %s, got:\n%s", db, r.err)
	}
}

// TestBuildWithoutAnalytics: --no-analytics leaves centrality stale, and
// the next build computes it even though no file changed.
func TestBuildWithoutAnalytics(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	r := run(t, nil, "--db", db, "build", "--no-analytics", content)
	mustSucceed(t, r, "build --no-analytics")
	if !strings.Contains(r.out, "analytics skipped") || strings.Contains(r.out, "Top people by PageRank") {
		t.Errorf("summary of a build without analytics:\n%s", r.out)
	}
	r = run(t, nil, "--db", db, "build", content)
	mustSucceed(t, r, "build")
	if !strings.Contains(r.out, "1 unchanged") || !strings.Contains(r.out, "Top people by PageRank") {
		t.Errorf("the next build did not compute the skipped analytics:\n%s", r.out)
	}
}

// TestBuildRereadsWithAnotherGazetteer: unchanged files are read again
// when the gazetteer changes, since what they yield changes with it.
func TestBuildRereadsWithAnotherGazetteer(t *testing.T) {
	content := copyContent(t)
	extra := filepath.Join(t.TempDir(), "extra.yaml")
	if err := os.WriteFile(extra, []byte("entries:\n  - name: Visualizing Serverless Systems\n    kind: topic\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "db")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	r := run(t, nil, "--db", db, "build", "--gazetteer", extra, content)
	mustSucceed(t, r, "build --gazetteer")
	if !strings.Contains(r.out, "every interview was read again") || !strings.Contains(r.out, "1 updated, 0 unchanged") {
		t.Errorf("a build with another gazetteer did not read the unchanged interview again:\n%s", r.out)
	}
	mustSucceed(t, run(t, nil, "--db", db, "show", "Visualizing Serverless Systems"), "show what the new entry names")
	r = run(t, nil, "--db", db, "build", "--gazetteer", extra, content)
	mustSucceed(t, r, "build --gazetteer again")
	if strings.Contains(r.out, "read again") || !strings.Contains(r.out, "1 unchanged") {
		t.Errorf("the same gazetteer again read the interview again:\n%s", r.out)
	}
}

// TestBuildBadGazetteer: the gazetteer is built while the content is
// walked, yet its errors still come before anything is written, and a
// content path that does not exist is still a usage error.
func TestBuildBadGazetteer(t *testing.T) {
	content := copyContent(t)
	bad := filepath.Join(t.TempDir(), "extra.yaml")
	if err := os.WriteFile(bad, []byte("entries:\n  - name: Quarkbase\n    kind: service\n  - name: Quarkpipe\n    kind: planet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		paths []string
		code  int
		msgs  []string
	}{
		{"bad entry", []string{content}, ExitFailure, []string{bad + ":5:", "planet"}},
		{"missing content wins", []string{filepath.Join(t.TempDir(), "none")}, ExitUsage, []string{"none"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "db")
			r := run(t, nil, append([]string{"--db", db, "build", "--gazetteer", bad}, tc.paths...)...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:%s\nstderr:%s", r.code, tc.code, r.out, r.err)
			}
			for _, msg := range tc.msgs {
				if !strings.Contains(r.err, msg) {
					t.Errorf("stderr lacks %q:\n%s", msg, r.err)
				}
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a failed build left a database at %s (stat: %v)", db, err)
			}
		})
	}
}
