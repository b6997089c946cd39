// Package latestart shows that the execution tracer records only while it is on (lessons 2.2 and
// 2.3). Before tracing starts, the program builds a worker pool (goroutines that then block on a
// channel), allocates, and forces garbage collections.
//
//   - broken: trace.Start runs late in main, after that warm-up. The warm-up GCs and the pool's
//     creation are not in the trace; nothing can bring them back.
//   - fixed: trace.Start is the first thing main does, so the warm-up is recorded.
//
// In both, goroutines that already exist when tracing starts (the runtime's own, and in broken
// the pool) are not lost: the tracer writes a status event for each, which readers show as a
// transition from "Undetermined". Starting in init() would not help either: package init
// functions run inside runtime.main on goroutine 1 (this package records its own init's stack to
// prove it), after the runtime's goroutines have started.
package latestart

import (
	"context"
	"fmt"
	"runtime"
	"runtime/trace"
	"strings"
	"sync"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the late-start scenario.
type Params struct {
	Workers int `help:"pool goroutines created during warm-up"`
	WarmMB  int `help:"MiB allocated during warm-up (one eighth stays live)"`
	GCs     int `param:"gcs" help:"runtime.GC() calls during warm-up"`
	Jobs    int `help:"jobs served after warm-up"`
}

// Defaults returns the default parameters.
func Defaults() Params { return Params{Workers: 8, WarmMB: 16, GCs: 1, Jobs: 32} }

func init() {
	initInfo = describeInit()
	scenario.Register(scenario.Scenario{
		Name:     "late-start",
		Summary:  "trace.Start after the warm-up loses it; goroutines alive at Start appear as status events",
		Variants: []string{"broken", "fixed"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
	})
}

var initInfo string

// describeInit reports which goroutine runs package init functions and who called them.
func describeInit() string {
	buf := make([]byte, 4096)
	buf = buf[:runtime.Stack(buf, false)]
	gid := strings.Fields(string(buf))[1]
	pcs := make([]uintptr, 16)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	var chain []string
	for {
		fr, more := frames.Next()
		chain = append(chain, fr.Function)
		if !more {
			break
		}
	}
	return fmt.Sprintf("init() runs on goroutine %s; call stack: %s", gid, strings.Join(chain, " <- "))
}

// Run is main() of the late-start program.
func Run(env *scenario.Env, p Params) error {
	fmt.Println(initInfo)

	var stop func()
	startTracing := func() error {
		f, err := env.Create(env.TracePath)
		if err != nil {
			return err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return err
		}
		fmt.Printf("trace.Start: %d goroutines already alive\n", runtime.NumGoroutine())
		stop = func() { trace.Stop(); f.Close() }
		return nil
	}

	if env.Variant == "fixed" {
		if err := startTracing(); err != nil { // first thing in main
			return err
		}
	}

	// Warm-up: a worker pool, a cache, forced GCs.
	jobs := make(chan int)
	var wg sync.WaitGroup
	var served sync.WaitGroup
	var sum int64
	var mu sync.Mutex
	for w := 0; w < p.Workers; w++ {
		wg.Add(1)
		go worker(jobs, &wg, &served, &mu, &sum)
	}
	var ms runtime.MemStats
	for i := 0; i < p.GCs; i++ {
		runtime.GC() // forced while the heap is small: a big heap makes runtime.GC spin on Gosched while sweeping
	}
	var cache [][]byte
	for i := 0; i < p.WarmMB*16; i++ { // 64 KiB pieces; one in eight stays cached
		b := make([]byte, 64<<10)
		b[0] = byte(i)
		if i%8 == 0 {
			cache = append(cache, b)
		}
	}
	runtime.ReadMemStats(&ms)
	fmt.Printf("warm-up done: %d pool goroutines, %d MiB allocated, %d GC cycles so far\n", p.Workers, p.WarmMB, ms.NumGC)

	if env.Variant == "broken" {
		if err := startTracing(); err != nil { // late: the warm-up is already over
			return err
		}
	}
	defer stop()

	ctx, task := trace.NewTask(context.Background(), "serve")
	trace.WithRegion(ctx, "dispatch", func() {
		for j := 0; j < p.Jobs; j++ {
			served.Add(1)
			jobs <- j
		}
		served.Wait()
	})
	close(jobs)
	wg.Wait()
	task.End()
	time.Sleep(time.Millisecond)
	before := ms.NumGC
	runtime.ReadMemStats(&ms)
	fmt.Printf("served %d jobs (sum %d); GC cycles after warm-up: %d\n", p.Jobs, sum, ms.NumGC-before)
	runtime.KeepAlive(cache)
	return nil
}

func worker(jobs <-chan int, wg, served *sync.WaitGroup, mu *sync.Mutex, sum *int64) {
	defer wg.Done()
	for j := range jobs {
		mu.Lock()
		*sum += int64(j)
		mu.Unlock()
		served.Done()
	}
}
