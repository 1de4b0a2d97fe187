package extract

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one interview file found on disk.
type File struct {
	Path string // as found under the root, slash or OS separated
	Slug string // the interview's slug, see SlugFor
	// Hash is the hex SHA-256 of the file's content when the caller has
	// computed it already, as a build does to skip unchanged files;
	// Extract computes it when it is empty.
	Hash string
}

// interviewExts are the extensions of files Discover returns.
var interviewExts = map[string]bool{".md": true, ".markdown": true, ".mdx": true}

// skippedDirs are directories that hold build output or dependencies,
// never posts.
var skippedDirs = map[string]bool{"node_modules": true, "public": true, "_site": true, "vendor": true}

// skippedStems are repository documents that share the markdown extension
// with posts.
var skippedStems = map[string]bool{
	"readme": true, "changelog": true, "changes": true, "license": true, "licence": true,
	"contributing": true, "code_of_conduct": true, "security": true, "authors": true,
	"notice": true, "history": true, "todo": true,
}

// Discover lists the interview files under the roots, sorted by path. A
// root may itself be a file, which is returned whatever its name.
func Discover(roots ...string) ([]File, error) {
	seen := map[string]bool{}
	var files []File
	add := func(path string) {
		if seen[path] {
			return
		}
		seen[path] = true
		files = append(files, File{Path: path, Slug: SlugFor(path)})
	}
	for _, root := range roots {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("discover: %w", err)
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("walk %s: %w", path, err)
			}
			name := d.Name()
			if d.IsDir() {
				if path != root && (skippedDirs[name] || (strings.HasPrefix(name, ".") && name != ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || !IsInterviewName(name) {
				return nil
			}
			add(path)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("discover %s: %w", root, err)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// IsInterviewName reports whether Discover takes a regular file of this
// name, found in a folder it walks, for an interview.
func IsInterviewName(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	ext := filepath.Ext(name)
	return interviewExts[strings.ToLower(ext)] && !skippedStems[strings.ToLower(strings.TrimSuffix(name, ext))]
}

// SlugFor is the slug of the interview at path: the folder name of a
// Gatsby or Hugo page bundle ("<slug>/index.md"), else the file name
// without its extension. A Jekyll post keeps its date prefix so that two
// posts with the same title on different days stay apart.
func SlugFor(path string) string {
	path = filepath.ToSlash(path)
	base := pathBase(path)
	stem := strings.TrimSuffix(base, extOf(base))
	if low := strings.ToLower(stem); low == "index" || low == "_index" {
		dir := strings.TrimSuffix(path, "/"+base)
		if dir != path && dir != "" && dir != "." {
			return pathBase(dir)
		}
	}
	return stem
}

func pathBase(p string) string {
	p = strings.TrimRight(p, "/")
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

func extOf(name string) string {
	if i := strings.LastIndex(name, "."); i > 0 {
		return name[i:]
	}
	return ""
}
