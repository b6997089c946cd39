// Package scenarios holds one program per OpenTelemetry pitfall of the guide, each with a broken
// and a fixed variant. The code is the same natively and in a browser (GOOS=js GOARCH=wasm):
// everything that touches the outside world comes in through Env, so no scenario opens a socket
// or names an exporter. Natively (cmd/otel-scenario) spans go to a real Collector over OTLP/HTTP
// and services talk over loopback TCP; in a browser they can go to tracetest's in-memory exporter
// and services talk through InProcess.
package scenarios

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Env is what a scenario is given by the program that runs it.
type Env struct {
	// NewExporter returns a fresh exporter for one service's TracerProvider.
	NewExporter func(ctx context.Context) (sdktrace.SpanExporter, error)
	// Net serves the scenario's HTTP services and carries requests between them.
	Net Network
	// Out receives the scenario's report: what the program saw. It is not the evidence; what
	// the exporter delivered is.
	Out io.Writer
	// Params are scenario settings given on the command line (-p name=value), as strings.
	Params map[string]string
	// Attributes are added to every resource, to tell this run's spans from another's.
	Attributes []attribute.KeyValue
	// WriteFile keeps a file the scenario produces (runtime-task writes an execution trace).
	WriteFile func(name string, data []byte) error
	// Processors are added to every TracerProvider the scenario builds, after its own. Natively
	// there are none; the in-page runner adds one that ties each span to its runtime/trace task
	// (playground/otel/inpage/tasklink.go).
	Processors []sdktrace.SpanProcessor
}

// Network serves HTTP handlers and carries requests to them.
type Network interface {
	// Serve makes h reachable under the returned base URL ("http://host:port") until Close.
	Serve(name string, h http.Handler) (baseURL string, err error)
	// Transport carries requests to the services served here, as http.DefaultTransport would.
	Transport() http.RoundTripper
	Close() error
}

// Provider builds the TracerProvider of one service: a batch span processor in front of a fresh
// exporter, and a resource that names the service. The options come last, so a scenario can
// replace the sampler or the processor.
func (env *Env) Provider(ctx context.Context, service string, opts ...sdktrace.TracerProviderOption) (*sdktrace.TracerProvider, error) {
	exp, err := env.NewExporter(ctx)
	if err != nil {
		return nil, err
	}
	base := append([]sdktrace.TracerProviderOption{
		sdktrace.WithBatcher(exp),
		sdktrace.WithResource(env.Resource(service)),
	}, env.ProcessorOptions()...)
	return sdktrace.NewTracerProvider(append(base, opts...)...), nil
}

// ProcessorOptions registers Env.Processors with a TracerProvider a scenario builds itself.
func (env *Env) ProcessorOptions() []sdktrace.TracerProviderOption {
	opts := make([]sdktrace.TracerProviderOption, 0, len(env.Processors))
	for _, p := range env.Processors {
		opts = append(opts, sdktrace.WithSpanProcessor(p))
	}
	return opts
}

// Resource names a service ("service.name") and carries the run's attributes.
func (env *Env) Resource(service string) *resource.Resource {
	return resource.NewSchemaless(append([]attribute.KeyValue{attribute.String("service.name", service)}, env.Attributes...)...)
}

func (env *Env) Printf(format string, args ...any) { fmt.Fprintf(env.Out, format, args...) }

// Param returns a -p parameter, or def when it was not given.
func (env *Env) Param(name, def string) string {
	if v, ok := env.Params[name]; ok {
		return v
	}
	return def
}

// Scenario is one pitfall: a name, the lesson it belongs to, and its variants.
type Scenario struct {
	Name     string
	Lesson   string
	Variants []string
	Run      func(ctx context.Context, env *Env, variant string) error
}

var (
	registryMu sync.Mutex
	registry   = map[string]Scenario{}
)

// Register adds a scenario; each file registers its own in init.
func Register(s Scenario) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[s.Name]; dup {
		panic("scenarios: duplicate " + s.Name)
	}
	registry[s.Name] = s
}

// Lookup finds a registered scenario by name.
func Lookup(name string) (Scenario, bool) {
	registryMu.Lock()
	defer registryMu.Unlock()
	s, ok := registry[name]
	return s, ok
}

// All lists the registered scenarios by name.
func All() []Scenario {
	registryMu.Lock()
	defer registryMu.Unlock()
	out := make([]Scenario, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// errUnknownVariant is what every scenario returns for a variant it does not have.
func errUnknownVariant(scenario, variant string) error {
	return fmt.Errorf("%s: unknown variant %q", scenario, variant)
}
