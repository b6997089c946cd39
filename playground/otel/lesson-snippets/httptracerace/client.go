// Lesson 4.4's client code, in functions.
package httptracerace

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"

	"go.opentelemetry.io/contrib/instrumentation/net/http/httptrace/otelhttptrace"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

func withOtelhttp(ctx context.Context, url string) error {
	// --- verbatim from content/docs/export/httptrace-race.mdx, go block (otelhttp and the propagator) ---
	// Once, at start-up: without this the global propagator is a no-op.
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, propagation.Baggage{},
	))

	client := &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}

	// Per call: ctx carries the current span.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req) // otelhttp clones req, injects traceparent, then sends
	// --- end of the lesson's code ---
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func byHand(ctx context.Context, client *http.Client, req *http.Request) error {
	// --- verbatim from content/docs/export/httptrace-race.mdx, go block (injecting by hand) ---
	otel.GetTextMapPropagator().Inject(ctx, propagation.HeaderCarrier(req.Header))
	resp, err := client.Do(req)
	// --- end of the lesson's code ---
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func fixed(ctx context.Context, req *http.Request) error {
	// --- verbatim from content/docs/export/httptrace-race.mdx, diff block (its new side) ---
	client := &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
	resp, err := client.Do(req.WithContext(ctx)) // traceparent: 00-<trace-id>-<span-id>-<flags>
	// --- end of the lesson's code ---
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func withPhases() *http.Client {
	// --- verbatim from content/docs/export/httptrace-race.mdx, go block (the ClientTrace per request) ---
	client := &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport,
		otelhttp.WithClientTrace(func(ctx context.Context) *httptrace.ClientTrace {
			return otelhttptrace.NewClientTrace(ctx) // one per request, under its client span
		}),
	)}
	// --- end of the lesson's code ---
	return client
}
