// Lesson 4.1's fix: the sampler a service that is called by another one should have.
package defaultsampling

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func newProvider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	// --- verbatim from content/docs/export/default-sampling.mdx, diff block (its new side) ---
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithSampler(sdktrace.ParentBased(
			sdktrace.TraceIDRatioBased(0.05),                            // new traces: 5 %
			sdktrace.WithRemoteParentNotSampled(sdktrace.NeverSample()), // the default, written down: trust the caller
		)),
	)
	// --- end of the lesson's code ---
	return tp
}
