package gcpace

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent returns the current GOGC without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// memoryLimit returns the current soft memory limit without changing it.
func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

func TestRelax(t *testing.T) {
	before, beforeLimit := gcPercent(), memoryLimit()
	const floor = 4 << 20
	restore := Relax(floor)
	if got := gcPercent(); got != -1 {
		t.Errorf("GOGC = %d while relaxed, want off (-1)", got)
	}
	if got := memoryLimit(); got != floor {
		t.Errorf("memory limit = %d while relaxed, want the floor %d", got, floor)
	}

	// A live heap far past the floor raises the limit to twice its size
	// after the next collection, as GOGC=100 would.
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	want := int64(2 * 64 << 20)
	deadline := time.Now().Add(10 * time.Second)
	for memoryLimit() < want && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := memoryLimit(); got < want {
		t.Errorf("memory limit = %d with 64 MB live, want at least %d", got, want)
	}
	runtime.KeepAlive(live)

	restore()
	restore() // twice is harmless
	if got := gcPercent(); got != before {
		t.Errorf("GOGC = %d after restore, want %d", got, before)
	}
	if got := memoryLimit(); got != beforeLimit {
		t.Errorf("memory limit = %d after restore, want %d", got, beforeLimit)
	}
	// A collection after restore leaves the settings alone.
	runtime.GC()
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
	if got := memoryLimit(); got != beforeLimit {
		t.Errorf("memory limit = %d after restore and a collection, want %d", got, beforeLimit)
	}
}

// TestRelaxNested: overlapping calls share one tuner, and the settings
// come back only when the last is restored, whatever the order.
func TestRelaxNested(t *testing.T) {
	before, beforeLimit := gcPercent(), memoryLimit()
	first := Relax(8 << 20)
	second := Relax(16 << 20)
	if got := memoryLimit(); got != 8<<20 {
		t.Errorf("memory limit = %d with two calls, want the first floor %d", got, 8<<20)
	}
	first()
	if got := gcPercent(); got != -1 {
		t.Errorf("GOGC = %d with one call left, want off (-1)", got)
	}
	second()
	if got, limit := gcPercent(), memoryLimit(); got != before || limit != beforeLimit {
		t.Errorf("GOGC %d, limit %d after both restores, want %d, %d", got, limit, before, beforeLimit)
	}
}
