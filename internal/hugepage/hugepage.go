// Package hugepage asks the operating system to back large arrays with
// huge pages (2 MiB on x86-64 Linux) instead of 4 KiB ones.
//
// A process that decodes a large graph and exits, as every query command
// does, spends much of its time in the kernel faulting in fresh memory,
// one 4 KiB page at a time: the edges of the 10,000-interview graph alone
// are 24 MB, about 6,000 faults. Advised memory faults in 2 MiB at a time.
// Linux leaves this to the program when transparent huge pages are set to
// "madvise", a common default; where they are "always" it changes
// nothing, and where they are "never" or unsupported Advise does nothing.
package hugepage

import "unsafe"

// MinBytes is the size from which Slice advises: an array of at least
// twice the huge page size is sure to hold one whole huge page wherever
// it starts.
const MinBytes = 2 * size

// size is the huge page size Advise aligns to.
const size = 2 << 20

// Slice advises huge pages for the memory of s when it is at least
// MinBytes long. Call it on a freshly made slice, before writing to it:
// pages already touched stay small until the kernel gets round to
// merging them. It never changes the contents of s.
func Slice[T any](s []T) {
	if len(s) == 0 {
		return
	}
	n := uintptr(len(s)) * unsafe.Sizeof(s[0])
	if n < MinBytes {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	// Only whole huge pages inside s: advising beyond it could change
	// how neighbouring memory is backed.
	begin := (start + size - 1) &^ (size - 1)
	end := (start + n) &^ (size - 1)
	if begin >= end {
		return
	}
	advise(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), begin-start), end-begin)
}
