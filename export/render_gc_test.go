package export

import (
	"bytes"
	"math"
	"runtime/debug"
	"testing"
)

func TestPausedMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name         string
		inUse, limit int64
		want         int64
	}{
		{name: "headroom above use", inUse: 10 * mib, limit: math.MaxInt64, want: 10*mib + layoutHeadroom},
		{name: "user limit is kept when lower", inUse: 10 * mib, limit: 64 * mib, want: 64 * mib},
		{name: "user limit already exceeded", inUse: 100 * mib, limit: 64 * mib, want: 64 * mib},
		{name: "unknown use", inUse: -1, limit: math.MaxInt64, want: layoutHeadroom},
		{name: "no overflow", inUse: math.MaxInt64 - 1, limit: math.MaxInt64, want: math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pausedMemoryLimit(tt.inUse, tt.limit); got != tt.want {
				t.Errorf("pausedMemoryLimit(%d, %d) = %d, want %d", tt.inUse, tt.limit, got, tt.want)
			}
		})
	}
}

// setGCSettings sets the collector's percent and memory limit for one test
// and puts the previous ones back after it.
func setGCSettings(t *testing.T, percent int, limit int64) {
	t.Helper()
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(limit)
	t.Cleanup(func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	})
}

// gcSettings reads the collector's percent and memory limit.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestPauseGC(t *testing.T) {
	const percent, limit = 137, 1 << 40
	setGCSettings(t, percent, limit)
	resume := pauseGC()
	gotPercent, gotLimit := gcSettings()
	if gotPercent != -1 {
		t.Errorf("while paused: GC percent = %d, want -1 (off)", gotPercent)
	}
	if gotLimit <= 0 || gotLimit > limit {
		t.Errorf("while paused: memory limit = %d, want in (0, %d]", gotLimit, int64(limit))
	}
	resume()
	if p, l := gcSettings(); p != percent || l != limit {
		t.Errorf("after resume: GC percent %d, memory limit %d; want %d, %d", p, l, percent, int64(limit))
	}
}

// TestRenderRestoresGCSettings checks that renders, failed ones too, leave
// the collector as they found it.
func TestRenderRestoresGCSettings(t *testing.T) {
	const percent, limit = 151, 1 << 41
	setGCSettings(t, percent, limit)
	r := newTestRenderer(t)
	tests := []struct {
		name    string
		dot     string
		wantErr bool
	}{
		{name: "render", dot: "digraph { a -> b }"},
		{name: "syntax error", dot: "digraph { a -> ", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := r.Render([]byte(tt.dot), "", "svg", &out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Render: err = %v, want error %t", err, tt.wantErr)
			}
			if p, l := gcSettings(); p != percent || l != limit {
				t.Errorf("GC percent %d, memory limit %d; want %d, %d", p, l, percent, int64(limit))
			}
		})
	}
}
