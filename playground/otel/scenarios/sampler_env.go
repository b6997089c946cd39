package scenarios

import (
	"context"
	"encoding/binary"
	"os"
	"sort"
	"strconv"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Lessons 2.1 and 4.1: who reads OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG, and what a
// mistake in them does. Each variant sets the variables (in the process, before the provider is
// built: NewTracerProvider reads them then) and starts -p spans=N root spans; the exporter
// receives the sampled ones. Every trace ID started is printed, so a test can predict from the
// IDs alone which spans a ratio sampler keeps.
//
//	which-bytes: two crafted trace IDs under TraceIDRatioBased(0.5), to show which half of the
//	ID the sampler reads (bytes 8-16: the ID whose second half is zero is kept)
var samplerEnvVariants = map[string]struct {
	sampler, arg string // "" leaves the variable unset
	code         sdktrace.Sampler
}{
	"unset":                  {},
	"always_off":             {sampler: "always_off"},
	"always_off+WithSampler": {sampler: "always_off", code: sdktrace.AlwaysSample()},
	"traceidratio":           {sampler: "traceidratio"},
	"traceidratio=0.25":      {sampler: "traceidratio", arg: "0.25"},
	"arg-only=0":             {arg: "0"},
	"traceidratio=bogus":     {sampler: "traceidratio", arg: "bogus"},
	"traceidratio=1.5":       {sampler: "traceidratio", arg: "1.5"},
	"unknown-name":           {sampler: "traceid_ratio", arg: "0.25"},
}

func init() {
	variants := []string{"which-bytes"}
	for v := range samplerEnvVariants {
		variants = append(variants, v)
	}
	sort.Strings(variants[1:])
	Register(Scenario{Name: "sampler-env", Lesson: "export/default-sampling", Variants: variants, Run: samplerEnv})
}

func samplerEnv(ctx context.Context, env *Env, variant string) error {
	if variant == "which-bytes" {
		return whichBytes(ctx, env)
	}
	v, ok := samplerEnvVariants[variant]
	if !ok {
		return errUnknownVariant("sampler-env", variant)
	}
	for key, value := range map[string]string{"OTEL_TRACES_SAMPLER": v.sampler, "OTEL_TRACES_SAMPLER_ARG": v.arg} {
		if value == "" {
			os.Unsetenv(key)
		} else {
			os.Setenv(key, value)
		}
	}
	env.Printf("OTEL_TRACES_SAMPLER=%q OTEL_TRACES_SAMPLER_ARG=%q WithSampler in code: %v\n", v.sampler, v.arg, v.code != nil)
	// Errors in the variables reach otel.Handle, whose default handler logs them to stderr.
	var opts []sdktrace.TracerProviderOption
	if v.code != nil {
		opts = append(opts, sdktrace.WithSampler(v.code))
	}
	tp, err := env.Provider(ctx, "sampler-env", opts...)
	if err != nil {
		return err
	}
	defer tp.Shutdown(ctx)
	n, err := strconv.Atoi(env.Param("spans", "200"))
	if err != nil {
		return err
	}
	tracer := tp.Tracer("sampler-env")
	sampled := 0
	for i := 0; i < n; i++ {
		_, span := tracer.Start(ctx, "root")
		sc := span.SpanContext()
		if sc.IsSampled() {
			sampled++
		}
		env.Printf("started trace %s sampled=%v\n", sc.TraceID(), sc.IsSampled())
		span.End()
	}
	env.Printf("%d of %d root spans sampled\n", sampled, n)
	return tp.Shutdown(ctx)
}

// fixedIDs hands out the trace IDs it is given, in order, and random span IDs.
type fixedIDs struct {
	traceIDs []trace.TraceID
	spanID   uint64
}

func (g *fixedIDs) NewIDs(context.Context) (trace.TraceID, trace.SpanID) {
	id := g.traceIDs[0]
	g.traceIDs = g.traceIDs[1:]
	return id, g.NewSpanID(context.Background(), id)
}

func (g *fixedIDs) NewSpanID(context.Context, trace.TraceID) trace.SpanID {
	g.spanID++
	var s trace.SpanID
	binary.BigEndian.PutUint64(s[:], g.spanID)
	return s
}

func whichBytes(ctx context.Context, env *Env) error {
	var firstHalfZero, secondHalfZero trace.TraceID
	for i := 0; i < 8; i++ {
		firstHalfZero[8+i] = 0xff
		secondHalfZero[i] = 0xff
	}
	tp, err := env.Provider(ctx, "sampler-env",
		sdktrace.WithSampler(sdktrace.TraceIDRatioBased(0.5)),
		sdktrace.WithIDGenerator(&fixedIDs{traceIDs: []trace.TraceID{firstHalfZero, secondHalfZero}}))
	if err != nil {
		return err
	}
	defer tp.Shutdown(ctx)
	for _, name := range []string{"first 8 bytes zero", "last 8 bytes zero"} {
		_, span := tp.Tracer("sampler-env").Start(ctx, name)
		env.Printf("%-20s trace %s sampled=%v\n", name, span.SpanContext().TraceID(), span.SpanContext().IsSampled())
		span.End()
	}
	return tp.Shutdown(ctx)
}
