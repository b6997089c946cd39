package scenario

import (
	"encoding/json"
	"flag"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// BindParams registers one flag per exported field of the struct p points to. The flag name is
// the `param` tag (or the field name with a lower-case first letter) and the usage text is the
// `help` tag. Supported kinds: int, int64, uint64, float64, bool, string, time.Duration.
func BindParams(fs *flag.FlagSet, p any) {
	v := reflect.ValueOf(p).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := ParamName(f)
		help := f.Tag.Get("help")
		ptr := v.Field(i).Addr().Interface()
		switch q := ptr.(type) {
		case *time.Duration:
			fs.DurationVar(q, name, *q, help)
		case *int:
			fs.IntVar(q, name, *q, help)
		case *int64:
			fs.Int64Var(q, name, *q, help)
		case *uint64:
			fs.Uint64Var(q, name, *q, help)
		case *float64:
			fs.Float64Var(q, name, *q, help)
		case *bool:
			fs.BoolVar(q, name, *q, help)
		case *string:
			fs.StringVar(q, name, *q, help)
		default:
			panic(fmt.Sprintf("scenario: unsupported param type %s for %s", f.Type, f.Name))
		}
	}
}

// ParamName is the flag name of a Params field.
func ParamName(f reflect.StructField) string {
	if n := f.Tag.Get("param"); n != "" {
		return n
	}
	b := []byte(f.Name)
	if len(b) > 0 && b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// ParamsMap returns the params as flag name → value (durations as strings like "250ms").
func ParamsMap(p any) map[string]any {
	v := reflect.ValueOf(p).Elem()
	t := v.Type()
	out := map[string]any{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		val := v.Field(i).Interface()
		if d, ok := val.(time.Duration); ok {
			val = d.String()
		}
		out[ParamName(f)] = val
	}
	return out
}

// ParamsJSON is ParamsMap as JSON.
func ParamsJSON(p any) string {
	b, _ := json.Marshal(ParamsMap(p))
	return string(b)
}

// ParamDoc describes one param for -list output.
type ParamDoc struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Default string `json:"default"`
	Help    string `json:"help"`
}

// Docs describes every param of p.
func Docs(p any) []ParamDoc {
	v := reflect.ValueOf(p).Elem()
	t := v.Type()
	var out []ParamDoc
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		val := v.Field(i).Interface()
		def := fmt.Sprint(val)
		if s, ok := val.(string); ok {
			def = strconv.Quote(s)
		}
		out = append(out, ParamDoc{Name: ParamName(f), Type: f.Type.String(), Default: def, Help: f.Tag.Get("help")})
	}
	return out
}
