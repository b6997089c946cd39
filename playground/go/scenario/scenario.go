// Package scenario is the small framework shared by every playground scenario: a registry, the
// Env a scenario runs in (native process or js/wasm in a browser), and flag binding for each
// scenario's Params struct.
//
// A scenario is an ordinary Go program cut into a function: it creates its trace "file" with
// env.Create(env.TracePath), starts and stops runtime/trace itself, and prints to os.Stdout and
// os.Stderr like a real program. Natively env.Create is os.Create; in wasm, env.TracePath is a sink
// that hands every Write to JavaScript (globalThis.goTraceWrite) and other names are in memory.
package scenario

import (
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"time"
)

// Scenario describes one runnable scenario.
type Scenario struct {
	Name     string
	Summary  string
	Variants []string // the first one is the default
	// Params returns a pointer to a Params struct filled with defaults.
	Params func() any
	// Run runs the scenario. params is the value returned by Params, after flag parsing.
	Run func(env *Env, params any) error
	// Wasm documents how the scenario behaves in the browser build, if it differs.
	Wasm string
}

var (
	regMu    sync.Mutex
	registry = map[string]Scenario{}
)

// Register adds a scenario; scenario packages call it from init.
func Register(s Scenario) {
	regMu.Lock()
	defer regMu.Unlock()
	if _, dup := registry[s.Name]; dup {
		panic("scenario registered twice: " + s.Name)
	}
	registry[s.Name] = s
}

// Lookup returns the scenario with that name.
func Lookup(name string) (Scenario, bool) {
	regMu.Lock()
	defer regMu.Unlock()
	s, ok := registry[name]
	return s, ok
}

// All returns every scenario sorted by name.
func All() []Scenario {
	regMu.Lock()
	defer regMu.Unlock()
	out := make([]Scenario, 0, len(registry))
	for _, s := range registry {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ExitCode is an error that asks the runner to exit with this status without printing anything
// (for example the exit status of a re-executed child process).
type ExitCode int

func (e ExitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// File is what Env.Create returns: a writable, closable, named sink.
type File interface {
	io.Writer
	Close() error
	Name() string
}

// Env is the world a scenario runs in.
type Env struct {
	Variant   string
	TracePath string // where the trace goes (-o); in wasm this name is the JavaScript sink
	Platform  string // "native" or "wasm"
	Args      []string

	// OpenFile creates the named file for writing (os.Create natively).
	OpenFile func(name string) (File, error)
	// Reexec, when non-nil (native only), runs this same scenario again in a child process with
	// extra environment variables; the child's stderr goes to the file stderrPath. It returns the
	// child's exit status.
	Reexec func(extraEnv []string, stderrPath string) (int, error)
	// OfferSnapshots, when non-nil (the wasm build), lets a running scenario offer trace snapshots
	// to the page: while s is offered, the page's Snapshot button calls s.WriteTo; nil withdraws
	// the offer (before the recorder stops).
	OfferSnapshots func(s *Snapshotter)

	mu    sync.Mutex
	files []*tracked
}

// Create opens a file for writing and remembers it, so a scenario can show which files it left
// open (Env.OpenFiles) and how many bytes reached each one (Env.Written).
func (e *Env) Create(name string) (File, error) {
	f, err := e.OpenFile(name)
	if err != nil {
		return nil, err
	}
	t := &tracked{f: f}
	e.mu.Lock()
	e.files = append(e.files, t)
	e.mu.Unlock()
	return t, nil
}

// OpenFiles lists the files created through Create and not closed yet.
func (e *Env) OpenFiles() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, t := range e.files {
		t.mu.Lock()
		if !t.closed {
			out = append(out, t.f.Name())
		}
		t.mu.Unlock()
	}
	return out
}

// Written reports how many bytes were written to the named file and how many Write calls there were.
func (e *Env) Written(name string) (bytes int64, writes int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, t := range e.files {
		if t.f.Name() == name {
			t.mu.Lock()
			bytes += t.n
			writes += t.writes
			t.mu.Unlock()
		}
	}
	return
}

// Snapshotter is what a scenario offers through Env.OfferSnapshots: a way to write the recent
// past as a trace (a flight recorder's WriteTo), and what the page marks in it: the slowest
// region named Region, said to be slow if it lasts longer than Threshold.
type Snapshotter struct {
	WriteTo   func(w io.Writer) (int64, error)
	Region    string
	Threshold time.Duration
}

// IsChild reports whether this process is a child started by Env.Reexec.
func (e *Env) IsChild() bool { return os.Getenv(ChildEnv) == "1" }

// ChildEnv is set to "1" in a re-executed child.
const ChildEnv = "FIELDGUIDE_SCENARIO_CHILD"

type tracked struct {
	mu     sync.Mutex
	f      File
	n      int64
	writes int
	closed bool
}

func (t *tracked) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return 0, &os.PathError{Op: "write", Path: t.f.Name(), Err: os.ErrClosed}
	}
	n, err := t.f.Write(p)
	t.n += int64(n)
	t.writes++
	return n, err
}

func (t *tracked) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return &os.PathError{Op: "close", Path: t.f.Name(), Err: os.ErrClosed}
	}
	t.closed = true
	return t.f.Close()
}

func (t *tracked) Name() string { return t.f.Name() }
