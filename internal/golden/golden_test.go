package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFirstDiff(t *testing.T) {
	tests := []struct {
		name, got, want, says string
	}{
		{"equal", "a\nb", "a\nb", "(equal)"},
		{"second line", "a\nx\nc", "a\nb\nc", "line 2:"},
		{"got shorter", "a", "a\nb", "line 2:"},
		{"want shorter", "a\nb", "a", "line 2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := FirstDiff(tc.got, tc.want); !strings.HasPrefix(d, tc.says) {
				t.Errorf("FirstDiff = %q, want it to start %q", d, tc.says)
			}
		})
	}
}

// recorder captures what Check reports instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, format)
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	Check(t, path, []byte("one\ntwo\n"), true)
	if data, err := os.ReadFile(path); err != nil || string(data) != "one\ntwo\n" {
		t.Fatalf("-update wrote %q, %v", data, err)
	}
	Check(t, path, []byte("one\ntwo\n"), false)

	r := &recorder{TB: t}
	Check(r, path, []byte("one\nthree\n"), false)
	if len(r.errors) != 1 {
		t.Errorf("a different output reported %d errors, want 1", len(r.errors))
	}
	r = &recorder{TB: t}
	Check(r, path, []byte{0xff, 0xfe}, false)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "byte") {
		t.Errorf("binary output: %v", r.errors)
	}
}
