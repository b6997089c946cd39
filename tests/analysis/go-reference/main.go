// Command goanalyses prints, as JSON, what go tool trace (Go 1.27) computes for a trace's
// goroutines, regions, tasks and MMU pages, with the same functions (internal/trace's Summarizer,
// MutatorUtilizationV2, NewMMUCurve, MMU, Examples) and the same page code, copied from
// src/cmd/trace/{goroutines,regions,tasks,main}.go and traceviewer/{mmu,histogram}.go.
// The reference for tests/analysis/go-analyses.test.ts; built inside a copy of GOROOT, where
// internal/trace is importable, by scripts/go-analyses-reference.sh.
//
// Where Go iterates a map and then sorts unstably, rows with equal keys would come in any order:
// here they are put in order first (groups by name, goroutines by ID, region types by frame), and
// the page's sort is made stable, the order src/analysis/go/tables.ts gives.
//
//	goanalyses TRACE
package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"internal/trace"
)

type stats struct {
	ExecTime          int64            `json:"execTime"`
	SchedWaitTime     int64            `json:"schedWaitTime"`
	BlockTimeByReason map[string]int64 `json:"blockTimeByReason"`
	SyscallTime       int64            `json:"syscallTime"`
	SyscallBlockTime  int64            `json:"syscallBlockTime"`
	TotalTime         int64            `json:"totalTime"`
	RangeTime         map[string]int64 `json:"rangeTime"`
}

func durs(m map[string]time.Duration) map[string]int64 {
	out := map[string]int64{}
	for k, v := range m {
		out[k] = int64(v)
	}
	return out
}

func statsOf(s trace.GoroutineExecStats) stats {
	return stats{int64(s.ExecTime), int64(s.SchedWaitTime), durs(s.BlockTimeByReason), int64(s.SyscallTime), int64(s.SyscallBlockTime), int64(s.TotalTime), durs(s.RangeTime)}
}

type frame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line uint64 `json:"line"`
	PC   uint64 `json:"pc"`
}

type region struct {
	TaskID     int64    `json:"taskId"`
	Name       string   `json:"name"`
	Goroutine  int64    `json:"goroutine"`
	Start      int64    `json:"start"`
	End        int64    `json:"end"`
	StartStack []string `json:"startStack"`
	StartFrame frame    `json:"startFrame"`
	Stats      stats    `json:"stats"`
}

type goroutine struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	PC           uint64   `json:"pc"`
	CreationTime int64    `json:"creationTime"`
	StartTime    int64    `json:"startTime"`
	EndTime      int64    `json:"endTime"`
	Regions      []region `json:"regions"`
	Stats        stats    `json:"stats"`
}

type logEntry struct {
	Time      int64  `json:"time"`
	Category  string `json:"category"`
	Message   string `json:"message"`
	Goroutine int64  `json:"goroutine"`
}

type task struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	Parent      int64      `json:"parent"`
	Children    []int64    `json:"children"`
	Start       int64      `json:"start"`
	End         int64      `json:"end"`
	Regions     []region   `json:"regions"`
	Goroutines  []int64    `json:"goroutines"`
	Logs        []logEntry `json:"logs"`
	Complete    bool       `json:"complete"`
	Descendents int        `json:"descendents"`
}

type goroutineRow struct {
	ID           int64            `json:"id"`
	TotalTime    int64            `json:"totalTime"`
	Stats        map[string]int64 `json:"stats"`
	RangeTime    map[string]int64 `json:"rangeTime"`
	HasRangeTime bool             `json:"hasRangeTime"`
}

type group struct {
	Name            string         `json:"name"`
	N               int            `json:"n"`
	ExecTime        int64          `json:"execTime"`
	ExecTimePercent *float64       `json:"execTimePercent"`
	MaxTotal        int64          `json:"maxTotal"`
	Columns         []string       `json:"columns"`
	RangeColumns    []string       `json:"rangeColumns"`
	Goroutines      []goroutineRow `json:"goroutines"`
}

