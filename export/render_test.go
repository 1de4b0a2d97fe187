package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"sync"
	"testing"
)

func newTestRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

func renderMap(t testing.TB, r *Renderer, o MapOptions, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.RenderMap(&buf, loadFacts(t, "interviews.json"), o, format); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// childEnv marks the re-executed test binary that renders the SVG golden
// in a fresh process.
const childEnv = "PEOPLEGRAPH_EXPORT_SVG_CHILD"

// TestSVGDeterministic renders the map twice in this process and once in
// a child process: all three must be byte-identical to the golden file.
func TestSVGDeterministic(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		os.Stdout.Write(renderMap(t, newTestRenderer(t), MapOptions{Title: "Fixture"}, "svg"))
		return
	}
	r := newTestRenderer(t)
	first := renderMap(t, r, MapOptions{Title: "Fixture"}, "svg")
	second := renderMap(t, r, MapOptions{Title: "Fixture"}, "svg")
	if !bytes.Equal(first, second) {
		t.Fatal("two renders in one process differ")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSVGDeterministic$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("child process: %v\n%s", err, errOut.String())
	}
	// The child's stdout ends with the test framework's "PASS" line.
	child := bytes.TrimSuffix(out.Bytes(), []byte("PASS\n"))
	if !bytes.Equal(first, child) {
		t.Fatalf("render in a child process differs (%d vs %d bytes)", len(first), len(child))
	}
	golden(t, "interviews.svg", first)
	checkSVGInert(t, first)
}

func TestPNGDeterministic(t *testing.T) {
	r := newTestRenderer(t)
	for _, o := range []MapOptions{{}, {Theme: "dark", ColorBy: "community"}, {Focus: "person/lynn-langit"}} {
		a := renderMap(t, r, o, "png")
		b := renderMap(t, r, o, "png")
		if !bytes.Equal(a, b) {
			t.Errorf("%+v: two PNG renders differ", o)
		}
		img, err := png.Decode(bytes.NewReader(a))
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		if w := img.Bounds().Dx(); w < 300 || w > 1000 {
			t.Errorf("%+v: PNG is %d px wide, want a blog column (300–1000)", o, w)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	r := newTestRenderer(t)
	dot := []byte("digraph { a -> b }")
	if err := r.Render(dot, "", "gif", &bytes.Buffer{}); err == nil {
		t.Error("gif accepted")
	}
	if err := r.Render(dot, "spring", "svg", &bytes.Buffer{}); err == nil {
		t.Error("unknown layout accepted")
	}
	if err := r.Render([]byte("digraph { a -> }"), "", "svg", &bytes.Buffer{}); err == nil {
		t.Error("broken DOT accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.RenderContext(ctx, dot, "", "svg", &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
	// The renderer still works after all of the above.
	var buf bytes.Buffer
	if err := r.Render(dot, "", "svg", &buf); err != nil || !bytes.Contains(buf.Bytes(), []byte("<svg")) {
		t.Errorf("render after errors: %v", err)
	}
}

func TestRendererConcurrent(t *testing.T) {
	r := newTestRenderer(t)
	want := renderMap(t, r, MapOptions{}, "svg")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := r.RenderMap(&buf, loadFacts(t, "interviews.json"), MapOptions{}, "svg"); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want) {
				errs <- fmt.Errorf("concurrent render differs")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestRendererClosed(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Render([]byte("digraph { a }"), "", "svg", &bytes.Buffer{}); err == nil {
		t.Error("closed renderer rendered")
	}
}
