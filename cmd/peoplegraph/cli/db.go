package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/badgerstore"
)

// openStore opens the database for writing.
func (g *globals) openStore(ctx context.Context, c *Config) (*badgerstore.Store, error) {
	return badgerstore.Open(ctx, badgerstore.Options{Path: g.database(c), Logger: g.logger()})
}

// loadGraph opens the database read-only and reads the whole graph.
func (g *globals) loadGraph(ctx context.Context) (*graph.Graph, *Config, error) {
	c, err := g.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	path := g.database(c)
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("no database at %s: run 'peoplegraph build' first, or pass --db", path)
	}
	s, err := badgerstore.Open(ctx, badgerstore.Options{Path: path, ReadOnly: true, Logger: g.logger()})
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	gr, err := s.Load(ctx)
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
