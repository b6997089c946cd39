package scenarios

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Lesson 3.2. A handler with `defer span.End()` panics. What reaches the exporter depends on
// how the panic ends and how the process exits; every variant defers tp.Shutdown in this
// function, as a run() would.
//
//	recovered:             a caller recovers, as net/http does: the span arrives with an
//	                       "exception" event, status Unset
//	stack-trace:           the same with span.End(trace.WithStackTrace(true))
//	without-recording:     sdktrace.WithoutPanicRecording(): the span arrives with no event
//	status-error:          the lesson's fix: recover, RecordError, SetStatus(Error), End, re-panic
//	unrecovered:           nobody recovers: the deferred Shutdown still runs as the panic unwinds,
//	                       then the process dies (exit 2)
//	worker-panic:          a goroutine panics: the process dies without running this function's
//	                       deferred Shutdown, and the queued spans are lost (exit 2)
//	os-exit:               os.Exit(3) with Shutdown deferred: the queued spans are lost
//	run-then-exit:         the run() pattern: Shutdown runs, then the caller exits with status 1
func init() {
	Register(Scenario{Name: "end-on-panic", Lesson: "spans/end-on-panic", Variants: []string{
		"recovered", "stack-trace", "without-recording", "status-error", "unrecovered", "worker-panic", "os-exit", "run-then-exit",
	}, Run: endOnPanic})
}

var errReload = errors.New("config reload failed")

func endOnPanic(ctx context.Context, env *Env, variant string) error {
	var opts []sdktrace.TracerProviderOption
	if variant == "without-recording" {
		opts = append(opts, sdktrace.WithoutPanicRecording())
	}
	tp, err := env.Provider(ctx, "reload", opts...)
	if err != nil {
		return err
	}
	defer func() {
		err := tp.Shutdown(ctx)
		env.Printf("deferred tp.Shutdown ran: err=%v\n", err)
	}()
	tracer := tp.Tracer("reload")

	// A span that ends normally first, so every variant has something queued.
	_, ok := tracer.Start(ctx, "load config")
	ok.End()

	switch variant {
	case "recovered", "without-recording":
		env.Printf("recovered: %v\n", recovering(func() { handlePlain(ctx, tracer) }))
	case "stack-trace":
		env.Printf("recovered: %v\n", recovering(func() { handleWithStack(ctx, tracer) }))
	case "status-error":
		env.Printf("recovered: %v\n", recovering(func() { _ = handleWithStatus(ctx, tracer) }))
	case "unrecovered":
		handlePlain(ctx, tracer)
	case "worker-panic":
		go handlePlain(ctx, tracer)
		time.Sleep(time.Second) // the worker's panic ends the process before this returns
	case "os-exit":
		env.Printf("os.Exit(3) with tp.Shutdown deferred\n")
		os.Exit(3)
	case "run-then-exit":
		return errReload // the runner exits 1 after this function's defers have run
	default:
		return errUnknownVariant("end-on-panic", variant)
	}
	return nil
}

// recovering runs f and returns what it panicked with, as net/http's per-connection recover does.
func recovering(f func()) (recovered any) {
	defer func() { recovered = recover() }()
	f()
	return nil
}

func handlePlain(ctx context.Context, tracer trace.Tracer) {
	_, span := tracer.Start(ctx, "handle")
	defer span.End()
	panic("upstream unavailable")
}

func handleWithStack(ctx context.Context, tracer trace.Tracer) {
	_, span := tracer.Start(ctx, "handle")
	defer span.End(trace.WithStackTrace(true))
	panic("upstream unavailable")
}

// handleWithStatus is the lesson's handle, with work that panics.
func handleWithStatus(ctx context.Context, tracer trace.Tracer) (err error) {
	ctx, span := tracer.Start(ctx, "handle")
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

func work(context.Context) error { panic("upstream unavailable") }