type histogram struct {
	Count      int     `json:"count"`
	MinBucket  int     `json:"minBucket"`
	MaxBucket  int     `json:"maxBucket"`
	Buckets    []int   `json:"buckets"`
	BucketMins []int64 `json:"bucketMins"`
}

type typeRow struct {
	Name      string    `json:"name"`
	Frame     *frame    `json:"frame,omitempty"`
	Count     int       `json:"count"`
	Histogram histogram `json:"histogram"`
	Durations []int64   `json:"durations"`
}

type mmuPlot struct {
	XMin  int64        `json:"xMin"`
	XMax  int64        `json:"xMax"`
	Curve [][2]float64 `json:"curve"`
	// Examples(curve[50]'s window, 10).
	ExampleWindow int64            `json:"exampleWindow"`
	Examples      []trace.UtilWindow `json:"examples"`
}

type output struct {
	StartTime   int64              `json:"startTime"`
	EndTime     int64              `json:"endTime"`
	Events      int                `json:"events"`
	Error       string             `json:"error,omitempty"`
	Goroutines  []goroutine        `json:"goroutines"`
	Tasks       []task             `json:"tasks"`
	Groups      []group            `json:"groups"`
	RegionTypes []typeRow          `json:"regionTypes"`
	TaskTypes   []typeRow          `json:"taskTypes"`
	MMU         map[string]mmuPlot `json:"mmu"`
	// TimeHistogram's bucket of some durations, and BucketMin of buckets 0..100.
	ProbeBuckets map[string]int `json:"probeBuckets"`
	BucketMins   []int64        `json:"bucketMins"`
}

func orNone(ev *trace.Event) int64 {
	if ev == nil {
		return -1
	}
	return int64(ev.Time())
}

func zeroNone(t trace.Time) int64 {
	if t == 0 {
		return -1
	}
	return int64(t)
}

