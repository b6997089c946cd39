package scenarios

import (
	"context"
	"log"
	"os"
	"strconv"
	"time"

	"github.com/go-logr/stdr"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Lessons 4.3 and 2.1: the batch span processor's queue and the final flush, with the SDK's
// defaults (queue 2048, batches of 512, 5 s delay). The exporter's backend is made slow or
// stopped from outside (the native test pauses the Collector with SIGSTOP while the program
// prints "ending").
//
//	overflow:         a burst of -p spans=N (10000) spans while the exporter is stuck; the SDK's
//	                  logger at verbosity 8 reports "total_dropped" at the next export
//	overflow-silent:  the same with the default logger: nothing tells you
//	blocking:         WithBlocking(): nothing is dropped, the code that ends spans waits instead
//	shutdown-flush:   100 spans, then Shutdown at once: all exported, long before the 5 s delay
//	shutdown-timeout: 100 spans, then Shutdown with a -p timeout=2s context while the backend is
//	                  stuck: Shutdown returns the context's error
//	no-shutdown:      100 spans and return: the batch waiting for its 5 s delay is never sent
func init() {
	Register(Scenario{Name: "batch-queue", Lesson: "export/timeout-retry", Variants: []string{
		"overflow", "overflow-silent", "blocking", "shutdown-flush", "shutdown-timeout", "no-shutdown",
	}, Run: batchQueue})
}

func batchQueue(ctx context.Context, env *Env, variant string) error {
	spans := 100
	var bsp []sdktrace.BatchSpanProcessorOption
	switch variant {
	case "overflow", "overflow-silent", "blocking":
		n, err := strconv.Atoi(env.Param("spans", "10000"))
		if err != nil {
			return err
		}
		spans = n
		if variant == "blocking" {
			bsp = append(bsp, sdktrace.WithBlocking())
		}
		if variant == "overflow" {
			// The drop count is logged at V(8) only; the SDK's default logger never shows it.
			otel.SetLogger(stdr.New(log.New(os.Stderr, "otel ", log.Lmicroseconds)))
			stdr.SetVerbosity(8)
		}
	case "shutdown-flush", "shutdown-timeout", "no-shutdown":
	default:
		return errUnknownVariant("batch-queue", variant)
	}

	exp, err := env.NewExporter(ctx)
	if err != nil {
		return err
	}
	tp := sdktrace.NewTracerProvider(append([]sdktrace.TracerProviderOption{
		sdktrace.WithBatcher(exp, bsp...), sdktrace.WithResource(env.Resource("batch-queue")),
	}, env.ProcessorOptions()...)...)
	tracer := tp.Tracer("batch-queue")

	env.Printf("ending %d spans\n", spans)
	start := time.Now()
	for i := 0; i < spans; i++ {
		_, span := tracer.Start(ctx, "burst")
		span.End()
	}
	env.Printf("ended %d spans in %v\n", spans, time.Since(start).Round(time.Millisecond))

	switch variant {
	case "no-shutdown":
		env.Printf("returning without tp.Shutdown\n")
		return nil
	case "shutdown-timeout":
		timeout, err := time.ParseDuration(env.Param("timeout", "2s"))
		if err != nil {
			return err
		}
		sctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		start = time.Now()
		err = tp.Shutdown(sctx)
		env.Printf("tp.Shutdown returned after %v: %v\n", time.Since(start).Round(100*time.Millisecond), err)
		return nil
	}
	start = time.Now()
	err = tp.Shutdown(ctx)
	env.Printf("tp.Shutdown returned after %v: %v\n", time.Since(start).Round(100*time.Millisecond), err)
	return err
}
