// Package gcpace trades memory for processor time in a batch process
// such as a build: the garbage collector lets the heap grow to a floor
// before it collects, and past the floor collects as GOGC=100 does.
//
// With GOGC=100 a build of 10,000 interviews collects about fifteen times
// while its live heap grows from a few megabytes to about 300, and each
// collection marks all of it: about a tenth of the build's processor time
// for memory the build would use anyway a moment later.
package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// BuildFloor is the floor peoplegraph's build relaxes the collector to.
// At 10,000 interviews it made the in-process ingest 9% faster (1.55
// against 1.70 s, medians of 15 paired runs) and raised the build's peak
// from about 550 to 700 MB, within the 1 GB the build is allowed.
const BuildFloor = 640 << 20

// headroom is added to twice the live heap, for the Go memory the limit
// counts that is not heap (stacks, runtime structures).
const headroom = 64 << 20

// Relax turns GOGC off and sets the soft memory limit to floor bytes,
// then after every collection to twice the live heap plus some headroom
// where that is more, which is the heap goal of GOGC=100: a heap far
// beyond the floor is collected as often as by default, never over and
// over at a limit it has outgrown. restore puts back the settings Relax
// found once every Relax has been restored; calls that overlap share the
// first one's floor. The settings are the process's: call Relax from a
// main package, never from a library.
func Relax(floor int64) (restore func()) {
	relaxed.Lock()
	defer relaxed.Unlock()
	if relaxed.users == 0 {
		relaxed.tuner = &tuner{floor: floor}
		relaxed.tuner.percent = debug.SetGCPercent(-1)
		relaxed.tuner.limit = debug.SetMemoryLimit(floor)
		relaxed.tuner.arm()
	}
	relaxed.users++
	return sync.OnceFunc(func() {
		relaxed.Lock()
		defer relaxed.Unlock()
		if relaxed.users--; relaxed.users == 0 {
			relaxed.tuner.restore()
			relaxed.tuner = nil
		}
	})
}

// relaxed counts the Relax calls not yet restored. The collector's
// settings belong to the process, so overlapping calls (commands run
// in one test process) share one tuner rather than each restoring what
// the other set.
var relaxed struct {
	sync.Mutex
	users int
	tuner *tuner
}

type tuner struct {
	floor   int64
	percent int
	limit   int64
	mu      sync.Mutex
	stopped bool
	live    [1]metrics.Sample
}

// sentinel is an object whose cleanup runs once a collection has found
// it unreachable. It is too large for the tiny allocator, which would
// keep it alive with its neighbours.
type sentinel [32]byte

// arm makes the next collection call adjust.
func (t *tuner) arm() {
	runtime.AddCleanup(new(sentinel), func(t *tuner) { t.adjust() }, t)
}

// adjust sets the memory limit from the live heap the last collection
// left, and arms the next.
func (t *tuner) adjust() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	t.live[0].Name = "/gc/heap/live:bytes"
	metrics.Read(t.live[:])
	limit := t.floor
	if t.live[0].Value.Kind() == metrics.KindUint64 {
		limit = max(limit, 2*int64(t.live[0].Value.Uint64())+headroom)
	}
	debug.SetMemoryLimit(limit)
	t.arm()
}

func (t *tuner) restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	debug.SetMemoryLimit(t.limit)
	debug.SetGCPercent(t.percent)
}
