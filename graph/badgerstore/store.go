package badgerstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/peoplegraph/peoplegraph/graph"
)

// schemaVersion is the version of the key layout and value encoding this
// package writes. Bump it when a change is not readable by older binaries
// or when this binary cannot read what older ones wrote. Version 2 moved
// the facts from i/ to f/ and added the graph snapshot; version 3 keys
// the index by node instead of by node and interview; version 4 adds the
// nodes' votes; version 5 drops the index's adjacency lists and names,
// which the graph snapshot serves. A read-write open upgrades a version 2,
// 3 or 4 database in place (see migrate).
const schemaVersion = 5

// Sentinel errors; Open wraps them with the database path.
var (
	// ErrLocked means another process (or another Store in this process)
	// has the database open.
	ErrLocked = errors.New("database is in use")
	// ErrNotDatabase means the directory holds something other than a
	// peoplegraph database.
	ErrNotDatabase = errors.New("not a peoplegraph database")
	// ErrNewerSchema means the database was written by a newer peoplegraph.
	ErrNewerSchema = errors.New("database schema is newer than this binary")
	// ErrOlderSchema means the database was written by an older
	// peoplegraph whose layout this one does not read; it must be rebuilt.
	ErrOlderSchema = errors.New("database schema is older than this binary")
	// ErrReadOnly means a write was attempted on a Store opened read-only.
	ErrReadOnly = errors.New("database is open read-only")
	// ErrUnknownInterview means no interview with the given slug is stored.
	ErrUnknownInterview = errors.New("no such interview")
	// ErrTooLarge means one interview's facts do not fit in one Badger
	// transaction, so they cannot be written atomically.
	ErrTooLarge = errors.New("interview too large to store atomically")
)

// openError is a one-line, user-facing message that still matches its
// sentinel with errors.Is.
type openError struct {
	msg  string
	kind error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.kind }

func lockedError(path string) error {
	return &openError{
		msg:  fmt.Sprintf("database %s is in use by another peoplegraph process (a build?); wait for it to finish", path),
		kind: ErrLocked,
	}
}

func notDatabaseError(path, why string) error {
	return &openError{
		msg:  fmt.Sprintf("%s is not a peoplegraph database (%s); pass --db to choose another directory", path, why),
		kind: ErrNotDatabase,
	}
}

// Options configures Open.
type Options struct {
	// Path is the database directory. It is created if missing.
	Path string
	// ReadOnly opens the database for queries. If Badger cannot open it
	// read-only (it needs a replay after a crash, or does not exist yet)
	// and no other process holds it, Open opens it read-write, which
	// replays, and the Store still refuses writes.
	ReadOnly bool
	// Logger receives Badger's log: its info at Debug, its warnings and
	// errors at Warn. Nil discards it.
	Logger *slog.Logger
	// MapSnapshot has a read-only Store's Load map the graph snapshot
	// file into memory instead of reading it, and never unmap it: the
	// strings of a graph decoded from it point into the mapping. It suits
	// a process that loads the graph once and exits, such as a
	// command-line query, which then checks and decodes the file's pages
	// where the page cache holds them instead of copying them first.
	// Builds replace the file rather than rewrite it, so a mapped graph
	// outlives the next build; rewriting the file in place by other means
	// under a running process would fault it. It is ignored on a
	// read-write Store, and on Windows, which keeps a mapped file from
	// being deleted.
	MapSnapshot bool
}

