// Package ingest brings a Store up to date with a set of interview files:
// it skips what is unchanged, extracts what is new or edited in parallel,
// retracts what was deleted, and recomputes analytics when the graph changed.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/graph/analytics"
)

// Store is what a sync needs of the database.
type Store interface {
	graph.Store
	// ReplaceInterviews writes many interviews in as few transactions as
	// fit, each interview still all-or-nothing. The store may keep the
	// facts: Sync hands them over and never changes them afterwards.
	ReplaceInterviews(ctx context.Context, fs []*graph.Facts) error
	// AnalyticsStale reports whether the graph changed since the last
	// SetAnalytics.
	AnalyticsStale(ctx context.Context) (bool, error)
}

// Extractor turns one file into facts.
type Extractor interface {
	Extract(f extract.File, data []byte) (*graph.Facts, error)
}

// Options configure a Sync.
type Options struct {
	// Roots are the files and directories that were searched; stored
	// interviews whose path lies under a root but that were not found
	// there any more are removed.
	Roots []string
	// Workers extract in parallel; 0 means GOMAXPROCS.
	Workers int
	// BatchSize is how many interviews are written per store call.
	BatchSize int
	// Progress, if set, is called after each file is handled.
	Progress func(done, total int)
	// Analysing, if set, is called once the files are handled and
	// analytics are about to be computed, which takes seconds on a large
	// graph: a caller showing progress can say what the wait is for.
	Analysing func()
	// Analytics configures centrality; SkipAnalytics leaves them stale.
	Analytics     analytics.Options
	SkipAnalytics bool
}

// FileError is a file that could not be ingested.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Report says what a Sync did.
type Report struct {
	Files     int      // interview files found
	Unchanged int      // skipped by content hash
	Added     []string // slugs
	Updated   []string // slugs
	Removed   []string // slugs
	Failed    []*FileError
	// Reread says every file was read again, changed or not, because
	// the extractor changed since the stored interviews were read (a
	// new version of peoplegraph, or another gazetteer).
	Reread bool
	// Analysed is true when analytics were recomputed.
	Analysed bool
	// AnalyticsSkipped is true when Options.SkipAnalytics left them stale.
	AnalyticsSkipped bool
	// IngestTime is spent reading, extracting and storing; AnalyticsTime
	// on centrality and communities.
	IngestTime, AnalyticsTime time.Duration
}

// Err returns an error summarising failed files, or nil.
func (r *Report) Err() error {
	if len(r.Failed) == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d interview files could not be read; the others were ingested", len(r.Failed), r.Files)
}

