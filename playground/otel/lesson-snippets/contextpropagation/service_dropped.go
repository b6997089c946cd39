//go:build dropped

package contextpropagation

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

func setupPropagation() {
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
}

// LoadUser as the lesson warns against: the ctx that Start returns is dropped. go test -tags dropped
// shows that the lesson's test (service_test.go) catches it, and that the test the lesson used to
// show (weak_test.go) does not.
func (s *Service) LoadUser(ctx context.Context, id string) (*User, error) {
	_, span := s.tracer.Start(ctx, "loadUser")
	defer span.End()
	return s.repo.Get(ctx, id)
}
