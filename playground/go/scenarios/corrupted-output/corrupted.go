// Package corrupted shows why a trace must go to a writer of its own (lessons ch1.f and 2.4).
//
//   - broken: trace.Start(os.Stderr) in a program run with GODEBUG=gctrace=1, whose stderr is
//     redirected to a file (`GODEBUG=gctrace=1 ./prog 2>trace.out`). The runtime prints one text
//     line per GC to the same stderr, in the middle of the binary trace batches, and the file no
//     longer parses. (GODEBUG=tracegc=1 from the article does not exist and changes nothing.)
//   - fixed: the same program traces to a dedicated file; gctrace lines stay on stderr.
//
// Natively the broken variant re-executes itself with GODEBUG=gctrace=1 and stderr sent to -o.
// In js/wasm the trace bytes go to file descriptor 2, which the page captures; the runtime reads
// gctrace only at start-up, so gctrace lines appear only if the page sets GODEBUG=gctrace=1 in
// go.env; otherwise the program's own log lines (-logEvery) do the corrupting.
package corrupted

import (
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/trace"
	"strings"

	"fieldguide/playground/scenario"
)

// Params of the corrupted-output scenario.
type Params struct {
	AllocMB  int `help:"MiB allocated (in 64 KiB pieces) while tracing; drives the number of GCs"`
	LiveMB   int `help:"MiB kept live, which sets the heap goal and so the GC rate"`
	LogEvery int `help:"also log a line to stderr every N MiB (-1: auto, 0 natively / 4 in wasm without gctrace)"`
}

// Defaults returns the default parameters.
func Defaults() Params { return Params{AllocMB: 160, LiveMB: 4, LogEvery: -1} }

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "corrupted-output",
		Summary:  "trace.Start(os.Stderr) + GODEBUG=gctrace=1 produces a trace that does not parse",
		Variants: []string{"broken", "fixed"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
		Wasm:     "broken: the trace is written to fd 2 (stderr), nothing goes to goTraceWrite; the page's stderr bytes are the corrupted file. gctrace lines need go.env GODEBUG=gctrace=1 (read at start-up only); without it the program logs a line every -logEvery MiB instead. fixed: the trace goes to goTraceWrite.",
	})
}

func gctraceOn() bool { return strings.Contains(","+os.Getenv("GODEBUG")+",", ",gctrace=1,") }

// Run is main() of the corrupted-output program.
func Run(env *scenario.Env, p Params) error {
	if p.LogEvery < 0 {
		p.LogEvery = 0
		if env.Platform == "wasm" && !gctraceOn() {
			p.LogEvery = 4
		}
	}
	if env.Variant == "broken" && env.Reexec != nil && !env.IsChild() {
		fmt.Printf("running GODEBUG=gctrace=1 %s 2>%s\n", strings.Join(os.Args, " "), env.TracePath)
		code, err := env.Reexec([]string{"GODEBUG=gctrace=1"}, env.TracePath)
		if err != nil {
			return err
		}
		fmt.Printf("child exited with status %d\n", code)
		return scenario.ExitCode(code)
	}

	switch env.Variant {
	case "broken":
		if err := trace.Start(os.Stderr); err != nil { // stderr is shared with the runtime and the log package
			return err
		}
		defer trace.Stop()
	case "fixed":
		f, err := env.Create(env.TracePath)
		if err != nil {
			return err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return err
		}
		defer func() { trace.Stop(); f.Close() }()
	}

	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	live := make([][]byte, 0, p.LiveMB*16)
	var sink []byte
	for i := 0; i < p.AllocMB*16; i++ {
		b := make([]byte, 64<<10)
		b[len(b)-1] = byte(i)
		if len(live) < cap(live) {
			live = append(live, b)
		} else {
			sink = b
		}
		if p.LogEvery > 0 && i > 0 && i%(p.LogEvery*16) == 0 {
			log.Printf("allocated %d MiB", i/16)
		}
	}
	runtime.KeepAlive(sink)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Printf("allocated %d MiB; GC cycles while tracing: %d; GODEBUG=%q\n", p.AllocMB, after.NumGC-before.NumGC, os.Getenv("GODEBUG"))
	return nil
}
