package scenarios

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Lesson 3.3. The orders handler answers at once and sends the confirmation email on a
// goroutine, which calls the mailer service over HTTP after the handler has returned.
//
//	request-ctx: the goroutine gets r.Context(). Its sendEmail span is a child of the request's
//	             server span and ends after it; the mailer call fails with "context canceled",
//	             because net/http cancels the request's context when the handler returns
//	detached:    the lesson's fix: context.WithoutCancel, and a new root span linked to the
//	             request span. The mail goes out; the job is a trace of its own with a link back
func init() {
	Register(Scenario{Name: "async-goroutines", Lesson: "spans/async-goroutines", Variants: []string{"request-ctx", "detached"}, Run: asyncGoroutines})
}

func asyncGoroutines(ctx context.Context, env *Env, variant string) error {
	if variant != "request-ctx" && variant != "detached" {
		return errUnknownVariant("async-goroutines", variant)
	}
	otel.SetTextMapPropagator(propagation.TraceContext{})
	ordersTP, err := env.Provider(ctx, "orders")
	if err != nil {
		return err
	}
	defer ordersTP.Shutdown(ctx)
	mailerTP, err := env.Provider(ctx, "mailer")
	if err != nil {
		return err
	}
	defer mailerTP.Shutdown(ctx)

	mailerURL, err := env.Net.Serve("mailer", otelhttp.NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "sent")
	}), "POST /send", otelhttp.WithTracerProvider(mailerTP)))
	if err != nil {
		return err
	}
	client := &http.Client{Transport: otelhttp.NewTransport(env.Net.Transport(), otelhttp.WithTracerProvider(ordersTP))}
	tracer := ordersTP.Tracer("orders")

	var jobs sync.WaitGroup
	sendEmail := func(ctx context.Context, opts ...trace.SpanStartOption) {
		defer jobs.Done()
		ctx, span := tracer.Start(ctx, "sendEmail", opts...)
		defer span.End()
		time.Sleep(50 * time.Millisecond) // rendering the email: the handler has returned by now
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, mailerURL+"/send", nil)
		if err == nil {
			var resp *http.Response
			if resp, err = client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		env.Printf("sendEmail: ctx.Err()=%v, mailer call err=%v\n", ctx.Err(), err)
	}

	ordersURL, err := env.Net.Serve("orders", otelhttp.NewHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		jobs.Add(1)
		if variant == "request-ctx" {
			go sendEmail(ctx)
		} else {
			go sendEmail(context.WithoutCancel(ctx), // keep values, drop cancel
				trace.WithNewRoot(),                         // its own trace...
				trace.WithLinks(trace.LinkFromContext(ctx))) // ...linked to the request span
		}
		fmt.Fprintln(w, "order accepted")
	}), "POST /order", otelhttp.WithTracerProvider(ordersTP)))
	if err != nil {
		return err
	}

	resp, err := (&http.Client{Transport: env.Net.Transport()}).Post(ordersURL+"/order", "text/plain", nil)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	env.Printf("order: %s\n", resp.Status)
	jobs.Wait()
	if err := ordersTP.Shutdown(ctx); err != nil {
		return err
	}
	return mailerTP.Shutdown(ctx)
}