// Store is a graph.Store on a Badger database. It is safe for concurrent
// use; writes are serialised.
type Store struct {
	db       *badger.DB
	path     string
	readOnly bool
	log      *slog.Logger // never nil
	// mapSnapshot is Options.MapSnapshot.
	mapSnapshot bool

	writeMu sync.Mutex // one writer at a time keeps batches and m/stale simple

	// scanned is the graph the last key-by-key Load read, kept by a
	// read-write Store so that SetAnalytics, which follows that Load in a
	// build, writes the snapshot without scanning the keys again.
	scannedMu sync.Mutex
	scanned   *scannedGraph
	// published is the graph the last SetAnalytics wrote to the snapshot,
	// with the database version it describes; see takePublished.
	published *publishedGraph

	// dirty holds the nodes whose index entries may be out of date: the
	// nodes of every interview written since the last SetAnalytics. If
	// dirtyAll is set (the index was stale when the store was opened, or
	// writing it failed) SetAnalytics compares the whole index instead.
	// Both are guarded by writeMu.
	dirty    map[string]bool
	dirtyAll bool
	// journal holds what each interview written since the graph
	// snapshot had in it and has now, or is nil itself when this Store
	// has not seen every such write (see patch.go). votes are the votes
	// of the dirty nodes (every node, with dirtyAll), as the last Load
	// counted them for SetAnalytics. Both are guarded by writeMu.
	journal map[string]journalEntry
	votes   map[string][]nodeVote
	// previous are the analytics of the snapshot the last Load patched.
	previous *graph.Analytics
	// prepared is what PrepareAnalytics did for the next SetAnalytics.
	// Guarded by writeMu.
	prepared *preparedSnapshot
	// facts encodes the f/ records ReplaceInterviews writes, and held
	// keeps them for the batch being written until it commits (see
	// batch.keep); both are reused. Guarded by writeMu, as batches are.
	facts factsEncoder
	held  []byte
	// viewed is the graph Lookup, Out and In read; see graphView.
	viewMu sync.Mutex
	viewed *viewedGraph
}

var _ graph.Store = (*Store)(nil)

type publishedGraph struct {
	version uint64
	g       *graph.Graph
}

// Open opens or creates the database at opts.Path.
func Open(ctx context.Context, opts Options) (*Store, error) {
	return open(ctx, opts, nil)
}

// mapSnapshot says whether a Store opened with opts maps its snapshot
// (see Options.MapSnapshot).
func mapSnapshot(opts Options) bool {
	return opts.MapSnapshot && opts.ReadOnly && runtime.GOOS != "windows"
}

// tuneFunc adjusts Badger's options; benchmarks use it to compare settings.
type tuneFunc func(badger.Options) badger.Options

