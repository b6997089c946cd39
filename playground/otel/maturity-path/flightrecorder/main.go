// Command server keeps a flight recorder running and saves the last seconds of execution trace
// when a request is slow. Needs Go 1.25 or newer.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/trace"
	"sync"
	"time"
)

// fr keeps the most recent trace data in memory: at least MinAge of it, at most about MaxBytes.
var fr = trace.NewFlightRecorder(trace.FlightRecorderConfig{
	MinAge:   4 * time.Second, // about twice the slowest request you want to see whole
	MaxBytes: 32 << 20,
})

var snapshotOnce sync.Once

// snapshot writes the flight recorder's window to a file, once per process.
func snapshot(requestID string) {
	snapshotOnce.Do(func() {
		f, err := os.Create("slow-" + requestID + ".trace")
		if err != nil {
			slog.Error("flight recorder snapshot", "err", err)
			return
		}
		defer f.Close()
		if _, err := fr.WriteTo(f); err != nil {
			slog.Error("flight recorder snapshot", "err", err)
			return
		}
		slog.Warn("saved execution trace", "request_id", requestID, "file", f.Name())
	})
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// withTrace marks each request as a task in the execution trace, logs its ID into the trace and
// into the application log, and saves a snapshot when the request is slower than threshold.
func withTrace(threshold time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := newRequestID()
		ctx, task := trace.NewTask(r.Context(), "http.request")
		trace.Log(ctx, "request_id", id)
		start := time.Now()
		next.ServeHTTP(w, r.WithContext(ctx))
		task.End()
		if d := time.Since(start); d > threshold {
			slog.Warn("slow request", "request_id", id, "path", r.URL.Path, "duration", d)
			go snapshot(id)
		}
	})
}

func main() {
	if err := fr.Start(); err != nil {
		log.Fatal(err)
	}
	defer fr.Stop()

	// Profiling and on-demand traces: loopback only, never the public mux.
	debug := http.NewServeMux()
	debug.HandleFunc("/debug/pprof/", pprof.Index)
	debug.HandleFunc("/debug/pprof/trace", pprof.Trace)
	ln, err := net.Listen("tcp", "127.0.0.1:6060")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, debug)

	app := http.NewServeMux()
	app.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		trace.WithRegion(r.Context(), "render", func() {
			time.Sleep(time.Duration(len(r.URL.Path)) * time.Millisecond)
		})
		w.Write([]byte("ok\n"))
	})
	log.Fatal(http.ListenAndServe(":8080", withTrace(300*time.Millisecond, app)))
}
