//go:build go1.25

// Package flightrecorder shows the flight recorder (runtime/trace.FlightRecorder, Go 1.25+)
// catching a slow request after the fact (lesson 1.2, "After the fact: the flight recorder").
//
// A small server handles a steady stream of requests, each in its own task "request" with a region
// "handleRequest". Now and then a request misses its local cache and reads the shared one under a
// lock; a background refresh holds that lock while it reloads from a slow dependency, so a request
// that needs it then waits: it is slow, and nothing in its own code says why. The program keeps
// only the last moments of trace in memory, and when a request exceeds -threshold it writes them
// (FlightRecorder.WriteTo) as its trace file: the slow request, the refresh that held the lock,
// and goroutines that existed long before the window (they appear through status events).
//
// In the page the program keeps serving for -duration after that first snapshot, and the Snapshot
// button asks it for another one at any time (Env.OfferSnapshots).
package flightrecorder

import (
	"context"
	"fmt"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the flight-recorder scenario.
type Params struct {
	Duration     time.Duration `help:"longest time the server runs"`
	Until        string        `help:"snapshot: stop once the first snapshot is written (native default); duration: serve for all of -duration (wasm default, for the page's Snapshot button)"`
	Interval     time.Duration `help:"time between two incoming requests"`
	Workers      int           `help:"handler goroutines"`
	Work         time.Duration `help:"CPU work per request"`
	MissEvery    int           `help:"every Nth request misses its local cache and reads the shared one, under its lock"`
	Warmup       time.Duration `help:"time before the first cache refresh"`
	RefreshEvery time.Duration `help:"period of the cache refresh"`
	Stall        time.Duration `help:"how long a refresh holds the lock (its slow dependency)"`
	Threshold    time.Duration `help:"a request slower than this is slow: the first one triggers the snapshot"`
	MinAge       time.Duration `help:"FlightRecorderConfig.MinAge: recent history the recorder keeps (at least the longest request)"`
	MaxBytes     uint64        `help:"FlightRecorderConfig.MaxBytes: a bound on the recorder's memory"`
}

// Defaults returns the default parameters. The first refresh waits two generations (about 2 s), so
// the snapshot cannot reach back to the program's start: it begins mid-life, as in production.
// A refresh stalls longer than the threshold plus the gap between two cache misses, so every
// refresh makes at least one request slow.
func Defaults() Params {
	return Params{
		Duration: defaultDuration, Until: defaultUntil, Interval: 2 * time.Millisecond, Workers: 4,
		Work: 200 * time.Microsecond, MissEvery: 25, Warmup: 2 * time.Second, RefreshEvery: time.Second,
		Stall: 250 * time.Millisecond, Threshold: 100 * time.Millisecond,
		MinAge: defaultMinAge, MaxBytes: 4 << 20,
	}
}

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "flight-recorder",
		Summary:  "a flight recorder writes the last moments of trace when a request is slow (Go 1.25+)",
		Variants: []string{"default"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
		Wasm:     "the server runs for -duration (12 s) and the page's Snapshot button writes the flight recorder's window at any time; the first slow request still writes the program's own trace. Busy work runs on one thread, so requests are slower and a browser's timers fire every few milliseconds at most.",
	})
}

// slowRegion is the region the page marks in a snapshot (scenario.Snapshotter.Region).
const slowRegion = "handleRequest"

// Run is main() of the flight-recorder program.
func Run(env *scenario.Env, p Params) error {
	if p.Until != "snapshot" && p.Until != "duration" {
		return fmt.Errorf("unknown -until=%q (want snapshot or duration)", p.Until)
	}
	if p.Workers < 1 || p.MissEvery < 1 || p.Interval <= 0 || p.RefreshEvery <= 0 {
		return fmt.Errorf("-workers, -missEvery, -interval and -refreshEvery must be positive")
	}
	fr := trace.NewFlightRecorder(trace.FlightRecorderConfig{MinAge: p.MinAge, MaxBytes: p.MaxBytes})
	if err := fr.Start(); err != nil {
		return err
	}
	defer fr.Stop()
	if env.OfferSnapshots != nil {
		env.OfferSnapshots(&scenario.Snapshotter{WriteTo: fr.WriteTo, Region: slowRegion, Threshold: p.Threshold})
		defer env.OfferSnapshots(nil) // before fr.Stop: no snapshot of a stopped recorder
	}

	s := &server{p: p, stop: make(chan struct{})}
	snapshotDone := make(chan struct{})
	var once sync.Once
	var snapshotStarted atomic.Bool
	var snapshot struct {
		bytes int64
		err   error
		req   int64
		took  time.Duration
	}
	s.onSlow = func(id int64, took time.Duration) {
		fmt.Printf("slow request %d: %v (threshold %v)\n", id, took.Round(100*time.Microsecond), p.Threshold)
		// The first slow request writes the recorder's window as the trace file. On its own
		// goroutine, as a server would: WriteTo takes a while and the handler has a reply to send.
		once.Do(func() {
			snapshotStarted.Store(true)
			go func() {
				defer close(snapshotDone)
				snapshot.req, snapshot.took = id, took
				snapshot.bytes, snapshot.err = writeSnapshot(env, fr)
			}()
		})
	}

	start := time.Now()
	s.run()
	deadline := time.NewTimer(p.Duration)
	defer deadline.Stop()
	select {
	case <-deadline.C:
	case <-snapshotDone:
		if p.Until == "duration" {
			<-deadline.C
		}
	}
	s.shutdown()

	fmt.Printf("served %d requests in %v; %d slower than %v\n", s.served.Load(), time.Since(start).Round(time.Millisecond), s.slow.Load(), p.Threshold)
	if !snapshotStarted.Load() {
		return fmt.Errorf("no request took longer than -threshold=%v in -duration=%v: no snapshot written", p.Threshold, p.Duration)
	}
	<-snapshotDone // a snapshot that started just before the deadline
	if snapshot.err != nil {
		return fmt.Errorf("flight recorder snapshot: %w", snapshot.err)
	}
	fmt.Printf("snapshot after slow request %d (%v): %d bytes written to %s\n", snapshot.req, snapshot.took.Round(100*time.Microsecond), snapshot.bytes, env.TracePath)
	return nil
}

