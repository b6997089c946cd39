package inpage

import (
	"context"
	"runtime/trace"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// TaskLogCategory is the category of the log that TaskLink writes for each span.
const TaskLogCategory = "otel.span"

// TaskLink ties each span to the runtime/trace task the SDK opens for it. While the execution
// tracer runs, the SDK's tracer.Start opens a task named after the span (recordingSpan.runtimeTrace
// in sdk/trace/span.go) but puts nothing in it that names the span: two spans of the same name
// are two tasks nobody can tell apart. tracer.Start calls the processors' OnStart on the
// goroutine that starts the span, just before it opens the task there, so a log written in OnStart
// ("<trace ID>/<span ID>", category otel.span) is followed on that goroutine by the span's own
// TaskBegin. src/analysis/span-tasks.ts reads the pair.
//
// The log belongs to the task of the context the span starts from (its parent's, when the context
// was passed along), so it also shows which goroutines did the parent's work.
type TaskLink struct{}

var _ sdktrace.SpanProcessor = TaskLink{}

func (TaskLink) OnStart(ctx context.Context, s sdktrace.ReadWriteSpan) {
	if !trace.IsEnabled() {
		return
	}
	sc := s.SpanContext()
	trace.Log(ctx, TaskLogCategory, sc.TraceID().String()+"/"+sc.SpanID().String())
}

func (TaskLink) OnEnd(sdktrace.ReadOnlySpan)      {}
func (TaskLink) Shutdown(context.Context) error   { return nil }
func (TaskLink) ForceFlush(context.Context) error { return nil }
