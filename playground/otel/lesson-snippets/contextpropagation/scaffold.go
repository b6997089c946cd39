package contextpropagation

import (
	"context"

	"go.opentelemetry.io/otel/trace"
)

// What the lesson leaves to the reader: a user, a repository, a service holding both.

type User struct{ ID string }

type repository interface {
	Get(ctx context.Context, id string) (*User, error)
}

type Service struct {
	tracer trace.Tracer
	repo   repository
}

type fakeRepo struct{}

func (fakeRepo) Get(_ context.Context, id string) (*User, error) { return &User{ID: id}, nil }

var _ = setupPropagation
