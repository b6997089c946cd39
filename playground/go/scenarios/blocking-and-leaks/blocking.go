// Package blocking shows two things a trace reveals that metrics rarely do (chapter 5): a
// goroutine block rate that rises over time, and goroutines leaked blocked forever.
//
// The program runs a worker pool in phases (marked by trace.Log(ctx, "phase", N) on main). In
// each phase every job takes a shared mutex; the work done under the lock grows phase after phase
// (a cache that gets scanned under its lock), so more and more workers block on it ("sync").
// Then it sends hedged requests: each asks several replicas and keeps the first answer.
//
//   - broken: the scan stays under the lock, and the losing replicas send their answer on an
//     unbuffered channel nobody reads any more: they block forever on "chan send" (leaked).
//   - fixed: only the cheap update stays under the lock, and the replicas select on the request's
//     ctx.Done(); the caller cancels once it has its answer and waits for them: every goroutine
//     has exited before trace.Stop.
package blocking

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the blocking-and-leaks scenario.
type Params struct {
	Workers  int           `help:"pool goroutines"`
	Phases   int           `help:"load phases; the lock hold time grows each phase"`
	PhaseDur time.Duration `help:"duration of each phase"`
	Hold     time.Duration `help:"scan time in phase 1; phase N scans N times as long"`
	Outside  time.Duration `help:"work per job done outside the lock"`
	Requests int           `help:"hedged requests after the phases"`
	Replicas int           `help:"replicas asked per request (all but one lose)"`
	Seed     uint64        `help:"random seed for replica latencies"`
}

// Defaults returns the default parameters.
func Defaults() Params {
	return Params{Workers: 6, Phases: 4, PhaseDur: 60 * time.Millisecond, Hold: 8 * time.Microsecond,
		Outside: 50 * time.Microsecond, Requests: 8, Replicas: 3, Seed: 7}
}

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "blocking-and-leaks",
		Summary:  "a block rate that rises phase after phase, and goroutines leaked blocked on a channel",
		Variants: []string{"broken", "fixed"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
		Wasm:     "js/wasm has one thread and no preemption, so busy work is simulated with time.Sleep (at least about 1 ms per step in a browser): the phases are slower and the block-rate trend is only indicative; the leak behaves the same.",
	})
}

// Run is main() of the blocking-and-leaks program.
func Run(env *scenario.Env, p Params) error {
	f, err := env.Create(env.TracePath)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return err
	}
	defer func() { trace.Stop(); f.Close() }()

	ctx, task := trace.NewTask(context.Background(), "service")
	defer task.End()
	broken := env.Variant == "broken"

	// Phases: the worker pool.
	var mu sync.Mutex
	cache := map[int]int{}
	var hold atomic.Int64
	var stop atomic.Bool
	var jobsDone atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < p.Workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				d := time.Duration(hold.Load())
				spin(p.Outside)
				if broken {
					mu.Lock()
					spin(d) // BUG: the scan runs under the lock
					cache[w] = i
					mu.Unlock()
				} else {
					spin(d) // scan a snapshot outside the lock
					mu.Lock()
					cache[w] = i
					mu.Unlock()
				}
				jobsDone.Add(1)
			}
		}(w)
	}
	for ph := 1; ph <= p.Phases; ph++ {
		hold.Store(int64(p.Hold) * int64(ph) * int64(ph))
		before := jobsDone.Load()
		trace.Logf(ctx, "phase", "%d", ph)
		time.Sleep(p.PhaseDur)
		fmt.Printf("phase %d: lock hold %v, %d jobs\n", ph, time.Duration(hold.Load()), jobsDone.Load()-before)
	}
	stop.Store(true)
	wg.Wait()
	trace.Log(ctx, "phase", "requests")

	// Hedged requests.
	rng := rand.New(rand.NewPCG(p.Seed, 99))
	var replicas sync.WaitGroup
	for r := 0; r < p.Requests; r++ {
		lat := make([]time.Duration, p.Replicas)
		for i := range lat {
			lat[i] = time.Duration(200+rng.IntN(1800)) * time.Microsecond
		}
		var got int
		if broken {
			got = hedgedLeaky(lat)
		} else {
			got = hedged(ctx, lat, &replicas)
		}
		trace.Logf(ctx, "request", "r=%d answer from replica %d", r, got)
	}
	replicas.Wait() // fixed: every replica goroutine has returned
	time.Sleep(5 * time.Millisecond)
	fmt.Printf("%d hedged requests done; goroutines still alive: %d (main + %d others)\n",
		p.Requests, runtime.NumGoroutine(), runtime.NumGoroutine()-1)
	return nil
}

// hedgedLeaky asks every replica and returns the first answer. The others block forever on
// the unbuffered channel: a goroutine leak.
func hedgedLeaky(lat []time.Duration) int {
	answers := make(chan int)
	for i, d := range lat {
		go func() {
			time.Sleep(d)
			answers <- i // blocks forever for every replica but the first
		}()
	}
	return <-answers
}

// hedged asks every replica, keeps the first answer and cancels the rest.
func hedged(ctx context.Context, lat []time.Duration, replicas *sync.WaitGroup) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // the losers see ctx.Done() and return
	answers := make(chan int)
	for i, d := range lat {
		replicas.Add(1)
		go func() {
			defer replicas.Done()
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
				return
			}
			select {
			case answers <- i:
			case <-ctx.Done():
			}
		}()
	}
	return <-answers
}
