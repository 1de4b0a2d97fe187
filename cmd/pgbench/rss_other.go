//go:build !linux

package main

import (
	"os"
	"time"
)

// maxRSS is not measured outside Linux, where units differ by system.
func maxRSS(*os.ProcessState) int64 { return 0 }

// processCPU is not measured outside Linux.
func processCPU() time.Duration { return 0 }
