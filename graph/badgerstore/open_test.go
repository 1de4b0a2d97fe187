package badgerstore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// withSchema makes a database claiming the given schema version.
func withSchema(version uint64) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		s, err := Open(context.Background(), Options{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, encodeSchema(version)) }); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		opts    Options
		want    error
		message string // a part of the one-line message
	}{
		{
			name: "directory with other files",
			prepare: func(t *testing.T, path string) {
				mkdir(t, path)
				writeFile(t, filepath.Join(path, "notes.txt"), "mine")
			},
			want:    ErrNotDatabase,
			message: "is not a peoplegraph database (it holds notes.txt); pass --db to choose another directory",
		},
		{
			name:    "a file",
			prepare: func(t *testing.T, path string) { writeFile(t, path, "mine") },
			want:    ErrNotDatabase,
			message: "it is a file",
		},
		{
			name: "another Badger database",
			prepare: func(t *testing.T, path string) {
				db, err := badger.Open(badger.DefaultOptions(path).WithLogger(nil))
				if err != nil {
					t.Fatal(err)
				}
				if err := db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("foo"), []byte("bar")) }); err != nil {
					t.Fatal(err)
				}
				if err := db.Close(); err != nil {
					t.Fatal(err)
				}
			},
			want:    ErrNotDatabase,
			message: "a Badger database without a peoplegraph schema",
		},
		{
			name:    "newer schema",
			prepare: withSchema(schemaVersion + 1),
			want:    ErrNewerSchema,
			message: fmt.Sprintf("has schema version %d but this peoplegraph reads version %d; upgrade peoplegraph", schemaVersion+1, schemaVersion),
		},
		{
			name:    "schema 2 opened read-only",
			prepare: withSchema(2),
			opts:    Options{ReadOnly: true},
			want:    ErrOlderSchema,
			message: fmt.Sprintf("was built by an older peoplegraph (schema version 2, this one reads %d); run build to upgrade it", schemaVersion),
		},
		{
			name:    "schema 1",
			prepare: withSchema(1),
			want:    ErrOlderSchema,
			message: fmt.Sprintf("was built by an older peoplegraph (schema version 1, this one reads %d); delete it and run build again", schemaVersion),
		},
		{
			name:    "locked by a Store in this process",
			prepare: func(t *testing.T, path string) { openAt(t, path) },
			want:    ErrLocked,
			message: "is in use by another peoplegraph process (a build?); wait for it to finish",
		},
		{
			name:    "read-only while a Store writes",
			prepare: func(t *testing.T, path string) { openAt(t, path) },
			opts:    Options{ReadOnly: true},
			want:    ErrLocked,
			message: "is in use by another peoplegraph process",
		},
		{
			name: "locked by another process",
			prepare: func(t *testing.T, path string) {
				openAt(t, path).Close()
				startHolder(t, path)
			},
			want:    ErrLocked,
			message: "is in use by another peoplegraph process",
		},
		{
			name: "read-only while another process writes",
			prepare: func(t *testing.T, path string) {
				openAt(t, path).Close()
				startHolder(t, path)
			},
			opts:    Options{ReadOnly: true},
			want:    ErrLocked,
			message: "is in use by another peoplegraph process",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "db")
			tt.prepare(t, path)
			before := listDir(t, path)
			opts := tt.opts
			opts.Path = path
			s, err := Open(context.Background(), opts)
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want %v", tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open = %v, want errors.Is %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, tt.message) || strings.Contains(msg, "\n") {
				t.Errorf("message %q: want one line naming %s and containing %q", msg, path, tt.message)
			}
			if after := listDir(t, path); after != before {
				t.Errorf("a refused Open changed the directory from %q to %q", before, after)
			}
		})
	}
}

func TestOpenCreates(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		opts    Options
		// wantSchema is whether the schema key must be present after.
		wantSchema bool
	}{
		{"missing directory", func(*testing.T, string) {}, Options{}, true},
		{"empty directory", func(t *testing.T, path string) { mkdir(t, path) }, Options{}, true},
		{"missing directory read-only", func(*testing.T, string) {}, Options{ReadOnly: true}, false},
		{"clean database read-only", func(t *testing.T, path string) {
			s := openAt(t, path)
			replaceAll(t, s, fixtures(t)[0])
			if err := s.RemoveInterview(context.Background(), "ada"); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}, Options{ReadOnly: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "db")
			tt.prepare(t, path)
			opts := tt.opts
			opts.Path = path
			s, err := Open(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if s.Path() != path {
				t.Errorf("Path() = %s, want %s", s.Path(), path)
			}
			g := mustLoad(t, s)
			if len(g.Nodes)+len(g.Edges)+len(g.Interviews) != 0 {
				t.Errorf("new store holds %d nodes, %d edges, %d interviews", len(g.Nodes), len(g.Edges), len(g.Interviews))
			}
			err = s.db.View(func(txn *badger.Txn) error {
				_, err := txn.Get(keySchema)
				return err
			})
			if got := err == nil; got != tt.wantSchema {
				t.Errorf("schema key present = %v (%v), want %v", got, err, tt.wantSchema)
			}
		})
	}
}

// TestHelperHolder is not a test: startHolder runs the test binary with it
// to hold a database open from another process.
func TestHelperHolder(t *testing.T) {
	path := os.Getenv("PEOPLEGRAPH_HOLD_DB")
	if path == "" {
		return
	}
	s, err := Open(context.Background(), Options{Path: path})
	if err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("open\n")
	bufio.NewReader(os.Stdin).ReadString('\n') // until the parent closes stdin
	s.Close()
	os.Exit(0)
}

