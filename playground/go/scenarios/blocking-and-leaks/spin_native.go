//go:build !(js && wasm)

package blocking

import "time"

// spin keeps the CPU busy for d (work done by a worker).
func spin(d time.Duration) {
	for t := time.Now(); time.Since(t) < d; {
	}
}
