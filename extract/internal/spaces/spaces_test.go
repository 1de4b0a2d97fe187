package spaces

import (
	"slices"
	"strings"
	"testing"
)

func TestCollapse(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"single spaced", "Jane Doe", "Jane Doe"},
		{"ends", " Jane Doe ", "Jane Doe"},
		{"run", "Jane  \t Doe", "Jane Doe"},
		{"no-break space", "Jane\u00a0Doe", "Jane Doe"},
		{"only space", " \n ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Collapse(tc.in); got != tc.want {
				t.Errorf("Collapse(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzSingle checks the shortcut Collapse takes against what it skips.
func FuzzSingle(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "a  b", "a\tb", "a\u0085b", "a\u00a0b", "a\u2003b", "\xffa b", "a b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if single(s) && strings.Join(strings.Fields(s), " ") != s {
			t.Fatalf("single(%q) but Fields and Join change it", s)
		}
		if !single(s) && strings.Join(strings.Fields(s), " ") == s {
			t.Fatalf("!single(%q) though Fields and Join keep it", s)
		}
	})
}

func TestCountAndLast(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a b ", "a\u00a0b\u2003c", "a\u0085 b", "\xffa \xfe", "a\vb\fc", "Jane  Doe "} {
		checkCountAndLast(t, s)
	}
}

func FuzzCountAndLast(f *testing.F) {
	for _, s := range []string{"a b", " a\tb ", "a\u00a0b", "\xff \xfe"} {
		f.Add(s)
	}
	f.Fuzz(checkCountAndLast)
}

func checkCountAndLast(t *testing.T, s string) {
	t.Helper()
	fields := strings.Fields(s)
	if got := Count(s); got != len(fields) {
		t.Errorf("Count(%q) = %d, want %d", s, got, len(fields))
	}
	want := ""
	if len(fields) > 0 {
		want = fields[len(fields)-1]
	}
	if got := Last(s); got != want {
		t.Errorf("Last(%q) = %q, want %q", s, got, want)
	}
}

func TestAppendFields(t *testing.T) {
	for _, s := range []string{"", " ", "Jane Doe", "  Jane \t Doe  ", "Jane\u00a0Doe", "a\u0085b\u2003c", "\xffJane Doe\xfe", "one"} {
		t.Run(s, func(t *testing.T) { checkAppendFields(t, s) })
	}
}

func FuzzAppendFields(f *testing.F) {
	for _, s := range []string{"Jane Doe", "  a \t b  ", "a\u00a0b", "\xffa b"} {
		f.Add(s)
	}
	f.Fuzz(checkAppendFields)
}

func checkAppendFields(t *testing.T, s string) {
	t.Helper()
	prefix := []string{"kept"}
	got := AppendFields(prefix, s)
	if want := append([]string{"kept"}, strings.Fields(s)...); !slices.Equal(got, want) {
		t.Errorf("AppendFields(%q) = %q, want %q", s, got, want)
	}
}

// BenchmarkCollapse collapses evidence that is already single-spaced, as
// most is.
func BenchmarkCollapse(b *testing.B) {
	s := "We moved most of our workloads to Amazon Managed Service for Prometheus last year, and the team has not looked back. Zoë agrees."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if Collapse(s) != s {
			b.Fatal("changed")
		}
	}
}
