package main

import (
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"fieldguide/playground/internal/tracefacts"
)

// slowFacts are what chapter 6 reads in the slow-request recordings, computed here from Go
// 1.27's `go tool trace -d=parsed` (tests/casestudy computes the same from src/trace and
// src/analysis and must agree).
//
//   - a request is a region "request" with both ends in the trace;
//   - a mutex wait is a goroutine's Running->Waiting with reason "sync" whose stack holds
//     sync.(*Mutex).Lock, until it leaves Waiting; it is the cache's when the stack holds
//     (*cache).get, the access log's when it holds log.(*Logger).output;
//   - a log write wait is Running->Waiting with reason "select" in io.(*pipe).write;
//   - a request wait is any sync, select or chan wait whose stack holds (*server).serveItem;
//   - an assist is a "GC mark assist" range; its time in the cache is its overlap with a region
//     "cache" of the same goroutine.
type slowFacts struct {
	Requests           int     `json:"requests"`
	RequestP50Ms       float64 `json:"requestP50Ms"`
	RequestP99Ms       float64 `json:"requestP99Ms"`
	RequestMaxMs       float64 `json:"requestMaxMs"`
	CacheMutexWaits    int     `json:"cacheMutexWaits"`
	CacheMutexWaitMs   float64 `json:"cacheMutexWaitMs"`
	LogMutexWaits      int     `json:"logMutexWaits"`
	LogMutexWaitMs     float64 `json:"logMutexWaitMs"`
	LogWriteWaits      int     `json:"logWriteWaits"`
	LogWriteWaitMs     float64 `json:"logWriteWaitMs"`
	LongestRequestWait float64 `json:"longestRequestWaitMs"`
	Assists            int     `json:"assists"`
	AssistMs           float64 `json:"assistMs"`
	AssistInCacheMs    float64 `json:"assistInCacheMs"`
}

// goTool is Go 1.27's go command (main's -go).
var goTool string

func slowRequestFacts(path string) (slowFacts, error) {
	out, err := exec.Command(goTool, "tool", "trace", "-d=parsed", path).Output()
	if err != nil {
		return slowFacts{}, fmt.Errorf("go tool trace -d=parsed %s: %v", filepath.Base(path), err)
	}
	return computeSlowFacts(tracefacts.ParseDump(out)), nil
}

