//go:build !dropped

// Lesson 3.1's propagation setup and LoadUser, in a package of their own.
package contextpropagation

// --- verbatim from content/docs/spans/context-propagation.mdx ---
import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

// At start-up, next to otel.SetTracerProvider(tp): without this, the global
// propagator is a no-op and no traceparent header is sent or read.
func setupPropagation() {
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, propagation.Baggage{},
	))
}

func (s *Service) LoadUser(ctx context.Context, id string) (*User, error) {
	ctx, span := s.tracer.Start(ctx, "loadUser") // shadow ctx: the old one is gone
	defer span.End()
	return s.repo.Get(ctx, id) // the NEW ctx goes down
}

// --- end of the lesson's code ---
