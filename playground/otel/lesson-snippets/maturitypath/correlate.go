// Lesson 5.1's OpenTelemetry code: a span whose trace ID is logged into the execution trace.
package maturitypath

import (
	"context"
	"runtime/trace"

	oteltrace "go.opentelemetry.io/otel/trace"
)

func checkout(ctx context.Context, tracer oteltrace.Tracer) {
	// --- verbatim from content/docs/maturity/path.mdx, go block (the trace ID in the execution trace) ---
	ctx, span := tracer.Start(ctx, "checkout") // while the execution tracer runs, also a task "checkout"
	defer span.End()
	trace.Log(ctx, "trace_id", span.SpanContext().TraceID().String())
	// --- end of the lesson's code ---
}
