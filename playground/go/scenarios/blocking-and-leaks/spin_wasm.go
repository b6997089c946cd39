//go:build js && wasm

package blocking

import "time"

// spin stands for d of work. js/wasm runs goroutines on one thread without preemption, so a
// busy loop would never let the other goroutines (or main's phase timer) run: sleep instead.
func spin(d time.Duration) { time.Sleep(d) }
