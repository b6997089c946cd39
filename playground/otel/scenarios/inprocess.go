package scenarios

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// InProcess is a Network without sockets, for a browser: a request to http://NAME.inprocess/ is
// handed to the handler served as NAME on the caller's goroutine, and, as net/http does, the
// request's context is canceled when the handler returns.
type InProcess struct {
	mu       sync.Mutex
	handlers map[string]http.Handler
}

func NewInProcess() *InProcess { return &InProcess{handlers: map[string]http.Handler{}} }

const inProcessDomain = ".inprocess"

func (n *InProcess) Serve(name string, h http.Handler) (string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, dup := n.handlers[name]; dup {
		return "", fmt.Errorf("inprocess: %s is already served", name)
	}
	n.handlers[name] = h
	return "http://" + name + inProcessDomain, nil
}

func (n *InProcess) Transport() http.RoundTripper { return roundTripper{n} }

func (n *InProcess) Close() error { return nil }

type roundTripper struct{ n *InProcess }

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	name := strings.TrimSuffix(req.URL.Hostname(), inProcessDomain)
	rt.n.mu.Lock()
	h, ok := rt.n.handlers[name]
	rt.n.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("inprocess: no service %q", req.URL.Host)
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	// The server sees its own copy of the request, with its own context, as over a wire:
	// only the headers carry anything from the client.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := req.Clone(ctx)
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "inprocess:0"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, in)
	return rec.Result(), nil
}
