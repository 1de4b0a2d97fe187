package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peoplegraph/peoplegraph/corpus"
	"github.com/peoplegraph/peoplegraph/extract"
)

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []int
	}{
		{"plain", "1000,10000", []int{1000, 10000}},
		{"thousands", "1k, 10K,100k", []int{1000, 10000, 100000}},
		{"one", "7", []int{7}},
		{"zero", "0", nil},
		{"negative", "-5", nil},
		{"empty item", "1000,,10", nil},
		{"words", "many", nil},
		{"too big", "1000k", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseSizes(tc.in)
			if tc.want == nil {
				if err == nil {
					t.Errorf("parseSizes(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("parseSizes(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func FuzzParseSizes(f *testing.F) {
	for _, s := range []string{"1000,10000,100000", "1k", "0", "k", "1,2,3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sizes, err := parseSizes(s)
		if err != nil {
			return
		}
		if len(sizes) != strings.Count(s, ",")+1 {
			t.Errorf("parseSizes(%q) = %v: one size per item", s, sizes)
		}
		for _, n := range sizes {
			if n < 1 || n > corpus.MaxInterviews {
				t.Errorf("parseSizes(%q) accepted %d", s, n)
			}
		}
	})
}

func TestGenAndFloor(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	ctx := context.Background()
	if err := run(ctx, []string{"gen", "-n", "25", "-seed", "3", dir}, &out, &errb); err != nil {
		t.Fatalf("gen: %v\n%s", err, errb.String())
	}
	out.Reset()
	if err := run(ctx, []string{"floor", dir}, &out, &errb); err != nil {
		t.Fatalf("floor: %v\n%s", err, errb.String())
	}
	var res floorResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("floor output %q: %v", out.String(), err)
	}
	files, err := extract.Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 25 || len(files) != 25 {
		t.Errorf("floor read %d files, Discover finds %d; generated 25", res.Files, len(files))
	}
	if res.Bytes < 25*500 {
		t.Errorf("floor read %d bytes from 25 interviews, want real posts", res.Bytes)
	}
}

func TestRunRejectsUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"bake"}},
		{"gen without dir", []string{"gen", "-n", "3"}},
		{"floor with two dirs", []string{"floor", "a", "b"}},
		{"phases without db", []string{"phases", "dir"}},
		{"queries without topic", []string{"queries", "-db", "x", "-name", "y"}},
		{"table with bad sizes", []string{"table", "-sizes", "ten"}},
		{"table with no pairs", []string{"table", "-pairs", "0"}},
		{"pairs without bin", []string{"pairs", "dir"}},
		{"pairs with no pairs", []string{"pairs", "-bin", "pg", "-n", "0", "dir"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if err := run(context.Background(), tc.args, &out, &errb); err == nil {
				t.Errorf("run(%q) succeeded", tc.args)
			}
		})
	}
}

func TestTableWrite(t *testing.T) {
	col := func(n int, floor, cold time.Duration) *column {
		return &column{n: n, files: n, bytes: int64(n) * 3000, topic: "Autoscaling",
			floor: sample{wall: floor, maxRSS: 30 << 20}, cold: sample{wall: cold, maxRSS: 300 << 20},
			phases: phasesResult{Ingest: cold.Seconds() / 2}}
	}
	tb := &table{cols: []*column{col(1000, 100*time.Millisecond, 500*time.Millisecond), col(10000, time.Second, 8*time.Second)}}
	tb.cols[1].pairs = pairStats{n: 5, ratio: 7.5, lowest: 7, highest: 8.25, cpuRatio: 6}
	tb.cols[1].cold.cpu, tb.cols[1].floor.cpu = 12*time.Second, 2*time.Second
	var out bytes.Buffer
	tb.write(&out)
	s := out.String()
	for _, want := range []string{
		"| figure | 1k interviews | 10k interviews | growth |",
		"| **cold build**, whole CLI process | 500 ms (5.0× floor) | 8.00 s (8.0× floor) | ×16.0 |",
		"| cold build peak RSS | 300 MB | 300 MB | ×1.0 |",
		"| cold build ÷ floor, pair by pair: median (range) | – | 7.50× (7.00–8.25×) of 5 |",
		"| cold build processor time ÷ floor's, median | – | 6.00× (12.00 s against 2.00 s) |",
		"| **floor**: read + goldmark parse, whole process | 100 ms, 30 MB | 1.00 s, 30 MB | ×10.0 |",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("table lacks the line\n%s\nin\n%s", want, s)
		}
	}
}

