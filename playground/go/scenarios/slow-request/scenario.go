//go:build go1.25

// Package slowrequest runs the case study of chapter 6 ("From a slow request to the culprit") in
// the scenario framework: the program is broken/slowservice.go (the exercise's download) or
// fixed/slowservice.go (its solution), each one standard-library file that is also a command.
// This package only turns the scenario's params into the program's command line and gives it the
// framework's files (in the browser the trace "file" is a sink) and Snapshot button; everything
// else is the program's own code, so the page, the recordings and the download cannot differ.
package slowrequest

import (
	"fmt"
	"io"
	"os"
	"runtime/trace"
	"time"

	"fieldguide/playground/scenario"
	"fieldguide/playground/scenarios/slow-request/broken"
	"fieldguide/playground/scenarios/slow-request/fixed"
)

// Params of the slow-request scenario: the program's flags, and which trace the scenario's trace
// file is.
type Params struct {
	Capture  string        `help:"whole: the trace file is a trace of the whole run (the program's -trace); snapshot: it is the flight recorder's snapshot, written at the first slow request (-snapshot)"`
	Load     time.Duration `help:"how long the load generator sends requests (-load)"`
	Rate     int           `help:"requests per second (-rate)"`
	Clients  int           `help:"connections of the load generator (-clients)"`
	Items    int           `help:"distinct items asked for (-items)"`
	Products int           `help:"products in the catalog (-products)"`
	Slow     time.Duration `help:"a request slower than this is slow: the flight recorder's snapshot is written at the first one (-slow)"`
}

// Defaults returns the default parameters (defaults_native.go, defaults_wasm.go).
func Defaults() Params {
	return Params{Capture: defaultCapture, Load: defaultLoad, Rate: defaultRate, Clients: 32, Items: 100, Products: defaultProducts, Slow: 25 * time.Millisecond}
}

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "slow-request",
		Summary:  "an HTTP service whose p99 spikes under load: a blocking log write, and renders under a lock that GC assists make longer (chapter 6)",
		Variants: []string{"broken", "fixed"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
		Wasm:     "one thread (GOMAXPROCS=1): requests never run in parallel, so the lock is rarely contended and the garbage collector takes the whole thread when it runs; a smaller catalog and load (-products=20000 -rate=100). The service, its load generator and its network (Go's in-process loopback in js/wasm) are the same code. The Snapshot button writes the flight recorder's window.",
	})
}

// Run runs broken or fixed slowservice with the params as its command line.
func Run(env *scenario.Env, p Params) error {
	args := []string{
		"-load=" + p.Load.String(),
		fmt.Sprintf("-rate=%d", p.Rate),
		fmt.Sprintf("-clients=%d", p.Clients),
		fmt.Sprintf("-items=%d", p.Items),
		fmt.Sprintf("-products=%d", p.Products),
		"-slow=" + p.Slow.String(),
	}
	switch p.Capture {
	case "whole":
		args = append(args, "-trace="+env.TracePath)
		if env.OfferSnapshots != nil {
			// In the page the flight recorder runs too, for the Snapshot button; its own
			// snapshot of the first slow request goes to a file in memory.
			args = append(args, "-snapshot=slow.trace")
		}
	case "snapshot":
		args = append(args, "-snapshot="+env.TracePath)
	default:
		return fmt.Errorf("unknown -capture=%q (want whole or snapshot)", p.Capture)
	}
	create := func(name string) (io.WriteCloser, error) { return env.Create(name) }
	var recorder func(*trace.FlightRecorder)
	if env.OfferSnapshots != nil {
		recorder = func(fr *trace.FlightRecorder) {
			if fr == nil {
				env.OfferSnapshots(nil)
				return
			}
			env.OfferSnapshots(&scenario.Snapshotter{WriteTo: fr.WriteTo, Region: "request", Threshold: p.Slow})
		}
	}
	var code int
	switch env.Variant {
	case "broken":
		code = broken.Main(args, broken.Env{Stdout: os.Stdout, Stderr: os.Stderr, Create: create, Recorder: recorder})
	case "fixed":
		code = fixed.Main(args, fixed.Env{Stdout: os.Stdout, Stderr: os.Stderr, Create: create, Recorder: recorder})
	default:
		return fmt.Errorf("unknown variant %q", env.Variant)
	}
	if code != 0 {
		return scenario.ExitCode(code)
	}
	if p.Capture == "snapshot" {
		if _, writes := env.Written(env.TracePath); writes == 0 {
			return fmt.Errorf("no request took longer than -slow=%v: no snapshot written", p.Slow)
		}
	}
	return nil
}
