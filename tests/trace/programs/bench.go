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

// traceSize is the number of bytes written to the trace file so far.
func traceSize() int64 {
	st, err := traceFile.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}

func init() {
	register("bench", "a mixed workload that runs until the trace reaches $GOTRACE_TARGET_MB (default 4) MB", func() {
		target := int64(4)
		if s := os.Getenv("GOTRACE_TARGET_MB"); s != "" {
			if v, err := strconv.ParseInt(s, 10, 64); err == nil && v > 0 {
				target = v
			}
		}
		target <<= 20
		stop := make(chan struct{})
		var wg sync.WaitGroup
		// Channel ping-pong pairs.
		for i := 0; i < 8; i++ {
			a, b := make(chan int), make(chan int)
			wg.Add(2)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						close(a)
						return
					case a <- 1:
					}
					<-b
				}
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
				for n := 0; ; n++ {
					select {
					case <-stop:
						return
					default:
					}
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
		// Sleepers and short-lived goroutines.
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var inner sync.WaitGroup
				for k := 0; k < 32; k++ {
					inner.Add(1)
					go func() { defer inner.Done(); time.Sleep(20 * time.Microsecond) }()
				}
				inner.Wait()
			}
		}()
		for traceSize() < target {
			time.Sleep(5 * time.Millisecond)
		}
		close(stop)
		wg.Wait()
	})
}
