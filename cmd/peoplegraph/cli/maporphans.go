package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/peoplegraph/peoplegraph/export"
	"github.com/peoplegraph/peoplegraph/extract"
	"github.com/peoplegraph/peoplegraph/graph"
)

// orphanMaps returns, sorted, the maps left behind by interviews that are
// gone: files where 'maps' would have written the map of an interview
// file that is no longer there, beside the interviews of gr (in the
// folders of its single-file posts, and in the other bundles beside its
// bundles). current holds the map paths of gr's interviews. Only a map
// peoplegraph drew and nobody changed since (see export.SVGAsDrawn) is an
// orphan, so a file a user put there, or edited, is never taken for one.
func orphanMaps(gr *graph.Graph, name string, current map[string]bool) ([]string, error) {
	// Single-file posts share folders; a bundle is a folder of its own,
	// and bundles share a parent. At 10,000 bundles that is one folder
	// to list, not 10,000.
	folders, bundles, bundleParents := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, in := range gr.Interviews {
		dir := filepath.Dir(in.Path)
		if isBundleIndex(filepath.Base(in.Path)) {
			bundles[dir] = true
			bundleParents[filepath.Dir(dir)] = true
		} else {
			folders[dir] = true
		}
	}
	var orphans []string
	for _, dir := range slices.Sorted(maps.Keys(folders)) {
		entries, err := readDirIfAny(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			stem, ok := strings.CutSuffix(e.Name(), "."+name)
			if !ok || stem == "" || current[path] || !e.Type().IsRegular() || interviewNamed(entries, dir, stem) {
				continue
			}
			if drawnMap(path) {
				orphans = append(orphans, path)
			}
		}
	}
	for _, parent := range slices.Sorted(maps.Keys(bundleParents)) {
		siblings, err := readDirIfAny(parent)
		if err != nil {
			return nil, err
		}
		for _, sib := range siblings {
			dir := filepath.Join(parent, sib.Name())
			path := filepath.Join(dir, name)
			if !sib.IsDir() || current[path] || bundles[dir] {
				continue
			}
			entries, err := readDirIfAny(dir)
			if err != nil {
				return nil, err
			}
			if hasBundleIndex(entries) || !hasRegular(entries, name) {
				continue
			}
			if drawnMap(path) {
				orphans = append(orphans, path)
			}
		}
	}
	// The two looks find different files: <stem>.<name> and <name>.
	slices.Sort(orphans)
	return orphans, nil
}

// readDirIfAny lists dir, or nothing if it is gone.
func readDirIfAny(dir string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look for maps of deleted interviews: %w", err)
	}
	return entries, nil
}

// isBundleIndex reports whether a file of this name is the page of a
// Gatsby or Hugo bundle, whose map is the bundle's.
func isBundleIndex(name string) bool {
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	return stem == "index" || stem == "_index"
}

func hasBundleIndex(entries []fs.DirEntry) bool {
	return slices.ContainsFunc(entries, func(e fs.DirEntry) bool {
		return !e.IsDir() && isBundleIndex(e.Name()) && extract.IsInterviewName(e.Name())
	})
}

func hasRegular(entries []fs.DirEntry, name string) bool {
	return slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == name && e.Type().IsRegular() })
}

// interviewNamed reports whether dir holds an interview file whose map
// would be <slug>.<name>: one whose slug is slug.
func interviewNamed(entries []fs.DirEntry, dir, slug string) bool {
	return slices.ContainsFunc(entries, func(e fs.DirEntry) bool {
		return !e.IsDir() && extract.IsInterviewName(e.Name()) && extract.SlugFor(filepath.Join(dir, e.Name())) == slug
	})
}

// drawnMap reports whether the file at path is a map peoplegraph drew,
// unchanged since. A file that cannot be read is not.
func drawnMap(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && export.SVGAsDrawn(data)
}
