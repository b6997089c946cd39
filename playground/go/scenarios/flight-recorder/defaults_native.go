//go:build go1.25 && !(js && wasm)

package flightrecorder

import "time"

// Natively the program stops once its snapshot is written; -duration only bounds a run in which
// no request is slow. Half a second of history holds the slow request (the recorder keeps whole
// generations, about a second each, back to MinAge), and cannot reach back past the warm-up.
const (
	defaultDuration = 10 * time.Second
	defaultUntil    = "snapshot"
	defaultMinAge   = 500 * time.Millisecond
)
