package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFreeSpace(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		db      string
		free    uint64
		known   bool
		wantErr bool
	}{
		{"plenty", filepath.Join(dir, "db"), 10 << 30, true, false},
		{"exactly enough", filepath.Join(dir, "db"), minFreeSpace, true, false},
		{"nearly full", filepath.Join(dir, "db"), 10 << 20, true, true},
		{"unknown platform", filepath.Join(dir, "db"), 0, false, false},
		{"database not yet created, parent checked", filepath.Join(dir, "a", "b", "db"), 1 << 20, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var asked string
			err := checkFreeSpace(tc.db, func(d string) (uint64, bool) {
				asked = d
				return tc.free, tc.known
			})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if asked != dir {
				t.Errorf("asked about %s, want the nearest existing directory %s", asked, dir)
			}
			if err != nil && (!strings.Contains(err.Error(), tc.db) || !strings.Contains(err.Error(), "--db")) {
				t.Errorf("error does not name the database and the way out: %v", err)
			}
		})
	}
}