func open(ctx context.Context, opts Options, tune tuneFunc) (*Store, error) {
	if opts.Path == "" {
		return nil, errors.New("open database: no path given")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := filepath.Clean(opts.Path)
	state, why, err := inspectDir(path)
	if err != nil {
		return nil, err
	}
	if state == dirForeign {
		return nil, notDatabaseError(path, why)
	}
	if opts.ReadOnly && state == dirBadger {
		s, err := openBadger(path, true, opts.Logger, tune)
		if err == nil {
			s.mapSnapshot = mapSnapshot(opts)
			return s.init(ctx)
		}
		if errors.Is(err, ErrLocked) {
			return nil, err
		}
		// Badger refuses read-only opens that need a replay; fall back
		// to read-write below, which replays, if nobody holds the lock.
		logger(opts.Logger).Debug("read-only open failed; trying read-write", "path", path, "err", err)
	}
	if !opts.ReadOnly && state == dirBadger {
		// Check the schema before Badger writes anything (a read-write
		// open adds files), so a foreign or newer database is left as it
		// was. Badger refuses this when the log needs a replay; the
		// read-write open below replays and checks then.
		if s, err := openBadger(path, true, opts.Logger, tune); err == nil {
			err = s.checkSchema(ctx, true)
			s.db.Close()
			if err != nil {
				return nil, err
			}
		} else if errors.Is(err, ErrLocked) {
			return nil, err
		}
	}
	if state == dirMissing || state == dirEmpty {
		tune = bulkLoad(tune)
	}
	s, err := openBadger(path, false, opts.Logger, tune)
	if err != nil {
		return nil, err
	}
	s.readOnly, s.mapSnapshot = opts.ReadOnly, mapSnapshot(opts)
	if s, err = s.init(ctx); err != nil {
		return nil, err
	}
	s.removeUnusedSnapshots()
	if !s.readOnly {
		err := s.db.View(func(txn *badger.Txn) error {
			var err error
			s.dirtyAll, err = exists(txn, keyStale)
			return err
		})
		if err != nil {
			s.db.Close()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		if !s.dirtyAll {
			s.journal = map[string]journalEntry{}
		}
	}
	return s, nil
}

// removeUnusedSnapshots removes snapshot files that m/snapshot does not
// name, left by a crash during SetAnalytics. Failing to is only worth a
// warning: they take space but are never read.
func (s *Store) removeUnusedSnapshots() {
	var keep string
	err := s.db.View(func(txn *badger.Txn) error {
		h, _, err := readSnapshotHeader(txn)
		keep = h.file
		return err
	})
	if err == nil {
		err = removeSnapshotFiles(s.path, keep)
	}
	if err != nil {
		s.log.Warn("graph snapshot cleanup", "path", s.path, "err", err)
	}
}

func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

// badgerOptions tunes Badger for a CLI on a small machine: small
// memtables and caches, one version per key, snappy for the evidence
// text, and synced commits so a commit that returned survives a crash.
// A cold build writes the whole database through the memtables, so level
// 0 holds up to 8 tables and level 1 is 64 MB (Badger's defaults: 5 and
// 10 MB): a 10,000-interview build (about 110 MB of keys and values) then
// compacts a few times rather than cascading through levels. Two 16 MB
// memtables rather than three of 32 MB: the table builders that flush
// them keep buffers the size of a memtable, and at 10,000 interviews this
// took a whole build's peak from 991 to 767 MB (medians of three) at the
// same speed.
//
// Commits are not synced one by one (SyncWrites off): the records are
// derived from files the next build reads again, and a bulk build's
// per-commit msync of the log cost a tenth of its time. A killed process
// loses nothing (the log is in the page cache); a power loss can lose the
// last commits since a sync, never a commit's part or order, since Badger
// replays its log up to the first entry that fails its checksum.
// SetAnalytics and Close sync.
func badgerOptions(path string, readOnly bool, log *slog.Logger) badger.Options {
	o := badger.DefaultOptions(path).
		WithReadOnly(readOnly).
		WithSyncWrites(false). // see above
		WithNumVersionsToKeep(1).
		WithMemTableSize(16 << 20).
		WithNumMemtables(2).
		WithNumLevelZeroTables(8).
		WithNumLevelZeroTablesStall(16).
		WithBaseLevelSize(64 << 20).
		WithBaseTableSize(8 << 20).
		WithValueLogFileSize(64 << 20).
		WithCompression(options.Snappy).
		WithBlockCacheSize(16 << 20).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithMetricsEnabled(false).
		WithDetectConflicts(false). // writes are serialised by Store.writeMu
		WithLogger(nil)
	if log != nil {
		o = o.WithLogger(badgerLogger{log: log})
	}
	return o
}

func openBadger(path string, readOnly bool, log *slog.Logger, tune tuneFunc) (*Store, error) {
	if _, err := os.Stat(path); err == nil {
		free, err := lockFree(path, readOnly)
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		if !free {
			return nil, lockedError(path)
		}
	}
	o := badgerOptions(path, readOnly, log)
	if tune != nil {
		o = tune(o)
	}
	db, err := badger.Open(o)
	if err != nil && !readOnly && strings.Contains(err.Error(), z.NewFile.Error()) {
		// A crash between creating a memtable or value-log file and
		// sizing it leaves an empty one, which Badger refuses once
		// (dgraph-io/badger#2207); that failed open sized the file, and
		// a second open reads it as an empty log. Badger formats the
		// error rather than wrapping it, hence the text.
		logger(log).Warn("the database had an empty log file left by a crash; opening it again", "path", path, "err", err)
		db, err = badger.Open(o)
	}
	if err != nil {
		// Another process may have taken the lock since the probe.
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, lockedError(path)
		}
		mode := "read-write"
		if readOnly {
			mode = "read-only"
		}
		return nil, fmt.Errorf("open database %s %s: %w", path, mode, err)
	}
	return &Store{db: db, path: path, readOnly: readOnly, log: logger(log), dirty: map[string]bool{}}, nil
}

// init checks the schema version, writing it into a new database.
func (s *Store) init(ctx context.Context) (*Store, error) {
	err := s.checkSchema(ctx, !s.readOnly)
	if err != nil {
		s.db.Close()
		return nil, err
	}
	if !s.readOnly {
		if err := s.collectValueLog(); err != nil {
			// The database is whole; the next Open tries again.
			s.log.Warn("collecting the value log's stale records failed", "path", s.path, "err", err)
		}
	}
	return s, nil
}

// checkSchema refuses a database this binary cannot use. If upgrade is
// set, an older schema that migrate handles is accepted: migrated when the
// database is open read-write, and left for the read-write open that
// follows otherwise.
func (s *Store) checkSchema(ctx context.Context, upgrade bool) error {
	var version uint64
	var found, empty bool
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keySchema)
		if errors.Is(err, badger.ErrKeyNotFound) {
			it := txn.NewIterator(badger.IteratorOptions{})
			defer it.Close()
			it.Rewind()
			empty = !it.Valid()
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		return item.Value(func(v []byte) error {
			version, err = decodeSchema(v)
			return err
		})
	})
	if err != nil {
		return fmt.Errorf("read schema of %s: %w", s.path, err)
	}
	switch {
	case found && version > schemaVersion:
		return &openError{
			msg: fmt.Sprintf("database %s has schema version %d but this peoplegraph reads version %d; upgrade peoplegraph",
				s.path, version, schemaVersion),
			kind: ErrNewerSchema,
		}
	case found && version >= 2 && version < schemaVersion && upgrade && s.db.Opts().ReadOnly:
		return nil
	case found && version >= 2 && version < schemaVersion && upgrade:
		return s.migrate(ctx, version)
	case found && version >= 2 && version < schemaVersion:
		return &openError{
			msg: fmt.Sprintf("database %s was built by an older peoplegraph (schema version %d, this one reads %d); run build to upgrade it",
				s.path, version, schemaVersion),
			kind: ErrOlderSchema,
		}
	case found && version < schemaVersion:
		return &openError{
			msg: fmt.Sprintf("database %s was built by an older peoplegraph (schema version %d, this one reads %d); delete it and run build again",
				s.path, version, schemaVersion),
			kind: ErrOlderSchema,
		}
	case found:
		return nil
	case !empty:
		return notDatabaseError(s.path, "a Badger database without a peoplegraph schema")
	case s.readOnly || s.db.IsClosed():
		return nil // an empty store reads as an empty graph
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, encodeSchema(schemaVersion)) })
	if err != nil {
		return fmt.Errorf("initialise database %s: %w", s.path, err)
	}
	return nil
}

