package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"fieldguide/playground/otel/scenarios"
)

// tls-downgrade (lesson 4.2): otlptracehttp against a Collector that serves OTLP/HTTP over TLS
// with a certificate from a CA of the test's own (-gen-certs). Each variant ends 3 spans and
// shuts the provider down, as a program would: the batch processor's last export happens in
// Shutdown, and its error goes to otel.Handle, whose default handler logs it on stderr.
//
//	no-ca:             https, the system roots only: the handshake fails, nothing is sent
//	with-ca:           https, the test's CA in RootCAs: the spans arrive
//	insecure:          WithInsecure() against the TLS port: plaintext HTTP, rejected by the server
//	insecure-with-tls: WithInsecure() and a TLS config: the exporter refuses to start
//	endpoint-url-http: WithEndpointURL("http://..."): plaintext, as WithInsecure
//	env-http:          OTEL_EXPORTER_OTLP_ENDPOINT=http://...: plaintext, as WithInsecure
//	env-insecure:      OTEL_EXPORTER_OTLP_INSECURE=true: plaintext, as WithInsecure
//	env-https-ca:      OTEL_EXPORTER_OTLP_ENDPOINT=https://... and OTEL_EXPORTER_OTLP_CERTIFICATE
var tlsVariants = []string{"no-ca", "with-ca", "insecure", "insecure-with-tls", "endpoint-url-http", "env-http", "env-insecure", "env-https-ca"}

func tlsDowngrade(ctx context.Context, variant, endpoint, caFile, run string) error {
	pool := x509.NewCertPool()
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return err
		}
		pool.AppendCertsFromPEM(pem)
	}
	var opts []otlptracehttp.Option
	switch variant {
	case "no-ca":
		opts = append(opts, otlptracehttp.WithEndpoint(endpoint))
	case "with-ca":
		opts = append(opts, otlptracehttp.WithEndpoint(endpoint), otlptracehttp.WithTLSClientConfig(&tls.Config{RootCAs: pool}))
	case "insecure":
		opts = append(opts, otlptracehttp.WithEndpoint(endpoint), otlptracehttp.WithInsecure())
	case "insecure-with-tls":
		opts = append(opts, otlptracehttp.WithEndpoint(endpoint), otlptracehttp.WithInsecure(), otlptracehttp.WithTLSClientConfig(&tls.Config{RootCAs: pool}))
	case "endpoint-url-http":
		opts = append(opts, otlptracehttp.WithEndpointURL("http://"+endpoint+"/v1/traces"))
	case "env-http":
		os.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://"+endpoint)
	case "env-insecure":
		os.Setenv("OTEL_EXPORTER_OTLP_INSECURE", "true")
		opts = append(opts, otlptracehttp.WithEndpoint(endpoint))
	case "env-https-ca":
		os.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "https://"+endpoint)
		os.Setenv("OTEL_EXPORTER_OTLP_CERTIFICATE", caFile)
	default:
		return fmt.Errorf("tls-downgrade: unknown variant %q", variant)
	}
	exp, err := otlptracehttp.New(ctx, opts...)
	if err != nil {
		return fmt.Errorf("otlptracehttp.New: %w", err)
	}
	env := &scenarios.Env{Attributes: runAttributes(run, "tls-downgrade", variant)}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(env.Resource("tls-downgrade")))
	for i := 0; i < 3; i++ {
		_, span := tp.Tracer("tls-downgrade").Start(ctx, "secret")
		span.End()
	}
	fmt.Printf("tp.Shutdown: %v\n", tp.Shutdown(ctx))
	return nil
}
