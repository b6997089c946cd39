//go:build go1.25 && js && wasm

package flightrecorder

import "time"

// In the page the program serves for all of -duration, so the reader has time to press Snapshot
// (the page stops a program after 20 s). Two seconds of history hold at least one refresh (one a
// second) whenever Snapshot is pressed after the warm-up.
const (
	defaultDuration = 12 * time.Second
	defaultUntil    = "duration"
	defaultMinAge   = 2 * time.Second
)
