// Lesson 4.3's run and main.
package main

import (
	"context"
	"errors"
	"log"
	"os"
	"time"

	"github.com/go-logr/stdr"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// --- verbatim from content/docs/export/timeout-retry.mdx, go block (run and main) ---
// OpenTelemetry Go 1.46.0
func run(ctx context.Context) (err error) {
	otel.SetLogger(stdr.New(log.New(os.Stderr, "otel ", log.LstdFlags)))
	stdr.SetVerbosity(8) // staging: logs "exporting spans" with total_dropped

	exp, err := otlptracegrpc.New(ctx,
		otlptracegrpc.WithTimeout(15*time.Second), // caps the whole retry loop
		otlptracegrpc.WithRetry(otlptracegrpc.RetryConfig{
			Enabled:         true,
			InitialInterval: time.Second,
			MaxInterval:     10 * time.Second,
			MaxElapsedTime:  15 * time.Second,
		}),
	)
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp,
		sdktrace.WithMaxQueueSize(8192),
		sdktrace.WithBatchTimeout(2*time.Second),
	))
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = errors.Join(err, tp.Shutdown(ctx)) // drains the queue, exports the last batch
	}()
	otel.SetTracerProvider(tp)

	return serve(ctx)
}

func main() {
	if err := run(context.Background()); err != nil {
		log.Print(err)
		os.Exit(1) // after run's deferred Shutdown
	}
}

// --- end of the lesson's code ---

// What the lesson leaves to the reader.
func serve(context.Context) error { return nil }
