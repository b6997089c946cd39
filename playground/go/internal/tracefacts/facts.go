// Package tracefacts computes the facts the playground's traces are checked against, from the
// text of Go 1.27's `go tool trace -d=parsed` (Go's own parser: internal/trace is not importable).
// tests/playground/facts.ts computes the same facts from the TypeScript reader's Event API.
//
// Sync events count in no fact: how many a reader emits, and where, depends on the reader's
// release (Go 1.23's reader emits one between generations; Go 1.25's and later one before each
// generation and one at the end), not on the trace.
package tracefacts

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Event is one event of `go tool trace -d=parsed` output (Go 1.27's Event.String()).
type Event struct {
	Kind       string
	Time       int64
	G          int64             // the goroutine running when the event happened (G=), -1 for none
	GoID       int64             // for a goroutine's StateTransition, the goroutine that changes state (GoID=); else -1
	Fields     map[string]string // key=value pairs, quoted values unquoted
	Transition string            // "Running->Waiting" for StateTransition
	Stack      []string          // function names of Stack=
	TransStack []string          // function names of TransitionStack=
}

// ParseDump parses the text of `go tool trace -d=parsed`.
func ParseDump(text []byte) []Event {
	var evs []Event
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var cur *Event
	var target *[]string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "M="):
			evs = append(evs, parseEventLine(line))
			cur = &evs[len(evs)-1]
			target = nil
		case line == "Stack=" && cur != nil:
			target = &cur.Stack
		case line == "TransitionStack=" && cur != nil:
			target = &cur.TransStack
		case strings.HasPrefix(line, "\t\t"):
			// file:line
		case strings.HasPrefix(line, "\t") && target != nil:
			fn := strings.TrimPrefix(line, "\t")
			if i := strings.LastIndex(fn, " @ "); i >= 0 {
				fn = fn[:i]
			}
			*target = append(*target, fn)
		}
	}
	return evs
}