// regionTopStackFrame, as cmd/trace.
func topFrame(r *trace.UserRegionSummary) frame {
	var f trace.StackFrame
	if r.Start != nil && r.Start.Stack() != trace.NoStack {
		for fr := range r.Start.Stack().Frames() {
			f = fr
		}
	}
	return frame{f.Func, f.File, f.Line, f.PC}
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	r, err := trace.NewReader(f)
	if err != nil {
		panic(err)
	}
	// As cmd/trace's parseTrace: the summarizer sees every event read; the rest only those up to
	// the last Sync before an error.
	s := trace.NewSummarizer()
	var events []trace.Event
	validEvents := 0
	out := output{Goroutines: []goroutine{}, Tasks: []task{}}
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			validEvents = len(events)
			break
		}
		if err != nil {
			out.Error = err.Error()
			break
		}
		events = append(events, ev)
		s.Event(&events[len(events)-1])
		if ev.Kind() == trace.EventSync {
			validEvents = len(events)
		}
	}
	out.Events = len(events)
	summary := s.Finalize()
	events = events[:validEvents]
	startTime, endTime := events[0].Time(), events[len(events)-1].Time()
	out.StartTime, out.EndTime = int64(startTime), int64(endTime)

	goOf := map[*trace.UserRegionSummary]trace.GoID{}
	for id, g := range summary.Goroutines {
		for _, r := range g.Regions {
			goOf[r] = id
		}
	}
	regionOf := func(r *trace.UserRegionSummary) region {
		g, ok := goOf[r]
		if !ok {
			if r.Start != nil {
				g = r.Start.Goroutine()
			} else if r.End != nil {
				g = r.End.Goroutine()
			}
		}
		stack := []string{}
		if r.Start != nil {
			for fr := range r.Start.Stack().Frames() {
				stack = append(stack, fmt.Sprintf("%s %s:%d", fr.Func, fr.File, fr.Line))
			}
		}
		return region{int64(r.TaskID), r.Name, int64(g), orNone(r.Start), orNone(r.End), stack, topFrame(r), statsOf(r.GoroutineExecStats)}
	}

	ids := make([]trace.GoID, 0, len(summary.Goroutines))
	for id := range summary.Goroutines {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		g := summary.Goroutines[id]
		regions := []region{}
		for _, r := range g.Regions {
			regions = append(regions, regionOf(r))
		}
		out.Goroutines = append(out.Goroutines, goroutine{int64(g.ID), g.Name, g.PC, int64(g.CreationTime), zeroNone(g.StartTime), zeroNone(g.EndTime), regions, statsOf(g.GoroutineExecStats)})
	}

	tids := make([]trace.TaskID, 0, len(summary.Tasks))
	for id := range summary.Tasks {
		tids = append(tids, id)
	}
	slices.Sort(tids)
	for _, id := range tids {
		t := summary.Tasks[id]
		parent := int64(-1)
		if t.Parent != nil {
			parent = int64(t.Parent.ID)
		}
		children := []int64{}
		for _, c := range t.Children {
			children = append(children, int64(c.ID))
		}
		regions := []region{}
		for _, r := range t.Regions {
			regions = append(regions, regionOf(r))
		}
		gs := []int64{}
		for g := range t.Goroutines {
			gs = append(gs, int64(g))
		}
		slices.Sort(gs)
		logs := []logEntry{}
		for _, l := range t.Logs {
			logs = append(logs, logEntry{int64(l.Time()), l.Log().Category, l.Log().Message, int64(l.Goroutine())})
		}
		out.Tasks = append(out.Tasks, task{int64(t.ID), t.Name, parent, children, orNone(t.Start), orNone(t.End), regions, gs, logs, t.Complete(), len(t.Descendents())})
	}

	out.Groups = groups(summary.Goroutines, ids)
	if out.Groups == nil {
		out.Groups = []group{}
	}
	out.RegionTypes = regionTypes(summary, startTime, endTime)
	out.TaskTypes = taskTypes(summary)

	out.MMU = map[string]mmuPlot{}
	if out.Error == "" {
		for _, flags := range []string{"stw|background|assist", "perProc|stw|background|assist", "stw", "background|assist", "perProc|assist", "stw|background|assist|sweep"} {
			out.MMU[flags] = plot(events, flags)
		}
	}

	out.ProbeBuckets = map[string]int{}
	for _, d := range []int64{0, 1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000} {
		out.ProbeBuckets[fmt.Sprint(d)] = bucketOf(time.Duration(d))
	}
	for b := 0; b <= 100; b++ {
		out.BucketMins = append(out.BucketMins, int64(bucketMin(b)))
	}

	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}