// Sync brings s up to date with files. A file that cannot be read or
// parsed is reported in Report.Failed and keeps whatever it contributed
// before; every other file is still ingested. The returned error is for
// failures of the store or a cancelled ctx.
func Sync(ctx context.Context, s Store, x Extractor, files []extract.File, opts Options) (*Report, error) {
	rep := &Report{Files: len(files)}
	start := time.Now()
	known, err := s.Interviews(ctx)
	if err != nil {
		return rep, err
	}
	stored := make(map[string]graph.InterviewInfo, len(known))
	for _, k := range known {
		stored[k.Slug] = k
	}

	// Facts read by another extractor (an older peoplegraph, another
	// gazetteer) may differ from what x reads: every file is then read
	// again, as if it had changed.
	rec, fingerprint, recorded, err := extractorRecord(ctx, s, x)
	if err != nil {
		return rep, err
	}
	rep.Reread = rec != nil && recorded != fingerprint && len(known) > 0

	var todo []extract.File
	seen := map[string]string{}
	done := 0
	step := func() {
		done++
		if opts.Progress != nil {
			opts.Progress(done, len(files))
		}
	}
	for _, f := range files {
		if prev, dup := seen[f.Slug]; dup {
			rep.Failed = append(rep.Failed, &FileError{f.Path, fmt.Errorf("slug %q is also used by %s; rename one of them", f.Slug, prev)})
			step()
			continue
		}
		seen[f.Slug] = f.Path
		todo = append(todo, f)
	}

	if err := extractAndStore(ctx, s, x, todo, stored, opts, rep, step); err != nil {
		return rep, err
	}

	// Retract interviews whose files are gone from the searched roots.
	for _, k := range known {
		if _, ok := seen[k.Slug]; ok || !underAny(k.Path, opts.Roots) {
			continue
		}
		if err := s.RemoveInterview(ctx, k.Slug); err != nil {
			return rep, fmt.Errorf("remove interview %s: %w", k.Slug, err)
		}
		rep.Removed = append(rep.Removed, k.Slug)
	}
	sort.Strings(rep.Added)
	sort.Strings(rep.Updated)
	sort.Strings(rep.Removed)
	// Every stored interview has now been read by x, unless some lie
	// outside the roots this build read: those are read again next time.
	if rec != nil && recorded != fingerprint && !slices.ContainsFunc(known, func(k graph.InterviewInfo) bool {
		_, ok := seen[k.Slug]
		return !ok && !underAny(k.Path, opts.Roots)
	}) {
		if err := rec.SetExtractedWith(ctx, fingerprint); err != nil {
			return rep, err
		}
	}
	rep.IngestTime = time.Since(start)

	if opts.SkipAnalytics {
		rep.AnalyticsSkipped = true
		return rep, nil
	}
	stale, err := s.AnalyticsStale(ctx)
	if err != nil {
		return rep, err
	}
	if !stale {
		return rep, nil
	}
	if opts.Analysing != nil {
		opts.Analysing()
	}
	start = time.Now()
	if err := Analyse(ctx, s, opts.Analytics); err != nil {
		return rep, err
	}
	rep.Analysed = true
	rep.AnalyticsTime = time.Since(start)
	return rep, nil
}

// analyticsKeeper is a store that remembers the analytics it held before
// the last writes (badgerstore does), so that an edit that leaves the
// analytics graph alone need not compute them again.
// fingerprinter is an Extractor that names the facts it reads (see
// extract.Extractor.Fingerprint).
type fingerprinter interface {
	Fingerprint() string
}

// extractorRecorder is a Store that records which extractor read the
// interviews it holds.
type extractorRecorder interface {
	ExtractedWith(ctx context.Context) (string, error)
	SetExtractedWith(ctx context.Context, fingerprint string) error
}

// extractorRecord returns s as an extractorRecorder, x's fingerprint and
// the one s recorded, or a nil recorder when either cannot tell.
func extractorRecord(ctx context.Context, s Store, x Extractor) (extractorRecorder, string, string, error) {
	rec, ok := s.(extractorRecorder)
	fp, ok2 := x.(fingerprinter)
	if !ok || !ok2 {
		return nil, "", "", nil
	}
	recorded, err := rec.ExtractedWith(ctx)
	if err != nil {
		return nil, "", "", err
	}
	return rec, fp.Fingerprint(), recorded, nil
}

type analyticsKeeper interface {
	PreviousAnalytics() *graph.Analytics
}

// analyticsPreparer is a store that can do part of SetAnalytics' work
// before the analytics are known (badgerstore writes its index and
// encodes most of its snapshot), on the graph the last Load returned.
type analyticsPreparer interface {
	PrepareAnalytics(ctx context.Context) error
}

