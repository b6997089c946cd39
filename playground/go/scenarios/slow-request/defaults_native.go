//go:build go1.25 && !(js && wasm)

package slowrequest

import "time"

// Natively (GOMAXPROCS=4 in the recordings): 1.2 s of load at 200 requests a second, enough for
// the log shipper's first flush (one a second) and a few garbage collections, in a trace under
// 300 KB.
const (
	defaultCapture  = "whole"
	defaultLoad     = 1200 * time.Millisecond
	defaultRate     = 200
	defaultProducts = 150_000
)
