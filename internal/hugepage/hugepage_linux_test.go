package hugepage

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// vmaFlags returns the VmFlags of the mapping of this process that holds
// addr, from /proc/self/smaps.
func vmaFlags(t *testing.T, addr uintptr) []string {
	t.Helper()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps to check the advice against: %v", err)
	}
	inside := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := parseRange(line); ok {
			inside = lo <= addr && addr < hi
			continue
		}
		if inside && strings.HasPrefix(line, "VmFlags:") {
			return strings.Fields(strings.TrimPrefix(line, "VmFlags:"))
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return nil
}

// parseRange reads the "lo-hi perms ..." header of an smaps entry.
func parseRange(line string) (lo, hi uintptr, ok bool) {
	field, _, found := strings.Cut(line, " ")
	if !found {
		return 0, 0, false
	}
	a, b, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	l, err1 := strconv.ParseUint(a, 16, 64)
	h, err2 := strconv.ParseUint(b, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(l), uintptr(h), true
}

func hasTHP(t *testing.T) {
	t.Helper()
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || bytes.Contains(mode, []byte("[never]")) {
		t.Skip("this kernel has no transparent huge pages to advise")
	}
}

func advised(flags []string) bool {
	for _, f := range flags {
		if f == "hg" {
			return true
		}
	}
	return false
}

func TestSliceAdvisesWholeHugePagesOnly(t *testing.T) {
	hasTHP(t)
	// Misaligned on purpose: one byte in, and ending mid-page.
	buf := make([]byte, 3*size+size/2)
	s := buf[1:]
	for i := range s {
		s[i] = byte(i)
	}
	Slice(s)

	start := uintptr(unsafe.Pointer(&s[0]))
	begin := (start + size - 1) &^ (size - 1)
	if !advised(vmaFlags(t, begin)) {
		t.Errorf("the first whole huge page in the slice (%#x) is not advised", begin)
	}
	if begin != start && advised(vmaFlags(t, start)) {
		t.Errorf("the memory before the first whole huge page (%#x) was advised too", start)
	}
	for i := range s {
		if s[i] != byte(i) {
			t.Fatalf("byte %d changed to %d", i, s[i])
		}
	}
}

func TestSliceLeavesSmallSlicesAlone(t *testing.T) {
	hasTHP(t)
	tests := []struct {
		name string
		n    int
	}{
		{"one byte", 1},
		{"a huge page", size},
		{"just under the minimum", MinBytes - 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := make([]byte, tc.n)
			Slice(s)
			if advised(vmaFlags(t, uintptr(unsafe.Pointer(&s[0])))) {
				t.Errorf("a %d-byte slice was advised", tc.n)
			}
		})
	}
}