// migrate upgrades a database of schema 2, 3 or 4: its i/ and f/ records
// are read as they are. A schema 4 database keeps its n/ keys, snapshot
// and analytics and loses its e/, r/ and a/ keys. Older ones lose their
// index keys too (per interview in schema 2, without node votes in
// schema 3), and m/stale makes the next SetAnalytics write the index,
// analytics and snapshot afresh.
func (s *Store) migrate(ctx context.Context, version uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// DropPrefix is atomic per call and m/schema is written last, so a
	// crash part-way leaves an older database that migrates again.
	if version < 4 {
		if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyStale, []byte{}) }); err != nil {
			return fmt.Errorf("upgrade database %s: %w", s.path, err)
		}
		if err := s.db.DropPrefix([]byte(prefixNode)); err != nil {
			return fmt.Errorf("upgrade database %s: %w", s.path, err)
		}
	}
	if err := s.dropRetiredIndex(); err != nil {
		return fmt.Errorf("upgrade database %s: %w", s.path, err)
	}
	err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keySchema, encodeSchema(schemaVersion)) })
	if err != nil {
		return fmt.Errorf("upgrade database %s: %w", s.path, err)
	}
	if version < 4 {
		s.log.Info("upgraded the database to a new schema; the next build rewrites its index", "path", s.path, "schema", schemaVersion)
	} else {
		s.log.Info("upgraded the database to a new schema", "path", s.path, "schema", schemaVersion)
	}
	return nil
}

type dirState int

const (
	dirMissing dirState = iota // created by Badger
	dirEmpty                   // used as a new database
	dirBadger                  // holds Badger files
	dirForeign                 // holds something else: refuse
)

// badgerFiles are the names Badger creates, so a directory holding only
// these (a creation cut short) is still opened. A new database's
// manifest is written as MANIFEST-REWRITE and then renamed: a build
// killed in between leaves that alone.
var badgerFiles = map[string]bool{
	"LOCK": true, badger.ManifestFilename: true, "MANIFEST-REWRITE": true,
	badger.KeyRegistryFileName: true, badger.KeyRegistryRewriteFileName: true, "DISCARD": true,
}

func inspectDir(path string) (dirState, string, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return dirMissing, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("open database %s: %w", path, err)
	}
	if !fi.IsDir() {
		return dirForeign, "it is a file", nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return 0, "", fmt.Errorf("open database %s: %w", path, err)
	}
	if len(entries) == 0 {
		return dirEmpty, "", nil
	}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if !badgerFiles[name] && ext != ".sst" && ext != ".vlog" && ext != ".mem" && !isSnapshotFile(name) {
			return dirForeign, fmt.Sprintf("it holds %s", name), nil
		}
	}
	return dirBadger, "", nil
}

// Path returns the database directory.
func (s *Store) Path() string { return s.path }

// Close releases the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}
