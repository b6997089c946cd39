package main

import (
	"context"
	"os"
	"runtime"
	"runtime/trace"
	"strconv"
	"sync"
	"time"
)

// The bench workload's size is set by a fixed amount of work, not by watching
// the file: the runtime's trace writer can lag far behind a busy program, so a
// size check overshoots unpredictably. The counts below give about 1 MB of
// trace per unit (measured with Go 1.22 and 1.23 on linux/amd64).
const (
	pingPongsPerMB = 3300 // per pair, 8 pairs
	allocsPerMB    = 1100 // per allocator, 4 allocators
	spawnsPerMB    = 15   // rounds of 32 short-lived sleeping goroutines
)

func init() {
	register("bench", "a mixed workload of about $GOTRACE_TARGET_MB (default 4) MB of trace", func() {
		mb := 4
		if s := os.Getenv("GOTRACE_TARGET_MB"); s != "" {
			if v, err := strconv.Atoi(s); err == nil && v > 0 {
				mb = v
			}
		}
		var wg sync.WaitGroup
		// Channel ping-pong pairs.
		for i := 0; i < 8; i++ {
			a, b := make(chan int), make(chan int)
			wg.Add(2)
			go func() {
				defer wg.Done()
				for n := 0; n < pingPongsPerMB*mb; n++ {
					a <- 1
					<-b
				}
				close(a)
			}()
			go func() {
				defer wg.Done()
				for range a {
					b <- 1
				}
			}()
		}
		// Allocation and annotations.
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				var keep [][]byte
				for n := 0; n < allocsPerMB*mb; n++ {
					ctx, task := trace.NewTask(context.Background(), "work")
					trace.WithRegion(ctx, "alloc", func() {
						keep = append(keep, make([]byte, 512+n%4096))
						if len(keep) > 2000 {
							keep = keep[:0]
						}
					})
					if n%64 == 0 {
						trace.Log(ctx, "n", strconv.Itoa(n))
					}
					task.End()
					if n%256 == 0 {
						runtime.Gosched()
					}
				}
			}(i)
		}
		// Short-lived sleeping goroutines.
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < spawnsPerMB*mb; r++ {
				var inner sync.WaitGroup
				for k := 0; k < 32; k++ {
					inner.Add(1)
					go func() { defer inner.Done(); time.Sleep(20 * time.Microsecond) }()
				}
				inner.Wait()
			}
		}()
		wg.Wait()
	})
}