// writeSnapshot writes the flight recorder's window to the trace file.
func writeSnapshot(env *scenario.Env, fr *trace.FlightRecorder) (int64, error) {
	f, err := env.Create(env.TracePath)
	if err != nil {
		return 0, err
	}
	n, err := fr.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// server is the request generator, its handler pool, and the cache refresh.
type server struct {
	p      Params
	onSlow func(id int64, took time.Duration)

	requests chan int64
	stop     chan struct{}
	wg       sync.WaitGroup

	cacheMu sync.Mutex // the shared cache: misses read it, the refresh rewrites it
	cache   map[int64]uint64

	served, slow atomic.Int64
}

func (s *server) run() {
	s.requests = make(chan int64)
	s.cache = map[int64]uint64{}
	for w := 0; w < s.p.Workers; w++ {
		s.wg.Add(1)
		go s.worker()
	}
	s.wg.Add(2)
	go s.generate()
	go s.refresh()
}

// shutdown stops the generator and the refresh, then lets the workers finish what they hold.
func (s *server) shutdown() {
	close(s.stop)
	s.wg.Wait()
}

// generate sends a request every Interval, like a client. Sleeping between requests matters in
// js/wasm: timers (the tracer's own included) fire only when every goroutine is blocked.
func (s *server) generate() {
	defer s.wg.Done()
	defer close(s.requests)
	for id := int64(1); ; id++ {
		select {
		case <-s.stop:
			return
		case s.requests <- id:
		}
		select {
		case <-s.stop:
			return
		case <-time.After(s.p.Interval):
		}
	}
}

func (s *server) worker() {
	defer s.wg.Done()
	for id := range s.requests {
		s.handle(id)
	}
}

// handle serves one request in its own task, so a trace viewer can find it.
func (s *server) handle(id int64) {
	ctx, task := trace.NewTask(context.Background(), "request")
	defer task.End()
	start := time.Now()
	trace.WithRegion(ctx, slowRegion, func() {
		sum := work(uint64(id), s.p.Work)
		if id%int64(s.p.MissEvery) == 0 {
			trace.WithRegion(ctx, "sharedCache", func() {
				s.cacheMu.Lock() // waits while a refresh holds the lock
				s.cache[id%64] = sum
				s.cacheMu.Unlock()
			})
		}
	})
	took := time.Since(start)
	s.served.Add(1)
	if took > s.p.Threshold {
		s.slow.Add(1)
		trace.Logf(ctx, "slow", "request %d took %v", id, took)
		s.onSlow(id, took)
	}
}

// refresh reloads the shared cache every RefreshEvery, after Warmup, holding its lock for Stall
// while it waits on its slow dependency.
func (s *server) refresh() {
	defer s.wg.Done()
	next := time.NewTimer(s.p.Warmup)
	defer next.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-next.C:
		}
		ctx, task := trace.NewTask(context.Background(), "refresh")
		trace.WithRegion(ctx, "refreshCache", func() {
			s.cacheMu.Lock()
			defer s.cacheMu.Unlock()
			select { // the slow dependency
			case <-time.After(s.p.Stall):
			case <-s.stop:
			}
			clear(s.cache)
		})
		task.End()
		next.Reset(s.p.RefreshEvery)
	}
}

// work stands for the request's CPU work: a hash loop for about d. It always ends, so in js/wasm
// (one thread, no preemption) the other goroutines run again as soon as the request blocks.
func work(seed uint64, d time.Duration) uint64 {
	h := seed
	for t := time.Now(); time.Since(t) < d; {
		for i := 0; i < 64; i++ {
			h ^= h << 13
			h ^= h >> 7
			h ^= h << 17
		}
	}
	return h
}
