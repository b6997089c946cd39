package main

import (
	"runtime"
	"runtime/debug"
	"sync"
)

var sink []*[256]byte

func init() {
	register("gc", "GC pressure: allocation-heavy goroutines, forced GCs, mark assists, sweeps", func() {
		old := debug.SetGCPercent(20)
		defer debug.SetGCPercent(old)
		var wg sync.WaitGroup
		var mu sync.Mutex
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				local := make([]*[256]byte, 0, 1024)
				for k := 0; k < 60000; k++ {
					local = append(local, new([256]byte))
					if len(local) == cap(local) {
						mu.Lock()
						sink = append(sink[:0], local[:64]...)
						mu.Unlock()
						local = local[:0]
					}
				}
			}(i)
		}
		runtime.GC()
		wg.Wait()
		runtime.GC()
		// Finalizers run on their own goroutine.
		for i := 0; i < 100; i++ {
			x := new([64]byte)
			runtime.SetFinalizer(x, func(*[64]byte) {})
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms) // a stop-the-world of its own kind
		debug.FreeOSMemory()
	})
}
