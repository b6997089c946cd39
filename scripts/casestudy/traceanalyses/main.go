// Command traceanalyses prints, as JSON, what three pages of `go tool trace` show for a trace,
// computed with the same functions of Go's trace parser that those pages use:
//
//   - goroutines: the goroutine analysis (/goroutines), goroutines grouped by start function,
//     with their execution, scheduling, blocking and GC-assist time (Summarizer);
//   - regions: every user region of a type, each with its duration (/userregions);
//   - mmu: the minimum mutator utilization at a few windows, and the worst windows (/mmu, with the
//     page's default flags: stop-the-world, background workers, mark assists).
//
// Chapter 6 of the guide shows these figures until its viewer has the same views. The program is
// built against Go 1.27's src/internal/trace under the import path golang.org/x/exp/trace, the way
// x/exp generates its copy (scripts/casestudy/go-side.ts does it; no module proxy is needed).
//
//	traceanalyses trace.out
package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"golang.org/x/exp/trace"
)

type goroutineGroup struct {
	Name            string           `json:"name"`
	N               int              `json:"n"`
	ExecNs          int64            `json:"execNs"`
	SchedWaitNs     int64            `json:"schedWaitNs"`
	BlockNsByReason map[string]int64 `json:"blockNsByReason"`
	SyscallNs       int64            `json:"syscallNs"`
	SyscallBlockNs  int64            `json:"syscallBlockNs"`
	RangeNs         map[string]int64 `json:"rangeNs"`
	TotalNs         int64            `json:"totalNs"`
	UnknownNs       int64            `json:"unknownNs"`
}

type regionType struct {
	Name string `json:"name"`
	// Durations of the regions whose begin and end are both in the trace, in ns, ascending.
	DurationsNs []int64 `json:"durationsNs"`
}

type mmuWindow struct {
	WindowNs int64   `json:"windowNs"`
	MMU      float64 `json:"mmu"`
	// The worst windows: where they start (ns, trace clock) and their utilization.
	Worst []worstWindow `json:"worst"`
}

type worstWindow struct {
	StartNs int64   `json:"startNs"`
	Util    float64 `json:"util"`
}

type output struct {
	FirstEventNs int64            `json:"firstEventNs"` // trace clock
	Goroutines   []goroutineGroup `json:"goroutines"`
	Regions      []regionType     `json:"regions"`
	MMU          []mmuWindow      `json:"mmu"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: traceanalyses trace.out")
		os.Exit(2)
	}
	out, err := analyse(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "traceanalyses:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}

func analyse(path string) (*output, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := trace.NewReader(f)
	if err != nil {
		return nil, err
	}
	s := trace.NewSummarizer()
	var events []trace.Event
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		s.Event(&ev)
		events = append(events, ev)
	}
	if len(events) == 0 {
		return nil, errors.New("no events")
	}
	out := &output{FirstEventNs: int64(events[0].Time())}
	sum := s.Finalize()

	// The goroutine analysis groups goroutines by name (cmd/trace/goroutines.go).
	groups := map[string]*goroutineGroup{}
	regions := map[string]*regionType{}
	for _, g := range sum.Goroutines {
		gg := groups[g.Name]
		if gg == nil {
			gg = &goroutineGroup{Name: g.Name, BlockNsByReason: map[string]int64{}, RangeNs: map[string]int64{}}
			groups[g.Name] = gg
		}
		gg.N++
		gg.ExecNs += int64(g.ExecTime)
		gg.SchedWaitNs += int64(g.SchedWaitTime)
		gg.SyscallNs += int64(g.SyscallTime)
		gg.SyscallBlockNs += int64(g.SyscallBlockTime)
		gg.TotalNs += int64(g.TotalTime)
		gg.UnknownNs += int64(g.UnknownTime())
		for reason, d := range g.BlockTimeByReason {
			gg.BlockNsByReason[reason] += int64(d)
		}
		for name, d := range g.RangeTime {
			gg.RangeNs[name] += int64(d)
		}
		for _, reg := range g.Regions {
			if reg.Name == "" || reg.Start == nil || reg.End == nil || reg.Start.Kind() != trace.EventRegionBegin || reg.End.Kind() != trace.EventRegionEnd {
				continue
			}
			rt := regions[reg.Name]
			if rt == nil {
				rt = &regionType{Name: reg.Name}
				regions[reg.Name] = rt
			}
			rt.DurationsNs = append(rt.DurationsNs, int64(reg.End.Time().Sub(reg.Start.Time())))
		}
	}
	for _, g := range groups {
		out.Goroutines = append(out.Goroutines, *g)
	}
	// Most execution time first, as the page sorts them.
	slices.SortFunc(out.Goroutines, func(a, b goroutineGroup) int {
		return cmp.Or(cmp.Compare(b.ExecNs, a.ExecNs), cmp.Compare(a.Name, b.Name))
	})
	for _, rt := range regions {
		slices.Sort(rt.DurationsNs)
		out.Regions = append(out.Regions, *rt)
	}
	slices.SortFunc(out.Regions, func(a, b regionType) int { return cmp.Compare(a.Name, b.Name) })

	// The MMU page's default flags.
	curve := trace.NewMMUCurve(trace.MutatorUtilizationV2(events, trace.UtilSTW|trace.UtilBackground|trace.UtilAssist))
	for _, w := range []time.Duration{time.Millisecond, 10 * time.Millisecond, 100 * time.Millisecond} {
		m := mmuWindow{WindowNs: int64(w), MMU: curve.MMU(w)}
		for _, ex := range curve.Examples(w, 3) {
			m.Worst = append(m.Worst, worstWindow{StartNs: ex.Time, Util: ex.MutatorUtil})
		}
		out.MMU = append(out.MMU, m)
	}
	return out, nil
}
