// Command mw runs the seed article's per-request tracing middleware with two overlapping requests.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/trace"
	"sync"
	"time"
)

var start = time.Now()

func since() time.Duration { return time.Since(start).Round(10 * time.Millisecond) }

// traceMiddleware is the article's middleware, with the error of trace.Start printed instead of dropped.
func traceMiddleware(out *os.File, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := trace.Start(out); err != nil {
			fmt.Printf("%s: trace.Start err=%v\n", r.URL.Path, err)
		} else {
			defer func() { trace.Stop(); fmt.Printf("%s: trace.Stop() at %v\n", r.URL.Path, since()) }()
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	out, err := os.Create("trace.out")
	if err != nil {
		log.Fatal(err)
	}
	defer out.Close()
	work := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		trace.WithRegion(context.Background(), "work"+r.URL.Path, func() {
			d := 100 * time.Millisecond
			if r.URL.Path == "/B" {
				d = 300 * time.Millisecond
			}
			time.Sleep(d)
		})
		fmt.Printf("%s: done at %v, tracing enabled: %v\n", r.URL.Path, since(), trace.IsEnabled())
	})
	srv := httptest.NewServer(traceMiddleware(out, work))
	defer srv.Close()
	var wg sync.WaitGroup
	for i, p := range []string{"/A", "/B"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 20 * time.Millisecond)
			resp, err := http.Get(srv.URL + p)
			if err != nil {
				log.Print(err)
				return
			}
			resp.Body.Close()
		}()
	}
	wg.Wait()
}
