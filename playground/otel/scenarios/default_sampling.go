package scenarios

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Lesson 4.1. Requests go through three services over HTTP, a → b → c, each with its own
// TracerProvider, otelhttp on both sides and the TraceContext propagator. What each service
// records depends only on its sampler; the exporter counts whole, broken and rootless traces.
//
//	default:              no WithSampler anywhere: ParentBased(AlwaysSample()), every trace whole
//	broken:               a ParentBased(TraceIDRatioBased(0.10)), b TraceIDRatioBased(0.05),
//	                      c TraceIDRatioBased(0.20): bare ratio samplers below the root
//	fixed:                the same ratios, each wrapped in ParentBased: traces kept or dropped whole
//	upstream-sampled:     default samplers, and the caller sends traceparent ...-01
//	upstream-not-sampled: default samplers, and the caller sends traceparent ...-00: nothing
//
// -p requests=N (default 1000) requests, -p concurrency=N (default 8) at a time.
func init() {
	Register(Scenario{Name: "default-sampling", Lesson: "export/default-sampling", Variants: []string{
		"default", "broken", "fixed", "upstream-sampled", "upstream-not-sampled",
	}, Run: defaultSampling})
}

// samplingChains gives each variant's samplers for a, b and c (nil: the SDK's default).
var samplingChains = map[string][3]sdktrace.Sampler{
	"default":              {},
	"upstream-sampled":     {},
	"upstream-not-sampled": {},
	"broken": {
		sdktrace.ParentBased(sdktrace.TraceIDRatioBased(0.10)),
		sdktrace.TraceIDRatioBased(0.05),
		sdktrace.TraceIDRatioBased(0.20),
	},
	"fixed": {
		sdktrace.ParentBased(sdktrace.TraceIDRatioBased(0.10)),
		sdktrace.ParentBased(sdktrace.TraceIDRatioBased(0.05)),
		sdktrace.ParentBased(sdktrace.TraceIDRatioBased(0.20)),
	},
}

func defaultSampling(ctx context.Context, env *Env, variant string) error {
	chain, ok := samplingChains[variant]
	if !ok {
		return errUnknownVariant("default-sampling", variant)
	}
	requests, err := strconv.Atoi(env.Param("requests", "1000"))
	if err != nil {
		return err
	}
	concurrency, err := strconv.Atoi(env.Param("concurrency", "8"))
	if err != nil {
		return err
	}
	otel.SetTextMapPropagator(propagation.TraceContext{})

	// Build c first: each service needs the URL of the next.
	names := []string{"a", "b", "c"}
	next := ""
	var providers []*sdktrace.TracerProvider
	defer func() {
		for _, tp := range providers {
			tp.Shutdown(ctx)
		}
	}()
	for i := 2; i >= 0; i-- {
		exp, err := env.NewExporter(ctx)
		if err != nil {
			return err
		}
		// A blocking queue: a full queue that drops spans (lesson 4.3) would blur the counts.
		opts := []sdktrace.TracerProviderOption{
			sdktrace.WithBatcher(exp, sdktrace.WithBlocking()),
			sdktrace.WithResource(env.Resource(names[i])),
		}
		if chain[i] != nil {
			opts = append(opts, sdktrace.WithSampler(chain[i]))
		}
		opts = append(opts, env.ProcessorOptions()...)
		tp := sdktrace.NewTracerProvider(opts...)
		providers = append(providers, tp)
		url, err := env.Net.Serve(names[i], otelhttp.NewHandler(forwardTo(env, tp, next), "GET /"+names[i], otelhttp.WithTracerProvider(tp)))
		if err != nil {
			return err
		}
		next = url
	}
	if len(providers) == 3 {
		env.Printf("samplers: a=%s b=%s c=%s\n", describeSampler(chain[0]), describeSampler(chain[1]), describeSampler(chain[2]))
	}

	caller := &http.Client{Transport: env.Net.Transport()}
	var failed atomic.Int64
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, next+"/", nil)
				if err == nil {
					switch variant {
					case "upstream-sampled":
						req.Header.Set("traceparent", randomTraceparent("01"))
					case "upstream-not-sampled":
						req.Header.Set("traceparent", randomTraceparent("00"))
					}
					var resp *http.Response
					if resp, err = caller.Do(req); err == nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							err = fmt.Errorf("status %s", resp.Status)
						}
					}
				}
				if err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	for i := 0; i < requests; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	env.Printf("%d requests sent through a → b → c, %d failed\n", requests, failed.Load())
	for _, tp := range providers {
		if err := tp.Shutdown(ctx); err != nil {
			return err
		}
	}
	return nil
}

// forwardTo is one service: it calls next (if any) with the request's ctx, through otelhttp.
func forwardTo(env *Env, tp *sdktrace.TracerProvider, next string) http.Handler {
	client := &http.Client{Transport: otelhttp.NewTransport(env.Net.Transport(), otelhttp.WithTracerProvider(tp))}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if next == "" {
			fmt.Fprintln(w, "ok")
			return
		}
		req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, next+"/", nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		io.Copy(w, resp.Body)
		resp.Body.Close()
	})
}

func describeSampler(s sdktrace.Sampler) string {
	if s == nil {
		return "default"
	}
	return s.Description()
}

func randomTraceparent(flags string) string {
	var b [24]byte
	rand.Read(b[:])
	return fmt.Sprintf("00-%x-%x-%s", b[:16], b[16:], flags)
}