func TestEdits(t *testing.T) {
	tests := []struct {
		name    string
		edit    func([]byte) ([]byte, error)
		post    string
		want    string // a substring of the edited post
		wantErr bool
	}{
		{name: "reword a YAML title", edit: rewordTitle, post: "---\ntitle: \"Serverless with Ada\"\n---\nBody\n", want: "\ntitle: \"Revised: Serverless with Ada\"\n"},
		{name: "reword a TOML title", edit: rewordTitle, post: "+++\ntitle = \"Serverless with Ada\"\n+++\nBody\n", want: "\ntitle = \"Revised: Serverless with Ada\"\n"},
		{name: "no title to reword", edit: rewordTitle, post: "---\ndate: 2020-01-02\n---\nBody\n", wantErr: true},
		{name: "recommend someone new", edit: addRecommendation, post: "Body\n", want: "Body\n\n#### Who should our readers follow?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.edit([]byte(tt.post))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !bytes.Contains(got, []byte(tt.want)) {
				t.Errorf("edited post lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	p := func(floor, build, floorCPU, buildCPU time.Duration) pair {
		return pair{floor: sample{wall: floor, cpu: floorCPU}, build: sample{wall: build, cpu: buildCPU}}
	}
	ms := time.Millisecond
	tests := []struct {
		name                   string
		pairs                  []pair
		floor, build           time.Duration
		ratio, lowest, highest float64
		cpuRatio               float64
	}{
		{"one pair", []pair{p(100*ms, 600*ms, 150*ms, 1200*ms)}, 100 * ms, 600 * ms, 6, 6, 6, 8},
		{
			// The machine slowed down for the second pair: its ratio is
			// the same, though its times are twice the others'.
			"a slow pair",
			[]pair{p(100*ms, 500*ms, 100*ms, 500*ms), p(200*ms, 1000*ms, 200*ms, 1000*ms), p(100*ms, 700*ms, 100*ms, 700*ms)},
			100 * ms, 700 * ms, 5, 5, 7, 5,
		},
		{
			"even count takes the upper middle",
			[]pair{p(100*ms, 400*ms, 100*ms, 400*ms), p(100*ms, 600*ms, 100*ms, 600*ms)},
			100 * ms, 600 * ms, 6, 4, 6, 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := summarize(tt.pairs)
			if st.n != len(tt.pairs) || st.floor.wall != tt.floor || st.build.wall != tt.build {
				t.Errorf("summarize: %d pairs, floor %v, build %v; want %d, %v, %v", st.n, st.floor.wall, st.build.wall, len(tt.pairs), tt.floor, tt.build)
			}
			near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
			if !near(st.ratio, tt.ratio) || !near(st.lowest, tt.lowest) || !near(st.highest, tt.highest) || !near(st.cpuRatio, tt.cpuRatio) {
				t.Errorf("summarize: ratio %.3f (%.3f to %.3f), cpu %.3f; want %.3f (%.3f to %.3f), cpu %.3f",
					st.ratio, st.lowest, st.highest, st.cpuRatio, tt.ratio, tt.lowest, tt.highest, tt.cpuRatio)
			}
		})
	}
	if st := summarize(nil); st.n != 0 {
		t.Errorf("summarize(nil) = %+v", st)
	}
}
