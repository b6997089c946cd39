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

// LoadUser as the lesson warns against: the ctx that Start returns is dropped. Its own test
// (service_test.go, the lesson's) is meant to catch this; go test -tags dropped shows whether it does.
func (s *Service) LoadUser(ctx context.Context, id string) (*User, error) {
	_, span := s.tracer.Start(ctx, "loadUser")
	defer span.End()
	return s.repo.Get(ctx, id)
}
