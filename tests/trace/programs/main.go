// Command programs runs one of several small trace-producing workloads and
// writes its execution trace to a file. The differential test
// (tests/trace/differential.test.ts) builds this module with every Go
// toolchain it finds, records a fresh trace from each workload, and checks
// that the TypeScript reader prints exactly what Go's own reader prints.
//
//	programs list                 print the workload names, one a line
//	programs NAME OUT.trace       run workload NAME with tracing on
//
// Standard library only: the module must build offline.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"sort"
)

// A workload runs while tracing is on. Each should take well under a second
// (the test sets GODEBUG=traceadvanceperiod so even short runs span several
// generations) and produce a trace of a few hundred KB to a few MB.
type workload struct {
	doc string
	run func()
	// setup runs before tracing starts (e.g. to trace once into the void so
	// the recorded trace starts at a generation number above 1).
	setup func()
	// record, if set, does the tracing itself instead of run (e.g. with the flight
	// recorder) and writes one or more traces named after out; it returns their names.
	record func(out string) ([]string, error)
}

var workloads = map[string]workload{}

func register(name, doc string, run func()) {
	workloads[name] = workload{doc: doc, run: run}
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "list" {
		names := make([]string, 0, len(workloads))
		for n := range workloads {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Println(n)
		}
		return
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: programs list | programs NAME OUT.trace   (prints the names of the traces written)")
		os.Exit(2)
	}
	w, ok := workloads[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown workload %q\n", os.Args[1])
		os.Exit(2)
	}
	if runtime.GOMAXPROCS(0) < 4 {
		runtime.GOMAXPROCS(4)
	}
	if w.setup != nil {
		w.setup()
	}
	if w.record != nil {
		files, err := w.record(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, f := range files {
			fmt.Println(f)
		}
		return
	}
	f, err := os.Create(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w.run()
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(os.Args[2])
}