// tokens splits on spaces outside Go-quoted strings.
func tokens(s string) []string {
	var out []string
	var b strings.Builder
	inQ, esc := false, false
	for _, r := range s {
		switch {
		case esc:
			esc = false
		case inQ && r == '\\':
			esc = true
		case r == '"':
			inQ = !inQ
		case r == ' ' && !inQ:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
			continue
		}
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

func parseEventLine(line string) Event {
	toks := tokens(line)
	ev := Event{Fields: map[string]string{}, GoID: -1}
	for i, t := range toks {
		if i == 3 {
			ev.Kind = t
			continue
		}
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			if strings.Contains(t, "->") {
				ev.Transition = t
			}
			continue
		}
		if strings.HasPrefix(v, "\"") {
			if u, err := strconv.Unquote(v); err == nil {
				v = u
			}
		}
		ev.Fields[k] = v
	}
	ev.Time, _ = strconv.ParseInt(ev.Fields["Time"], 10, 64)
	ev.G, _ = strconv.ParseInt(ev.Fields["G"], 10, 64)
	if id, ok := ev.Fields["GoID"]; ok {
		ev.GoID, _ = strconv.ParseInt(id, 10, 64)
	}
	return ev
}

// UserFramePrefix marks frames of the scenario programs (not the runner framework, whose file
// wrapper appears in the trace writer goroutine's stacks).
const UserFramePrefix = "fieldguide/playground/scenarios/"

// blockReasons are the wait reasons of goroutines blocked by user code (not the runtime's own).
var blockReasons = map[string]bool{"sync": true, "chan send": true, "chan receive": true, "select": true, "sync.(*Cond).Wait": true, "forever": true}

// phase is the window between a Log with category "phase" and the next such Log.
type Phase struct {
	Name          string  `json:"name"`
	Ms            float64 `json:"ms"`
	SyncBlocks    int     `json:"syncBlocks"`    // Running->Waiting with reason "sync" starting in the window
	SyncBlockedMs float64 `json:"syncBlockedMs"` // total time those goroutines stayed Waiting
	AvgBlocked    float64 `json:"avgBlocked"`    // SyncBlockedMs / Ms: goroutines blocked on sync, on average
}

// Facts are the numbers a reader of the trace should see. Every definition here is mirrored in
// tests/playground/facts.ts (computed there from the TypeScript reader's Event API).
type Facts struct {
	Events                 int                `json:"events"`                 // every event but Sync
	GCs                    int                `json:"gcs"`                    // RangeBegin "GC concurrent mark phase"
	Tasks                  int                `json:"tasks"`                  // TaskBegin
	TaskTypes              []string           `json:"taskTypes"`              // distinct, sorted
	Regions                int                `json:"regions"`                // RegionBegin
	RegionsWithoutTask     int                `json:"regionsWithoutTask"`     // RegionBegin with Task=0
	Logs                   int                `json:"logs"`                   // Log
	LogsWithoutTask        int                `json:"logsWithoutTask"`        // Log with Task=0
	Goroutines             int                `json:"goroutines"`             // distinct goroutines in state transitions
	PreexistingGoroutines  int                `json:"preexistingGoroutines"`  // first transition from Undetermined
	UserGoroutines         int                `json:"userGoroutines"`         // a stack of theirs has a fieldguide/playground/scenarios/ frame
	UserPreexisting        int                `json:"userPreexisting"`        // user goroutines first seen Undetermined->Waiting (blocked when tracing started)
	UserCreated            int                `json:"userCreated"`            // user goroutines first seen NotExist->Runnable
	GoroutinesBlockedAtEnd int                `json:"goroutinesBlockedAtEnd"` // user goroutines whose last state is Waiting
	BlockedAtEndReasons    map[string]int     `json:"blockedAtEndReasons"`    // reason of their last Running->Waiting
	BlockReasons           map[string]int     `json:"blockReasons"`           // Running->Waiting reasons, all goroutines
	SpanMs                 float64            `json:"spanMs"`                 // last event time - first event time (Sync excluded)
	LongestRegionMs        map[string]float64 `json:"longestRegionMs"`        // per region type, the longest region with both ends in the trace
	Phases                 []Phase            `json:"phases,omitempty"`       // windows between Log category "phase"
}

func Compute(evs []Event) Facts {
	f := Facts{BlockReasons: map[string]int{}, BlockedAtEndReasons: map[string]int{}, TaskTypes: []string{}, LongestRegionMs: map[string]float64{}}
	// Regions open on each goroutine, innermost last; an end closes the innermost open region of
	// its task and type (a region that began before the trace has no begin and is not measured).
	type openRegion struct {
		task, typ string
		begin     int64
	}
	openRegions := map[int64][]openRegion{}
	type gs struct {
		first, firstTo, last string
		user                 bool
		lastReason           string
	}
	gor := map[int64]*gs{}
	var order []int64
	taskTypes := map[string]bool{}
	var minT, maxT int64 = -1, -1
	type mark struct {
		name string
		t    int64
	}
	var marks []mark
	type block struct{ start, end int64 }
	var syncBlocks []*block
	openBlock := map[int64]*block{}
	hasUser := func(fns []string) bool {
		for _, fn := range fns {
			if strings.HasPrefix(fn, UserFramePrefix) {
				return true
			}
		}
		return false
	}
	for _, ev := range evs {
		if ev.Kind == "Sync" {
			continue
		}
		f.Events++
		if ev.Time > 0 {
			if minT < 0 || ev.Time < minT {
				minT = ev.Time
			}
			if ev.Time > maxT {
				maxT = ev.Time
			}
		}
		switch ev.Kind {
		case "RangeBegin":
			if ev.Fields["Name"] == "GC concurrent mark phase" {
				f.GCs++
			}
		case "TaskBegin":
			f.Tasks++
			taskTypes[ev.Fields["Type"]] = true
		case "RegionBegin":
			f.Regions++
			if ev.Fields["Task"] == "0" {
				f.RegionsWithoutTask++
			}
			openRegions[ev.G] = append(openRegions[ev.G], openRegion{ev.Fields["Task"], ev.Fields["Type"], ev.Time})
		case "RegionEnd":
			rs := openRegions[ev.G]
			for i := len(rs) - 1; i >= 0; i-- {
				if rs[i].task == ev.Fields["Task"] && rs[i].typ == ev.Fields["Type"] {
					ms := round3(float64(ev.Time-rs[i].begin) / 1e6)
					if old, ok := f.LongestRegionMs[rs[i].typ]; !ok || ms > old {
						f.LongestRegionMs[rs[i].typ] = ms
					}
					openRegions[ev.G] = append(rs[:i], rs[i+1:]...)
					break
				}
			}
		case "Log":
			f.Logs++
			if ev.Fields["Task"] == "0" {
				f.LogsWithoutTask++
			}
			if ev.Fields["Category"] == "phase" {
				marks = append(marks, mark{ev.Fields["Message"], ev.Time})
			}
		case "StateTransition":
			id := ev.GoID
			if id < 0 { // a proc's transition
				continue
			}
			from, to, _ := strings.Cut(ev.Transition, "->")
			g := gor[id]
			if g == nil {
				g = &gs{first: from, firstTo: to}
				gor[id] = g
				order = append(order, id)
			}
			g.last = to
			if b := openBlock[id]; b != nil && from == "Waiting" {
				b.end = ev.Time
				delete(openBlock, id)
			}
			if hasUser(ev.TransStack) || (from == "Undetermined" && hasUser(ev.Stack)) {
				g.user = true
			}
			if from == "Running" && to == "Waiting" {
				r := ev.Fields["Reason"]
				f.BlockReasons[r]++
				g.lastReason = r
				if r == "sync" {
					b := &block{start: ev.Time, end: -1}
					syncBlocks = append(syncBlocks, b)
					openBlock[id] = b
				}
			}
		}
	}
	for _, id := range order {
		g := gor[id]
		f.Goroutines++
		if g.first == "Undetermined" {
			f.PreexistingGoroutines++
		}
		if !g.user {
			continue
		}
		f.UserGoroutines++
		switch g.first {
		case "Undetermined":
			if g.firstTo == "Waiting" {
				f.UserPreexisting++
			}
		case "NotExist":
			f.UserCreated++
		}
		if g.last == "Waiting" {
			f.GoroutinesBlockedAtEnd++
			f.BlockedAtEndReasons[g.lastReason]++
		}
	}
	for t := range taskTypes {
		f.TaskTypes = append(f.TaskTypes, t)
	}
	sort.Strings(f.TaskTypes)
	if minT >= 0 {
		f.SpanMs = round3(float64(maxT-minT) / 1e6)
	}
	for i := 0; i+1 < len(marks); i++ {
		p := Phase{Name: marks[i].name, Ms: round3(float64(marks[i+1].t-marks[i].t) / 1e6)}
		var blockedNs int64
		for _, b := range syncBlocks {
			if b.start >= marks[i].t && b.start < marks[i+1].t {
				p.SyncBlocks++
				end := b.end
				if end < 0 {
					end = maxT
				}
				blockedNs += end - b.start
			}
		}
		p.SyncBlockedMs = round3(float64(blockedNs) / 1e6)
		if p.Ms > 0 {
			p.AvgBlocked = round3(p.SyncBlockedMs / p.Ms)
		}
		f.Phases = append(f.Phases, p)
	}
	return f
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// Result is what Analyze reports about one trace file.
type Result struct {
	Header string `json:"header"` // "go 1.26 trace", or "" without a valid header
	Parses bool   `json:"parses"`
	Error  string `json:"error"` // go tool trace -d=parsed's error text
	Facts  *Facts `json:"facts"` // nil unless Parses
}

var headerRE = regexp.MustCompile(`^go 1\.\d+ trace$`)

// Header returns the trace header ("go 1.26 trace") or "" if the data has none.
func Header(b []byte) string {
	if len(b) < 16 {
		return ""
	}
	h := string(bytes.TrimRight(b[:16], "\x00"))
	if !headerRE.MatchString(h) {
		return ""
	}
	return h
}

// Unended reports whether a trace in the Go 1.26 format or later stops inside a generation. The
// runtime writes a generation's clock batch when the generation begins and its end-of-generation
// byte when it is flushed (at the next generation, or at trace.Stop), so a file that does not end
// with that byte was cut short: the program exited before trace.Stop ran. Go's reader takes the
// unended generation for the end of the trace, without an error. Older formats cannot tell.
func Unended(b []byte) bool {
	const evEndOfGeneration = 52 // internal/trace/tracev2.EvEndOfGeneration
	h := Header(b)
	var minor int
	if _, err := fmt.Sscanf(h, "go 1.%d trace", &minor); err != nil || minor < 26 {
		return false
	}
	return b[len(b)-1] != evEndOfGeneration
}

// Analyze parses the trace file at path with `goTool tool trace -d=parsed` (goTool must be Go
// 1.27, whose output ParseDump reads) and computes its facts.
func Analyze(goTool, path string, data []byte) Result {
	r := Result{Header: Header(data)}
	cmd := exec.Command(goTool, "tool", "trace", "-d=parsed", path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		r.Error = strings.TrimSpace(errb.String())
		if r.Error == "" {
			r.Error = err.Error()
		}
		return r
	}
	r.Parses = true
	f := Compute(ParseDump(out.Bytes()))
	r.Facts = &f
	return r
}

// PhaseText formats the average number of blocked goroutines per phase: "0.20 → 1.86 → 1.99".
func PhaseText(ps []Phase) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%.2f", p.AvgBlocked))
	}
	return strings.Join(parts, " → ")
}
