package scenarios

import (
	"bytes"
	"context"
	"runtime/trace"
	"time"

	oteltrace "go.opentelemetry.io/otel/trace"
)

// Lesson 5.1 ("Correlating with logs and metrics"). While Go's execution tracer runs, the SDK
// opens a runtime/trace task for each recording span, named after the span; the program also
// logs the span's trace ID into the execution trace with trace.Log, as the lesson suggests.
// The execution trace is written to runtime-task.trace (Env.WriteFile); the spans are exported.
//
//	default: one "checkout" span with a child "charge", inside trace.Start / trace.Stop
func init() {
	Register(Scenario{Name: "runtime-task", Lesson: "maturity/path", Variants: []string{"default"}, Run: runtimeTask})
}

func runtimeTask(ctx context.Context, env *Env, variant string) error {
	if variant != "default" {
		return errUnknownVariant("runtime-task", variant)
	}
	tp, err := env.Provider(ctx, "checkout")
	if err != nil {
		return err
	}
	defer tp.Shutdown(ctx)
	tracer := tp.Tracer("checkout")

	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		return err
	}
	ctx, span := tracer.Start(ctx, "checkout")
	trace.Log(ctx, "trace_id", span.SpanContext().TraceID().String())
	charge(ctx, tracer)
	span.End()
	trace.Stop()

	env.Printf("span checkout: trace %s span %s\n", span.SpanContext().TraceID(), span.SpanContext().SpanID())
	if err := env.WriteFile("runtime-task.trace", buf.Bytes()); err != nil {
		return err
	}
	return tp.Shutdown(ctx)
}

func charge(ctx context.Context, tracer oteltrace.Tracer) {
	ctx, span := tracer.Start(ctx, "charge")
	defer span.End()
	trace.WithRegion(ctx, "talk to the bank", func() { time.Sleep(2 * time.Millisecond) })
}
