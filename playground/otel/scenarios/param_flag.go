package scenarios

import (
	"fmt"
	"strings"
)

// ParamFlag is the -p name=value flag (repeatable) of every command that runs a scenario; it
// becomes Env.Params.
type ParamFlag map[string]string

func (p ParamFlag) String() string { return fmt.Sprint(map[string]string(p)) }

func (p ParamFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("-p wants name=value, got %q", s)
	}
	p[k] = v
	return nil
}
