package main

import (
	"io"
	"runtime/trace"
	"sync"
	"time"
)

func init() {
	workloads["restart"] = workload{
		doc: "tracing started a second time in one process: generations start above 1, goroutines pre-exist",
		setup: func() {
			// Leave goroutines behind in various states, then trace once into the void.
			for i := 0; i < 5; i++ {
				go func() { time.Sleep(time.Hour) }()
			}
			trace.Start(io.Discard)
			time.Sleep(20 * time.Millisecond)
			trace.Stop()
		},
		run: func() {
			var wg sync.WaitGroup
			ch := make(chan int)
			for i := 0; i < 10; i++ {
				wg.Add(1)
				go func() { defer wg.Done(); ch <- 1 }()
			}
			for i := 0; i < 10; i++ {
				<-ch
			}
			wg.Wait()
			time.Sleep(60 * time.Millisecond)
		},
	}
}
