// Lesson 3.3's handleOrder.
package asyncgoroutines

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel/trace"
)

// --- verbatim from content/docs/spans/async-goroutines.mdx ---
func (s *Server) handleOrder(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// ... the request's own work, with ctx ...

	email := orderEmail(r) // read the request now, while the handler runs

	go func(ctx context.Context) { // pass ctx explicitly
		ctx, span := s.tracer.Start(ctx, "sendEmail",
			trace.WithNewRoot(),                         // its own trace...
			trace.WithLinks(trace.LinkFromContext(ctx)), // ...linked to the request span
		)
		defer span.End()
		s.mailer.Send(ctx, email)
	}(context.WithoutCancel(ctx)) // keep values, drop cancel
}

// --- end of the lesson's code ---

// What the lesson leaves to the reader.
type Server struct {
	tracer trace.Tracer
	mailer interface {
		Send(ctx context.Context, body string) error
	}
}

func orderEmail(r *http.Request) string { return "order " + r.URL.Path }