func computeSlowFacts(evs []tracefacts.Event) slowFacts {
	var f slowFacts
	type span struct{ start, end int64 }
	type wait struct {
		start int64
		kind  string // "cache", "log", "write", or "" for another request wait
		req   bool
	}
	openRegions := map[int64][]struct {
		typ   string
		begin int64
	}{}
	cacheRegions := map[int64][]span{}
	var requests []float64
	waits := map[int64]wait{}
	assistOpen := map[int64]int64{}
	assists := map[int64][]span{}
	has := func(stack []string, sub string) bool {
		return slices.ContainsFunc(stack, func(fn string) bool { return strings.Contains(fn, sub) })
	}
	scope := func(ev tracefacts.Event) int64 {
		var g int64
		fmt.Sscanf(ev.Fields["Scope"], "Goroutine(%d)", &g)
		return g
	}
	ms := func(ns int64) float64 { return float64(ns) / 1e6 }
	for _, ev := range evs {
		switch ev.Kind {
		case "RegionBegin":
			openRegions[ev.G] = append(openRegions[ev.G], struct {
				typ   string
				begin int64
			}{ev.Fields["Type"], ev.Time})
		case "RegionEnd":
			rs := openRegions[ev.G]
			for i := len(rs) - 1; i >= 0; i-- {
				if rs[i].typ != ev.Fields["Type"] {
					continue
				}
				switch rs[i].typ {
				case "request":
					requests = append(requests, ms(ev.Time-rs[i].begin))
				case "cache":
					cacheRegions[ev.G] = append(cacheRegions[ev.G], span{rs[i].begin, ev.Time})
				}
				openRegions[ev.G] = append(rs[:i], rs[i+1:]...)
				break
			}
		case "RangeBegin", "RangeActive":
			if ev.Fields["Name"] == "GC mark assist" {
				assistOpen[scope(ev)] = ev.Time
			}
		case "RangeEnd":
			if ev.Fields["Name"] == "GC mark assist" {
				g := scope(ev)
				if start, ok := assistOpen[g]; ok {
					assists[g] = append(assists[g], span{start, ev.Time})
					delete(assistOpen, g)
				}
			}
		case "StateTransition":
			id := ev.GoID
			if id < 0 {
				continue
			}
			from, to, _ := strings.Cut(ev.Transition, "->")
			if from == "Waiting" && to != "Waiting" {
				if w, ok := waits[id]; ok {
					d := ms(ev.Time - w.start)
					switch w.kind {
					case "cache":
						f.CacheMutexWaits++
						f.CacheMutexWaitMs += d
					case "log":
						f.LogMutexWaits++
						f.LogMutexWaitMs += d
					case "write":
						f.LogWriteWaits++
						f.LogWriteWaitMs += d
					}
					if w.req {
						f.LongestRequestWait = math.Max(f.LongestRequestWait, d)
					}
					delete(waits, id)
				}
			}
			if from != "Running" || to != "Waiting" {
				continue
			}
			r, st := ev.Fields["Reason"], ev.TransStack
			w := wait{start: ev.Time, req: has(st, ".(*server).serveItem") && (r == "sync" || r == "select" || strings.HasPrefix(r, "chan"))}
			switch {
			case r == "sync" && has(st, "sync.(*Mutex).Lock") && has(st, ".(*cache).get"):
				w.kind = "cache"
			case r == "sync" && has(st, "sync.(*Mutex).Lock") && has(st, "log.(*Logger).output"):
				w.kind = "log"
			case r == "select" && has(st, "io.(*pipe).write"):
				w.kind = "write"
			}
			if w.kind != "" || w.req {
				waits[id] = w
			}
		}
	}
	for g, as := range assists {
		for _, a := range as {
			f.Assists++
			f.AssistMs += ms(a.end - a.start)
			for _, c := range cacheRegions[g] {
				if o := min(a.end, c.end) - max(a.start, c.start); o > 0 {
					f.AssistInCacheMs += ms(o)
				}
			}
		}
	}
	slices.Sort(requests)
	f.Requests = len(requests)
	f.RequestP50Ms, f.RequestP99Ms = nearestRank(requests, 50), nearestRank(requests, 99)
	if len(requests) > 0 {
		f.RequestMaxMs = requests[len(requests)-1]
	}
	for _, p := range []*float64{&f.RequestP50Ms, &f.RequestP99Ms, &f.RequestMaxMs, &f.CacheMutexWaitMs, &f.LogMutexWaitMs, &f.LogWriteWaitMs, &f.LongestRequestWait, &f.AssistMs, &f.AssistInCacheMs} {
		*p = round3(*p)
	}
	return f
}

