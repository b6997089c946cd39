// Command slowservice is a small HTTP service whose tail latency spikes under load: the case
// study of chapter 6 of the Go Trace Field Guide, "From a slow request to the culprit".
//
// It serves POST /item: it parses the form in the request body, takes the item's page from a
// cache (rendering it again when it is missing or stale), writes an access-log line, and
// replies with the page. Each request is a runtime/trace task "request" with a region
// "request", and inside it the regions "parse", "cache" and "log".
//
// With -load it drives itself: a load generator sends -rate requests a second for the given
// time, then prints a latency histogram. -trace writes an execution trace of the whole run;
// -snapshot keeps a flight recorder and writes its last seconds to a file when a request takes
// longer than -slow.
//
//	go run slowservice.go -load=3s -trace=trace.out -snapshot=slow.trace
//
// Standard library only; needs Go 1.25 or newer (runtime/trace.FlightRecorder).
package broken

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	create := func(name string) (io.WriteCloser, error) { return os.Create(name) }
	os.Exit(Main(os.Args[1:], Env{Stdout: os.Stdout, Stderr: os.Stderr, Create: create}))
}

// Env is what the program needs from the outside world; main passes the real one. (The Go Trace
// Field Guide also runs this file in its browser playground, where files are not files.)
type Env struct {
	Stdout, Stderr io.Writer
	Create         func(name string) (io.WriteCloser, error)
	// Recorder, when set, is given the flight recorder once it runs, and nil before it stops.
	Recorder func(*trace.FlightRecorder)
}

// config is the command line.
type config struct {
	addr     string
	load     time.Duration
	rate     int
	clients  int
	items    int
	products int
	trace    string
	snapshot string
	slow     time.Duration
}

// Main runs the program with the command-line arguments args and returns its exit status.
func Main(args []string, env Env) int {
	var c config
	fs := flag.NewFlagSet("slowservice", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "address to listen on")
	fs.DurationVar(&c.load, "load", 0, "send requests to the service for this long, print a latency histogram and exit (0: serve until interrupted)")
	fs.IntVar(&c.rate, "rate", 200, "requests per second the load generator sends")
	fs.IntVar(&c.clients, "clients", 32, "connections the load generator uses")
	fs.IntVar(&c.items, "items", 100, "distinct items the load generator asks for")
	fs.IntVar(&c.products, "products", 150_000, "products in the catalog the service keeps in memory")
	fs.StringVar(&c.trace, "trace", "", "write an execution trace of the whole run to this file")
	fs.StringVar(&c.snapshot, "snapshot", "", "keep a flight recorder and write its window to this file when a request is slower than -slow")
	fs.DurationVar(&c.slow, "slow", 25*time.Millisecond, "a request slower than this is slow")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || c.rate <= 0 || c.clients <= 0 || c.items <= 0 || c.products <= 0 || c.slow <= 0 || c.load < 0 {
		fmt.Fprintln(env.Stderr, "slowservice: -rate, -clients, -items, -products and -slow must be positive, -load at least 0, and there are no arguments")
		return 2
	}
	if err := run(c, env); err != nil {
		fmt.Fprintln(env.Stderr, "slowservice:", err)
		return 1
	}
	return 0
}

