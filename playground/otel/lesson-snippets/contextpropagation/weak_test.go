package contextpropagation

import (
	"context"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// The test lesson 3.1 showed before its claims were run, no longer in the lesson: it checks only
// loadUser's parent, which dropping the ctx that Start returned does not change, so it also passes
// against service_dropped.go (go test -tags dropped). The lesson quotes that run.
func TestLoadUserIsChildOfRequest(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	tracer := tp.Tracer("test")

	ctx, parent := tracer.Start(context.Background(), "request")
	svc := &Service{tracer: tracer, repo: fakeRepo{}}
	if _, err := svc.LoadUser(ctx, "42"); err != nil {
		t.Fatal(err)
	}
	parent.End()

	for _, s := range rec.Ended() {
		if s.Name() != "loadUser" {
			continue
		}
		if s.Parent().SpanID() != parent.SpanContext().SpanID() {
			t.Fatalf("loadUser's parent is %v, want the request span", s.Parent().SpanID())
		}
		return
	}
	t.Fatal("no loadUser span was recorded")
}