// Analyse recomputes centrality and communities for the whole stored
// graph and stores them. When the store remembers the analytics it held
// before the last writes and those writes left the analytics graph as it
// was (evidence reworded or moved, a title fixed), they are taken over
// instead of computed again: they would come out the same. A store that
// can prepare for SetAnalytics does so while the analytics are computed.
func Analyse(ctx context.Context, s graph.Store, opts analytics.Options) error {
	g, err := s.Load(ctx)
	if err != nil {
		return fmt.Errorf("load graph for analytics: %w", err)
	}
	if k, ok := s.(analyticsKeeper); ok && opts.Previous == nil {
		opts.Previous = k.PreviousAnalytics()
	}
	prepared := make(chan error, 1)
	if p, ok := s.(analyticsPreparer); ok {
		go func() { prepared <- p.PrepareAnalytics(ctx) }()
	} else {
		prepared <- nil
	}
	a, err := analytics.Compute(ctx, g, opts)
	// Wait for the store either way: it must not be closed under a
	// preparation still writing.
	if perr := <-prepared; err == nil && perr != nil {
		return fmt.Errorf("prepare to store analytics: %w", perr)
	}
	if err != nil {
		return fmt.Errorf("analytics: %w", err)
	}
	if err := s.SetAnalytics(ctx, a); err != nil {
		return fmt.Errorf("store analytics: %w", err)
	}
	return nil
}

// extractAndStore reads, hashes and (unless the stored hash says the file
// is unchanged, as it says of most files in most builds) extracts todo in
// parallel, and writes the results in batches, in file order so that a
// build is reproducible.
func extractAndStore(ctx context.Context, s Store, x Extractor, todo []extract.File, stored map[string]graph.InterviewInfo,
	opts Options, rep *Report, step func()) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 256
	}
	type result struct {
		facts     *graph.Facts
		err       error
		unchanged bool
	}
	// Files the extractor read before it changed are read again.
	reread := rep.Reread
	results := make([]result, len(todo))
	ready := make([]chan struct{}, len(todo))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	// Workers claim files in order by counting, not from a channel fed
	// by another goroutine: handing each of 10,000 files over through a
	// channel parks and wakes threads thousands of times.
	var next atomic.Int64
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// On the way out, whether by a write error or the end, the workers
	// stop claiming files before they are waited for.
	defer func() {
		cancel()
		wg.Wait()
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(todo) {
					return
				}
				f, r := todo[i], &results[i]
				data, err := ReadFile(f.Path)
				if err != nil {
					r.err = err
					close(ready[i])
					continue
				}
				sum := sha256.Sum256(data)
				hash := hex.EncodeToString(sum[:])
				if old, ok := stored[f.Slug]; ok && !reread && old.Hash == hash && old.Path == f.Path {
					r.unchanged = true
					close(ready[i])
					continue
				}
				f.Hash = hash
				if r.facts, r.err = safeExtract(x, f, data); r.facts != nil {
					r.facts.Interview.Hash = hash
					r.facts.Interview.Path = f.Path
				}
				close(ready[i])
			}
		}()
	}

	var batch []*graph.Facts
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := s.ReplaceInterviews(ctx, batch); err != nil {
			return fmt.Errorf("write interviews: %w", err)
		}
		for _, f := range batch {
			if _, ok := stored[f.Interview.Slug]; ok {
				rep.Updated = append(rep.Updated, f.Interview.Slug)
			} else {
				rep.Added = append(rep.Added, f.Interview.Slug)
			}
		}
		batch = batch[:0]
		return nil
	}
	for i := range todo {
		select {
		case <-ready[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		r := results[i]
		results[i] = result{}
		step()
		if r.unchanged {
			rep.Unchanged++
			continue
		}
		if r.err != nil {
			rep.Failed = append(rep.Failed, &FileError{todo[i].Path, r.err})
			continue
		}
		batch = append(batch, r.facts)
		if len(batch) >= batchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// safeExtract turns a panic in the extractor into an error for that file,
// so one hostile interview cannot stop the others.
func safeExtract(x Extractor, f extract.File, data []byte) (facts *graph.Facts, err error) {
	defer func() {
		if p := recover(); p != nil {
			facts, err = nil, fmt.Errorf("extractor failed on this file (%v); please report it with the file attached", p)
		}
	}()
	return x.Extract(f, data)
}

func underAny(path string, roots []string) bool {
	path, _ = filepath.Abs(path)
	for _, r := range roots {
		r, _ = filepath.Abs(r)
		if path == r {
			return true
		}
		rel, err := filepath.Rel(r, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return true
		}
	}
	return false
}
