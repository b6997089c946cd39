// Lesson 3.2's run and handle.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// --- verbatim from content/docs/spans/end-on-panic.mdx ---
func run() error {
	ctx := context.Background()
	exp, err := otlptracegrpc.New(ctx)
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = tp.Shutdown(ctx) // exports the spans still queued
	}()
	return serve(ctx)
}

func handle(ctx context.Context) (err error) {
	ctx, span := otel.Tracer("reload").Start(ctx, "handle")
	defer func() {
		if r := recover(); r != nil {
			span.RecordError(fmt.Errorf("panic: %v", r))
			span.SetStatus(codes.Error, fmt.Sprint(r))
			span.End()
			panic(r) // re-panic: the recover above stopped it
		}
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	return work(ctx)
}

// --- end of the lesson's code ---

// What the lesson leaves to the reader.
func serve(ctx context.Context) error { return handle(ctx) }
func work(context.Context) error      { return nil }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
