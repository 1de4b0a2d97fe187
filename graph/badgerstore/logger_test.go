package badgerstore

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadgerLogRouted(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := Open(context.Background(), Options{Path: filepath.Join(t.TempDir(), "db"), Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "level=DEBUG") || !strings.Contains(out, "component=badger") {
		t.Errorf("Badger's log did not reach the logger at Debug:\n%s", out)
	}
	if strings.Contains(out, "level=INFO") || strings.Contains(out, "level=ERROR") {
		t.Errorf("Badger's log used levels other than Debug and Warn:\n%s", out)
	}
}
