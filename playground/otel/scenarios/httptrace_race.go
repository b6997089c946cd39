package scenarios

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
	"sync/atomic"

	"go.opentelemetry.io/contrib/instrumentation/net/http/httptrace/otelhttptrace"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

// Lesson 4.4. -p requests=N (50) requests from an "api" service to a "backend" service, in
// fan-outs of 5 concurrent requests under one "fan-out" span each, through otelhttp on both sides, with contrib's otelhttptrace recording the connection
// phases. Build it with -race to let the race detector watch. The hooks fire only on a real
// http.Transport, so this scenario means something natively, over loopback.
//
//	per-request:    otelhttp.WithClientTrace(otelhttptrace.NewClientTrace): a ClientTrace per request
//	no-subspans:    the same with otelhttptrace.WithoutSubSpans(): phases as events on the client span
//	shared:         one ClientTrace per fan-out, made from its span's ctx and attached to each of
//	                its requests: a new chance, each fan-out, for the race on the tracer's state
//	gotconn-header: the seed article's pattern: a GotConn hook sets traceparent on the caller's
//	                request, under otelhttp.Transport (which clones the request and injects its own)
func init() {
	Register(Scenario{Name: "httptrace-race", Lesson: "export/httptrace-race", Variants: []string{"per-request", "no-subspans", "shared", "gotconn-header"}, Run: httptraceRace})
}

func httptraceRace(ctx context.Context, env *Env, variant string) error {
	switch variant {
	case "per-request", "no-subspans", "shared", "gotconn-header":
	default:
		return errUnknownVariant("httptrace-race", variant)
	}
	n, err := strconv.Atoi(env.Param("requests", "50"))
	if err != nil {
		return err
	}
	const fanOut = 5
	otel.SetTextMapPropagator(propagation.TraceContext{})
	apiTP, err := env.Provider(ctx, "api")
	if err != nil {
		return err
	}
	defer apiTP.Shutdown(ctx)
	backendTP, err := env.Provider(ctx, "backend")
	if err != nil {
		return err
	}
	defer backendTP.Shutdown(ctx)

	var withTraceparent, hookHeader atomic.Int64
	url, err := env.Net.Serve("backend", otelhttp.NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("traceparent") != "" {
			withTraceparent.Add(1)
		}
		if r.Header.Get("X-Hook-Traceparent") != "" {
			hookHeader.Add(1)
		}
	}), "GET /item", otelhttp.WithTracerProvider(backendTP)))
	if err != nil {
		return err
	}

	opts := []otelhttp.Option{otelhttp.WithTracerProvider(apiTP)}
	switch variant {
	case "per-request":
		opts = append(opts, otelhttp.WithClientTrace(func(ctx context.Context) *httptrace.ClientTrace {
			return otelhttptrace.NewClientTrace(ctx)
		}))
	case "no-subspans":
		opts = append(opts, otelhttp.WithClientTrace(func(ctx context.Context) *httptrace.ClientTrace {
			return otelhttptrace.NewClientTrace(ctx, otelhttptrace.WithoutSubSpans())
		}))
	}
	client := &http.Client{Transport: otelhttp.NewTransport(env.Net.Transport(), opts...)}
	tracer := apiTP.Tracer("api")
	var failed atomic.Int64
	for round := 0; round < n/fanOut; round++ {
		// A handler fanning out: one span, and (shared) one ClientTrace made from its ctx.
		rootCtx, root := tracer.Start(ctx, "fan-out")
		shared := otelhttptrace.NewClientTrace(rootCtx)
		var wg, arrived sync.WaitGroup
		arrived.Add(fanOut)
		// The requests leave together, so their first hooks run at the same moment, as under load.
		start := make(chan struct{})
		for i := 0; i < fanOut; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				req, err := http.NewRequestWithContext(rootCtx, http.MethodGet, url+"/item", nil)
				if err != nil {
					failed.Add(1)
					return
				}
				switch variant {
				case "shared":
					req = req.WithContext(httptrace.WithClientTrace(req.Context(), shared))
					// Hooks of a trace added later run first: this one holds each request at
					// its first hook until the whole fan-out is there, so the shared tracer's
					// hooks run in parallel even on a loaded machine, where goroutines would
					// otherwise run one after the other (and the race would not show).
					req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
						GetConn: func(string) { arrived.Done(); arrived.Wait() },
					}))
				case "gotconn-header":
					req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
						GotConn: func(httptrace.GotConnInfo) {
							req.Header.Set("X-Hook-Traceparent", "set in GotConn") // the article's write, renamed so it can be counted
						},
					}))
				}
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}()
		}
		close(start)
		wg.Wait()
		root.End()
	}
	env.Printf("%d requests, %d failed; backend saw traceparent on %d, the hook's header on %d\n",
		n, failed.Load(), withTraceparent.Load(), hookHeader.Load())
	if err := apiTP.Shutdown(ctx); err != nil {
		return err
	}
	return backendTP.Shutdown(ctx)
}
