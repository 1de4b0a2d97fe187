package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// addInterview writes a second interview, a Gatsby bundle, into content.
func addInterview(t *testing.T, content, topic string) string {
	t.Helper()
	path := filepath.Join(content, "blog", "ada-quill", "index.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	post := "---\ntitle: \"Data platforms with Ada Quill\"\n---\n\n## Who should readers follow?\n\n" +
		"- **Marta Velez (Acme)** - " + topic + " / stream processing\n- **Lynn Langit** - BigQuery / " + topic + "\n"
	if err := os.WriteFile(path, []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// backdate sets a file's modification time an hour back, so that a later
// write shows.
func backdate(t *testing.T, path string) time.Time {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return old
}

func modTime(t *testing.T, path string) time.Time {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}

func TestMaps(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	post := addInterview(t, content, "Kafka")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	adaMap := filepath.Join(filepath.Dir(post), "peoplegraph.svg")
	lynnMap := filepath.Join(content, "blog", "lynn-langit", "peoplegraph.svg")

	if r := run(t, nil, "--db", db, "maps", "--check"); r.code != ExitFailure || !strings.Contains(r.out, "stale: "+adaMap) {
		t.Fatalf("check before any map was drawn: exit %d\n%s%s", r.code, r.out, r.err)
	}
	r := run(t, nil, "--db", db, "maps")
	mustSucceed(t, r, "maps")
	for _, p := range []string{adaMap, lynnMap} {
		if !strings.Contains(r.out, p+"\t![People and topics in this interview](./peoplegraph.svg)") {
			t.Errorf("maps does not print the Markdown for %s:\n%s", p, r.out)
		}
		assertSVG(t, mustRead(t, p))
	}
	if !strings.Contains(r.err, "2 maps drawn, 0 already up to date") {
		t.Errorf("maps summary: %q", r.err)
	}
	drawn := mustRead(t, adaMap)

	t.Run("unchanged maps are not drawn again", func(t *testing.T) {
		old := backdate(t, adaMap)
		r := run(t, nil, "--db", db, "maps")
		mustSucceed(t, r, "maps again")
		if !strings.Contains(r.err, "0 maps drawn, 2 already up to date") {
			t.Errorf("maps summary: %q", r.err)
		}
		if !modTime(t, adaMap).Equal(old) {
			t.Error("an up-to-date map was written again")
		}
		if r := run(t, nil, "--db", db, "maps", "--check"); r.code != ExitOK || r.out != "" {
			t.Errorf("check of fresh maps: exit %d\n%s%s", r.code, r.out, r.err)
		}
	})

	t.Run("a map edited by hand is stale and drawn again", func(t *testing.T) {
		edited := strings.Replace(string(drawn), "</svg>", "<!-- edited --></svg>", 1)
		if err := os.WriteFile(adaMap, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, nil, "--db", db, "maps", "--check")
		if r.code != ExitFailure || r.out != "stale: "+adaMap+"\n" {
			t.Errorf("check after a hand edit: exit %d\n%s%s", r.code, r.out, r.err)
		}
		mustSucceed(t, run(t, nil, "--db", db, "maps"), "maps after the edit")
		if got := mustRead(t, adaMap); string(got) != string(drawn) {
			t.Error("the map drawn again differs from the first drawing of the same graph")
		}
	})

	t.Run("an edited interview's map alone is stale", func(t *testing.T) {
		// The edit moves centrality and communities across the graph;
		// the other interview's map shows none of it.
		addInterview(t, content, "Flink / Spark")
		mustSucceed(t, run(t, nil, "--db", db, "build", content), "rebuild")
		r := run(t, nil, "--db", db, "maps", "--check")
		if r.code != ExitFailure || r.out != "stale: "+adaMap+"\n" {
			t.Fatalf("check after an edit: exit %d\n%s%s", r.code, r.out, r.err)
		}
		old := backdate(t, lynnMap)
		r = run(t, nil, "--db", db, "maps")
		mustSucceed(t, r, "maps after the edit")
		if !strings.Contains(r.err, "1 maps drawn, 1 already up to date") || !modTime(t, lynnMap).Equal(old) {
			t.Errorf("maps after an edit to another interview: %q", r.err)
		}
		if !strings.Contains(string(mustRead(t, adaMap)), "Flink") {
			t.Error("the redrawn map does not show the edit")
		}
	})

	t.Run("without analytics", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "db")
		mustSucceed(t, run(t, nil, "--db", db, "build", "--no-analytics", content), "build --no-analytics")
		r := run(t, nil, "--db", db, "maps", "--name", "plain.svg")
		mustSucceed(t, r, "maps without analytics")
		assertSVG(t, mustRead(t, filepath.Join(filepath.Dir(post), "plain.svg")))
	})
}

func TestBuildMapUpToDate(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	out := filepath.Join(t.TempDir(), "map.svg")
	r := run(t, nil, "--db", db, "build", content, "--map", out)
	mustSucceed(t, r, "build --map")
	if !strings.Contains(r.out, "Map written to "+out) {
		t.Errorf("first build:\n%s", r.out)
	}
	old := backdate(t, out)
	r = run(t, nil, "--db", db, "build", content, "--map", out)
	mustSucceed(t, r, "build --map again")
	if !strings.Contains(r.out, "Map "+out+" is up to date") || !modTime(t, out).Equal(old) {
		t.Errorf("a no-op build drew the map again:\n%s", r.out)
	}
	addInterview(t, content, "Kafka")
	r = run(t, nil, "--db", db, "build", content, "--map", out)
	mustSucceed(t, r, "build --map after adding an interview")
	if !strings.Contains(r.out, "Map written to "+out) || !strings.Contains(string(mustRead(t, out)), "Marta Velez") {
		t.Errorf("the map was not drawn again after the graph changed:\n%s", r.out)
	}

	bad := filepath.Join(t.TempDir(), "db")
	r = run(t, nil, "--db", bad, "build", content, "--map", "map.jpeg")
	if r.code != ExitUsage || !strings.Contains(r.err, "--map map.jpeg") {
		t.Errorf("--map map.jpeg: exit %d, stderr %q", r.code, r.err)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a build with a wrong --map went ahead: %v", err)
	}
}

func TestInOrder(t *testing.T) {
	errWork, errUse := errors.New("work failed"), errors.New("use failed")
	tests := []struct {
		name              string
		n                 int
		failWork, failUse int // -1: never
		cancel            bool
		want              error
		wantUsed          int
	}{
		{"none", 0, -1, -1, false, nil, 0},
		{"one", 1, -1, -1, false, nil, 1},
		{"many", 500, -1, -1, false, nil, 500},
		{"work fails", 500, 37, -1, false, errWork, 37},
		{"use fails", 500, -1, 12, false, errUse, 13},
		{"cancelled", 500, -1, -1, true, context.Canceled, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				cancel()
			}
			var started, used atomic.Int64
			ahead := int64(0)
			var mu sync.Mutex
			work := func(i int) (int, error) {
				mu.Lock()
				ahead = max(ahead, started.Add(1)-used.Load())
				mu.Unlock()
				if i == tc.failWork {
					return 0, errWork
				}
				return i * i, nil
			}
			var seen []int
			err := inOrder(ctx, tc.n, work, func(i, v int) error {
				if i != len(seen) || v != i*i {
					t.Fatalf("use(%d, %d) after %d results", i, v, len(seen))
				}
				seen = append(seen, i)
				used.Add(1)
				if i == tc.failUse {
					return errUse
				}
				return nil
			})
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("inOrder = %v, want %v", err, tc.want)
			}
			if len(seen) != tc.wantUsed {
				t.Errorf("used %d results, want %d", len(seen), tc.wantUsed)
			}
			if limit := int64(8*runtime.GOMAXPROCS(0) + 1); ahead > limit {
				t.Errorf("work ran %d items ahead of use, more than %d", ahead, limit)
			}
		})
	}
}

