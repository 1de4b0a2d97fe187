//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package ingest

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadLimitedRefusesPipe: a named pipe among the posts is refused at
// once, not waited on for a writer that never comes.
func TestReadLimitedRefusesPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatalf("make a named pipe: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(p)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("ReadFile(pipe) = %v, want 'not a regular file'", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadFile blocked on a named pipe")
	}
}
