package inpage

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"fieldguide/playground/otel/scenarios"
)

// The two scenarios about the exporter's own network, as cmd/otel-scenario runs them natively
// (export_tls.go, export_retry.go), with the simulated Collector in place of the real one. The
// exporter is the real otlptracehttp with its defaults; its client is the Collector's (Client),
// because only that one reaches it. Natively that client is the one the exporter builds from its
// options; here the variant's TLS config, which the exporter would put on its own client, is put
// on this one. What is not here: env-https-ca (it names a CA file, and a browser has no files) and
// the gRPC variants (otlptracegrpc is not in the browser build).

// tls-downgrade (lesson 4.2): the Collector serves OTLP/HTTP over TLS with a certificate from a CA
// of its own; each variant ends 3 spans and shuts the provider down.
var tlsVariants = []string{"no-ca", "with-ca", "insecure", "insecure-with-tls", "endpoint-url-http", "env-http", "env-insecure"}

func tlsDowngrade(ctx context.Context, env *scenarios.Env, c *Collector, variant string) error {
	var opts []otlptracehttp.Option
	var clientTLS *tls.Config
	switch variant {
	case "no-ca":
		opts = append(opts, otlptracehttp.WithEndpoint(Addr))
	case "with-ca":
		clientTLS = &tls.Config{RootCAs: c.CA()}
		opts = append(opts, otlptracehttp.WithEndpoint(Addr), otlptracehttp.WithTLSClientConfig(clientTLS))
	case "insecure":
		opts = append(opts, otlptracehttp.WithEndpoint(Addr), otlptracehttp.WithInsecure())
	case "insecure-with-tls":
		clientTLS = &tls.Config{RootCAs: c.CA()}
		opts = append(opts, otlptracehttp.WithEndpoint(Addr), otlptracehttp.WithInsecure(), otlptracehttp.WithTLSClientConfig(clientTLS))
	case "endpoint-url-http":
		opts = append(opts, otlptracehttp.WithEndpointURL("http://"+Addr+"/v1/traces"))
	case "env-http":
		os.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://"+Addr)
	case "env-insecure":
		os.Setenv("OTEL_EXPORTER_OTLP_INSECURE", "true")
		opts = append(opts, otlptracehttp.WithEndpoint(Addr))
	default:
		return fmt.Errorf("tls-downgrade: unknown variant %q", variant)
	}
	opts = append(opts, otlptracehttp.WithHTTPClient(c.Client(clientTLS)))
	exp, err := otlptracehttp.New(ctx, opts...)
	if err != nil {
		return fmt.Errorf("otlptracehttp.New: %w", err)
	}
	tp := sdktrace.NewTracerProvider(append([]sdktrace.TracerProviderOption{
		sdktrace.WithBatcher(exp), sdktrace.WithResource(env.Resource("tls-downgrade")),
	}, env.ProcessorOptions()...)...)
	for i := 0; i < 3; i++ {
		_, span := tp.Tracer("tls-downgrade").Start(ctx, "secret")
		span.End()
	}
	env.Printf("tp.Shutdown: %v\n", tp.Shutdown(ctx))
	return nil
}

// export-retry (lesson 4.3), the OTLP/HTTP variants: the exporter's default timeout and retry
// when the Collector is down, comes up late, or hangs. 5 spans, one ForceFlush, every attempt
// printed ("attempt N at +T: result"), then Shutdown.
var retryVariants = []string{"http-down", "http-late", "http-stopped"}

func exportRetry(ctx context.Context, env *scenarios.Env, c *Collector, variant string) error {
	switch variant {
	case "http-down", "http-late", "http-stopped":
	default:
		return fmt.Errorf("export-retry: unknown variant %q", variant)
	}
	start := time.Now()
	since := func() string { return fmt.Sprintf("+%.2fs", time.Since(start).Seconds()) }
	var attempts atomic.Int64
	client := c.Client(nil)
	client.Transport = attemptLog{n: &attempts, base: client.Transport, env: env, since: since}
	exp, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(Addr), otlptracehttp.WithInsecure(), otlptracehttp.WithHTTPClient(client))
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(append([]sdktrace.TracerProviderOption{
		sdktrace.WithBatcher(exp), sdktrace.WithResource(env.Resource("export-retry")),
	}, env.ProcessorOptions()...)...)
	for i := 0; i < 5; i++ {
		_, span := tp.Tracer("export-retry").Start(ctx, "retried")
		span.End()
	}
	env.Printf("exporting 5 spans at %s\n", since())
	err = tp.ForceFlush(ctx)
	env.Printf("ForceFlush returned at %s after %d attempts: %v\n", since(), attempts.Load(), err)
	err = tp.Shutdown(ctx)
	env.Printf("Shutdown returned at %s: %v\n", since(), err)
	return nil
}

type attemptLog struct {
	n     *atomic.Int64
	base  http.RoundTripper
	env   *scenarios.Env
	since func() string
}

func (a attemptLog) RoundTrip(r *http.Request) (*http.Response, error) {
	n := a.n.Add(1)
	at := a.since()
	resp, err := a.base.RoundTrip(r)
	if err != nil {
		a.env.Printf("attempt %d at %s: %v\n", n, at, err)
	} else {
		a.env.Printf("attempt %d at %s: %s\n", n, at, resp.Status)
	}
	return resp, err
}
