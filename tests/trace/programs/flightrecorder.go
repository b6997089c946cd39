//go:build go1.25

package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The flight recorder (Go 1.25+) keeps the last generations in memory; WriteTo writes them out
// as a trace of their own. So the snapshots start in the middle of the program's life: its
// goroutines already running, blocked or asleep, its tasks and regions already open, a GC
// perhaps under way, and (for the second snapshot) generations numbered far above 1.
func init() {
	workloads["flightrecorder"] = workload{
		doc:    "runtime/trace.FlightRecorder under load (goroutines, GC, channels, timers, tasks and regions open across snapshots), two snapshots mid-run",
		record: recordFlight,
	}
}

func recordFlight(out string) ([]string, error) {
	var stop atomic.Bool
	var wg sync.WaitGroup
	ctx, task := trace.NewTask(context.Background(), "serve")
	// Regions and a task that open before the recorder starts and close after the first snapshot.
	longRegion := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		trace.WithRegion(ctx, "long-lived", func() { <-longRegion })
	}()
	// Workers: channel ping-pong, allocation (GC), mutex contention, timers and sleeps.
	jobs := make(chan []byte)
	var mu sync.Mutex
	var sink [][]byte
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for b := range jobs {
				trace.WithRegion(ctx, "job", func() {
					mu.Lock()
					sink = append(sink, b)
					if len(sink) > 64 {
						sink = sink[:0]
					}
					mu.Unlock()
				})
				if i == 0 {
					trace.Log(ctx, "worker", "done")
				}
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for !stop.Load() {
			jobs <- make([]byte, 32<<10)
			time.Sleep(200 * time.Microsecond)
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for !stop.Load() {
			<-t.C
			time.Sleep(200 * time.Microsecond)
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			runtime.GC()
			time.Sleep(100 * time.Millisecond)
		}
	}()
	time.Sleep(50 * time.Millisecond)

	fr := trace.NewFlightRecorder(trace.FlightRecorderConfig{MinAge: 100 * time.Millisecond, MaxBytes: 4 << 20})
	if err := fr.Start(); err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(out, ".trace")
	var files []string
	snapshot := func(n int) error {
		name := fmt.Sprintf("%s.snap%d.trace", base, n)
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		if _, err := fr.WriteTo(f); err != nil {
			f.Close()
			return err
		}
		files = append(files, name)
		return f.Close()
	}
	time.Sleep(250 * time.Millisecond)
	if err := snapshot(1); err != nil {
		return nil, err
	}
	close(longRegion)
	task.End()
	time.Sleep(250 * time.Millisecond)
	if err := snapshot(2); err != nil {
		return nil, err
	}
	fr.Stop()
	stop.Store(true)
	wg.Wait()
	return files, nil
}
