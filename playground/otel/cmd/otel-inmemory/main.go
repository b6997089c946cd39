// Command otel-inmemory runs one scenario of playground/otel/scenarios with no socket at all:
// spans go to the SDK's in-memory exporter (sdk/trace/tracetest) and services talk through
// scenarios.InProcess. It is the shape of the in-browser build (GOOS=js GOARCH=wasm), and runs
// natively too, so its output can be compared with what the Collector receives.
//
//	otel-inmemory -scenario=context-propagation -variant=fixed
//
// It prints the scenario's own report, then one JSON object per exported span on lines that
// start with "span " (the fields the Collector's OTLP/JSON has: service, trace and span IDs,
// parent, name, status, events, links).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"fieldguide/playground/otel/scenarios"
)

// keptExporter keeps its spans through Shutdown: tracetest's InMemoryExporter clears them there,
// and every scenario shuts its providers down before it returns.
type keptExporter struct{ *tracetest.InMemoryExporter }

func (keptExporter) Shutdown(context.Context) error { return nil }

func main() {
	name := flag.String("scenario", "", "scenario to run")
	variant := flag.String("variant", "", "variant of the scenario")
	p := scenarios.ParamFlag{}
	flag.Var(p, "p", "a scenario parameter, name=value (repeatable)")
	flag.Parse()
	s, ok := scenarios.Lookup(*name)
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown scenario %q\n", *name)
		os.Exit(2)
	}
	mem := tracetest.NewInMemoryExporter()
	env := &scenarios.Env{
		NewExporter: func(context.Context) (sdktrace.SpanExporter, error) { return keptExporter{mem}, nil },
		Net:         scenarios.NewInProcess(),
		Out:         os.Stdout,
		Params:      p,
		Attributes:  []attribute.KeyValue{attribute.String("fieldguide.scenario", *name), attribute.String("fieldguide.variant", *variant)},
		WriteFile:   func(file string, data []byte) error { fmt.Printf("wrote %s: %d bytes\n", file, len(data)); return nil },
	}
	err := s.Run(context.Background(), env, *variant)
	for _, stub := range mem.GetSpans() {
		line, _ := json.Marshal(describe(stub))
		fmt.Printf("span %s\n", line)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

type event struct {
	Name       string            `json:"name"`
	Attributes map[string]string `json:"attributes"`
}

type link struct {
	TraceID string `json:"traceId"`
	SpanID  string `json:"spanId"`
}

type span struct {
	Service       string  `json:"service"`
	TraceID       string  `json:"traceId"`
	SpanID        string  `json:"spanId"`
	ParentSpanID  string  `json:"parentSpanId"`
	Name          string  `json:"name"`
	StatusCode    int     `json:"statusCode"`
	StatusMessage string  `json:"statusMessage"`
	Events        []event `json:"events"`
	Links         []link  `json:"links"`
	StartUnixNano int64   `json:"start"`
	EndUnixNano   int64   `json:"end"`
}

func describe(s tracetest.SpanStub) span {
	out := span{
		TraceID: s.SpanContext.TraceID().String(), SpanID: s.SpanContext.SpanID().String(),
		Name: s.Name, StatusMessage: s.Status.Description,
		// OTLP numbers status codes Unset 0, Ok 1, Error 2; the Go API numbers them Unset 0, Error 1, Ok 2.
		StatusCode:    map[int]int{0: 0, 1: 2, 2: 1}[int(s.Status.Code)],
		Events:        []event{},
		Links:         []link{},
		StartUnixNano: s.StartTime.UnixNano(), EndUnixNano: s.EndTime.UnixNano(),
	}
	if s.Parent.IsValid() {
		out.ParentSpanID = s.Parent.SpanID().String()
	}
	if v, ok := s.Resource.Set().Value("service.name"); ok {
		out.Service = v.AsString()
	}
	for _, e := range s.Events {
		attrs := map[string]string{}
		for _, a := range e.Attributes {
			attrs[string(a.Key)] = a.Value.Emit()
		}
		out.Events = append(out.Events, event{Name: e.Name, Attributes: attrs})
	}
	for _, l := range s.Links {
		out.Links = append(out.Links, link{TraceID: l.SpanContext.TraceID().String(), SpanID: l.SpanContext.SpanID().String()})
	}
	return out
}
