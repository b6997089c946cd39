// Package exitwithoutstop shows what happens to a trace when the program ends without reaching
// trace.Stop (lesson 3.2 applied to runtime/trace).
//
//   - broken: main defers trace.Stop, then calls os.Exit (or log.Fatal with -via=log.Fatal) on an
//     error. Deferred calls do not run on os.Exit, so the trace is never flushed: the file holds
//     whatever full batches reached it before. In a short run that is nothing the program did:
//     the header alone up to Go 1.24, which no reader accepts; from Go 1.26 the header and the
//     first generation's clock batch, which Go 1.26+ reads as a trace without events. With
//     -work longer than one generation (about 1 s), the earlier generations but not the last.
//   - fixed: the same failure, but main only calls run() and exits after run's deferred
//     trace.Stop has flushed the trace: same exit status, complete trace.
//   - panic: a panic instead of an exit. Deferred calls DO run while a panic unwinds, so the
//     deferred Stop completes the trace before the process dies with status 2. With
//     -panicIn=worker the panic happens in another goroutine: main's defers never run, but since
//     Go 1.23 the runtime flushes the current generation when a panic is about to crash the
//     process, so the trace still parses.
package exitwithoutstop

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"runtime/trace"
	"sync"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the exit-without-stop scenario.
type Params struct {
	Work    time.Duration `help:"how long the program works before failing"`
	Tick    time.Duration `help:"period of the background ticker (event rate)"`
	Via     string        `help:"broken exits with os.Exit (status 3) or log.Fatal (status 1)"`
	PanicIn string        `help:"panic variant: panic in main or in a worker goroutine"`
}

// Defaults returns the default parameters.
func Defaults() Params {
	return Params{Work: 300 * time.Millisecond, Tick: time.Millisecond, Via: "os.Exit", PanicIn: "main"}
}

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "exit-without-stop",
		Summary:  "os.Exit/log.Fatal skip the deferred trace.Stop; a panic does not",
		Variants: []string{"broken", "fixed", "panic"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
	})
}

var errConfig = errors.New("config reload failed: upstream unavailable")

// Run is main() of the exit-without-stop program.
func Run(env *scenario.Env, p Params) error {
	switch env.Variant {
	case "broken":
		mainBroken(env, p)
		return nil
	case "fixed":
		if err := run(env, p); err != nil { // main only reports: run's defers have already run
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(3)
		}
		return nil
	default:
		return runPanic(env, p)
	}
}

func mainBroken(env *scenario.Env, p Params) {
	f, err := env.Create(env.TracePath)
	if err != nil {
		log.Fatal(err)
	}
	if err := trace.Start(f); err != nil {
		log.Fatal(err)
	}
	defer func() { trace.Stop(); f.Close() }() // never runs: os.Exit skips deferred calls

	if err := work(p); err != nil {
		if p.Via == "log.Fatal" {
			log.Fatal(err) // = log.Print + os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(3)
	}
}

func run(env *scenario.Env, p Params) error {
	f, err := env.Create(env.TracePath)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return err
	}
	defer func() { trace.Stop(); f.Close() }() // runs on every return path
	return work(p)
}

func runPanic(env *scenario.Env, p Params) error {
	f, err := env.Create(env.TracePath)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return err
	}
	defer func() {
		trace.Stop()
		f.Close()
		fmt.Fprintln(os.Stderr, "deferred trace.Stop ran")
	}()
	if p.PanicIn == "worker" {
		go func() {
			time.Sleep(p.Work * 2 / 3)
			panic(errConfig) // kills the process while main works; main's deferred calls never run
		}()
	}
	if err := work(p); err != nil {
		panic(err) // deferred calls run while the panic unwinds
	}
	return nil
}

// work runs a ticker-driven pipeline for p.Work, then fails.
func work(p Params) error {
	ctx, task := trace.NewTask(context.Background(), "reload")
	defer task.End()
	ticks := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := range ticks {
			trace.WithRegion(ctx, "handleTick", func() { _ = n * n })
		}
	}()
	t := time.NewTicker(p.Tick)
	deadline := time.Now().Add(p.Work)
	n := 0
	for now := range t.C {
		if now.After(deadline) {
			break
		}
		ticks <- n
		n++
	}
	t.Stop()
	close(ticks)
	wg.Wait()
	trace.Logf(ctx, "reload", "%d ticks, failing now", n)
	fmt.Printf("worked %v (%d ticks)\n", p.Work, n)
	return errConfig
}
