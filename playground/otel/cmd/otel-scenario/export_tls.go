package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"fieldguide/playground/otel/scenarios"
)

// tls-downgrade (lesson 4.2): otlptracehttp and otlptracegrpc against a Collector that serves
// OTLP/HTTP and OTLP/gRPC over TLS with a certificate from a CA of the test's own (-gen-certs).
// Each variant ends 3 spans and shuts the provider down, as a program would: the batch
// processor's last export happens in Shutdown, and its error goes to otel.Handle, whose default
// handler logs it on stderr. The gRPC variants also print each attempt the exporter makes.
//
//	no-ca:             https, the system roots only: the handshake fails, nothing is sent
//	with-ca:           https, the test's CA in RootCAs: the spans arrive
//	insecure:          WithInsecure() against the TLS port: plaintext HTTP, rejected by the server
//	insecure-with-tls: WithInsecure() and a TLS config: the exporter refuses to start
//	endpoint-url-http: WithEndpointURL("http://..."): plaintext, as WithInsecure
//	env-http:          OTEL_EXPORTER_OTLP_ENDPOINT=http://...: plaintext, as WithInsecure
//	env-insecure:      OTEL_EXPORTER_OTLP_INSECURE=true: plaintext, as WithInsecure
//	env-https-ca:      OTEL_EXPORTER_OTLP_ENDPOINT=https://... and OTEL_EXPORTER_OTLP_CERTIFICATE
//	grpc-no-ca:        otlptracegrpc with its default TLS (the system roots): the handshake fails
//	grpc-with-ca:      otlptracegrpc, WithTLSCredentials with the test's CA: the spans arrive
//	grpc-insecure:     otlptracegrpc, WithInsecure() against the TLS port: plaintext, refused
//
// The mtls-* variants run against a Collector that also asks every client for a certificate
// signed by the same CA (client_ca_file); the client's is client.pem beside -ca:
//
//	mtls-no-client-cert: otlptracehttp with the CA but no client certificate: refused
//	mtls:                otlptracehttp, WithTLSClientConfig with the CA and the client certificate
//	env-mtls:            OTEL_EXPORTER_OTLP_CERTIFICATE, _CLIENT_CERTIFICATE and _CLIENT_KEY
//	grpc-mtls:           otlptracegrpc, WithTLSCredentials with the CA and the client certificate
var tlsVariants = []string{"no-ca", "with-ca", "insecure", "insecure-with-tls", "endpoint-url-http", "env-http", "env-insecure", "env-https-ca", "grpc-no-ca", "grpc-with-ca", "grpc-insecure",
	"mtls-no-client-cert", "mtls", "env-mtls", "grpc-mtls"}

func tlsDowngrade(ctx context.Context, variant, endpoint, grpcEndpoint, caFile, run string) error {
	pool := x509.NewCertPool()
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return err
		}
		pool.AppendCertsFromPEM(pem)
	}
	// The client certificate (mtls-* variants) sits beside the CA.
	clientCert := filepath.Join(filepath.Dir(caFile), "client.pem")
	clientKey := filepath.Join(filepath.Dir(caFile), "client-key.pem")
	var certs []tls.Certificate
	if strings.Contains(variant, "mtls") && variant != "mtls-no-client-cert" {
		cert, err := tls.LoadX509KeyPair(clientCert, clientKey)
		if err != nil {
			return err
		}
		certs = []tls.Certificate{cert}
	}
	switch variant {
	case "grpc-no-ca", "grpc-with-ca", "grpc-insecure", "grpc-mtls":
		return tlsDowngradeGRPC(ctx, variant, grpcEndpoint, pool, certs, run)
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
	case "mtls-no-client-cert", "mtls":
		opts = append(opts, otlptracehttp.WithEndpoint(endpoint), otlptracehttp.WithTLSClientConfig(&tls.Config{RootCAs: pool, Certificates: certs}))
	case "env-mtls":
		os.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "https://"+endpoint)
		os.Setenv("OTEL_EXPORTER_OTLP_CERTIFICATE", caFile)
		os.Setenv("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", clientCert)
		os.Setenv("OTEL_EXPORTER_OTLP_CLIENT_KEY", clientKey)
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

// tlsDowngradeGRPC is the gRPC half of tls-downgrade: the same 3 spans through otlptracegrpc, with
// each attempt of the exporter printed ("attempt N at +T: code: message").
func tlsDowngradeGRPC(ctx context.Context, variant, endpoint string, pool *x509.CertPool, certs []tls.Certificate, run string) error {
	var attempts atomic.Int64
	opts := []otlptracegrpc.Option{
		otlptracegrpc.WithEndpoint(endpoint),
		otlptracegrpc.WithDialOption(grpc.WithUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
			n := attempts.Add(1)
			at := since()
			err := invoker(ctx, method, req, reply, cc, opts...)
			fmt.Printf("attempt %d at %s: %s\n", n, at, grpcResult(err))
			return err
		})),
	}
	switch variant {
	case "grpc-with-ca", "grpc-mtls":
		opts = append(opts, otlptracegrpc.WithTLSCredentials(credentials.NewTLS(&tls.Config{RootCAs: pool, Certificates: certs})))
	case "grpc-insecure":
		opts = append(opts, otlptracegrpc.WithInsecure())
	}
	exp, err := otlptracegrpc.New(ctx, opts...)
	if err != nil {
		return fmt.Errorf("otlptracegrpc.New: %w", err)
	}
	env := &scenarios.Env{Attributes: runAttributes(run, "tls-downgrade", variant)}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(env.Resource("tls-downgrade")))
	for i := 0; i < 3; i++ {
		_, span := tp.Tracer("tls-downgrade").Start(ctx, "secret")
		span.End()
	}
	err = tp.Shutdown(ctx)
	fmt.Printf("tp.Shutdown returned at %s after %d attempts: %v\n", since(), attempts.Load(), err)
	return nil
}