// TestRenderFileUpToDate: render -o leaves an SVG or DOT file that holds
// the same map alone, and draws it again once the options change it.
func TestRenderFileUpToDate(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	for _, name := range []string{"map.svg", "map.dot"} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), name)
			mustSucceed(t, run(t, nil, "--db", db, "render", "--top", "20", "-o", out), "render")
			old := backdate(t, out)
			mustSucceed(t, run(t, nil, "--db", db, "render", "--top", "20", "-o", out), "render again")
			if !modTime(t, out).Equal(old) {
				t.Error("the same map was written again")
			}
			mustSucceed(t, run(t, nil, "--db", db, "render", "--top", "10", "-o", out), "render fewer nodes")
			if modTime(t, out).Equal(old) {
				t.Error("a different map was not written")
			}
		})
	}
}

func TestMapsOfDeletedInterviews(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	ada := addInterview(t, content, "Kafka")
	post := func(name, guest string) string {
		t.Helper()
		path := filepath.Join(content, "posts", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		text := "---\ntitle: \"Notes from " + guest + "\"\n---\n\n## Who should readers follow?\n\n- **Lynn Langit** - BigQuery\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	omar := post("2024-05-01-omar-tal.md", "Omar Tal")
	pia := post("pia-lund.markdown", "Pia Lund")
	post("kim-ode.md", "Kim Ode")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	mustSucceed(t, run(t, nil, "--db", db, "maps"), "maps")
	adaMap := filepath.Join(filepath.Dir(ada), "peoplegraph.svg")
	omarMap := filepath.Join(content, "posts", "2024-05-01-omar-tal.peoplegraph.svg")
	piaMap := filepath.Join(content, "posts", "pia-lund.peoplegraph.svg")
	kept := []string{
		filepath.Join(content, "blog", "lynn-langit", "peoplegraph.svg"),
		filepath.Join(content, "posts", "kim-ode.peoplegraph.svg"),
		piaMap, // edited by hand below
	}
	for _, p := range append([]string{adaMap, omarMap}, kept...) {
		assertSVG(t, mustRead(t, p))
	}

	// A file of the same name that maps did not draw is the user's.
	own := filepath.Join(content, "blog", "old-post", "peoplegraph.svg")
	kept = append(kept, own)
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(mustRead(t, piaMap)), "</svg>", "<!-- kept --></svg>", 1)
	if err := os.WriteFile(piaMap, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{ada, omar, pia} {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	// Interviews that fail to build are not in the graph, but their
	// files are there: maps they had are not orphans.
	drawn := mustRead(t, kept[0])
	for _, bad := range []struct{ post, drawnMap string }{
		{filepath.Join(content, "blog", "broken", "index.md"), filepath.Join(content, "blog", "broken", "peoplegraph.svg")},
		{filepath.Join(content, "posts", "bad-post.md"), filepath.Join(content, "posts", "bad-post.peoplegraph.svg")},
	} {
		if err := os.MkdirAll(filepath.Dir(bad.post), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bad.post, []byte("---\ntitle: [unclosed\n---\n\x00\x01 binary"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(bad.drawnMap, drawn, 0o644); err != nil {
			t.Fatal(err)
		}
		kept = append(kept, bad.drawnMap)
	}
	if r := run(t, nil, "--db", db, "build", content); r.code != ExitFailure || !strings.Contains(r.err, "bad-post.md") {
		t.Fatalf("build with two bad files: exit %d, want %d\n%s", r.code, ExitFailure, r.err)
	}

	r := run(t, nil, "--db", db, "maps", "--check")
	if want := "orphan: " + adaMap + "\norphan: " + omarMap + "\n"; r.code != ExitFailure || r.out != want {
		t.Errorf("check after deleting interviews: exit %d, out\n%s\nwant\n%s\nerr %s", r.code, r.out, want, r.err)
	}
	if !strings.Contains(r.err, "2 maps are left from deleted interviews") {
		t.Errorf("check's error: %q", r.err)
	}
	for _, p := range []string{adaMap, omarMap} {
		mustRead(t, p) // --check removes nothing
	}

	r = run(t, nil, "--db", db, "maps")
	mustSucceed(t, r, "maps after deleting interviews")
	for _, p := range []string{adaMap, omarMap} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the map of a deleted interview is still there: %s (%v)", p, err)
		}
		if !strings.Contains(r.err, "removed "+p+": its interview is gone\n") {
			t.Errorf("maps does not say it removed %s:\n%s", p, r.err)
		}
	}
	if !strings.HasSuffix(r.err, "0 maps drawn, 2 already up to date, 2 of deleted interviews removed\n") {
		t.Errorf("maps summary: %q", r.err)
	}
	for _, p := range kept {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("maps removed %s, which it should have kept: %v", p, err)
		}
	}
	if r := run(t, nil, "--db", db, "maps", "--check"); r.code != ExitOK || r.out != "" {
		t.Errorf("check once the orphans are gone: exit %d\n%s%s", r.code, r.out, r.err)
	}
}