// From cmd/trace/goroutines.go (GoroutinesHandlerFunc and GoroutineHandler, default sort).
func groups(summaries map[trace.GoID]*trace.GoroutineSummary, ids []trace.GoID) []group {
	var totalExecTime time.Duration
	byName := map[string][]*trace.GoroutineSummary{}
	var names []string
	for _, id := range ids {
		s := summaries[id]
		totalExecTime += s.ExecTime
		if _, ok := byName[s.Name]; !ok {
			names = append(names, s.Name)
		}
		byName[s.Name] = append(byName[s.Name], s)
	}
	sort.Strings(names)
	var out []group
	for _, name := range names {
		var rows []goroutineRow
		var execTime, maxTotalTime time.Duration
		validNonOverlappingStats := map[string]struct{}{}
		validRangeStats := map[string]struct{}{}
		for _, summary := range byName[name] {
			nonOverlappingStats := summary.NonOverlappingStats()
			for name := range nonOverlappingStats {
				validNonOverlappingStats[name] = struct{}{}
			}
			var totalRangeTime time.Duration
			for name, dt := range summary.RangeTime {
				validRangeStats[name] = struct{}{}
				totalRangeTime += dt
			}
			rows = append(rows, goroutineRow{int64(summary.ID), int64(summary.TotalTime), durs(nonOverlappingStats), durs(summary.RangeTime), totalRangeTime != 0})
			execTime += summary.ExecTime
			if maxTotalTime < summary.TotalTime {
				maxTotalTime = summary.TotalTime
			}
		}
		var pct *float64
		if totalExecTime > 0 {
			p := float64(execTime) / float64(totalExecTime) * 100
			pct = &p
		}
		slices.SortStableFunc(rows, func(a, b goroutineRow) int { return cmp.Compare(b.TotalTime, a.TotalTime) })
		cols := make([]string, 0, len(validNonOverlappingStats))
		for name := range validNonOverlappingStats {
			cols = append(cols, name)
		}
		slices.SortFunc(cols, func(a, b string) int {
			if a == b {
				return 0
			}
			if a == "Execution time" {
				return -1
			}
			if b == "Execution time" {
				return 1
			}
			return cmp.Compare(a, b)
		})
		rcols := make([]string, 0, len(validRangeStats))
		for name := range validRangeStats {
			rcols = append(rcols, name)
		}
		sort.Strings(rcols)
		out = append(out, group{name, len(rows), int64(execTime), pct, int64(maxTotalTime), cols, rcols, rows})
	}
	slices.SortStableFunc(out, func(a, b group) int { return cmp.Compare(b.ExecTime, a.ExecTime) })
	return out
}

// traceviewer.TimeHistogram, copied (it is in package traceviewer, which imports html/template).
var logDiv = math.Log(math.Pow(10, 1.0/5))

func bucketOf(d time.Duration) int {
	var bucket int
	if d > 0 {
		bucket = int(math.Log(float64(d)) / logDiv)
	}
	return bucket
}

func bucketMin(bucket int) time.Duration {
	return time.Duration(math.Exp(float64(bucket) * logDiv))
}

type timeHistogram struct {
	Count                int
	Buckets              []int
	MinBucket, MaxBucket int
}

func (h *timeHistogram) Add(d time.Duration) {
	bucket := bucketOf(d)
	if len(h.Buckets) <= bucket {
		h.Buckets = append(h.Buckets, make([]int, bucket-len(h.Buckets)+1)...)
		h.Buckets = h.Buckets[:cap(h.Buckets)]
	}
	h.Buckets[bucket]++
	if bucket < h.MinBucket || h.MaxBucket == 0 {
		h.MinBucket = bucket
	}
	if bucket > h.MaxBucket {
		h.MaxBucket = bucket
	}
	h.Count++
}

func (h *timeHistogram) out() histogram {
	o := histogram{Count: h.Count, MinBucket: h.MinBucket, MaxBucket: h.MaxBucket, Buckets: []int{}, BucketMins: []int64{}}
	if h.Count > 0 {
		for i := h.MinBucket; i <= h.MaxBucket; i++ {
			o.Buckets = append(o.Buckets, h.Buckets[i])
		}
		for i := h.MinBucket; i <= h.MaxBucket+1; i++ {
			o.BucketMins = append(o.BucketMins, int64(bucketMin(i)))
		}
	}
	return o
}

// cmd/trace/regions.go's UserRegionsHandlerFunc, with regionInterval.
func regionTypes(summary *trace.Summary, start, end trace.Time) []typeRow {
	type key struct {
		f    frame
		name string
	}
	type acc struct {
		h     timeHistogram
		durs  []int64
		frame frame
		name  string
	}
	m := map[key]*acc{}
	for _, g := range summary.Goroutines {
		for _, r := range g.Regions {
			k := key{topFrame(r), r.Name}
			a := m[k]
			if a == nil {
				a = &acc{frame: k.f, name: r.Name}
				m[k] = a
			}
			s, e := start, end
			if r.Start != nil {
				s = r.Start.Time()
			}
			if r.End != nil {
				e = r.End.Time()
			}
			d := e.Sub(s)
			a.h.Add(d)
			a.durs = append(a.durs, int64(d))
		}
	}
	var rows []*acc
	for _, a := range m {
		rows = append(rows, a)
	}
	slices.SortFunc(rows, func(a, b *acc) int {
		return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.frame.PC, b.frame.PC), cmp.Compare(a.frame.Func, b.frame.Func), cmp.Compare(a.frame.File, b.frame.File), cmp.Compare(a.frame.Line, b.frame.Line))
	})
	out := []typeRow{}
	for _, a := range rows {
		f := a.frame
		slices.Sort(a.durs)
		out = append(out, typeRow{a.name, &f, a.h.Count, a.h.out(), a.durs})
	}
	return out
}

