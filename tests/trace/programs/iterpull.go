//go:build go1.23

package main

import (
	"iter"
	"sync"
)

func init() {
	register("iterpull", "iter.Pull coroutines: GoSwitch and GoSwitchDestroy (Go 1.23+)", func() {
		seq := func(n int) iter.Seq[int] {
			return func(yield func(int) bool) {
				for i := 0; i < n; i++ {
					if !yield(i) {
						return
					}
				}
			}
		}
		for r := 0; r < 50; r++ {
			next, stop := iter.Pull(seq(100))
			for {
				if _, ok := next(); !ok {
					break
				}
			}
			stop()
			// Stop early: the coroutine is destroyed mid-iteration.
			next, stop = iter.Pull(seq(100))
			next()
			stop()
		}
		// The coroutine is resumed from two goroutines in turn. Its next function must never run
		// concurrently with itself (iter.Pull panics then), so each hand-off waits for the other side.
		var wg sync.WaitGroup
		ch := make(chan func() (int, bool))
		done := make(chan struct{})
		next, stop := iter.Pull(seq(1000))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range ch {
				n()
				done <- struct{}{}
			}
		}()
		for i := 0; i < 500; i++ {
			next()
			ch <- next
			<-done
		}
		close(ch)
		wg.Wait()
		stop()
	})
}
