package badgerstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// TestValueLog: the process that creates a database writes its f/ records
// to the value log; later ones write to the LSM tree; once compactions
// have found the first build's records replaced, a read-write Open
// collects them and every live record stays.
func TestValueLog(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s := openAt(t, dir)
	replaceAll(t, s, genMany(400, 0)...)
	closeStore(t, s)
	first := valueLogFiles(t, dir)
	if len(first) != 1 {
		t.Fatalf("a cold build wrote records to %d value-log files, want 1", len(first))
	}

	// Compacting level 0 at close, as Badger does by itself once enough
	// tables pile up, drops the first build's versions.
	s, err := open(ctx, Options{Path: dir}, func(o badger.Options) badger.Options { return o.WithCompactL0OnClose(true) })
	if err != nil {
		t.Fatal(err)
	}
	replaceAll(t, s, genMany(400, 1)...)
	if err := s.RemoveInterview(ctx, genSlug(0)); err != nil {
		t.Fatal(err)
	}
	closeStore(t, s)
	if got := valueLogFiles(t, dir); len(got) != 1 || got[0] != first[0] {
		t.Fatalf("an incremental build left value-log files %v, want only %v", got, first)
	}

	s = openAt(t, dir)
	if _, err := os.Stat(first[0]); err == nil {
		t.Errorf("%s holds only replaced records but is still there", filepath.Base(first[0]))
	}
	assertSameGraph(t, s, genMany(400, 1)[1:]...)
	assertClean(t, s)
}

func closeStore(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// valueLogFiles lists the value-log files in dir that hold records.
func valueLogFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.vlog"))
	if err != nil {
		t.Fatal(err)
	}
	var full []string
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		// A log file without records holds only its 20-byte header.
		if fi.Size() > 20 {
			full = append(full, f)
		}
	}
	return full
}
