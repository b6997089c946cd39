package main

import (
	"io"
	"runtime/pprof"
	"sync"
)

func init() {
	register("cpuprofile", "CPU profiling on while tracing: CPU samples in the trace", func() {
		if err := pprof.StartCPUProfile(io.Discard); err != nil {
			panic(err)
		}
		defer pprof.StopCPUProfile()
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				x := uint64(1)
				for k := 0; k < 60_000_000; k++ {
					x = x*6364136223846793005 + 1442695040888963407
				}
				sinkU64 = x
			}()
		}
		wg.Wait()
	})
}

var sinkU64 uint64