// nearestRank is the p-th percentile of sorted values by the nearest-rank method.
func nearestRank(sorted []float64, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i, 1)-1]
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// expectSlowRequest checks what chapter 6 shows in each recording: the snapshot and the whole
// broken run hold both culprits (requests waiting for the access log while the shipper flushes,
// and renders under the cache's lock that GC assists make longer); the fixed run holds neither.
func expectSlowRequest(e *Entry, f Facts, out string) error {
	if err := firstErr(expectParses(e), check(e.ExitCode == 0, "exit %d", e.ExitCode)); err != nil {
		return err
	}
	s, err := slowRequestFacts(filepath.Join(traceDir, e.File))
	if err != nil {
		return err
	}
	slow := parseMs(fmt.Sprint(e.Params["slow"]))
	hist := outLine(out, "p50 ")
	if err := check(hist != "", "no percentile line in the output"); err != nil {
		return err
	}
	e.Expect["taskTypes"] = []string{"request"}
	e.Expect["regionsWithoutTask"] = 0
	e.Expect["slowRequest"] = s
	if e.Variant == "broken" {
		if err := firstErr(
			check(s.Requests >= 100, "%d requests", s.Requests),
			// Not a machine so busy that every request queues (a collapse is another story).
			check(s.RequestP50Ms < 5, "request p50 %.3f ms", s.RequestP50Ms),
			check(s.RequestMaxMs > slow, "slowest request %.1f ms, -slow %.0f ms", s.RequestMaxMs, slow),
			check(s.LogWriteWaits >= 1 && s.LogMutexWaits >= 1, "log waits: %d writes, %d on the mutex", s.LogWriteWaits, s.LogMutexWaits),
			check(s.CacheMutexWaits >= 3, "%d waits on the cache's mutex", s.CacheMutexWaits),
			check(f.GCs >= 1 && s.AssistInCacheMs > 0, "%d GCs, %.3f ms of assists in the cache", f.GCs, s.AssistInCacheMs),
		); err != nil {
			return err
		}
		e.Expect["minGCs"] = 1
		e.Expect["blockReasons"] = []string{"sync", "select"}
		e.Expect["minLongestRegionMs"] = map[string]float64{"request": slow}
		what := "The whole run, traced from trace.Start to trace.Stop"
		if e.Params["capture"] == "snapshot" {
			what = fmt.Sprintf("The flight recorder's snapshot, written at the first request slower than %v (%s)", e.Params["slow"], strings.TrimSpace(outLine(out, "flight recorder: ")))
		}
		e.Notes = []string{
			fmt.Sprintf("%s: %d requests, p50 %.3f ms, p99 %.3f ms, the slowest %.3f ms (region \"request\"); the program printed %q.", what, s.Requests, s.RequestP50Ms, s.RequestP99Ms, s.RequestMaxMs, hist),
			fmt.Sprintf("The access log: %d writes waited %.3f ms for the log shipper (select in io.(*pipe).write) while %d other requests waited %.3f ms for log.Logger's mutex behind them.", s.LogWriteWaits, s.LogWriteWaitMs, s.LogMutexWaits, s.LogMutexWaitMs),
			fmt.Sprintf("The cache: %d waits on its mutex, %.3f ms in all; %d GC cycles, %d mark assists of %.3f ms, %.3f ms of them inside a region \"cache\", where the request holds the lock and renders.", s.CacheMutexWaits, s.CacheMutexWaitMs, f.GCs, s.Assists, s.AssistMs, s.AssistInCacheMs),
		}
		return nil
	}
	if err := firstErr(
		check(s.Requests >= 100, "%d requests", s.Requests),
		check(s.LogMutexWaits == 0 && s.LongestRequestWait < 5, "a request waited %.3f ms (%d on the log's mutex)", s.LongestRequestWait, s.LogMutexWaits),
		check(s.RequestP99Ms < 10, "request p99 %.3f ms", s.RequestP99Ms),
	); err != nil {
		return err
	}
	e.Notes = []string{
		fmt.Sprintf("The fixed program, same load: %d requests, p50 %.3f ms, p99 %.3f ms, the slowest %.3f ms (region \"request\"); the program printed %q.", s.Requests, s.RequestP50Ms, s.RequestP99Ms, s.RequestMaxMs, hist),
		fmt.Sprintf("No request waits for the access log (the shipper still stalls: the log's own goroutine waited %.3f ms in io.(*pipe).write); the longest wait of a request is %.3f ms.", s.LogWriteWaitMs, s.LongestRequestWait),
		fmt.Sprintf("The cache's mutex: %d waits, %.3f ms in all; %d GC cycles, %.3f ms of assists, %.3f ms of them inside a region \"cache\" (the lock is no longer held there while rendering).", s.CacheMutexWaits, s.CacheMutexWaitMs, f.GCs, s.AssistMs, s.AssistInCacheMs),
	}
	return nil
}
