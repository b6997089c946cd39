package inpage

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"syscall"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"
)

// State is what the simulated Collector does while the program runs. The names and meanings are
// those of the native runs (harness/execute.ts, CollectorState), which do the same to a real
// Collector process.
type State string

const (
	Up       State = "up"        // answers every export at once
	None     State = "none"      // nothing listens: every connection is refused
	Late     State = "late"      // refuses the first connection, then starts (the native run starts the Collector when the program prints its first attempt)
	Paused   State = "paused"    // accepts connections and reads requests, answers none until the program has ended (SIGSTOP, resumed after exit)
	Paused2s State = "paused-2s" // the same until 2 s after the program prints "ending"
)

// Addr is where the exporter is pointed. The name is not resolvable anywhere: only the
// Collector's own dialer (Transport) reaches it.
const Addr = "simulated-collector:4318"

// Collector plays an OpenTelemetry Collector's OTLP/HTTP receiver inside the program, for the
// page: the exporter (the real otlptracehttp) gets an http.Client whose only way out is Dial,
// which hands one end of an in-memory pipe (net.Pipe) to a real net/http server in this process.
// Everything between the exporter and that server is the standard library's own HTTP and TLS
// code, so a refused certificate or a plaintext request to the TLS port fails exactly as it does
// against a real Collector; what the network itself does (a refused connection, a stopped
// process whose socket still accepts data) is played here. It is not a network.
//
// What it receives is decoded (OTLP protobuf) and handed to Deliver when it would process it.
type Collector struct {
	state State
	tls   *tls.Config // the server's, nil for plaintext
	ca    *x509.CertPool
	log   io.Writer
	start time.Time
	// Deliver receives the spans of each export the Collector processes, in order.
	deliver func([]Span)
	since   time.Time

	mu      sync.Mutex
	dials   int
	running bool          // a listener is there (none and late before their first refusal: no)
	paused  bool          // requests are read and held, unanswered
	resume  chan struct{} // closed when a paused Collector resumes
	held    [][]byte      // requests read while paused, in arrival order
	spans   int           // spans processed so far
	exports int

	conns chan net.Conn
	done  chan struct{}
	srv   *http.Server
}

// NewCollector starts a simulated Collector in the given state, serving OTLP/HTTP over TLS with a
// certificate from a CA of its own when tlsOn is set. runStart is the program's start, the zero of
// the times it reports; log receives its own lines ("[simulated Collector +0.00s] ...").
func NewCollector(state State, tlsOn bool, runStart time.Time, log io.Writer, deliver func([]Span)) (*Collector, error) {
	switch state {
	case Up, None, Late, Paused, Paused2s:
	default:
		return nil, fmt.Errorf("simulated collector: unknown state %q", state)
	}
	c := &Collector{
		state: state, log: log, start: runStart, since: time.Now(), deliver: deliver,
		running: state != None && state != Late,
		paused:  state == Paused || state == Paused2s,
		resume:  make(chan struct{}),
		conns:   make(chan net.Conn),
		done:    make(chan struct{}),
	}
	if tlsOn {
		cert, pool, err := certificates(hostOf(Addr))
		if err != nil {
			return nil, err
		}
		c.tls = &tls.Config{Certificates: []tls.Certificate{cert}}
		c.ca = pool
	}
	c.srv = &http.Server{Handler: http.HandlerFunc(c.serve), ErrorLog: c.logger()}
	var ln net.Listener = pipeListener{c}
	if c.tls != nil {
		ln = tls.NewListener(ln, c.tls)
	}
	go c.srv.Serve(ln)
	switch {
	case state == None:
		c.printf("nothing listens on %s", Addr)
	case state == Late:
		c.printf("not started yet: it starts after the first connection is refused")
	case c.paused:
		c.printf("paused: it accepts connections and reads requests, and answers none until it resumes")
	case c.tls != nil:
		c.printf("serving OTLP/HTTP over TLS on %s, with a certificate from a CA of its own", Addr)
	default:
		c.printf("serving OTLP/HTTP on %s", Addr)
	}
	return c, nil
}

// CA is the pool a client must trust to verify the Collector's certificate (nil without TLS).
func (c *Collector) CA() *x509.CertPool { return c.ca }

