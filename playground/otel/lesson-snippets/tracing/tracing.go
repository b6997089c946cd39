// Lesson 2.1's Init, the whole file as the lesson shows it.

// --- verbatim from content/docs/init/global-provider.mdx ---
package tracing

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Init installs the global TracerProvider and propagator. Call it first in run(),
// and defer the returned shutdown so the last batch of spans is exported.
func Init(ctx context.Context) (shutdown func(context.Context) error, err error) {
	// Endpoint and TLS from OTEL_EXPORTER_OTLP_*; default localhost:4317 over TLS.
	exp, err := otlptracegrpc.New(ctx)
	if err != nil {
		return nil, err
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp), // without a processor, spans are recorded and dropped
		// No WithSampler: OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG decide,
		// default ParentBased(AlwaysSample()). A WithSampler here would override them.
	)
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, // traceparent / tracestate
		propagation.Baggage{},
	))
	return tp.Shutdown, nil
}

// --- end of the lesson's code ---
