package extract

import (
	"strings"
	"testing"
)

func TestClip(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"single spaced", "Jane Doe works at Acme.", "Jane Doe works at Acme."},
		{"leading and trailing space", " Jane Doe ", "Jane Doe"},
		{"run of spaces", "Jane  Doe", "Jane Doe"},
		{"tab and newline", "Jane\tDoe\nAcme", "Jane Doe Acme"},
		{"no-break space", "Jane\u00a0Doe", "Jane Doe"},
		{"non-ASCII kept", "Zoë Ünal – Acme", "Zoë Ünal – Acme"},
		{"too long", long, strings.TrimSpace(long[:300]) + "…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := clip(tc.in); got != tc.want {
				t.Errorf("clip(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzSingleSpaced checks the shortcut clip takes against what it skips.
func FuzzSingleSpaced(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "a  b", "a\tb", "a\u0085b", "a\u00a0b", "a\u2003b", "\xffa b", "a b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if singleSpaced(s) && strings.Join(strings.Fields(s), " ") != s {
			t.Fatalf("singleSpaced(%q) but Fields and Join change it", s)
		}
		if !singleSpaced(s) && strings.Join(strings.Fields(s), " ") == s {
			t.Fatalf("!singleSpaced(%q) though Fields and Join keep it", s)
		}
	})
}
