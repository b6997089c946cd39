//go:build go1.25 && js && wasm

package slowrequest

import "time"

// In the page: one thread, a slower runtime and a browser's coarse timers. A smaller catalog
// (built in the page before the load starts) and half the rate keep the service under its
// capacity, so what slows requests down is what slows them natively: the log shipper's flush
// and rendering under the lock. Three seconds of load hold three flushes.
const (
	defaultCapture  = "whole"
	defaultLoad     = 3 * time.Second
	defaultRate     = 100
	defaultProducts = 20_000
)
