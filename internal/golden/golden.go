// Package golden compares test output with golden files, the one way every
// package's tests do it: the file is rewritten when the test runs with
// -update, and a mismatch reports the first line that differs.
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Check compares got with the file at path. With update set it first
// writes got there, creating directories as needed.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if !utf8.Valid(got) || !utf8.Valid(want) {
		t.Errorf("%s differs from byte %d on (%d bytes, golden %d); if the change is intended, rerun with -update and review it",
			path, commonPrefix(got, want), len(got), len(want))
		return
	}
	t.Errorf("%s differs; if the change is intended, rerun with -update and review it:\n%s", path, FirstDiff(string(got), string(want)))
}

// FirstDiff describes the first line where got and want differ, or says
// they are equal.
func FirstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n  got  %s\n  want %s", i+1, gl, wl)
		}
	}
	return "(equal)"
}

func commonPrefix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}
