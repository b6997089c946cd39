package contextpropagation

import (
	"context"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// --- verbatim from content/docs/spans/context-propagation.mdx ---
// spanRepo stands for the real repository, instrumented: Get starts a span
// from the ctx it is given, as a database driver's instrumentation would.
type spanRepo struct{ tracer trace.Tracer }

func (r spanRepo) Get(ctx context.Context, id string) (*User, error) {
	_, span := r.tracer.Start(ctx, "repo.Get")
	defer span.End()
	return &User{ID: id}, nil
}

func TestLoadUserParentLinks(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	tracer := tp.Tracer("test")

	ctx, request := tracer.Start(context.Background(), "request")
	svc := &Service{tracer: tracer, repo: spanRepo{tracer: tracer}}
	if _, err := svc.LoadUser(ctx, "42"); err != nil {
		t.Fatal(err)
	}
	request.End()

	// Each recorded span's parent, by name: a link the code breaks shows up
	// as the wrong name here, whichever span it is.
	names := map[trace.SpanID]string{}
	for _, s := range rec.Ended() {
		names[s.SpanContext().SpanID()] = s.Name()
	}
	parent := map[string]string{}
	for _, s := range rec.Ended() {
		parent[s.Name()] = names[s.Parent().SpanID()]
	}
	for child, want := range map[string]string{"loadUser": "request", "repo.Get": "loadUser"} {
		if got := parent[child]; got != want {
			t.Errorf("%s's parent is %q, want %q", child, got, want)
		}
	}
}

// --- end of the lesson's code ---
