package main

import (
	"context"
	"sync"
	"time"
)

func init() {
	register("timers", "sleeps, tickers, timers, time.After and context deadlines", func() {
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for k := 0; k < 10; k++ {
					time.Sleep(time.Duration(i*50+k*10) * time.Microsecond)
				}
			}(i)
		}
		t := time.NewTicker(2 * time.Millisecond)
		for k := 0; k < 40; k++ {
			<-t.C
		}
		t.Stop()
		for k := 0; k < 20; k++ {
			select {
			case <-time.After(time.Millisecond):
			}
			tm := time.NewTimer(time.Hour)
			tm.Reset(100 * time.Microsecond)
			<-tm.C
			time.AfterFunc(50*time.Microsecond, func() {})
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		<-ctx.Done()
		cancel()
		wg.Wait()
		// Idle long enough for a generation or two to pass with little activity.
		time.Sleep(110 * time.Millisecond)
	})
}
