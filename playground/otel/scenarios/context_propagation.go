package scenarios

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Lesson 3.1. A checkout request reaches the frontend service (otelhttp server span), which
// loads the user (loadUser, then its query), charges the card on a goroutine, and calls the
// inventory service over HTTP through an otelhttp client (reserveStock there).
//
//	fixed:         the ctx returned by Start is passed on, and the global propagator is
//	               TraceContext: one trace, every span under the one before it
//	dropped-ctx:   loadUser's ctx is dropped (`_, span := tracer.Start(ctx, ...)`) and the goroutine
//	               starts from context.Background(): the query becomes loadUser's sibling and
//	               chargeCard the root of a trace of its own
//	no-propagator: otel.SetTextMapPropagator is never called: no traceparent header leaves the
//	               frontend, so the inventory's spans form a second, parentless trace
func init() {
	Register(Scenario{Name: "context-propagation", Lesson: "spans/context-propagation", Variants: []string{"fixed", "dropped-ctx", "no-propagator"}, Run: contextPropagation})
}

func contextPropagation(ctx context.Context, env *Env, variant string) error {
	switch variant {
	case "fixed", "dropped-ctx":
		otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	case "no-propagator":
	default:
		return errUnknownVariant("context-propagation", variant)
	}
	keepCtx := variant != "dropped-ctx"

	frontendTP, err := env.Provider(ctx, "frontend")
	if err != nil {
		return err
	}
	defer frontendTP.Shutdown(ctx)
	inventoryTP, err := env.Provider(ctx, "inventory")
	if err != nil {
		return err
	}
	defer inventoryTP.Shutdown(ctx)

	inventoryTracer := inventoryTP.Tracer("inventory")
	inventoryURL, err := env.Net.Serve("inventory", otelhttp.NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		env.Printf("inventory: incoming traceparent=%q\n", r.Header.Get("traceparent"))
		_, span := inventoryTracer.Start(r.Context(), "reserveStock")
		defer span.End()
		fmt.Fprintln(w, "reserved")
	}), "GET /reserve", otelhttp.WithTracerProvider(inventoryTP)))
	if err != nil {
		return err
	}

	// otelhttp takes the global propagator unless WithPropagators says otherwise: that is the
	// one the no-propagator variant leaves as the no-op default.
	client := &http.Client{Transport: otelhttp.NewTransport(env.Net.Transport(), otelhttp.WithTracerProvider(frontendTP))}
	tracer := frontendTP.Tracer("frontend")
	checkout := func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		loadUser(ctx, tracer, keepCtx)

		var wg sync.WaitGroup
		wg.Add(1)
		chargeCtx := ctx
		if !keepCtx {
			chargeCtx = context.Background()
		}
		go func(ctx context.Context) {
			defer wg.Done()
			_, span := tracer.Start(ctx, "chargeCard")
			defer span.End()
		}(chargeCtx)
		wg.Wait()

		req, err := http.NewRequestWithContext(ctx, http.MethodGet, inventoryURL+"/reserve", nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		env.Printf("frontend: checkout in trace %s\n", trace.SpanContextFromContext(ctx).TraceID())
	}
	frontendURL, err := env.Net.Serve("frontend", otelhttp.NewHandler(http.HandlerFunc(checkout), "GET /checkout", otelhttp.WithTracerProvider(frontendTP)))
	if err != nil {
		return err
	}

	// The caller is not instrumented: the frontend's server span is the root.
	resp, err := (&http.Client{Transport: env.Net.Transport()}).Get(frontendURL + "/checkout")
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	env.Printf("checkout: %s\n", resp.Status)
	if err := frontendTP.Shutdown(ctx); err != nil {
		return err
	}
	return inventoryTP.Shutdown(ctx)
}

// loadUser is the lesson's LoadUser: with keepCtx the query runs under loadUser's span; without
// it, the ctx that Start returned is dropped and the query hangs off the caller's span instead.
func loadUser(ctx context.Context, tracer trace.Tracer, keepCtx bool) {
	var span trace.Span
	if keepCtx {
		ctx, span = tracer.Start(ctx, "loadUser") // shadow ctx on purpose
	} else {
		_, span = tracer.Start(ctx, "loadUser") // the new ctx is dropped
	}
	defer span.End()
	_, query := tracer.Start(ctx, "SELECT users")
	query.End()
}
