package export

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// Graphviz runs as WebAssembly compiled to machine code by wazero, and the
// Go runtime cannot preempt a goroutine inside such code. A garbage
// collection that starts during a layout (a single call that takes about
// a second for the shipped map) cannot finish its stack scan until the
// call returns: one processor spins signalling the WebAssembly thread for
// the whole call, and the process's system time and wall time grow with
// it (GODEBUG=gctrace=1 shows the mark phase lasting as long as the
// layout). A render allocates little Go memory (16 MB for the shipped
// map, mostly WebAssembly linear memory), so holding collections off for
// its duration costs little.

// renderHeapHeadroom is the least the Go heap may grow by while
// collections are held off; beyond it the memory limit collects anyway.
const renderHeapHeadroom = 256 << 20

// pauseGC holds garbage collection off until the returned function is
// called, except when the process's memory grows by more than its own
// size or renderHeapHeadroom, whichever is more, or reaches a limit the
// user set (GOMEMLIMIT). The settings are process-wide: callers hold
// graphvizMu, so pauses never overlap each other, but a program that
// changes them from elsewhere during a render has them restored after it.
func pauseGC() (resume func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(renderMemoryLimit(goMemoryInUse(), limit))
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}

// renderMemoryLimit is the memory limit for a render: the memory in use
// plus headroom, never above the limit already set.
func renderMemoryLimit(inUse, limit int64) int64 {
	if inUse < 0 {
		inUse = 0
	}
	headroom := max(inUse, int64(renderHeapHeadroom))
	if inUse > math.MaxInt64-headroom {
		return limit
	}
	return min(limit, inUse+headroom)
}

// goMemoryInUse is the memory the Go runtime holds, counted as the memory
// limit counts it.
func goMemoryInUse() int64 {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(samples)
	var used [2]uint64
	for i, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			used[i] = s.Value.Uint64()
		}
	}
	if used[0] < used[1] || used[0]-used[1] > math.MaxInt64 {
		return 0
	}
	return int64(used[0] - used[1])
}
