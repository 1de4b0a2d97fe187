package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/export"
)

// testDOT is a small graph to draw.
const testDOT = "digraph g { a -> b; b -> c }"

// TestServeDraws feeds a draw worker requests and reads its replies: a
// map drawn and written, a map it cannot write and a format it does not
// know are answered in turn, and the worker goes on until its input ends.
func TestServeDraws(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.svg")
	requests := []drawRequest{
		{Path: good, Format: "svg", DOT: []byte(testDOT)},
		{Path: filepath.Join(dir, "missing", "x.svg"), Format: "svg", DOT: []byte(testDOT)},
		{Path: filepath.Join(dir, "x.gif"), Format: "gif", DOT: []byte(testDOT)},
		{Path: filepath.Join(dir, "again.svg"), Format: "svg", DOT: []byte(testDOT)},
	}
	wantErrors := []string{"", "missing", `unknown render format "gif"`, ""}
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, r := range requests {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := serveDraws(&in, &out); err != nil {
		t.Fatalf("serveDraws: %v", err)
	}
	dec := json.NewDecoder(&out)
	for i, want := range wantErrors {
		var reply drawReply
		if err := dec.Decode(&reply); err != nil {
			t.Fatalf("reply %d: %v", i+1, err)
		}
		if (want == "") != (reply.Error == "") || !strings.Contains(reply.Error, want) {
			t.Errorf("reply %d: error %q, want one saying %q", i+1, reply.Error, want)
		}
	}
	if dec.More() {
		t.Error("more replies than requests")
	}
	data := mustRead(t, good)
	if !export.SVGUpToDate(data, []byte(testDOT), "") {
		t.Error("the worker's map is not what drawing the DOT writes")
	}
	if !bytes.Equal(mustRead(t, filepath.Join(dir, "again.svg")), data) {
		t.Error("the same DOT drawn twice differs")
	}

	if err := serveDraws(strings.NewReader("{not json"), &out); err == nil {
		t.Error("a malformed request is not an error")
	}
}

// childCommands returns a Streams.Command that runs this test binary as
// peoplegraph (see TestMain).
func childCommands(t *testing.T) func(args ...string) (*exec.Cmd, error) {
	return func(args ...string) (*exec.Cmd, error) { return childCommand(t, args...), nil }
}

// TestDrawWorkerProcess draws through a worker process: a map, a map it
// cannot write, and a worker that is not there.
func TestDrawWorkerProcess(t *testing.T) {
	dir := t.TempDir()
	w, err := startDrawWorker(childCommands(t))
	if err != nil {
		t.Fatal(err)
	}
	good := mapPlan{path: filepath.Join(dir, "a.svg"), format: "svg", dot: []byte(testDOT)}
	if err := w.draw(good); err != nil {
		t.Fatalf("draw: %v", err)
	}
	if !export.SVGUpToDate(mustRead(t, good.path), good.dot, "") {
		t.Error("the worker's map is not what drawing the DOT writes")
	}
	bad := mapPlan{path: filepath.Join(dir, "missing", "a.svg"), format: "svg", dot: []byte(testDOT)}
	if err := w.draw(bad); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("draw into a missing directory = %v, want an error naming it", err)
	}
	if err := w.close(); err != nil {
		t.Errorf("close: %v", err)
	}

	// A program that exits at once instead of serving.
	quits := func(args ...string) (*exec.Cmd, error) { return childCommand(t, "version"), nil }
	w, err = startDrawWorker(quits)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.draw(good); err == nil || !strings.Contains(err.Error(), "draw worker stopped") {
		t.Errorf("draw by a worker that quit = %v, want an error saying it stopped", err)
	}
	if err := w.close(); err != nil {
		t.Errorf("close after the worker stopped: %v", err)
	}
}

