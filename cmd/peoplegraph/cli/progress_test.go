package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/extract"
)

// TestBuildProgress: on a terminal, a build shows a bar while it reads
// the interviews and spinners while it computes centrality and draws the
// map; anywhere else
// standard error carries neither, so logs and pipes stay parseable.
func TestBuildProgress(t *testing.T) {
	interviews := filepath.Join("..", "..", "..", "testdata", "interviews")
	files, err := extract.Discover(interviews)
	if err != nil {
		t.Fatal(err)
	}
	summary := fmt.Sprintf("Interviews: %d found, %[1]d added,", len(files))
	tests := []struct {
		name     string
		terminal bool
		want     []string
		unwanted []string
	}{
		{"terminal", true, []string{"reading interviews", "computing centrality", "drawing the map"}, nil},
		{"pipe", false, nil, []string{"reading interviews", "computing centrality", "drawing the map"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := []string{"--db", filepath.Join(t.TempDir(), "db"), "build", interviews, "--map", filepath.Join(t.TempDir(), "map.svg")}
			code := Run(context.Background(), args, Streams{
				In:          strings.NewReader(""),
				Out:         &out,
				Err:         &errb,
				ErrTerminal: tc.terminal,
				Getenv:      func(string) string { return "" },
			})
			if code != 0 {
				t.Fatalf("build exited %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), summary) {
				t.Fatalf("summary is missing; output:\n%s", out.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("standard error lacks %q:\n%q", w, errb.String())
				}
			}
			for _, w := range tc.unwanted {
				if strings.Contains(errb.String(), w) {
					t.Errorf("standard error has %q:\n%q", w, errb.String())
				}
			}
		})
	}
}

// TestMapsProgress: 'peoplegraph maps' shows a bar on a terminal only.
func TestMapsProgress(t *testing.T) {
	content := copyContent(t)
	addInterview(t, content, "Kafka")
	db := filepath.Join(t.TempDir(), "db")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
	for _, terminal := range []bool{true, false} {
		var out, errb bytes.Buffer
		code := Run(context.Background(), []string{"--db", db, "maps"}, Streams{
			In: strings.NewReader(""), Out: &out, Err: &errb, ErrTerminal: terminal,
			Getenv: func(string) string { return "" },
		})
		if code != 0 {
			t.Fatalf("maps exited %d: %s", code, errb.String())
		}
		if got := strings.Contains(errb.String(), "drawing maps"); got != terminal {
			t.Errorf("terminal %v: standard error %q", terminal, errb.String())
		}
	}
}