func run(c config, env Env) (err error) {
	s := newServer(loadCatalog(c.products), c.slow) // before tracing starts: a service is up before anyone looks

	if c.trace != "" {
		f, err := env.Create(c.trace)
		if err != nil {
			return err
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return err
		}
		defer func() {
			trace.Stop() // first: it writes the last generation to f
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
	}
	if c.snapshot != "" {
		fr := trace.NewFlightRecorder(trace.FlightRecorderConfig{MinAge: 2 * time.Second, MaxBytes: 16 << 20})
		if err := fr.Start(); err != nil {
			return err
		}
		defer fr.Stop()
		if env.Recorder != nil {
			env.Recorder(fr)
			defer env.Recorder(nil) // before fr.Stop
		}
		s.rec = &recorder{fr: fr, file: c.snapshot, create: env.Create, out: env.Stdout}
		defer s.rec.wait() // a snapshot being written
	}
	trace.Log(context.Background(), "slowservice", fmt.Sprintf("load=%v rate=%d clients=%d items=%d slow=%v", c.load, c.rate, c.clients, c.items, c.slow))

	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	defer s.close()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /item", s.handleItem)
	srv := &http.Server{Handler: mux}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	if c.load == 0 {
		fmt.Fprintf(env.Stdout, "serving on http://%s (Ctrl-C stops)\n", ln.Addr())
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		select {
		case <-ctx.Done():
		case err := <-served:
			return err
		}
		return srv.Shutdown(context.Background())
	}

	latencies, errs := generateLoad(ln.Addr().String(), c)
	if err := srv.Shutdown(context.Background()); err != nil {
		return err
	}
	printHistogram(env.Stdout, latencies, errs, c.load)
	trace.Log(context.Background(), "slowservice", fmt.Sprintf("done: %d requests, p99 %v", len(latencies), percentile(latencies, 99)))
	return nil
}

// server is the service: a catalog in memory, a cache of rendered pages and an access log.
type server struct {
	catalog []*product
	cache   *cache
	shipper *shipper
	log     *log.Logger // the access log, written to the shipper
	slow    time.Duration
	rec     *recorder // nil without -snapshot
}

func newServer(catalog []*product, slow time.Duration) *server {
	sh := startShipper(time.Second, 40*time.Millisecond)
	return &server{
		catalog: catalog,
		cache:   &cache{ttl: 500 * time.Millisecond, pages: map[int]page{}},
		shipper: sh,
		log:     log.New(sh, "", log.LstdFlags|log.Lmicroseconds),
		slow:    slow,
	}
}

func (s *server) close() { s.shipper.Close() }

// product is one entry of the catalog.
type product struct {
	id      int
	name    string
	price   int // cents
	tags    []string
	related []*product
}

// loadCatalog builds a catalog of n products, each related to twelve others.
func loadCatalog(n int) []*product {
	ps := make([]*product, n)
	for i := range ps {
		ps[i] = &product{
			id:    i,
			name:  fmt.Sprintf("product-%06d", i),
			price: 100 + i*37%99_900,
			tags:  []string{"colour-" + strconv.Itoa(i%7), "size-" + strconv.Itoa(i%5), "brand-" + strconv.Itoa(i%13)},
		}
	}
	for i, p := range ps {
		for j := range 12 {
			p.related = append(p.related, ps[(i*31+j*977+1)%n])
		}
	}
	return ps
}

// handleItem serves POST /item, each request in a task of its own.
func (s *server) handleItem(w http.ResponseWriter, r *http.Request) {
	ctx, task := trace.NewTask(r.Context(), "request")
	defer task.End()
	start := time.Now()
	trace.WithRegion(ctx, "request", func() { s.serveItem(ctx, w, r) })
	if took := time.Since(start); took > s.slow {
		trace.Log(ctx, "slow", took.String())
		s.rec.snapshot() // once, on its own goroutine
	}
}

func (s *server) serveItem(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	var form url.Values
	var err error
	trace.WithRegion(ctx, "parse", func() { form, err = parseForm(r.Body) })
	item, aerr := strconv.Atoi(form.Get("item"))
	if err != nil || aerr != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	p := s.catalog[item%len(s.catalog)]
	var body []byte
	trace.WithRegion(ctx, "cache", func() {
		body = s.cache.get(item, func() []byte { return render(p, form) })
	})
	trace.WithRegion(ctx, "log", func() {
		s.log.Printf("POST /item item=%d fields=%d bytes=%d", item, len(form), len(body))
	})
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(body)
}

// parseForm reads a form-encoded body the easy way: the body as a string, a slice of pairs, then
// for every pair two unescaped strings, a lower-cased key and a map entry.
func parseForm(body io.Reader) (url.Values, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	form := url.Values{}
	for _, pair := range strings.Split(string(b), "&") {
		k, v, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("field %q has no value", pair)
		}
		if k, err = url.QueryUnescape(k); err != nil {
			return nil, err
		}
		if v, err = url.QueryUnescape(v); err != nil {
			return nil, err
		}
		form.Add(strings.ToLower(k), v)
	}
	return form, nil
}

// render builds an item's page: the product, its related products and theirs, a line each,
// with the currency the client asked for.
func render(p *product, form url.Values) []byte {
	cur := form.Get("currency")
	page := line(p, "", cur)
	for _, r := range p.related {
		page += line(r, "  ", cur)
		for _, rr := range r.related {
			page += line(rr, "    ", cur)
		}
	}
	return []byte(page)
}

func line(p *product, indent, currency string) string {
	return fmt.Sprintf("%s%s  %d.%02d %s  [%s]\n", indent, p.name, p.price/100, p.price%100, currency, strings.Join(p.tags, ", "))
}

// cache keeps rendered pages for ttl. One mutex guards the map.
type cache struct {
	mu    sync.Mutex
	ttl   time.Duration
	pages map[int]page
}

type page struct {
	body     []byte
	rendered time.Time
}

// get returns the item's page, rendering it again when it is missing or older than the ttl.
func (c *cache) get(item int, render func() []byte) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[item]
	if !ok || time.Since(p.rendered) > c.ttl {
		p = page{body: render(), rendered: time.Now()}
		c.pages[item] = p
	}
	return p.body
}

// shipper stands for a log agent at the other end of a pipe: a Write returns once the agent has
// read the bytes. It reads lines as they come, and every `every` it stops reading for `flush`
// while it writes what it holds to slow storage.
type shipper struct {
	r            *io.PipeReader
	w            *io.PipeWriter
	every, flush time.Duration
	done         chan struct{}
}

func startShipper(every, flush time.Duration) *shipper {
	r, w := io.Pipe()
	s := &shipper{r: r, w: w, every: every, flush: flush, done: make(chan struct{})}
	go s.run()
	return s
}

func (s *shipper) Write(p []byte) (int, error) { return s.w.Write(p) }

