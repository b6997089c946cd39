//go:build !(js && wasm)

package scenario

import (
	"encoding/json"
	"io"
)

func init() { listFunc = list }

// Description is the -list output for one scenario.
type Description struct {
	Name     string     `json:"name"`
	Summary  string     `json:"summary"`
	Variants []string   `json:"variants"`
	Params   []ParamDoc `json:"params"`
	Wasm     string     `json:"wasm,omitempty"`
}

// Describe returns the -list description of every scenario.
func Describe() []Description {
	var ds []Description
	for _, s := range All() {
		ds = append(ds, Description{Name: s.Name, Summary: s.Summary, Variants: s.Variants, Params: Docs(s.Params()), Wasm: s.Wasm})
	}
	return ds
}

func list(w io.Writer) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(Describe()); err != nil {
		return 1
	}
	return 0
}
