package scenarios

import (
	"context"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Lesson 2.1. Until otel.SetTracerProvider runs, the global provider hands out delegating
// tracers whose spans record nothing. A tracer taken early is switched over to the SDK when the
// provider is set; a span started early is not.
//
//	broken:       the provider is built but never registered with otel.SetTracerProvider
//	fixed:        it is registered, after the tracer was taken and one span was started
//	no-processor: registered, but built without WithBatcher or WithSpanProcessor: spans record,
//	              and go nowhere
//
// Both variants also end one span from tp.Tracer directly, so an empty result means "nothing
// was exported through the global", not "the exporter was broken".
func init() {
	Register(Scenario{Name: "global-provider", Lesson: "init/global-provider", Variants: []string{"broken", "fixed", "no-processor"}, Run: globalProvider})
}

func globalProvider(ctx context.Context, env *Env, variant string) error {
	switch variant {
	case "broken", "fixed":
	case "no-processor":
		return noProcessor(ctx, env)
	default:
		return errUnknownVariant("global-provider", variant)
	}
	early := otel.Tracer("shop") // as a package-level `var tracer = otel.Tracer("shop")` would be
	_, before := early.Start(ctx, "started before SetTracerProvider")
	describe(env, "started before SetTracerProvider", before)

	tp, err := env.Provider(ctx, "shop")
	if err != nil {
		return err
	}
	defer tp.Shutdown(ctx)
	if variant == "fixed" {
		otel.SetTracerProvider(tp)
	}
	before.End() // ended after SetTracerProvider, still the no-op span it started as

	startEnd(ctx, env, early, "early tracer, started after SetTracerProvider")
	startEnd(ctx, env, otel.Tracer("shop"), "tracer taken after SetTracerProvider")
	startEnd(ctx, env, tp.Tracer("shop"), "tp.Tracer, not the global")
	return tp.Shutdown(ctx)
}

func startEnd(ctx context.Context, env *Env, tracer trace.Tracer, name string) {
	_, span := tracer.Start(ctx, name)
	describe(env, name, span)
	span.End()
}

// describe prints what a service can check about a span at run time.
func describe(env *Env, name string, span trace.Span) {
	env.Printf("span %-48q recording=%-5v valid span context=%-5v (%T)\n", name, span.IsRecording(), span.SpanContext().IsValid(), span)
}

func noProcessor(ctx context.Context, env *Env) error {
	tp := sdktrace.NewTracerProvider(sdktrace.WithResource(env.Resource("shop")))
	otel.SetTracerProvider(tp)
	startEnd(ctx, env, otel.Tracer("shop"), "no span processor")
	return tp.Shutdown(ctx)
}