func (s *shipper) run() {
	defer close(s.done)
	buf := make([]byte, 64<<10)
	next := time.Now().Add(s.every)
	for {
		if _, err := s.r.Read(buf); err != nil {
			return
		}
		if time.Now().After(next) {
			time.Sleep(s.flush) // the flush: nothing is read meanwhile
			next = time.Now().Add(s.every)
		}
	}
}

// Close stops the shipper once it has read everything written before.
func (s *shipper) Close() error {
	err := s.w.Close()
	<-s.done
	return err
}

// recorder writes the flight recorder's window to a file, once: at the first slow request.
type recorder struct {
	fr     *trace.FlightRecorder
	file   string
	create func(string) (io.WriteCloser, error)
	out    io.Writer
	once   sync.Once
	wg     sync.WaitGroup
}

// snapshot starts writing the snapshot on its own goroutine, the first time it is called.
func (r *recorder) snapshot() {
	if r == nil {
		return
	}
	r.once.Do(func() {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			f, err := r.create(r.file)
			if err == nil {
				var n int64
				n, err = r.fr.WriteTo(f)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				fmt.Fprintf(r.out, "flight recorder: %d bytes written to %s\n", n, r.file)
			}
			if err != nil {
				fmt.Fprintf(r.out, "flight recorder: %v\n", err)
			}
		}()
	})
}

func (r *recorder) wait() { r.wg.Wait() }

// generateLoad sends c.rate requests a second to addr for c.load, over c.clients keep-alive
// connections. Requests arrive at random, as independent clients send them (a Poisson process:
// sometimes several at once). A request's latency runs from the moment it was due, so one that
// waits for a free connection is late, and that counts.
func generateLoad(addr string, c config) (latencies []time.Duration, errs int) {
	n := int(c.load.Seconds() * float64(c.rate))
	due := make(chan time.Time, n)
	go func() {
		defer close(due)
		rng := rand.New(rand.NewPCG(1, 2)) // the same arrivals every run
		at := time.Now()
		for range n {
			at = at.Add(time.Duration(rng.ExpFloat64() * float64(time.Second) / float64(c.rate)))
			time.Sleep(time.Until(at))
			due <- at
		}
	}()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var sent atomic.Int64
	for range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				mu.Lock()
				errs++
				mu.Unlock()
				return
			}
			defer conn.Close()
			r := bufio.NewReader(conn)
			for at := range due {
				err := post(conn, r, addr, form(int(sent.Add(1)), c.items))
				mu.Lock()
				if err != nil {
					errs++
				} else {
					latencies = append(latencies, time.Since(at))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return latencies, errs
}

// form is the body of request i: an item (some are asked for far more often than others) and
// forty fields.
func form(i, items int) string {
	item := i * 7919 % items // spread over all the items
	if i%3 == 0 {
		item = i % 8 // the popular ones
	}
	var b strings.Builder
	fmt.Fprintf(&b, "item=%d&currency=EUR", item)
	for f := range 40 {
		fmt.Fprintf(&b, "&Field%02d=value+%d+of+request+%d", f, f, i)
	}
	return b.String()
}

// post sends one request on the keep-alive connection conn and reads the response from r.
func post(conn net.Conn, r *bufio.Reader, addr, body string) error {
	req, err := http.NewRequest("POST", "http://"+addr+"/item", strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := req.Write(conn); err != nil {
		return err
	}
	resp, err := http.ReadResponse(r, req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST /item: %s", resp.Status)
	}
	return nil
}

// buckets are the histogram's upper bounds.
var buckets = []time.Duration{
	time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond,
	20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond,
}

// printHistogram prints how many requests took how long, and the percentiles.
func printHistogram(w io.Writer, latencies []time.Duration, errs int, d time.Duration) {
	fmt.Fprintf(w, "%d requests in %v, %d errors\n", len(latencies), d, errs)
	if len(latencies) == 0 {
		return
	}
	counts := make([]int, len(buckets)+1)
	for _, l := range latencies {
		i, _ := slices.BinarySearch(buckets, l)
		counts[i]++
	}
	top := slices.Max(counts)
	lo := time.Duration(0)
	for i, n := range counts {
		label := fmt.Sprintf("%v-%v", lo, buckets[min(i, len(buckets)-1)])
		if i == len(buckets) {
			label = fmt.Sprintf("%v+", lo)
		} else {
			lo = buckets[i]
		}
		fmt.Fprintf(w, "%12s %6d %s\n", label, n, strings.Repeat("#", (n*40+top-1)/top))
	}
	fmt.Fprintf(w, "p50 %v  p90 %v  p99 %v  max %v\n",
		percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99), slices.Max(latencies))
}

// percentile returns the p-th percentile of latencies (nearest rank), rounded to 0.1 ms.
func percentile(latencies []time.Duration, p int) time.Duration {
	if len(latencies) == 0 {
		return 0
	}
	s := slices.Clone(latencies)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(i, 1)-1].Round(100 * time.Microsecond)
}
