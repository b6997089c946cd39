// Package anatomy is a small service-like workload that touches every kind of event a Go
// execution trace holds: goroutine creation and blocking on channels, a contended mutex, a sleep,
// network I/O on a loopback TCP connection, allocation that triggers garbage collections, and a
// user task with regions and logs. Chapter 1 of the guide walks through its trace.
package anatomy

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"runtime"
	"runtime/trace"
	"strconv"
	"strings"
	"sync"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the anatomy workload.
type Params struct {
	Workers int           `help:"worker goroutines processing orders"`
	Orders  int           `help:"orders to process (one region set and one log per order)"`
	AllocKB int           `help:"KiB allocated per order (drives the GC)"`
	Hold    time.Duration `help:"time each order holds the shared stock mutex (contention)"`
	Sleep   time.Duration `help:"sleep every 8th order (a rate limiter)"`
	Network string        `help:"tcp: loopback TCP on 127.0.0.1:0 (native only); pipe: net.Pipe, in memory (the wasm default)"`
	Seed    uint64        `help:"random seed"`
}

// Defaults returns the default parameters.
func Defaults() Params {
	return Params{Workers: 4, Orders: 48, AllocKB: 512, Hold: 150 * time.Microsecond, Sleep: 2 * time.Millisecond, Network: defaultNetwork, Seed: 1}
}

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "anatomy",
		Summary:  "a service-like workload showing every kind of trace event (chapter 1)",
		Variants: []string{"default"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
		Wasm:     "js/wasm has no sockets: the price lookups use net.Pipe (-network=pipe, the only choice in the wasm build), so they block on the pipe's channels and sync, never with the \"network\" wait reason; GOMAXPROCS is 1, so goroutines never run in parallel.",
	})
}

// Run records the anatomy trace: start tracing first, stop it last, check every error.
func Run(env *scenario.Env, p Params) error {
	f, err := env.Create(env.TracePath)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return err
	}
	defer func() { trace.Stop(); f.Close() }() // Stop first: it flushes the last generation.

	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()

	lookup, closeNet, err := startInventory(p.Network)
	if err != nil {
		return err
	}
	defer closeNet()

	ctx, task := trace.NewTask(context.Background(), "processOrders")
	trace.Logf(ctx, "config", "workers=%d orders=%d network=%s", p.Workers, p.Orders, p.Network)

	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed))
	type order struct {
		id, qty int
		sleep   bool
	}
	orders := make(chan order)
	results := make(chan int, p.Workers)
	var stockMu sync.Mutex
	stock := 1_000_000

	var wg sync.WaitGroup
	for w := 0; w < p.Workers; w++ {
		conn, err := lookup()
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() { // worker: receives orders on a channel
			defer wg.Done()
			defer conn.Close()
			rd := bufio.NewReader(conn)
			var keep [][]byte
			for o := range orders {
				trace.WithRegion(ctx, "validate", func() {
					buf := make([]byte, p.AllocKB<<10) // garbage: drives the GC
					for i := range buf {
						buf[i] = byte(o.id + i)
					}
					if o.id%6 == 0 {
						keep = append(keep, buf) // some survives, so the heap grows
					}
				})
				var price int
				trace.WithRegion(ctx, "lookupPrice", func() { // a network round trip
					fmt.Fprintf(conn, "price %d\n", o.id)
					line, _ := rd.ReadString('\n')
					price, _ = strconv.Atoi(strings.TrimSpace(line))
				})
				trace.WithRegion(ctx, "reserveStock", func() { // a contended mutex
					stockMu.Lock()
					spin(p.Hold)
					stock -= o.qty
					stockMu.Unlock()
				})
				if o.sleep {
					time.Sleep(p.Sleep) // rate limiter
				}
				trace.Logf(ctx, "order", "id=%d qty=%d price=%d", o.id, o.qty, price)
				results <- price * o.qty
			}
			_ = keep
		}()
	}

	var total int
	done := make(chan struct{})
	go func() { // collector
		for r := range results {
			total += r
		}
		close(done)
	}()

	for i := 0; i < p.Orders; i++ {
		orders <- order{id: i, qty: 1 + rng.IntN(5), sleep: i%8 == 7}
	}
	close(orders)
	wg.Wait()
	close(results)
	<-done
	task.End()

	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Printf("processed %d orders with %d workers in %v: total=%d stock left=%d\n",
		p.Orders, p.Workers, time.Since(start).Round(time.Millisecond), total, stock)
	fmt.Printf("GC cycles while tracing: %d; GOMAXPROCS=%d\n", after.NumGC-before.NumGC, runtime.GOMAXPROCS(0))
	return nil
}

// startInventory starts a tiny line-based price server and returns a dialer for it.
func startInventory(network string) (dial func() (net.Conn, error), closeFn func(), err error) {
	serve := func(c net.Conn) {
		defer c.Close()
		rd := bufio.NewReader(c)
		for {
			line, err := rd.ReadString('\n')
			if err != nil {
				return
			}
			var id int
			fmt.Sscanf(line, "price %d", &id)
			fmt.Fprintf(c, "%d\n", 100+id%17)
		}
	}
	switch network {
	case "tcp":
		ln, err := listenTCP()
		if err != nil {
			return nil, nil, err
		}
		go func() { // accept loop
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go serve(c)
			}
		}()
		return func() (net.Conn, error) { return dialTCP(ln.Addr().String()) }, func() { ln.Close() }, nil
	case "pipe":
		return func() (net.Conn, error) {
			client, server := net.Pipe()
			go serve(server)
			return client, nil
		}, func() {}, nil
	}
	return nil, nil, fmt.Errorf("unknown -network=%q (want tcp or pipe)", network)
}

// spin busy-waits for d while holding the CPU (a critical section doing work).
func spin(d time.Duration) {
	for t := time.Now(); time.Since(t) < d; {
	}
}
