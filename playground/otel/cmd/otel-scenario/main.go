// Command otel-scenario runs one OpenTelemetry scenario of playground/otel/scenarios natively:
// spans go to a real Collector over OTLP/HTTP (otlptracehttp) and the scenario's services talk
// over loopback TCP. Three more scenarios live here: tls-downgrade and export-retry, about the
// exporter's own network, and batch-metrics, which links the SDK's metrics (the page's build
// leaves the metric SDK out).
//
//	otel-scenario -scenario=context-propagation -variant=fixed -endpoint=127.0.0.1:4318 -run=ID
//	otel-scenario -list
//	otel-scenario -gen-certs=DIR   (a CA and a server certificate for 127.0.0.1, for tls-downgrade)
//
// Every span's resource carries fieldguide.run=ID, fieldguide.scenario and fieldguide.variant,
// so a test reading the Collector's output finds this run's spans. Exit status: 0, 1 when the
// scenario returned an error, or whatever the scenario's own exit was (a panic is 2).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"fieldguide/playground/otel/scenarios"
)

func main() {
	name := flag.String("scenario", "", "scenario to run")
	variant := flag.String("variant", "", "variant of the scenario")
	endpoint := flag.String("endpoint", "127.0.0.1:4318", "the Collector's OTLP/HTTP host:port (plaintext)")
	grpcEndpoint := flag.String("grpc-endpoint", "127.0.0.1:4317", "the Collector's OTLP/gRPC host:port (export-retry, tls-downgrade)")
	run := flag.String("run", "", "run ID put on every span's resource (fieldguide.run)")
	network := flag.String("network", "loopback", "how services talk: loopback (TCP on 127.0.0.1) or inprocess")
	out := flag.String("out", ".", "directory for files a scenario writes")
	caFile := flag.String("ca", "", "CA certificate (PEM) of a TLS Collector (tls-downgrade)")
	list := flag.Bool("list", false, "list the scenarios and their variants")
	genCerts := flag.String("gen-certs", "", "write ca.pem, server.pem and server-key.pem for 127.0.0.1 into this directory and exit")
	p := scenarios.ParamFlag{}
	flag.Var(p, "p", "a scenario parameter, name=value (repeatable)")
	flag.Parse()

	if *genCerts != "" {
		if err := writeCertificates(*genCerts); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if *list {
		for _, s := range allScenarios() {
			fmt.Printf("%-22s %-28s %s\n", s.Name, s.Lesson, strings.Join(s.Variants, " "))
		}
		return
	}

	ctx := context.Background()
	switch *name {
	case "tls-downgrade":
		exitWith(tlsDowngrade(ctx, *variant, *endpoint, *grpcEndpoint, *caFile, *run))
	case "export-retry":
		exitWith(exportRetry(ctx, *variant, *endpoint, *grpcEndpoint, *run))
	case "batch-metrics":
		exitWith(batchMetrics(ctx, *variant, *endpoint, *run))
	}
	s, ok := scenarios.Lookup(*name)
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown scenario %q (see -list)\n", *name)
		os.Exit(2)
	}
	env := &scenarios.Env{
		NewExporter: func(ctx context.Context) (sdktrace.SpanExporter, error) {
			return otlptracehttp.New(ctx, otlptracehttp.WithEndpoint(*endpoint), otlptracehttp.WithInsecure())
		},
		Out:        os.Stdout,
		Params:     p,
		Attributes: runAttributes(*run, *name, *variant),
		WriteFile: func(file string, data []byte) error {
			return os.WriteFile(filepath.Join(*out, file), data, 0o644)
		},
	}
	switch *network {
	case "loopback":
		env.Net = newLoopback()
	case "inprocess":
		env.Net = scenarios.NewInProcess()
	default:
		fmt.Fprintf(os.Stderr, "unknown -network %q\n", *network)
		os.Exit(2)
	}
	defer env.Net.Close()
	// No recover here: a scenario that panics must crash the process as it would in a service.
	err := s.Run(ctx, env, *variant)
	env.Net.Close()
	exitWith(err)
}

func runAttributes(run, scenario, variant string) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.String("fieldguide.run", run),
		attribute.String("fieldguide.scenario", scenario),
		attribute.String("fieldguide.variant", variant),
	}
}

func exitWith(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// allScenarios lists the portable scenarios and the native ones, for -list.
func allScenarios() []scenarios.Scenario {
	all := append(scenarios.All(),
		scenarios.Scenario{Name: "tls-downgrade", Lesson: "export/tls-downgrade", Variants: tlsVariants},
		scenarios.Scenario{Name: "export-retry", Lesson: "export/timeout-retry", Variants: retryVariants},
		scenarios.Scenario{Name: "batch-metrics", Lesson: "export/timeout-retry", Variants: metricsVariants},
	)
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}
