// Package startedtwice shows what a second trace.Start does while tracing is on (lesson 2.5): it
// returns an error ("tracing is already enabled" up to Go 1.24) and writes nothing; the first trace
// is untouched. trace.Start never opens files: the only leak is the caller's own file.
//
//   - broken: opens a second file for a second trace, ignores Start's error, never closes the file.
//   - fixed: checks the error, closes (and removes) the second file, and carries on.
package startedtwice

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/trace"
	"strings"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the started-twice scenario.
type Params struct {
	Second string        `help:"second trace file (default: the -o name with .second before the extension)"`
	Work   time.Duration `help:"work traced before and after the second Start"`
}

// Defaults returns the default parameters.
func Defaults() Params { return Params{Work: 20 * time.Millisecond} }

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "started-twice",
		Summary:  "a second trace.Start returns an error and leaves the first trace intact",
		Variants: []string{"broken", "fixed"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
		Wasm:     "the second \"file\" is an in-memory buffer; open handles are the ones the program created and did not close.",
	})
}

// Run is main() of the started-twice program.
func Run(env *scenario.Env, p Params) error {
	second := p.Second
	if second == "" {
		ext := filepath.Ext(env.TracePath)
		second = strings.TrimSuffix(env.TracePath, ext) + ".second" + ext
	}

	f1, err := env.Create(env.TracePath)
	if err != nil {
		return err
	}
	if err := trace.Start(f1); err != nil {
		f1.Close()
		return err
	}
	defer func() { trace.Stop(); f1.Close() }()

	ctx, task := trace.NewTask(context.Background(), "request")
	defer task.End()
	trace.WithRegion(ctx, "before-second-start", func() { work(p.Work) })

	// Somewhere else in the program (a library, a debug endpoint) someone starts tracing again.
	f2, err := env.Create(second)
	if err != nil {
		return err
	}
	switch env.Variant {
	case "broken":
		trace.Start(f2) // error ignored: we believe a second trace is being written
		fmt.Printf("tracing to %s (or so we think)\n", second)
		defer trace.Stop() // stops the FIRST trace, not "ours"
	case "fixed":
		if err := trace.Start(f2); err != nil {
			fmt.Printf("second trace.Start error: %v (type %T)\n", err, err)
			f2.Close() // don't leak our own file
			if env.Platform == "native" {
				os.Remove(second)
			}
		}
	}

	trace.WithRegion(ctx, "after-second-start", func() { work(p.Work) })
	trace.Log(ctx, "status", "done")

	n1, _ := env.Written(env.TracePath)
	n2, _ := env.Written(second)
	fmt.Printf("[check] %s: %d bytes written so far; %s: %d bytes\n", env.TracePath, n1, second, n2)
	fmt.Printf("[check] files still open: %s\n", strings.Join(env.OpenFiles(), ", "))
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil && env.Platform == "native" {
		var open []string
		for _, fd := range fds {
			if target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && strings.HasSuffix(target, ".second"+filepath.Ext(env.TracePath)) {
				open = append(open, fd.Name()+" -> "+target)
			}
		}
		fmt.Printf("[check] /proc/self/fd entries for the second file: %d %v\n", len(open), open)
	}
	return nil
}

func work(d time.Duration) {
	done := make(chan struct{})
	go func() {
		time.Sleep(d)
		close(done)
	}()
	<-done
}