// startHolder starts a process holding the database at path open until
// the test ends.
func startHolder(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHolder$")
	cmd.Env = append(os.Environ(), "PEOPLEGRAPH_HOLD_DB="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "open\n" {
		t.Fatalf("holder process said %q, %v", line, err)
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// listDir describes a directory's entries and sizes, or a file's size.
func listDir(t *testing.T, path string) string {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() {
		return fi.Name()
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() == "LOCK" {
			continue // Badger's pid file, present while a holder runs
		}
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestUpgradeFromOlderSchemas opens databases laid out by schema 2 (its
// index keyed by node and interview) and schema 3 (its n/ values without
// votes) read-write; their i/ and f/ records are the current schema's.
// The old index goes, and the next SetAnalytics writes the new one.
func TestUpgradeFromOlderSchemas(t *testing.T) {
	tests := []struct {
		name    string
		version uint64
		index   map[string]string // keys the old schema wrote
	}{
		{
			name:    "schema 2",
			version: 2,
			index: map[string]string{"n/topic/kubernetes\x00ada": "", "e/person/ada-byron\x00covers\x00topic/kubernetes\x00ada": "",
				"r/topic/kubernetes\x00covers\x00person/ada-byron\x00ada": "", "a/k8s\x00topic/kubernetes\x00ada": ""},
		},
		{
			name:    "schema 3",
			version: 3,
			index:   map[string]string{"n/topic/kubernetes": string(appendNode(nil, graph.Node{ID: "topic/kubernetes", Kind: graph.Topic, Name: "Kubernetes"}, nil))},
		},
		{
			// Schema 4's n/ keys are schema 5's; its adjacency lists and
			// names go, and the snapshot and analytics stay current.
			name:    "schema 4",
			version: 4,
			index: map[string]string{"e/person/ada-byron\x00covers\x00000000": "\x0a\x00", "r/topic/kubernetes\x00covers\x00000000": "\x0a\x00",
				"a/k8s\x00topic/kubernetes": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			upgrade(t, tt.version, tt.index)
		})
	}
}

func upgrade(t *testing.T, version uint64, index map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "db")
	s := openAt(t, path)
	replaceAll(t, s, fixtures(t)...)
	analyse(t, s, 1)
	err := s.db.Update(func(txn *badger.Txn) error {
		for k, v := range index {
			if err := txn.Set([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return txn.Set(keySchema, encodeSchema(version))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openAt(t, path)
	// Before schema 4 the index is rewritten; from it on, only the
	// retired keys go.
	wantStale := version < 4
	stale, err := s.AnalyticsStale(context.Background())
	if err != nil || stale != wantStale {
		t.Fatalf("after the upgrade AnalyticsStale = %v, %v; want %v", stale, err, wantStale)
	}
	dropped := []string{prefixEdge, prefixReverse, prefixName}
	if wantStale {
		dropped = append(dropped, prefixNode)
	} else {
		assertClean(t, s)
	}
	var keys []string
	err = s.db.View(func(txn *badger.Txn) error {
		for _, prefix := range dropped {
			if err := scan(txn, []byte(prefix), false, func(key, _ []byte) error {
				keys = append(keys, string(key))
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || len(keys) > 0 {
		t.Fatalf("index keys after the upgrade: %q, %v; want none", keys, err)
	}
	if wantStale {
		// Load merges the records, without analytics.
		assertSameGraph(t, s, fixtures(t)...)
	}
	analyse(t, s, 2)
	assertClean(t, s)
	if got, err := s.Lookup(context.Background(), "k8s"); err != nil || len(got) != 1 || got[0].ID != "topic/kubernetes" {
		t.Errorf("Lookup(k8s) after the upgrade = %v, %v", got, err)
	}
}

// TestOpenWithEmptyLogFile opens a database in which a crash left an
// empty memtable or value-log file (created, never sized), which Badger
// refuses on the first try: both opens must succeed with the data whole.
func TestOpenWithEmptyLogFile(t *testing.T) {
	for _, name := range []string{"00099.mem", "000099.vlog"} {
		for _, readOnly := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s read-only=%v", name, readOnly), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "db")
				s := openAt(t, path)
				facts := genMany(5, 0)
				replaceAll(t, s, facts...)
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(path, name), "")
				s, err := Open(context.Background(), Options{Path: path, ReadOnly: readOnly})
				if err != nil {
					t.Fatalf("Open with an empty %s: %v", name, err)
				}
				defer s.Close()
				assertSameGraph(t, s, facts...)
			})
		}
	}
}

// TestOpenCreationCutShort opens directories a build killed while Badger
// created the database leaves behind: they hold only Badger's files.
func TestOpenCreationCutShort(t *testing.T) {
	for _, files := range [][]string{
		{"MANIFEST-REWRITE"},
		{"KEYREGISTRY", "MANIFEST-REWRITE"},
		{"REWRITE-KEYREGISTRY"},
		{"LOCK", "KEYREGISTRY", "MANIFEST-REWRITE", "DISCARD"},
	} {
		t.Run(strings.Join(files, ","), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "db")
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if err := os.WriteFile(filepath.Join(path, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			state, why, err := inspectDir(path)
			if err != nil || state != dirBadger {
				t.Fatalf("inspectDir = %v, %q, %v; want a Badger directory", state, why, err)
			}
		})
	}
}
