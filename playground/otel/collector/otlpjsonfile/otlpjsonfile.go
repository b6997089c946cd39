// Package otlpjsonfile is a Collector exporter that appends every batch of spans it receives to a
// file, one OTLP/JSON ExportTraceServiceRequest per line: the evidence the tests read. It exists
// because the contrib fileexporter is not packaged by Debian; it is built only from the packaged
// core (exporterhelper, ptrace.JSONMarshaler), so what it writes is what the Collector received.
package otlpjsonfile

import (
	"context"
	"errors"
	"os"
	"sync"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/collector/pdata/ptrace"
)

// Config names the file; it is created if missing and appended to, so one file can hold a run.
type Config struct {
	Path string `mapstructure:"path"`
}

func (c *Config) Validate() error {
	if c.Path == "" {
		return errors.New("otlpjsonfile: path is required")
	}
	return nil
}

// NewFactory registers the exporter as "otlpjsonfile" (traces only).
func NewFactory() exporter.Factory {
	return exporter.NewFactory(
		component.MustNewType("otlpjsonfile"),
		func() component.Config { return &Config{} },
		exporter.WithTraces(createTraces, component.StabilityLevelDevelopment),
	)
}

type fileExporter struct {
	path string
	mu   sync.Mutex
	f    *os.File
	json ptrace.JSONMarshaler
}

func createTraces(ctx context.Context, set exporter.Settings, cfg component.Config) (exporter.Traces, error) {
	e := &fileExporter{path: cfg.(*Config).Path}
	// No sending queue and no timeout: the receiver answers the client only after the line is
	// written, so a program whose export succeeded has its spans in the file already.
	return exporterhelper.NewTraces(ctx, set, cfg, e.push,
		exporterhelper.WithCapabilities(consumer.Capabilities{MutatesData: false}),
		exporterhelper.WithTimeout(exporterhelper.TimeoutConfig{Timeout: 0}),
		exporterhelper.WithStart(e.start),
		exporterhelper.WithShutdown(e.shutdown),
	)
}

func (e *fileExporter) start(context.Context, component.Host) error {
	f, err := os.OpenFile(e.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	e.f = f
	return err
}

func (e *fileExporter) push(_ context.Context, td ptrace.Traces) error {
	line, err := e.json.MarshalTraces(td)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	// One write per line (O_APPEND): a reader polling the file never sees half a batch joined to
	// another.
	_, err = e.f.Write(append(line, '\n'))
	return err
}

func (e *fileExporter) shutdown(context.Context) error {
	if e.f == nil {
		return nil
	}
	return e.f.Close()
}
