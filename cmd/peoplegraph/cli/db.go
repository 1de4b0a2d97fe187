package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
)

// minFreeSpace is the free space a write needs: Badger maps its memtable
// and value-log files into memory, and a write into a mapped file on a full
// disk kills the process with SIGBUS instead of returning an error.
const minFreeSpace = 256 << 20

// openStore opens the database for writing.
func (g *globals) openStore(ctx context.Context, c *Config) (*badgerstore.Store, error) {
	path := g.database(c)
	if err := checkFreeSpace(path, freeBytes); err != nil {
		return nil, err
	}
	return badgerstore.Open(ctx, badgerstore.Options{Path: path, Logger: g.logger()})
}

// checkFreeSpace refuses to write into a database whose file system is
// nearly full, before anything is written, so what is there stays intact.
func checkFreeSpace(path string, free func(dir string) (uint64, bool)) error {
	dir := path
	for {
		if _, err := os.Stat(dir); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
	avail, ok := free(dir)
	if ok && avail < minFreeSpace {
		return fmt.Errorf("database %s: only %d MB free on its file system; free at least %d MB or pass --db to use another disk",
			path, avail>>20, minFreeSpace>>20)
	}
	return nil
}

// loadGraph opens the database read-only and reads the whole graph. With
// deferSources, edges' sources are read only when graph.Graph.Sources asks
// for them: right for a query, which cites a few, and wrong for an
// export, which writes them all.
func (g *globals) loadGraph(ctx context.Context, deferSources bool) (*graph.Graph, *Config, error) {
	c, err := g.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	path := g.database(c)
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("no database at %s: run 'peoplegraph build' first, or pass --db", path)
	}
	// This process loads the graph once and exits: the snapshot can be
	// mapped rather than copied (see badgerstore.Options.MapSnapshot).
	s, err := badgerstore.Open(ctx, badgerstore.Options{Path: path, ReadOnly: true, MapSnapshot: true, Logger: g.logger()})
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	load := s.Load
	if deferSources {
		load = s.LoadDeferred
	}
	gr, err := load(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return gr, c, nil
}

// logger routes library logging to standard error at warning level when
// PEOPLEGRAPH_DEBUG is set, and nowhere otherwise.
func (g *globals) logger() *slog.Logger {
	if g.streams.Getenv("PEOPLEGRAPH_DEBUG") == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(slog.NewTextHandler(g.streams.Err, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newExtractor builds the extractor with the shipped gazetteer and the
// configuration's extra files.
func (g *globals) newExtractor(c *Config, extra []string) (*extract.Extractor, error) {
	sets := [][]gazetteer.Entry{}
	def, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("shipped gazetteer: %w", err)
	}
	sets = append(sets, def.Entries())
	files := append([]string{}, extra...)
	for _, f := range c.Gazetteer {
		files = append(files, c.resolve(f))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("gazetteer file: %w", err)
		}
		es, err := gazetteer.Parse(f, data)
		if err != nil {
			return nil, err
		}
		sets = append(sets, es)
	}
	gz, err := gazetteer.New(sets...)
	if err != nil {
		return nil, err
	}
	return extract.New(gz), nil
}
