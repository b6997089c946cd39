package inpage

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
)

// Span is one span as the page shows it, the same fields whether it comes from the in-memory
// exporter or from what the simulated Collector decoded, and the same names as the harness's
// reading of the real Collector's OTLP/JSON (harness/received.ts). Kind and status codes are
// OTLP's numbers; times are nanoseconds since the program started.
type Span struct {
	Service       string            `json:"service"`
	Resource      map[string]string `json:"resource"`
	Scope         string            `json:"scope"`
	TraceID       string            `json:"traceId"`
	SpanID        string            `json:"spanId"`
	ParentSpanID  string            `json:"parentSpanId"`
	Name          string            `json:"name"`
	Kind          int               `json:"kind"`
	StatusCode    int               `json:"statusCode"`
	StatusMessage string            `json:"statusMessage"`
	Attributes    map[string]string `json:"attributes"`
	Events        []Event           `json:"events"`
	Links         []Link            `json:"links"`
	Start         int64             `json:"start"`
	End           int64             `json:"end"`
}

type Event struct {
	Name       string            `json:"name"`
	Time       int64             `json:"time"`
	Attributes map[string]string `json:"attributes"`
}

type Link struct {
	TraceID string `json:"traceId"`
	SpanID  string `json:"spanId"`
}

// The Go API numbers status codes Unset 0, Error 1, Ok 2; OTLP numbers them Unset 0, Ok 1, Error 2.
var otlpStatus = map[codes.Code]int{codes.Unset: 0, codes.Error: 2, codes.Ok: 1}

// SpansFromStubs converts what the in-memory exporter holds. Times are measured from runStart on
// the monotonic clock (time.Time.Sub), so durations keep their precision where the wall clock is
// coarse (WebAssembly's is in milliseconds).
func SpansFromStubs(stubs tracetest.SpanStubs, runStart time.Time) []Span {
	out := make([]Span, 0, len(stubs))
	for _, s := range stubs {
		sp := Span{
			Resource: attrs(s.Resource.Attributes()), Scope: s.InstrumentationScope.Name,
			TraceID: s.SpanContext.TraceID().String(), SpanID: s.SpanContext.SpanID().String(),
			Name: s.Name, Kind: int(s.SpanKind),
			StatusCode: otlpStatus[s.Status.Code], StatusMessage: s.Status.Description,
			Attributes: attrs(s.Attributes), Events: []Event{}, Links: []Link{},
			Start: int64(s.StartTime.Sub(runStart)), End: int64(s.EndTime.Sub(runStart)),
		}
		sp.Service = sp.Resource["service.name"]
		if s.Parent.IsValid() {
			sp.ParentSpanID = s.Parent.SpanID().String()
		}
		for _, e := range s.Events {
			sp.Events = append(sp.Events, Event{Name: e.Name, Time: int64(e.Time.Sub(runStart)), Attributes: attrs(e.Attributes)})
		}
		for _, l := range s.Links {
			sp.Links = append(sp.Links, Link{TraceID: l.SpanContext.TraceID().String(), SpanID: l.SpanContext.SpanID().String()})
		}
		out = append(out, sp)
	}
	return out
}

func attrs(kvs []attribute.KeyValue) map[string]string {
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.Emit()
	}
	return m
}

// SpansFromOTLP converts an export request as a Collector receives it. OTLP carries wall-clock
// Unix times; they are measured from runStart's.
func SpansFromOTLP(req *coltracepb.ExportTraceServiceRequest, runStart time.Time) []Span {
	zero := runStart.UnixNano()
	var out []Span
	for _, rs := range req.GetResourceSpans() {
		resource := otlpAttrs(rs.GetResource().GetAttributes())
		for _, ss := range rs.GetScopeSpans() {
			for _, s := range ss.GetSpans() {
				sp := Span{
					Service: resource["service.name"], Resource: resource, Scope: ss.GetScope().GetName(),
					TraceID: hex.EncodeToString(s.GetTraceId()), SpanID: hex.EncodeToString(s.GetSpanId()),
					ParentSpanID: hex.EncodeToString(s.GetParentSpanId()),
					Name:         s.GetName(), Kind: int(s.GetKind()),
					StatusCode: int(s.GetStatus().GetCode()), StatusMessage: s.GetStatus().GetMessage(),
					Attributes: otlpAttrs(s.GetAttributes()), Events: []Event{}, Links: []Link{},
					Start: int64(s.GetStartTimeUnixNano()) - zero, End: int64(s.GetEndTimeUnixNano()) - zero,
				}
				for _, e := range s.GetEvents() {
					sp.Events = append(sp.Events, Event{Name: e.GetName(), Time: int64(e.GetTimeUnixNano()) - zero, Attributes: otlpAttrs(e.GetAttributes())})
				}
				for _, l := range s.GetLinks() {
					sp.Links = append(sp.Links, Link{TraceID: hex.EncodeToString(l.GetTraceId()), SpanID: hex.EncodeToString(l.GetSpanId())})
				}
				out = append(out, sp)
			}
		}
	}
	return out
}

func otlpAttrs(kvs []*commonpb.KeyValue) map[string]string {
	m := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		m[kv.GetKey()] = anyValue(kv.GetValue())
	}
	return m
}

// anyValue writes a value as attribute.Value.Emit writes the same value on the SDK side, so a
// span reads alike from either source.
func anyValue(v *commonpb.AnyValue) string {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return x.StringValue
	case *commonpb.AnyValue_BoolValue:
		return strconv.FormatBool(x.BoolValue)
	case *commonpb.AnyValue_IntValue:
		return strconv.FormatInt(x.IntValue, 10)
	case *commonpb.AnyValue_DoubleValue:
		return fmt.Sprint(x.DoubleValue)
	case *commonpb.AnyValue_ArrayValue:
		// Emit writes slices as JSON arrays of their own type.
		items := make([]any, 0, len(x.ArrayValue.GetValues()))
		for _, item := range x.ArrayValue.GetValues() {
			switch y := item.GetValue().(type) {
			case *commonpb.AnyValue_IntValue:
				items = append(items, y.IntValue)
			case *commonpb.AnyValue_DoubleValue:
				items = append(items, y.DoubleValue)
			case *commonpb.AnyValue_BoolValue:
				items = append(items, y.BoolValue)
			default:
				items = append(items, anyValue(item))
			}
		}
		b, _ := json.Marshal(items)
		return string(b)
	case *commonpb.AnyValue_KvlistValue:
		b, _ := json.Marshal(otlpAttrs(x.KvlistValue.GetValues()))
		return string(b)
	case *commonpb.AnyValue_BytesValue:
		return hex.EncodeToString(x.BytesValue)
	default:
		return ""
	}
}
