package ingest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/extract"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	post := bytes.Repeat([]byte("An answer about Kubernetes.\n"), 500)
	tooLarge := write("huge.md", nil)
	if err := os.Truncate(tooLarge, extract.MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		want    []byte
		wantErr string // in the message
		is      error  // errors.Is target, if any
	}{
		{"a post", write("post.md", post), post, "", nil},
		{"an empty file", write("empty.md", nil), []byte{}, "", nil},
		{"missing", filepath.Join(dir, "gone.md"), nil, "gone.md", fs.ErrNotExist},
		{"a directory", filepath.Join(dir, "folder.md"), nil, "not a regular file", nil},
		{"larger than the limit", tooLarge, nil, "larger than the", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadFile(tt.path)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ReadFile: %v", err)
				}
				if !bytes.Equal(got, tt.want) {
					t.Errorf("read %d bytes, want %d", len(got), len(tt.want))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ReadFile error = %v, want one saying %q", err, tt.wantErr)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("ReadFile error = %v, want errors.Is %v", err, tt.is)
			}
		})
	}
}
