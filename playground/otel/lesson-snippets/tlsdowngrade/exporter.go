// Lesson 4.2's fix: otlptracegrpc with TLS to the Collector's own CA, and a client certificate.
package tlsdowngrade

import (
	"context"
	"crypto/tls"
	"crypto/x509"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"google.golang.org/grpc/credentials"
)

func newExporter(ctx context.Context, pool *x509.CertPool, clientCert tls.Certificate) (*otlptrace.Exporter, error) {
	// --- verbatim from content/docs/export/tls-downgrade.mdx, diff block (its new side) ---
	exp, err := otlptracegrpc.New(ctx,
		otlptracegrpc.WithEndpoint("otel-collector:4317"),
		otlptracegrpc.WithTLSCredentials(credentials.NewTLS(&tls.Config{
			RootCAs:      pool,                          // your collector's CA
			Certificates: []tls.Certificate{clientCert}, // mTLS, if the collector asks
			MinVersion:   tls.VersionTLS12,
		})),
	)
	// --- end of the lesson's code ---
	return exp, err
}
