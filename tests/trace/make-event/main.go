// Go 1.27's MakeEvent on the cases of ../make-event.test.ts, printing each event's String() or
// the error: the text in ../make-event.go127.golden. internal/trace is importable only from inside
// GOROOT, so this builds beside refdump (../../../../shared/tools/go-reader/build.sh 1.27):
//
//	dir=/tmp/refdump-1.27/goroot/src/internal/trace/testdata/cmd/makeevent
//	mkdir -p $dir && cp main.go $dir && cd $dir && GOROOT=/tmp/refdump-1.27/goroot TZ=UTC ../../../../../../bin/go run .
//
// differential.test.ts does this on every run and compares.

//go:build ignore

package main

import (
	"fmt"
	"internal/trace"
	"time"
)

func show(name string, ev trace.Event, err error) {
	if err != nil {
		fmt.Printf("%s: ERROR %v\n", name, err)
		return
	}
	fmt.Printf("%s: %s\n", name, ev.String())
}

func main() {
	stk := trace.MakeStack([]trace.StackFrame{{PC: 1, Func: "foo", File: "foo.go", Line: 10}, {PC: 2, Func: "bar", File: "bar.go", Line: 20}})
	fmt.Printf("stack: %q\n", stk.String())
	ev, err := trace.MakeEvent(trace.EventConfig[trace.Metric]{Kind: trace.EventMetric, Time: 42, Details: trace.Metric{Name: "/sched/gomaxprocs:threads", Value: trace.Uint64Value(1)}, Stack: stk, Thread: 3, Proc: 1, Goroutine: 7})
	show("metric", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Metric]{Kind: trace.EventMetric, Time: 43, Details: trace.Metric{Name: "/test", Value: trace.Uint64Value(4)}})
	show("badmetric", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Metric]{Kind: trace.EventMetric, Time: 43, Details: trace.Metric{Name: "/gc/heap/goal:bytes", Value: trace.StringValue("x")}})
	show("strmetric", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Label]{Kind: trace.EventLabel, Time: 44, Details: trace.Label{Label: "test", Resource: trace.MakeResourceID(trace.GoID(23))}})
	show("label", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Label]{Kind: trace.EventLabel, Time: 44, Details: trace.Label{Label: "test", Resource: trace.MakeResourceID(trace.ProcID(2))}})
	show("badlabel", ev, err)
	for _, k := range []trace.EventKind{trace.EventRangeBegin, trace.EventRangeActive, trace.EventRangeEnd} {
		for _, r := range []trace.Range{
			{Name: "GC concurrent mark phase", Scope: trace.ResourceID{}},
			{Name: "GC incremental sweep", Scope: trace.MakeResourceID(trace.ProcID(1))},
			{Name: "GC mark assist", Scope: trace.MakeResourceID(trace.GoID(2))},
			{Name: "stop-the-world (GC sweep termination)", Scope: trace.MakeResourceID(trace.GoID(3))},
			{Name: "stop-the-world (x)", Scope: trace.MakeResourceID(trace.ProcID(3))},
			{Name: "nonsense", Scope: trace.MakeResourceID(trace.GoID(3))},
		} {
			ev, err = trace.MakeEvent(trace.EventConfig[trace.Range]{Kind: k, Time: 45, Details: r, Proc: 4, Goroutine: 5, Thread: 6, Stack: stk})
			show(fmt.Sprintf("range %s %s", k, r.Name), ev, err)
		}
	}
	gs := []trace.GoState{trace.GoUndetermined, trace.GoNotExist, trace.GoRunnable, trace.GoRunning, trace.GoWaiting, trace.GoSyscall}
	for _, from := range gs {
		for _, to := range gs {
			st := trace.MakeGoStateTransition(9, from, to)
			st.Reason = "why"
			st.Stack = stk
			ev, err = trace.MakeEvent(trace.EventConfig[trace.StateTransition]{Kind: trace.EventStateTransition, Time: 46, Details: st, Proc: 1, Goroutine: 2, Thread: 3, Stack: stk})
			show(fmt.Sprintf("go %s->%s", from, to), ev, err)
		}
	}
	st := trace.MakeGoStateTransition(9, trace.GoUndetermined, trace.GoWaiting)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.StateTransition]{Kind: trace.EventStateTransition, Time: 46, Details: st, Stack: stk})
	show("go status nostack", ev, err)
	ps := []trace.ProcState{trace.ProcUndetermined, trace.ProcNotExist, trace.ProcRunning, trace.ProcIdle}
	for _, from := range ps {
		for _, to := range ps {
			st := trace.MakeProcStateTransition(1, from, to)
			ev, err = trace.MakeEvent(trace.EventConfig[trace.StateTransition]{Kind: trace.EventStateTransition, Time: 47, Details: st, Proc: 2, Thread: 3})
			show(fmt.Sprintf("proc %s->%s", from, to), ev, err)
		}
	}
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Sync]{Kind: trace.EventSync, Time: 48, Details: trace.Sync{N: 2, ClockSnapshot: &trace.ClockSnapshot{Trace: 100, Wall: time.Unix(1740755049, 123), Mono: 99}}})
	show("sync", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Sync]{Kind: trace.EventSync, Time: 48, Details: trace.Sync{N: 3, ExperimentalBatches: map[string][]trace.ExperimentalBatch{"Nope": nil}}})
	show("badsync", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Task]{Kind: trace.EventTaskBegin, Time: 49, Details: trace.Task{ID: 1, Parent: 2, Type: "t"}, Stack: stk, Goroutine: 1, Proc: 1, Thread: 1})
	show("taskbegin", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Task]{Kind: trace.EventTaskEnd, Time: 50, Details: trace.Task{ID: 1, Parent: 2, Type: "t"}})
	show("taskend", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Task]{Kind: trace.EventTaskEnd, Time: 50, Details: trace.Task{ID: trace.NoTask}})
	show("notask", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Region]{Kind: trace.EventRegionBegin, Time: 51, Details: trace.Region{Task: 1, Type: "r"}, Stack: stk})
	show("regionbegin", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Region]{Kind: trace.EventRegionEnd, Time: 52, Details: trace.Region{Task: 1, Type: "r"}})
	show("regionend", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Log]{Kind: trace.EventLog, Time: 53, Details: trace.Log{Task: 1, Category: "c", Message: "m\n"}, Stack: stk})
	show("log", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.StackSample]{Kind: trace.EventStackSample, Time: 54, Stack: stk, Thread: 8})
	show("sample", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Log]{Kind: trace.EventMetric, Time: 55, Details: trace.Log{}})
	show("mismatch", ev, err)
	ev, err = trace.MakeEvent(trace.EventConfig[trace.Log]{Time: 55})
	show("nokind", ev, err)
}
