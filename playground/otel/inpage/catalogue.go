// Package inpage is what the OpenTelemetry scenarios need to run in a browser page
// (cmd/otel-wasm) besides the scenarios themselves: a simulated Collector for the scenarios about
// the exporter's network, the span records the page shows, the link from spans to their
// runtime/trace tasks, and the catalogue of what runs in the page and how.
package inpage

import (
	"context"
	"fmt"
	"sort"

	"fieldguide/playground/otel/scenarios"
)

// Variant is one run the page can make.
type Variant struct {
	Name string `json:"name"`
	// Collector is the simulated Collector's state when the spans go through the real
	// otlptracehttp exporter to it, as the native run's Collector was; empty when they go to the
	// SDK's in-memory exporter (tracetest).
	Collector State `json:"collector,omitempty"`
	TLS       bool  `json:"tls,omitempty"`
	// Params are the page's defaults where the native ones are too big for a page.
	Params map[string]string `json:"params,omitempty"`
	// TimeLimitMs is how long the page lets it run.
	TimeLimitMs int `json:"timeLimitMs"`
}

// Entry is one scenario the page can run.
type Entry struct {
	Scenario string `json:"scenario"`
	Lesson   string `json:"lesson"`
	// TracesItself is set for a scenario that runs the execution tracer itself and writes the
	// trace as a file (runtime-task): the runner does not start the tracer for it.
	TracesItself bool      `json:"tracesItself,omitempty"`
	Variants     []Variant `json:"variants"`
}

const defaultTimeLimitMs = 20_000

// notInPage are scenarios that stay native: httptrace-race is about a data race, which only a
// -race build on several threads shows.
var notInPage = map[string]bool{"httptrace-race": true}

// collectorStates are the native runs' Collector states (harness/runs.ts) for the scenarios of
// the scenarios package whose spans go through the exporter in the page.
var collectorStates = map[string]map[string]State{
	"batch-queue": {
		"overflow": Paused2s, "overflow-silent": Paused2s, "blocking": Paused2s,
		"shutdown-flush": Up, "shutdown-timeout": Paused, "no-shutdown": Up,
	},
}

// pageParams are the page's defaults: default-sampling's 1000 requests make 5,000 spans, more
// than a waterfall shows usefully; the samplers' rules read the same on 200.
var pageParams = map[string]map[string]string{
	"default-sampling": {"requests": "200"},
}

// timeLimits are the variants that take longer than the default limit on purpose.
var timeLimits = map[string]int{
	"export-retry/http-stopped": 60_000, // the exporter gives up after its 30 s export timeout
}

// Catalogue lists every scenario and variant the page can run, in name order.
func Catalogue() ([]Entry, error) {
	var out []Entry
	for _, s := range scenarios.All() {
		if notInPage[s.Name] {
			continue
		}
		e := Entry{Scenario: s.Name, Lesson: s.Lesson, TracesItself: s.Name == "runtime-task"}
		for _, v := range s.Variants {
			pv := Variant{Name: v, Params: pageParams[s.Name], TimeLimitMs: limit(s.Name, v)}
			if states, ok := collectorStates[s.Name]; ok {
				if pv.Collector, ok = states[v]; !ok {
					return nil, fmt.Errorf("inpage: no Collector state for %s/%s", s.Name, v)
				}
			}
			e.Variants = append(e.Variants, pv)
		}
		out = append(out, e)
	}
	tls := Entry{Scenario: "tls-downgrade", Lesson: "export/tls-downgrade"}
	for _, v := range tlsVariants {
		tls.Variants = append(tls.Variants, Variant{Name: v, Collector: Up, TLS: true, TimeLimitMs: limit("tls-downgrade", v)})
	}
	retry := Entry{Scenario: "export-retry", Lesson: "export/timeout-retry"}
	for _, v := range retryVariants {
		state := map[string]State{"http-down": None, "http-late": Late, "http-stopped": Paused}[v]
		retry.Variants = append(retry.Variants, Variant{Name: v, Collector: state, TimeLimitMs: limit("export-retry", v)})
	}
	out = append(out, tls, retry)
	sort.Slice(out, func(i, j int) bool { return out[i].Scenario < out[j].Scenario })
	return out, nil
}

func limit(scenario, variant string) int {
	if ms, ok := timeLimits[scenario+"/"+variant]; ok {
		return ms
	}
	return defaultTimeLimitMs
}

// Find returns a scenario's entry and one of its variants.
func Find(scenario, variant string) (Entry, Variant, error) {
	all, err := Catalogue()
	if err != nil {
		return Entry{}, Variant{}, err
	}
	for _, e := range all {
		if e.Scenario != scenario {
			continue
		}
		for _, v := range e.Variants {
			if v.Name == variant {
				return e, v, nil
			}
		}
		return Entry{}, Variant{}, fmt.Errorf("%s: no variant %q in the page", scenario, variant)
	}
	return Entry{}, Variant{}, fmt.Errorf("no scenario %q in the page", scenario)
}

// Run runs one scenario: the export scenarios with the simulated Collector c, the others from the
// scenarios package with env as it is.
func Run(ctx context.Context, env *scenarios.Env, c *Collector, scenario, variant string) error {
	switch scenario {
	case "tls-downgrade":
		return tlsDowngrade(ctx, env, c, variant)
	case "export-retry":
		return exportRetry(ctx, env, c, variant)
	}
	s, ok := scenarios.Lookup(scenario)
	if !ok {
		return fmt.Errorf("no scenario %q", scenario)
	}
	return s.Run(ctx, env, variant)
}