// writeInterviews adds n interviews of fictional guests under content.
func writeInterviews(t *testing.T, content string, n int) {
	t.Helper()
	topics := []string{"Kafka", "Terraform", "BigQuery", "Kubernetes", "Lambda", "Airflow"}
	for i := range n {
		slug := fmt.Sprintf("guest-%02d", i)
		path := filepath.Join(content, "blog", slug, "index.md")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		post := fmt.Sprintf("---\ntitle: \"Pipelines with Orla Fenwick %d\"\n---\n\n## Who should readers follow?\n\n"+
			"- **Tomas Rilke %d (Acme)** - %s / stream processing\n- **Lynn Langit** - %s\n",
			i, i%4, topics[i%len(topics)], topics[(i+1)%len(topics)])
		if err := os.WriteFile(path, []byte(post), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMapsJobs draws the maps of the same site in this process alone and
// with worker processes: the files and the output are the same, and the
// workers drew some of them.
func TestMapsJobs(t *testing.T) {
	maps := func(db string, jobs int) result {
		t.Helper()
		var out, errb bytes.Buffer
		code := Run(context.Background(), []string{"--db", db, "maps", "--jobs", fmt.Sprint(jobs)}, Streams{
			In: strings.NewReader(""), Out: &out, Err: &errb,
			Getenv:  func(string) string { return "" },
			Command: childCommands(t),
		})
		r := result{out.String(), errb.String(), code}
		mustSucceed(t, r, fmt.Sprintf("maps --jobs %d", jobs))
		return r
	}
	site := func() (content, db string) {
		t.Helper()
		content = copyContent(t)
		writeInterviews(t, content, 7)
		db = filepath.Join(t.TempDir(), "db")
		mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")
		return content, db
	}
	alone, aloneDB := site()
	shared, sharedDB := site()
	aloneRun, sharedRun := maps(aloneDB, 1), maps(sharedDB, 3)

	if aloneRun.err != "8 maps drawn, 0 already up to date\n" {
		t.Errorf("maps --jobs 1 summary: %q", aloneRun.err)
	}
	// Drawing a map takes far longer than preparing the next, so the
	// pool starts at least one worker for eight maps.
	if !regexp.MustCompile(`^8 maps drawn by [23] processes, 0 already up to date\n$`).MatchString(sharedRun.err) {
		t.Errorf("maps --jobs 3 summary: %q", sharedRun.err)
	}
	if got, want := strings.ReplaceAll(sharedRun.out, shared, "CONTENT"), strings.ReplaceAll(aloneRun.out, alone, "CONTENT"); got != want {
		t.Errorf("maps --jobs 3 printed\n%s\nwant\n%s", got, want)
	}
	compared := 0
	err := filepath.WalkDir(alone, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "peoplegraph.svg" {
			return err
		}
		compared++
		rel, _ := filepath.Rel(alone, p)
		if !bytes.Equal(mustRead(t, filepath.Join(shared, rel)), mustRead(t, p)) {
			t.Errorf("%s differs when drawn with workers", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if compared != 8 {
		t.Errorf("%d maps compared, want 8", compared)
	}

	// Nothing to draw: no worker is started.
	if again := maps(sharedDB, 3); again.err != "0 maps drawn, 8 already up to date\n" {
		t.Errorf("maps --jobs 3 again: %q", again.err)
	}
}

// TestDrawPoolBudgets: this process draws only its first maps when it
// has workers, and each worker only its share before a fresh one takes
// over (go-graphviz's memory only grows); where no worker starts, every
// map is drawn here.
func TestDrawPoolBudgets(t *testing.T) {
	noWorkers := func(args ...string) (*exec.Cmd, error) { return nil, errors.New("no workers here") }
	tests := []struct {
		name          string
		command       func(args ...string) (*exec.Cmd, error)
		minProcesses  int
		wantProcesses int // 0: any from minProcesses
	}{
		// Two maps here, two by each worker: the other seven need
		// four workers at least.
		{"workers", childCommands(t), 5, 0},
		{"no worker starts", noWorkers, 1, 1},
		{"no command", nil, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			pool := newDrawPool(context.Background(), 3, tt.command, nil)
			pool.inProcess, pool.perWorker = 2, 2
			var plans []mapPlan
			for i := range 9 {
				dot := fmt.Sprintf("digraph g { a -> b%d }", i)
				plans = append(plans, mapPlan{path: filepath.Join(dir, fmt.Sprintf("%d.svg", i)), format: "svg", dot: []byte(dot)})
			}
			for _, p := range plans {
				if err := pool.submit(p, p.path); err != nil {
					t.Fatal(err)
				}
			}
			drawn, processes, err := pool.close()
			if err != nil || drawn != len(plans) {
				t.Fatalf("close = %d drawn, %v; want %d drawn", drawn, err, len(plans))
			}
			if processes < tt.minProcesses || (tt.wantProcesses > 0 && processes != tt.wantProcesses) {
				t.Errorf("%d processes drew, want %d (at least %d)", processes, tt.wantProcesses, tt.minProcesses)
			}
			for _, p := range plans {
				if !export.SVGUpToDate(mustRead(t, p.path), p.dot, "") {
					t.Errorf("%s is not what drawing its DOT writes", p.path)
				}
			}
		})
	}
}

// TestDrawPoolError: a map that cannot be written fails the run with its
// label, and the maps submitted after it are refused.
func TestDrawPoolError(t *testing.T) {
	dir := t.TempDir()
	pool := newDrawPool(context.Background(), 2, childCommands(t), nil)
	bad := mapPlan{path: filepath.Join(dir, "missing", "x.svg"), format: "svg", dot: []byte(testDOT)}
	if err := pool.submit(bad, "map of nowhere"); err != nil {
		t.Fatal(err)
	}
	good := mapPlan{path: filepath.Join(dir, "good.svg"), format: "svg", dot: []byte(testDOT)}
	var refused error
	for range 50 {
		if refused = pool.submit(good, "map of good"); refused != nil {
			break
		}
	}
	_, _, err := pool.close()
	if err == nil || !strings.Contains(err.Error(), "map of nowhere") || !strings.Contains(err.Error(), "missing") {
		t.Errorf("close = %v, want the failed map's error", err)
	}
	if refused == nil || refused.Error() != err.Error() {
		t.Errorf("submit after the failure = %v, want %v", refused, err)
	}
}
