package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Config is peoplegraph.yaml: settings a site keeps beside its content.
//
//	db: .peoplegraph              # database directory
//	content: [content]            # what build reads by default
//	base_url: https://example.com/blog/   # interview nodes link to base_url + slug
//	gazetteer: [services.yaml]    # extra gazetteer files, relative to this file
type Config struct {
	DB        string   `yaml:"db"`
	Content   []string `yaml:"content"`
	BaseURL   string   `yaml:"base_url"`
	Gazetteer []string `yaml:"gazetteer"`

	dir string
}

// DefaultConfigFile is read from the working directory when present.
const DefaultConfigFile = "peoplegraph.yaml"

func (g *globals) loadConfig() (*Config, error) {
	path := g.config
	explicit := path != ""
	if !explicit {
		path = DefaultConfigFile
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return &Config{dir: "."}, nil
		}
		return nil, fmt.Errorf("read configuration %s: %w", path, err)
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("configuration %s: %w (known keys: db, content, base_url, gazetteer)", path, err)
	}
	c.dir = filepath.Dir(path)
	return &c, nil
}

// resolve makes a path from the configuration relative to its file.
func (c *Config) resolve(p string) string {
	if filepath.IsAbs(p) || c.dir == "" {
		return p
	}
	return filepath.Join(c.dir, p)
}

// database returns the database path: --db, then $PEOPLEGRAPH_DB, then the
// configuration, then ./.peoplegraph.
func (g *globals) database(c *Config) string {
	switch {
	case g.dbPath != "":
		return g.dbPath
	case g.streams.Getenv("PEOPLEGRAPH_DB") != "":
		return g.streams.Getenv("PEOPLEGRAPH_DB")
	case c != nil && c.DB != "":
		return c.resolve(c.DB)
	}
	return ".peoplegraph"
}
