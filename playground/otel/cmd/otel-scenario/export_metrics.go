package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"fieldguide/playground/otel/scenarios"
)

// batch-metrics (lesson 4.3): the SDK's own metrics, an experimental feature switched on with
// OTEL_GO_X_OBSERVABILITY=true, read with a ManualReader after the burst of batch-queue's overflow
// variant: 10,000 spans ended while the Collector is paused (the harness resumes it 2 s after
// "ending"). It prints every data point of the SDK's metrics, after the burst and after Shutdown,
// as "name{attributes} value", leaving out the component names (they hold a per-process counter)
// and the Collector's port (a new one each run).
//
//	overflow: the batch span processor's defaults, the exporter otlptracehttp
var metricsVariants = []string{"overflow"}

func batchMetrics(ctx context.Context, variant, endpoint, run string) error {
	if variant != "overflow" {
		return fmt.Errorf("batch-metrics: unknown variant %q", variant)
	}
	os.Setenv("OTEL_GO_X_OBSERVABILITY", "true")
	reader := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))

	exp, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(endpoint), otlptracehttp.WithInsecure())
	if err != nil {
		return err
	}
	env := &scenarios.Env{Attributes: runAttributes(run, "batch-metrics", variant)}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(env.Resource("batch-metrics")))
	tracer := tp.Tracer("batch-metrics")

	const spans = 10000
	fmt.Printf("ending %d spans\n", spans)
	os.Stdout.Sync()
	start := time.Now()
	for i := 0; i < spans; i++ {
		_, span := tracer.Start(ctx, "burst")
		span.End()
	}
	fmt.Printf("ended %d spans in %v\n", spans, time.Since(start).Round(time.Millisecond))
	if err := printMetrics(ctx, reader, "after the burst"); err != nil {
		return err
	}
	start = time.Now()
	err = tp.Shutdown(ctx)
	fmt.Printf("tp.Shutdown returned after %v: %v\n", time.Since(start).Round(time.Second), err)
	return printMetrics(ctx, reader, "after Shutdown")
}

// printMetrics collects once and prints the SDK's own metrics, one data point a line, sorted.
func printMetrics(ctx context.Context, reader *sdkmetric.ManualReader, when string) error {
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(ctx, &rm); err != nil {
		return err
	}
	var lines []string
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			point := func(attrs attribute.Set, value int64) {
				var kv []string
				for _, a := range attrs.ToSlice() {
					if a.Key != "otel.component.name" && a.Key != "server.port" {
						kv = append(kv, fmt.Sprintf("%s=%s", a.Key, a.Value.Emit()))
					}
				}
				lines = append(lines, fmt.Sprintf("  %s{%s} %d", m.Name, strings.Join(kv, ","), value))
			}
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					point(p.Attributes, p.Value)
				}
			case metricdata.Gauge[int64]:
				for _, p := range d.DataPoints {
					point(p.Attributes, p.Value)
				}
			}
		}
	}
	sort.Strings(lines)
	fmt.Printf("metrics %s:\n%s\n", when, strings.Join(lines, "\n"))
	return nil
}
