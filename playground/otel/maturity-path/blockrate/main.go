// Command blockrate reads an execution trace and prints, for each window, how many goroutines were
// blocked on average (blocked goroutine-time divided by the window's length), by wait reason, and
// then the goroutines still blocked when the trace ends.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"time"

	"golang.org/x/exp/trace"
)

type wait struct {
	since  trace.Time
	reason string
}

func main() {
	window := flag.Duration("window", 50*time.Millisecond, "window length")
	flag.Parse()
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r, err := trace.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}

	var first, last trace.Time
	waiting := map[trace.GoID]wait{}
	blocked := map[int]map[string]time.Duration{} // window → reason → blocked goroutine-time
	add := func(from, to trace.Time, reason string) {
		for from < to {
			w := int(from.Sub(first) / *window)
			end := first + trace.Time((w+1)*int(*window))
			if end > to {
				end = to
			}
			if blocked[w] == nil {
				blocked[w] = map[string]time.Duration{}
			}
			blocked[w][reason] += end.Sub(from)
			from = end
		}
	}
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if first == 0 {
			first = ev.Time()
		}
		last = ev.Time()
		if ev.Kind() != trace.EventStateTransition {
			continue
		}
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			continue
		}
		id := st.Resource.Goroutine()
		from, to := st.Goroutine()
		switch {
		case from == trace.GoWaiting && to == trace.GoWaiting:
			// Not a new wait: at every generation boundary (about once a second) the reader states
			// again that the goroutine is waiting, with no reason. Keep the wait's start and reason.
		case to == trace.GoWaiting:
			waiting[id] = wait{ev.Time(), st.Reason}
		case from == trace.GoWaiting:
			if w, ok := waiting[id]; ok {
				add(w.since, ev.Time(), w.reason)
				delete(waiting, id)
			}
		}
	}

	for w := 0; w <= int(last.Sub(first) / *window); w++ {
		fmt.Printf("window %d (%v–%v):", w, time.Duration(w)**window, time.Duration(w+1)**window)
		reasons := make([]string, 0, len(blocked[w]))
		for reason := range blocked[w] {
			reasons = append(reasons, reason)
		}
		sort.Strings(reasons)
		for _, reason := range reasons {
			fmt.Printf(" %s=%.2f", reason, float64(blocked[w][reason])/float64(*window))
		}
		fmt.Println()
	}
	stillBlocked := map[string]int{}
	for _, w := range waiting {
		stillBlocked[w.reason]++
	}
	fmt.Println("blocked at the end, by reason:", stillBlocked)
}