// cmd/trace/tasks.go's UserTasksHandlerFunc.
func taskTypes(summary *trace.Summary) []typeRow {
	type acc struct {
		count int
		h     timeHistogram
		durs  []int64
	}
	m := map[string]*acc{}
	for _, t := range summary.Tasks {
		a := m[t.Name]
		if a == nil {
			a = &acc{}
			m[t.Name] = a
		}
		a.count++
		if t.Complete() {
			d := t.End.Time().Sub(t.Start.Time())
			a.h.Add(d)
			a.durs = append(a.durs, int64(d))
		}
	}
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	out := []typeRow{}
	for _, n := range names {
		a := m[n]
		slices.Sort(a.durs)
		if a.durs == nil {
			a.durs = []int64{}
		}
		out = append(out, typeRow{n, nil, a.count, a.h.out(), a.durs})
	}
	return out
}

var utilFlagNames = map[string]trace.UtilFlags{
	"perProc":    trace.UtilPerProc,
	"stw":        trace.UtilSTW,
	"background": trace.UtilBackground,
	"assist":     trace.UtilAssist,
	"sweep":      trace.UtilSweep,
}

// traceviewer/mmu.go's HandlePlot (no percentiles), and Examples as HandleDetails asks for them.
func plot(events []trace.Event, flagsText string) mmuPlot {
	var flags trace.UtilFlags
	for f := range strings.SplitSeq(flagsText, "|") {
		flags |= utilFlagNames[f]
	}
	mu := trace.MutatorUtilizationV2(events, flags)
	if len(mu) == 0 {
		// No GOMAXPROCS metric, so no utilization: cmd/trace's page panics on mu[0][0] (its handler
		// fails); src/analysis/go/mmu.ts plots nothing.
		return mmuPlot{Curve: [][2]float64{}, Examples: []trace.UtilWindow{}}
	}
	mmuCurve := trace.NewMMUCurve(mu)
	xMin := time.Second
	for xMin > 1 {
		if mmu := mmuCurve.MMU(xMin); mmu < 0.0001 {
			break
		}
		xMin /= 1000
	}
	xMax := xMin * 1e6
	minEvent, maxEvent := mu[0][0].Time, mu[0][len(mu[0])-1].Time
	for _, mu1 := range mu[1:] {
		if mu1[0].Time < minEvent {
			minEvent = mu1[0].Time
		}
		if mu1[len(mu1)-1].Time > maxEvent {
			maxEvent = mu1[len(mu1)-1].Time
		}
	}
	if maxMax := time.Duration(maxEvent - minEvent); xMax > maxMax {
		xMax = maxMax
	}
	logMin, logMax := math.Log(float64(xMin)), math.Log(float64(xMax))
	const samples = 100
	p := mmuPlot{XMin: int64(xMin), XMax: int64(xMax)}
	for i := 0; i < samples; i++ {
		window := time.Duration(math.Exp(float64(i)/(samples-1)*(logMax-logMin) + logMin))
		p.Curve = append(p.Curve, [2]float64{float64(window), mmuCurve.MMU(window)})
	}
	p.ExampleWindow = int64(p.Curve[50][0])
	p.Examples = mmuCurve.Examples(time.Duration(p.ExampleWindow), 10)
	if p.Examples == nil {
		p.Examples = []trace.UtilWindow{}
	}
	return p
}