// Transport is what the exporter's own client would use (otlptracehttp's ourTransport: the
// same timeouts and idle limits, and the TLS config a variant gives), except that its connections
// go to this Collector. A Transport with DialContext set never uses the browser's fetch.
func (c *Collector) Transport(tlsConfig *tls.Config) *http.Transport {
	return &http.Transport{
		DialContext:           c.dial,
		TLSClientConfig:       tlsConfig,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// Client is the exporter's client as otlptracehttp builds it (Timeout: its 10 s default), over
// Transport.
func (c *Collector) Client(tlsConfig *tls.Config) *http.Client {
	return &http.Client{Transport: c.Transport(tlsConfig), Timeout: 10 * time.Second}
}

func (c *Collector) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	c.mu.Lock()
	c.dials++
	running := c.running
	if !running && c.state == Late {
		defer c.printf("started (after refusing the first connection)")
		c.running = true
	}
	c.mu.Unlock()
	if addr != Addr {
		return nil, &net.OpError{Op: "dial", Net: network, Addr: simAddr(addr), Err: fmt.Errorf("no such host in this page: only %s is simulated", Addr)}
	}
	if !running {
		c.printf("refused a connection: nothing listens")
		return nil, refused(network, addr)
	}
	client, server := net.Pipe()
	select {
	case c.conns <- server:
		return client, nil
	case <-ctx.Done():
		client.Close()
		server.Close()
		return nil, ctx.Err()
	case <-c.done:
		client.Close()
		server.Close()
		return nil, refused(network, addr)
	}
}

// refused is the error a dial to a port nobody listens on returns on Linux, where the native runs
// ran: ECONNREFUSED, worded as Linux words it (js/wasm's own table says "Connection refused").
func refused(network, addr string) error {
	return &net.OpError{Op: "dial", Net: network, Addr: simAddr(addr), Err: os.NewSyscallError("connect", connRefused{})}
}

type connRefused struct{}

func (connRefused) Error() string        { return "connection refused" }
func (connRefused) Is(target error) bool { return target == syscall.ECONNREFUSED }
func (connRefused) Timeout() bool        { return false }
func (connRefused) Temporary() bool      { return false }

// serve is the OTLP/HTTP traces endpoint: a request is read at once (a stopped process's socket
// still takes the bytes), then processed and answered, or held while the Collector is paused.
func (c *Collector) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/traces" {
		http.NotFound(w, r)
		return
	}
	body, err := readBody(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	if c.paused {
		c.held = append(c.held, body)
		n := len(c.held)
		resume := c.resume
		c.mu.Unlock()
		c.printf("read request %d (%s) while paused: not processed, not answered", n, spanCount(body))
		select {
		case <-resume:
			c.answer(w)
		case <-r.Context().Done():
			// The client gave up; the request stays read, and is processed when the Collector resumes.
		}
		return
	}
	c.mu.Unlock()
	c.process([][]byte{body})
	c.answer(w)
}

func (c *Collector) answer(w http.ResponseWriter) {
	out, _ := proto.Marshal(&coltracepb.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.Write(out)
}

// process decodes requests and delivers their spans, in order.
func (c *Collector) process(bodies [][]byte) {
	for _, body := range bodies {
		var req coltracepb.ExportTraceServiceRequest
		if err := proto.Unmarshal(body, &req); err != nil {
			c.printf("could not decode a request: %v", err)
			continue
		}
		spans := SpansFromOTLP(&req, c.start)
		c.mu.Lock()
		c.exports++
		c.spans += len(spans)
		c.mu.Unlock()
		if c.deliver != nil {
			c.deliver(spans)
		}
	}
}

// ResumeAfter resumes a paused Collector after d (the paused-2s state: 2 s after "ending").
func (c *Collector) ResumeAfter(d time.Duration) {
	time.AfterFunc(d, func() { c.resumeNow("resumed") })
}

func (c *Collector) resumeNow(how string) {
	c.mu.Lock()
	if !c.paused {
		c.mu.Unlock()
		return
	}
	c.paused = false
	held := c.held
	c.held = nil
	c.mu.Unlock()
	c.printf("%s: processing the %d request(s) it read while paused", how, len(held))
	c.process(held)
	close(c.resume)
}

// Finish ends the run as the native harness does once the program has exited: a Collector still
// paused resumes and processes what it read (its clients have given up by then); then it stops.
// It says how many spans it received in all.
func (c *Collector) Finish() {
	c.resumeNow("resumed after the program ended")
	close(c.done)
	c.srv.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.printf("received %d span(s) in %d export(s) in all", c.spans, c.exports)
}

func (c *Collector) printf(format string, args ...any) {
	fmt.Fprintf(c.log, "[simulated Collector +%.2fs] %s\n", time.Since(c.since).Seconds(), fmt.Sprintf(format, args...))
}

// logger takes net/http's server errors (a TLS handshake that failed, as a Collector logs it).
func (c *Collector) logger() *log.Logger {
	return log.New(writerFunc(func(p []byte) (int, error) {
		c.printf("%s", bytes.TrimRight(p, "\n"))
		return len(p), nil
	}), "", 0)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// pipeListener hands the server the ends of the pipes Dial made.
type pipeListener struct{ c *Collector }

func (l pipeListener) Accept() (net.Conn, error) {
	select {
	case conn := <-l.c.conns:
		return conn, nil
	case <-l.c.done:
		return nil, net.ErrClosed
	}
}
func (l pipeListener) Close() error   { return nil }
func (l pipeListener) Addr() net.Addr { return simAddr(Addr) }

type simAddr string

func (a simAddr) Network() string { return "tcp" }
func (a simAddr) String() string  { return string(a) }

func hostOf(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return host
}

func readBody(r *http.Request) ([]byte, error) {
	var in io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		in = gz
	}
	return io.ReadAll(in)
}

func spanCount(body []byte) string {
	var req coltracepb.ExportTraceServiceRequest
	if proto.Unmarshal(body, &req) != nil {
		return "undecodable"
	}
	n := 0
	for _, rs := range req.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			n += len(ss.Spans)
		}
	}
	return fmt.Sprintf("%d span(s)", n)
}
