//go:build js && wasm

// Package wasmhost is the page's side of a scenario binary: it runs the scenario named on the
// command line in js/wasm, with its trace "file" handed to JavaScript. Each browser binary is a
// main package that imports the scenarios it holds and calls Main (cmd/wasm: the lessons'
// scenarios, public/go/scenarios.wasm; cmd/casestudy-wasm: chapter 6's, public/go/casestudy.wasm),
// so a lesson downloads only the code of the scenarios its binary holds.
//
// Contract with the page:
//   - start it with go.argv = ['scenario', NAME, '-variant=V', '-param=value', ...];
//     go.argv = ['scenario', '-names'] prints the scenarios the binary holds, one a line (its name,
//     then its variants), which the build writes to public/go/build-info.json for the page;
//   - the trace "file" (the -o name, "trace.out" by default) is globalThis.goTraceWrite: it is
//     called with a Uint8Array for every Write that runtime/trace makes (a copy, yours to keep);
//     other files a scenario creates are in memory;
//   - program output goes to stdout/stderr (wasm_exec's fs.writeSync);
//   - when the scenario finishes by itself, globalThis.goTraceDone(exitCode) is called, then the
//     program exits with that code; scenarios that call os.Exit or panic just exit (the page
//     reads wasm_exec's exit code);
//   - a scenario that offers snapshots (the flight recorder) makes globalThis.goSnapshot a
//     function while it runs, and says so with globalThis.goSnapshotOffer({region, thresholdNs}),
//     then goSnapshotOffer(null) when it withdraws the offer. goSnapshot() returns at once; the
//     snapshot arrives later as globalThis.goSnapshotDone(bytes, "") or (null, errorText).
package wasmhost

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall/js"

	"fieldguide/playground/scenario"
)

// Main runs the scenario that os.Args names among those the binary links, and exits with its
// status.
func Main() {
	args := os.Args[1:]
	var traceName string
	env := &scenario.Env{Platform: "wasm", OfferSnapshots: offerSnapshots}
	env.OpenFile = func(name string) (scenario.File, error) {
		if name == traceName || traceName == "" {
			traceName = name
			return newJSSink(name), nil
		}
		return &memFile{name: name}, nil
	}
	// The trace file is the -o name; find it before the scenario opens anything.
	traceName = "trace.out"
	for i, a := range args {
		if a == "-o" && i+1 < len(args) {
			traceName = args[i+1]
		} else if len(a) > 3 && a[:3] == "-o=" {
			traceName = a[3:]
		}
	}
	code := scenario.Main(args, env, os.Stdout, os.Stderr)
	if done := js.Global().Get("goTraceDone"); done.Type() == js.TypeFunction {
		done.Invoke(code)
	}
	if code != 0 {
		os.Exit(code)
	}
}

// jsSink hands every Write to globalThis.goTraceWrite.
type jsSink struct {
	name  string
	write js.Value
}

func newJSSink(name string) *jsSink {
	w := js.Global().Get("goTraceWrite")
	if w.Type() != js.TypeFunction {
		fmt.Fprintln(os.Stderr, "wasm: globalThis.goTraceWrite is not a function; trace bytes are dropped")
		w = js.Undefined()
	}
	return &jsSink{name: name, write: w}
}

func (s *jsSink) Write(p []byte) (int, error) {
	if s.write.Type() == js.TypeFunction && len(p) > 0 {
		chunk := js.Global().Get("Uint8Array").New(len(p))
		js.CopyBytesToJS(chunk, p)
		s.write.Invoke(chunk)
	}
	return len(p), nil
}

func (s *jsSink) Close() error { return nil }
func (s *jsSink) Name() string { return s.name }

// memFile is any other "file" a scenario creates.
type memFile struct {
	name string
	buf  bytes.Buffer
}

func (m *memFile) Write(p []byte) (int, error) { return m.buf.Write(p) }
func (m *memFile) Close() error                { return nil }
func (m *memFile) Name() string                { return m.name }

// snapshotFunc is the js.Func behind globalThis.goSnapshot while a scenario offers snapshots.
var (
	snapshotMu   sync.Mutex
	snapshotFunc js.Func
	snapshotOn   bool
)

// offerSnapshots publishes s as globalThis.goSnapshot (nil withdraws it) and tells the page.
func offerSnapshots(s *scenario.Snapshotter) {
	snapshotMu.Lock()
	defer snapshotMu.Unlock()
	g := js.Global()
	if snapshotOn {
		g.Delete("goSnapshot")
		snapshotFunc.Release()
		snapshotOn = false
	}
	offer := js.Null()
	if s != nil {
		snapshotFunc = js.FuncOf(func(js.Value, []js.Value) any {
			// A js.Func runs while JavaScript waits for it, and WriteTo waits for the runtime's
			// trace goroutines: write the snapshot on a goroutine of its own and return at once.
			go writeSnapshot(s)
			return nil
		})
		g.Set("goSnapshot", snapshotFunc)
		snapshotOn = true
		offer = js.ValueOf(map[string]any{"region": s.Region, "thresholdNs": float64(s.Threshold.Nanoseconds())})
	}
	if f := g.Get("goSnapshotOffer"); f.Type() == js.TypeFunction {
		f.Invoke(offer)
	}
}

// writeSnapshot writes one snapshot into memory and hands it to globalThis.goSnapshotDone.
func writeSnapshot(s *scenario.Snapshotter) {
	var b bytes.Buffer
	_, err := s.WriteTo(&b)
	done := js.Global().Get("goSnapshotDone")
	if done.Type() != js.TypeFunction {
		return
	}
	if err != nil {
		done.Invoke(js.Null(), err.Error())
		return
	}
	chunk := js.Global().Get("Uint8Array").New(b.Len())
	js.CopyBytesToJS(chunk, b.Bytes())
	done.Invoke(chunk, "")
}
