package main

import (
	"sync"
	"time"
)

func init() {
	register("contention", "mutex, RWMutex, channel, select, sync.Cond and WaitGroup contention", func() {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var rw sync.RWMutex
		counter := 0
		for i := 0; i < 16; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := 0; k < 500; k++ {
					mu.Lock()
					counter++
					if k%50 == 0 {
						time.Sleep(10 * time.Microsecond)
					}
					mu.Unlock()
					if k%3 == 0 {
						rw.RLock()
						_ = counter
						rw.RUnlock()
					} else if k%7 == 0 {
						rw.Lock()
						counter--
						rw.Unlock()
					}
				}
			}()
		}
		// Unbuffered channel ping-pong, and a fan-in through select.
		ping, pong := make(chan int), make(chan int)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range ping {
				pong <- v + 1
			}
			close(pong)
		}()
		a, b, done := make(chan int, 4), make(chan int), make(chan struct{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-a:
				case <-b:
				case <-done:
					return
				}
			}
		}()
		for k := 0; k < 2000; k++ {
			ping <- k
			<-pong
			if k%2 == 0 {
				a <- k
			} else {
				b <- k
			}
		}
		close(ping)
		close(done)
		// sync.Cond broadcast.
		var cmu sync.Mutex
		cond := sync.NewCond(&cmu)
		ready := false
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmu.Lock()
				for !ready {
					cond.Wait()
				}
				cmu.Unlock()
			}()
		}
		time.Sleep(5 * time.Millisecond)
		cmu.Lock()
		ready = true
		cond.Broadcast()
		cmu.Unlock()
		wg.Wait()
		// A goroutine left blocked forever (select{} analogue on a nil channel).
		go func() {
			var never chan int
			<-never
		}()
	})
}
