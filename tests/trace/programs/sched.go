package main

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

func init() {
	register("sched", "many goroutines, Gosched storms, GOMAXPROCS changes", func() {
		// Many short-lived goroutines.
		var wg sync.WaitGroup
		var n atomic.Int64
		for i := 0; i < 2000; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				s := 0
				for j := 0; j < 200*(i%7+1); j++ {
					s += j * i
				}
				n.Add(int64(s & 1))
			}(i)
		}
		wg.Wait()

		// A Gosched storm: runnable goroutines yielding to each other.
		for i := 0; i < 16; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := 0; j < 3000; j++ {
					runtime.Gosched()
				}
			}()
		}
		wg.Wait()

		// GOMAXPROCS changes stop the world and emit ProcsChange.
		old := runtime.GOMAXPROCS(0)
		for _, p := range []int{2, 1, 3, old} {
			runtime.GOMAXPROCS(p)
			for i := 0; i < 50; i++ {
				wg.Add(1)
				go func() { defer wg.Done(); time.Sleep(time.Microsecond) }()
			}
			wg.Wait()
		}

		// Long-running spinners so the scheduler preempts them.
		stop := make(chan struct{})
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				x := 0
				for {
					select {
					case <-stop:
						return
					default:
					}
					for k := 0; k < 1000; k++ {
						x += k
					}
				}
			}()
		}
		time.Sleep(150 * time.Millisecond)
		close(stop)
		wg.Wait()
	})
}
