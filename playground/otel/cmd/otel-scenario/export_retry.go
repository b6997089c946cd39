package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"fieldguide/playground/otel/scenarios"
)

// export-retry (lesson 4.3): what the OTLP exporters do, with their default timeout and retry,
// when the Collector is down, comes up late, or hangs (the test pauses it with SIGSTOP). Each
// variant ends 5 spans and calls ForceFlush once, printing every attempt the exporter makes
// ("attempt N at +T: result") and what ForceFlush returned; then Shutdown.
//
//	http: otlptracehttp to -endpoint     grpc: otlptracegrpc to -grpc-endpoint
//
// The test starts the Collector, or not, or stops it; the variant only names the protocol and
// what the test does, so the manifest reads well.
var retryVariants = []string{"http-down", "http-late", "http-stopped", "grpc-down", "grpc-late", "grpc-stopped"}

var start = time.Now()

func since() string { return fmt.Sprintf("+%.2fs", time.Since(start).Seconds()) }

func exportRetry(ctx context.Context, variant, endpoint, grpcEndpoint, run string) error {
	var exp sdktrace.SpanExporter
	var err error
	var attempts atomic.Int64
	switch variant {
	case "http-down", "http-late", "http-stopped":
		// The exporter's own client is &http.Client{Transport: ..., Timeout: cfg.Traces.Timeout}
		// (otlptracehttp/client.go); this one is the same with the default 10 s, plus a log of
		// each attempt.
		client := &http.Client{Timeout: 10 * time.Second, Transport: attemptLog{&attempts, http.DefaultTransport.(*http.Transport).Clone()}}
		exp, err = otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(endpoint), otlptracehttp.WithInsecure(), otlptracehttp.WithHTTPClient(client))
	case "grpc-down", "grpc-late", "grpc-stopped":
		exp, err = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(grpcEndpoint), otlptracegrpc.WithInsecure(),
			otlptracegrpc.WithDialOption(grpc.WithUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
				n := attempts.Add(1)
				at := since()
				err := invoker(ctx, method, req, reply, cc, opts...)
				fmt.Printf("attempt %d at %s: %s\n", n, at, grpcResult(err))
				return err
			})))
	default:
		return fmt.Errorf("export-retry: unknown variant %q", variant)
	}
	if err != nil {
		return err
	}
	env := &scenarios.Env{Attributes: runAttributes(run, "export-retry", variant)}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(env.Resource("export-retry")))
	for i := 0; i < 5; i++ {
		_, span := tp.Tracer("export-retry").Start(ctx, "retried")
		span.End()
	}
	fmt.Printf("exporting 5 spans at %s\n", since())
	os.Stdout.Sync()
	err = tp.ForceFlush(ctx)
	fmt.Printf("ForceFlush returned at %s after %d attempts: %v\n", since(), attempts.Load(), err)
	err = tp.Shutdown(ctx)
	fmt.Printf("Shutdown returned at %s: %v\n", since(), err)
	return nil
}

type attemptLog struct {
	n    *atomic.Int64
	base http.RoundTripper
}

func (a attemptLog) RoundTrip(r *http.Request) (*http.Response, error) {
	n := a.n.Add(1)
	at := since()
	resp, err := a.base.RoundTrip(r)
	if err != nil {
		fmt.Printf("attempt %d at %s: %v\n", n, at, err)
	} else {
		fmt.Printf("attempt %d at %s: %s\n", n, at, resp.Status)
	}
	return resp, err
}

func grpcResult(err error) string {
	if err == nil {
		return "OK"
	}
	s, _ := status.FromError(err)
	return fmt.Sprintf("%s: %s", s.Code(), s.Message())
}
