package badgerstore

import (
	"context"
	"fmt"
	"log/slog"
)

// badgerLogger routes Badger's log to slog: its chatter (info, debug) at
// Debug, its warnings and errors at Warn, since Badger reports recoverable
// conditions as errors too and the caller reports real failures itself.
type badgerLogger struct {
	log *slog.Logger
}

func (l badgerLogger) Errorf(format string, args ...any)   { l.emit(slog.LevelWarn, format, args) }
func (l badgerLogger) Warningf(format string, args ...any) { l.emit(slog.LevelWarn, format, args) }
func (l badgerLogger) Infof(format string, args ...any)    { l.emit(slog.LevelDebug, format, args) }
func (l badgerLogger) Debugf(format string, args ...any)   { l.emit(slog.LevelDebug, format, args) }

func (l badgerLogger) emit(level slog.Level, format string, args []any) {
	ctx := context.Background()
	if !l.log.Enabled(ctx, level) {
		return
	}
	l.log.Log(ctx, level, trimNewline(fmt.Sprintf(format, args...)), "component", "badger")
}

func trimNewline(s string) string {
	for len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return s
}
