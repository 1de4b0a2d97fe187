package export

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// Graphviz runs as WebAssembly compiled to machine code by wazero, and the
// Go runtime cannot preempt a goroutine inside such code. A garbage
// collection that starts during a layout (one call that takes over a
// second for the shipped map) cannot finish its stack scan until the call
// returns: another processor spins signalling the WebAssembly thread for
// the whole call, so system time, CPU time and wall time grow with it
// (GODEBUG=gctrace=1 shows the mark phase lasting as long as the layout).
// A layout allocates little Go memory (16 MB for the shipped map, mostly
// WebAssembly linear memory), so holding collections off for its duration
// costs little.

// layoutHeadroom is how much the memory in use may grow while collections
// are held off; beyond it the memory limit collects anyway.
const layoutHeadroom = 256 << 20

// pauseGC holds garbage collection off until the returned function is
// called, unless the process's memory grows by more than layoutHeadroom
// or reaches a limit the user set (GOMEMLIMIT). The settings are
// process-wide: callers hold graphvizMu, so pauses never overlap, but a
// change made from elsewhere during a pause is undone by its end.
func pauseGC() (resume func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(pausedMemoryLimit(goMemoryInUse(), limit))
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}

// pausedMemoryLimit is the memory limit while collections are held off:
// the memory in use plus headroom, never above the limit already set.
func pausedMemoryLimit(inUse, limit int64) int64 {
	inUse = max(inUse, 0)
	if inUse > math.MaxInt64-layoutHeadroom {
		return limit
	}
	return min(limit, inUse+layoutHeadroom)
}

// goMemoryInUse is the memory the Go runtime holds, counted as the memory
// limit counts it; 0 if the runtime does not report it.
func goMemoryInUse() int64 {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(samples)
	var v [2]uint64
	for i, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			v[i] = s.Value.Uint64()
		}
	}
	total, released := v[0], v[1]
	if total < released || total-released > math.MaxInt64 {
		return 0
	}
	return int64(total - released)
}
