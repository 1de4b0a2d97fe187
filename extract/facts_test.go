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
