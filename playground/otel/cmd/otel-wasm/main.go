//go:build js && wasm

// Command otel-wasm is every OpenTelemetry scenario the page runs, in one WebAssembly binary
// (public/go/otel-scenarios.wasm; built by harness/build-wasm.ts). It is cmd/otel-inmemory's
// wiring (the in-memory exporter, services over scenarios.InProcess) plus, for the scenarios about
// the exporter's network, the real otlptracehttp exporter talking to a simulated Collector in the
// same program (inpage.Collector): no socket, no request leaves the page.
//
// Contract with the page (src/go-wasm/go-scenario.worker.ts):
//   - go.argv = ['otel', '-scenario=NAME', '-variant=V', '-p', 'name=value', ..., '-exectrace'];
//     '-list' prints the catalogue (inpage.Catalogue) as JSON and exits;
//   - every span the exporter is handed (in-memory) or the simulated Collector processes goes to
//     globalThis.otelSpans(json), a JSON array of inpage.Span, as it happens: a program that dies
//     later (a panic, os.Exit) has delivered what it exported before;
//   - with -exectrace the execution tracer runs around the scenario, and every span is tied to its
//     runtime/trace task (inpage.TaskLink); the trace bytes go to globalThis.goTraceWrite, as the Go
//     scenarios' do. A scenario that traces itself (runtime-task) hands over the trace it writes;
//   - program output (the simulated Collector's lines too) goes to stdout and stderr; when the
//     scenario returns, globalThis.goTraceDone(exitCode) is called, then the program exits.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/trace"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"fieldguide/playground/otel/inpage"
	"fieldguide/playground/otel/scenarios"
)

func main() {
	runStart := time.Now()
	name := flag.String("scenario", "", "scenario to run")
	variant := flag.String("variant", "", "variant of the scenario")
	exectrace := flag.Bool("exectrace", false, "run the execution tracer and tie every span to its task")
	list := flag.Bool("list", false, "print the catalogue of scenarios as JSON")
	p := scenarios.ParamFlag{}
	flag.Var(p, "p", "a scenario parameter, name=value (repeatable)")
	flag.Parse()

	if *list {
		all, err := inpage.Catalogue()
		if err != nil {
			fail(err)
		}
		json.NewEncoder(os.Stdout).Encode(all)
		return
	}
	entry, v, err := inpage.Find(*name, *variant)
	if err != nil {
		fail(err)
	}
	for k, val := range v.Params {
		if _, given := p[k]; !given {
			p[k] = val
		}
	}

	ctx := context.Background()
	env := &scenarios.Env{
		Net:        scenarios.NewInProcess(),
		Out:        os.Stdout,
		Params:     p,
		Attributes: []attribute.KeyValue{attribute.String("fieldguide.scenario", *name), attribute.String("fieldguide.variant", *variant)},
		WriteFile: func(file string, data []byte) error {
			if strings.HasSuffix(file, ".trace") {
				traceSink().Write(data)
			}
			fmt.Printf("wrote %s: %d bytes\n", file, len(data))
			return nil
		},
	}
	if *exectrace || entry.TracesItself {
		env.Processors = []sdktrace.SpanProcessor{inpage.TaskLink{}}
	}

	var collector *inpage.Collector
	if v.Collector == "" {
		mem := tracetest.NewInMemoryExporter()
		env.NewExporter = func(context.Context) (sdktrace.SpanExporter, error) {
			return streamExporter{mem: mem, runStart: runStart}, nil
		}
	} else {
		collector, err = inpage.NewCollector(v.Collector, v.TLS, runStart, os.Stdout, emitSpans)
		if err != nil {
			fail(err)
		}
		// What the native runner gives the scenarios: OTLP/HTTP to the Collector, plaintext.
		env.NewExporter = func(ctx context.Context) (sdktrace.SpanExporter, error) {
			return otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(inpage.Addr), otlptracehttp.WithInsecure(), otlptracehttp.WithHTTPClient(collector.Client(nil)))
		}
		if v.Collector == inpage.Paused2s {
			// The native harness resumes the Collector 2 s after the program prints "ending".
			env.Out = &watch{w: os.Stdout, word: "ending", then: func() { collector.ResumeAfter(2 * time.Second) }}
		}
	}

	tracing := *exectrace && !entry.TracesItself
	if tracing {
		if err := trace.Start(traceSink()); err != nil {
			fail(err)
		}
	}
	err = inpage.Run(ctx, env, collector, *name, *variant)
	if tracing {
		trace.Stop()
	}
	if collector != nil {
		collector.Finish()
	}
	code := 0
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		code = 1
	}
	if done := js.Global().Get("goTraceDone"); done.Type() == js.TypeFunction {
		done.Invoke(code)
	}
	os.Exit(code)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(2)
}

// streamExporter is tracetest's InMemoryExporter that also hands each export to the page at once,
// and keeps its spans through Shutdown (the SDK's clears them, and every scenario shuts down).
type streamExporter struct {
	mem      *tracetest.InMemoryExporter
	runStart time.Time
}

func (e streamExporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	if err := e.mem.ExportSpans(ctx, spans); err != nil {
		return err
	}
	emitSpans(inpage.SpansFromStubs(tracetest.SpanStubsFromReadOnlySpans(spans), e.runStart))
	return nil
}

func (streamExporter) Shutdown(context.Context) error { return nil }

func emitSpans(spans []inpage.Span) {
	if len(spans) == 0 {
		return
	}
	f := js.Global().Get("otelSpans")
	if f.Type() != js.TypeFunction {
		return
	}
	b, err := json.Marshal(spans)
	if err != nil {
		fmt.Fprintln(os.Stderr, "otel-wasm: spans not sent:", err)
		return
	}
	f.Invoke(string(b))
}

var (
	sinkOnce sync.Once
	sink     *jsSink
)

// traceSink hands execution trace bytes to globalThis.goTraceWrite, a copy per write. A pointer:
// runtime/trace compares the writers it is given.
func traceSink() io.Writer {
	sinkOnce.Do(func() { sink = &jsSink{write: js.Global().Get("goTraceWrite")} })
	return sink
}

type jsSink struct{ write js.Value }

func (s *jsSink) Write(p []byte) (int, error) {
	if s.write.Type() == js.TypeFunction && len(p) > 0 {
		chunk := js.Global().Get("Uint8Array").New(len(p))
		js.CopyBytesToJS(chunk, p)
		s.write.Invoke(chunk)
	}
	return len(p), nil
}

// watch passes output through and calls then once, the first time word is written.
type watch struct {
	w    io.Writer
	word string
	then func()
	once sync.Once
}

func (w *watch) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(w.word)) {
		w.once.Do(w.then)
	}
	return w.w.Write(p)
}
