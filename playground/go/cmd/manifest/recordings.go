package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// referenceGo records every scenario; lesson 2.2 compares it with Go 1.22 on late-start.
const referenceGo = "go1.27"

func recordings() []recording {
	rs := []recording{{scenario: "anatomy", variant: "default", goVer: referenceGo, expect: expectAnatomy}}
	for _, gv := range []string{referenceGo, "go1.22"} {
		for _, v := range []string{"broken", "fixed"} {
			rs = append(rs, recording{scenario: "late-start", variant: v, goVer: gv, expect: expectLateStart})
		}
	}
	g := referenceGo
	rs = append(rs,
		recording{scenario: "corrupted-output", variant: "broken", goVer: g, expect: expectCorrupted},
		recording{scenario: "corrupted-output", variant: "fixed", goVer: g, expect: expectCorrupted},
		recording{scenario: "started-twice", variant: "broken", goVer: g, expect: expectStartedTwice},
		recording{scenario: "started-twice", variant: "fixed", goVer: g, expect: expectStartedTwice},
		recording{scenario: "lost-context", variant: "broken", goVer: g, expect: expectLostContext},
		recording{scenario: "lost-context", variant: "fixed", goVer: g, expect: expectLostContext},
		recording{scenario: "exit-without-stop", variant: "broken", goVer: g, expect: expectExit},
		recording{scenario: "exit-without-stop", variant: "broken", tag: "logfatal", args: []string{"-via=log.Fatal"}, goVer: g, expect: expectExit},
		recording{scenario: "exit-without-stop", variant: "broken", tag: "long", args: []string{"-work=1500ms", "-tick=2ms"}, goVer: g, expect: expectExit},
		recording{scenario: "exit-without-stop", variant: "fixed", goVer: g, expect: expectExit},
		recording{scenario: "exit-without-stop", variant: "panic", goVer: g, expect: expectExit},
		recording{scenario: "exit-without-stop", variant: "panic", tag: "worker", args: []string{"-panicIn=worker"}, goVer: g, expect: expectExit},
		recording{scenario: "blocking-and-leaks", variant: "broken", goVer: g, expect: expectBlocking},
		recording{scenario: "blocking-and-leaks", variant: "fixed", goVer: g, expect: expectBlocking},
		recording{scenario: "flight-recorder", variant: "default", goVer: g, expect: expectFlightRecorder},
		recording{scenario: "slow-request", variant: "broken", tag: "snapshot", args: []string{"-capture=snapshot"}, goVer: g, expect: expectSlowRequest},
		recording{scenario: "slow-request", variant: "broken", goVer: g, expect: expectSlowRequest},
		recording{scenario: "slow-request", variant: "fixed", goVer: g, expect: expectSlowRequest},
	)
	return rs
}

func num(p map[string]any, k string) int {
	switch v := p[k].(type) {
	case float64:
		return int(v)
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}

func goMinor(e *Entry) int { // 23 for "1.23.5"
	parts := strings.SplitN(e.Go, ".", 3)
	n, _ := strconv.Atoi(parts[1])
	return n
}

// traceHeader is the header a Go release writes: the trace format's version, which changes only
// with the format (Go 1.24 writes Go 1.23's, Go 1.27 Go 1.26's).
func traceHeader(e *Entry) string {
	format := map[int]int{22: 22, 23: 23, 24: 23, 25: 25, 26: 26, 27: 26}[goMinor(e)]
	return fmt.Sprintf("go 1.%d trace", format)
}

func expectParses(e *Entry) error {
	return firstErr(
		check(e.Parses, "%s should parse, got %q", e.File, e.Error),
		check(e.Expect["header"] == traceHeader(e), "header %q, want %q", e.Expect["header"], traceHeader(e)),
	)
}

func expectAnatomy(e *Entry, f Facts, out string) error {
	if err := expectParses(e); err != nil {
		return err
	}
	want := []string{"chan receive", "chan send", "network", "sleep", "sync"}
	for _, r := range want {
		if f.BlockReasons[r] == 0 {
			return check(false, "no goroutine blocked with reason %q", r)
		}
	}
	if err := firstErr(check(f.GCs >= 1, "no GC"), check(f.Tasks == 1, "tasks=%d", f.Tasks), check(f.RegionsWithoutTask == 0, "regions without task")); err != nil {
		return err
	}
	orders := num(e.Params, "orders")
	e.Expect["minGCs"] = 1
	e.Expect["gcs"] = f.GCs
	e.Expect["tasks"] = f.Tasks
	e.Expect["taskTypes"] = f.TaskTypes
	e.Expect["regions"] = f.Regions
	e.Expect["regionsWithoutTask"] = 0
	e.Expect["logs"] = f.Logs
	e.Expect["blockReasons"] = want
	e.Expect["userCreated"] = f.UserCreated
	e.Expect["goroutinesBlockedAtEnd"] = f.GoroutinesBlockedAtEnd
	e.Notes = []string{
		fmt.Sprintf("The header reads %q.", e.Expect["header"]),
		fmt.Sprintf("%d garbage collections run while tracing (RangeBegin \"GC concurrent mark phase\").", f.GCs),
		fmt.Sprintf("One task %q holds %d regions (3 per order: validate, lookupPrice, reserveStock) and %d logs (one per order plus the config log).", "processOrders", f.Regions, f.Logs),
		fmt.Sprintf("There are %d orders; goroutines block for %s.", orders, reasonsText(f.BlockReasons, want)),
		"Network waits show as reason \"network\" (the netpoller), not as syscalls.",
		fmt.Sprintf("%d goroutines of the program are created while tracing, and %d runtime or pre-existing goroutines appear through status events (from Undetermined).", f.UserCreated, f.PreexistingGoroutines),
	}
	return nil
}

func reasonsText(m map[string]int, keys []string) string {
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%q %d times", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func expectLateStart(e *Entry, f Facts, out string) error {
	if err := expectParses(e); err != nil {
		return err
	}
	workers, gcs := num(e.Params, "workers"), num(e.Params, "gcs")
	initLine := outLine(out, "init() runs on goroutine")
	if err := check(strings.HasPrefix(initLine, "init() runs on goroutine 1;") && strings.Contains(initLine, "runtime.main"), "init line %q", initLine); err != nil {
		return err
	}
	e.Expect["initLine"] = "init() runs on goroutine 1"
	e.Expect["minPreexistingGoroutines"] = 3
	if err := check(f.PreexistingGoroutines >= 3, "preexisting=%d", f.PreexistingGoroutines); err != nil {
		return err
	}
	if e.Variant == "broken" {
		if err := firstErr(check(f.GCs == 0, "broken has %d GCs", f.GCs), check(f.UserPreexisting == workers, "userPreexisting=%d", f.UserPreexisting), check(f.UserCreated == 0, "userCreated=%d", f.UserCreated)); err != nil {
			return err
		}
		e.Expect["gcs"] = 0
		e.Expect["userPreexisting"] = workers
		e.Expect["userCreated"] = 0
		e.Notes = []string{
			fmt.Sprintf("The warm-up's GC cycles (%d forced with runtime.GC, plus the ones its allocation triggers) all ran before trace.Start and are not in the trace: 0 GC ranges.", gcs),
			fmt.Sprintf("The %d pool goroutines created before trace.Start have no creation event: they appear through status events, as Undetermined->Waiting.", workers),
			fmt.Sprintf("%d goroutines in all (the runtime's own included) first appear as Undetermined: nothing alive at Start is lost, only past events are.", f.PreexistingGoroutines),
			"The program prints that init() runs on goroutine 1 called from runtime.main, so starting the trace in init() would not capture the runtime's goroutines' creation either.",
		}
	} else {
		if err := firstErr(check(f.GCs >= gcs, "fixed has %d GCs", f.GCs), check(f.UserCreated >= workers, "userCreated=%d", f.UserCreated), check(f.UserPreexisting == 0, "userPreexisting=%d", f.UserPreexisting)); err != nil {
			return err
		}
		e.Expect["minGCs"] = gcs
		e.Expect["gcs"] = f.GCs
		e.Expect["userPreexisting"] = 0
		e.Expect["userCreated"] = f.UserCreated
		e.Notes = []string{
			fmt.Sprintf("Tracing from the first line of main records the warm-up: %d GC ranges (%d forced plus the ones the allocation triggers).", f.GCs, gcs),
			fmt.Sprintf("The %d pool goroutines have creation events (NotExist->Runnable).", workers),
			fmt.Sprintf("Even so, %d goroutines (the runtime's: forcegc, sweeper, scavenger, finalizer...) first appear as Undetermined: they exist before main, and the tracer reports them through status events.", f.PreexistingGoroutines),
		}
	}
	e.Expect["tasks"] = 1
	return nil
}

var gctraceLine = regexp.MustCompile(`(?m)^gc \d+ @`)

func expectCorrupted(e *Entry, f Facts, out string) error {
	if e.Variant == "broken" {
		if err := firstErr(check(!e.Parses, "broken parses"), check(e.Expect["header"] == traceHeader(e), "header %q", e.Expect["header"])); err != nil {
			return err
		}
		data := readTrace(e)
		n := len(gctraceLine.FindAll(data, -1))
		if err := check(n > 0, "no gctrace lines"); err != nil {
			return err
		}
		e.Expect["parses"] = false
		e.Expect["gctraceLines"] = n
		e.Expect["errorContains"] = e.Error
		e.Notes = []string{
			fmt.Sprintf("The file starts with a valid header (%q), then binary batches with %d gctrace text lines (\"gc N @...\") written by the runtime to the same stderr.", e.Expect["header"], n),
			fmt.Sprintf("go tool trace fails: %s", e.Error),
			"GC events are not duplicated: gctrace never writes into the execution trace; it only corrupts a trace that shares stderr.",
		}
		return nil
	}
	if err := expectParses(e); err != nil {
		return err
	}
	e.Expect["minGCs"] = 1
	e.Expect["gcs"] = f.GCs
	e.Expect["gctraceLines"] = 0
	e.Notes = []string{
		fmt.Sprintf("Written to a dedicated file, the same workload's trace parses and holds %d GC ranges.", f.GCs),
	}
	return nil
}

func expectStartedTwice(e *Entry, f Facts, out string) error {
	if err := expectParses(e); err != nil {
		return err
	}
	if err := check(f.Regions == 2 && f.RegionsWithoutTask == 0, "regions=%d", f.Regions); err != nil {
		return err
	}
	e.Expect["regions"] = 2
	e.Expect["tasks"] = 1
	e.Expect["secondFileBytes"] = int64(0)
	if e.Variant == "fixed" {
		l := outLine(out, "second trace.Start error: ")
		msg := strings.TrimPrefix(l, "second trace.Start error: ")
		msg, typ, _ := strings.Cut(msg, " (type ")
		typ = strings.TrimSuffix(typ, ")")
		want := "execution tracer already enabled" // Go 1.25+: runtime/trace's own error
		if goMinor(e) < 25 {
			want = "runtime error: tracing is already enabled"
		}
		if err := check(msg == want, "error line %q, want %q", l, want); err != nil {
			return err
		}
		e.Expect["secondStartError"] = msg
		e.Notes = []string{
			fmt.Sprintf("The second trace.Start returns an error: %q (a %s; up to Go 1.24 the runtime's \"runtime error: tracing is already enabled\").", msg, typ),
			"Nothing is written to the second file (0 bytes); the program closes and removes it.",
			"The first trace is intact: it parses and holds both regions, before and after the second Start.",
		}
	} else {
		if err := check(strings.Contains(out, ".second.trace") && strings.Contains(outLine(out, "[check] files still open:"), ".second.trace"), "second file not reported open"); err != nil {
			return err
		}
		e.Expect["secondFileLeftOpen"] = true
		e.Notes = []string{
			"The program ignores the second Start's error and believes it traces to the second file: that file gets 0 bytes.",
			"The second file's descriptor stays open until exit ([check] lines of the output): the only leak is the caller's own file, trace.Start opens nothing.",
			"The first trace is intact and parses, with both regions.",
		}
	}
	return nil
}

func expectLostContext(e *Entry, f Facts, out string) error {
	if err := expectParses(e); err != nil {
		return err
	}
	orders := num(e.Params, "orders")
	if err := check(f.Tasks == orders && f.Regions == 4*orders, "tasks=%d regions=%d", f.Tasks, f.Regions); err != nil {
		return err
	}
	e.Expect["tasks"] = orders
	e.Expect["regions"] = 4 * orders
	e.Expect["logs"] = orders
	if e.Variant == "broken" {
		if err := check(f.RegionsWithoutTask == 4*orders && f.LogsWithoutTask == orders, "regionsWithoutTask=%d", f.RegionsWithoutTask); err != nil {
			return err
		}
		e.Expect["regionsWithoutTask"] = 4 * orders
		e.Expect["logsWithoutTask"] = orders
		e.Notes = []string{
			fmt.Sprintf("%d checkout tasks exist, but all %d regions and all %d logs are attributed to task 0 (no task).", orders, 4*orders, orders),
			"The task's ctx was discarded (_, task := trace.NewTask) and the goroutines started from context.Background(): a task follows only the ctx you pass.",
		}
	} else {
		if err := check(f.RegionsWithoutTask == 0 && f.LogsWithoutTask == 0, "regionsWithoutTask=%d", f.RegionsWithoutTask); err != nil {
			return err
		}
		e.Expect["regionsWithoutTask"] = 0
		e.Expect["logsWithoutTask"] = 0
		e.Notes = []string{
			fmt.Sprintf("All %d regions and %d logs belong to one of the %d checkout tasks, including the ones on other goroutines.", 4*orders, orders, orders),
			"The fire-and-forget email goroutine got context.WithoutCancel(ctx): it keeps the task and drops cancellation.",
		}
	}
	return nil
}

func expectExit(e *Entry, f Facts, out string) error {
	e.Expect["exitCode"] = e.ExitCode
	workMs := 0.0
	if d, ok := e.Params["work"].(string); ok {
		workMs = parseMs(d)
	}
	switch {
	case e.Variant == "broken":
		want := 3
		if e.Params["via"] == "log.Fatal" {
			want = 1
		}
		if err := check(e.ExitCode == want, "exit %d", e.ExitCode); err != nil {
			return err
		}
		e.Expect["truncated"] = true
		e.Expect["sizeBytes"] = e.SizeBytes
		if workMs < 1000 {
			// Nothing the program did reaches the file. Up to Go 1.24 the file is at most the
			// header and does not parse; from Go 1.26 it also holds the first generation's clock
			// batch (frequency, clock snapshot), which Go 1.26+ reads as a trace with no event.
			if err := check(!e.Parses || f.Events == 0, "a short broken run has %d events (%d bytes)", f.Events, e.SizeBytes); err != nil {
				return err
			}
			e.Expect["parses"] = e.Parses
			e.Notes = []string{
				fmt.Sprintf("%s skips the deferred trace.Stop: after %v of work the file holds %d bytes (%s).", e.Params["via"], e.Params["work"], e.SizeBytes, sizeText(e.SizeBytes)),
			}
			if e.Parses {
				e.Expect["events"] = 0
				e.Notes = append(e.Notes, fmt.Sprintf("%s's go tool trace reads it without an error as a trace with no event at all: nothing of the %v of work is in it.", e.CheckedWith, e.Params["work"]))
			} else {
				e.Expect["errorContains"] = e.Error
				e.Notes = append(e.Notes, fmt.Sprintf("go tool trace fails: %s", e.Error))
			}
			e.Notes = append(e.Notes, fmt.Sprintf("Exit status %d.", e.ExitCode))
		} else {
			if err := firstErr(check(e.Parses, "long broken run should keep earlier generations"), check(f.SpanMs < workMs-200, "span %.0f ms of %.0f", f.SpanMs, workMs)); err != nil {
				return err
			}
			e.Expect["parses"] = true
			e.Expect["maxSpanMs"] = workMs - 200
			e.Notes = []string{
				fmt.Sprintf("After %v of work os.Exit still skips Stop, but the runtime flushed the completed generations (about one per second): the trace parses.", e.Params["work"]),
				fmt.Sprintf("It covers only %.0f ms of the %.0f ms run: the last, unflushed generation is lost.", f.SpanMs, workMs),
			}
		}
	case e.Variant == "fixed":
		if err := firstErr(expectParses(e), check(e.ExitCode == 3, "exit %d", e.ExitCode), check(f.SpanMs >= workMs, "span %.0f", f.SpanMs)); err != nil {
			return err
		}
		e.Expect["parses"] = true
		e.Expect["minSpanMs"] = workMs
		e.Expect["tasks"] = 1
		e.Notes = []string{
			"Same failure and same exit status 3, but main calls os.Exit only after run() returned, so run's deferred trace.Stop flushed everything.",
			fmt.Sprintf("The trace parses and covers %.0f ms, the whole %.0f ms of work.", f.SpanMs, workMs),
		}
	case e.Params["panicIn"] == "worker":
		if err := firstErr(check(e.ExitCode == 2, "exit %d", e.ExitCode), check(!strings.Contains(out, "deferred trace.Stop ran"), "main's defer ran")); err != nil {
			return err
		}
		e.Expect["parses"] = e.Parses
		e.Expect["deferredStopRan"] = false
		if e.Parses {
			if err := check(f.Regions > 0 && f.SpanMs < workMs, "regions=%d span=%.0f", f.Regions, f.SpanMs); err != nil {
				return err
			}
			e.Expect["minRegions"] = 1
			e.Expect["maxSpanMs"] = workMs
		}
		e.Notes = []string{
			"A panic in another goroutine kills the process without running main's deferred trace.Stop (exit status 2).",
		}
		if e.Parses {
			e.Notes = append(e.Notes, fmt.Sprintf("The trace still parses (%d bytes, %d regions over %.0f ms, up to the panic): since Go 1.23 a crashing panic flushes the current generation.", e.SizeBytes, f.Regions, f.SpanMs))
		} else {
			e.Notes = append(e.Notes, "The trace does not parse: "+e.Error)
		}
	default:
		if err := firstErr(expectParses(e), check(e.ExitCode == 2, "exit %d", e.ExitCode), check(strings.Contains(out, "deferred trace.Stop ran"), "defer did not run")); err != nil {
			return err
		}
		e.Expect["parses"] = true
		e.Expect["deferredStopRan"] = true
		e.Expect["minSpanMs"] = workMs
		e.Notes = []string{
			"Deferred calls run while a panic unwinds: the deferred trace.Stop completes the trace before the process dies with exit status 2.",
			fmt.Sprintf("The trace parses and covers %.0f ms; the panic message is printed after the defer's output.", f.SpanMs),
		}
	}
	return nil
}

func sizeText(n int) string {
	switch {
	case n == 0:
		return "nothing at all, not even the header"
	case n == 16:
		return "only the 16-byte header"
	case n < 100:
		return "the 16-byte header and the first generation's clock batch (frequency and clock snapshot), no event"
	}
	return "the header and some batches, but no complete generation"
}

func parseMs(d string) float64 {
	switch {
	case strings.HasSuffix(d, "ms"):
		v, _ := strconv.ParseFloat(strings.TrimSuffix(d, "ms"), 64)
		return v
	case strings.HasSuffix(d, "s"):
		v, _ := strconv.ParseFloat(strings.TrimSuffix(d, "s"), 64)
		return v * 1000
	}
	return 0
}

func expectBlocking(e *Entry, f Facts, out string) error {
	if err := expectParses(e); err != nil {
		return err
	}
	leaks := num(e.Params, "requests") * (num(e.Params, "replicas") - 1)
	phases := num(e.Params, "phases")
	if err := check(len(f.Phases) == phases, "phases=%d", len(f.Phases)); err != nil {
		return err
	}
	// "Rises" = the last phase has at least twice as many goroutines blocked on average as the first.
	first, last := f.Phases[0].AvgBlocked, f.Phases[len(f.Phases)-1].AvgBlocked
	rising := last >= 2*first && last > 0
	e.Expect["phases"] = phases
	if e.Variant == "broken" {
		if err := firstErr(
			check(f.GoroutinesBlockedAtEnd == leaks && f.BlockedAtEndReasons["chan send"] == leaks, "blocked at end %d %v", f.GoroutinesBlockedAtEnd, f.BlockedAtEndReasons),
			check(rising, "blocked goroutines per phase do not rise: %s", phaseText(f.Phases)),
		); err != nil {
			return err
		}
		e.Expect["goroutinesBlockedAtEnd"] = leaks
		e.Expect["blockedAtEndReason"] = "chan send"
		e.Expect["blockRateRises"] = true
		e.Notes = []string{
			fmt.Sprintf("Blocking on the mutex (reason \"sync\") rises as the lock hold time grows: on average %s goroutines are blocked per phase, %.1f times as many in the last phase as in the first.", phaseText(f.Phases), last/first),
			fmt.Sprintf("%d goroutines are still blocked on \"chan send\" when the trace ends: the losing replicas of %d hedged requests (leaked).", leaks, num(e.Params, "requests")),
		}
	} else {
		if err := check(f.GoroutinesBlockedAtEnd == 0, "blocked at end %d", f.GoroutinesBlockedAtEnd); err != nil {
			return err
		}
		e.Expect["goroutinesBlockedAtEnd"] = 0
		e.Notes = []string{
			fmt.Sprintf("With the scan outside the lock, mutex blocking stays low: on average %s goroutines are blocked.", phaseText(f.Phases)),
			"No goroutine of the program is blocked when the trace ends: the losing replicas saw ctx.Done() and returned.",
		}
	}
	return nil
}

func expectFlightRecorder(e *Entry, f Facts, out string) error {
	if err := expectParses(e); err != nil {
		return err
	}
	workers := num(e.Params, "workers")
	threshold := parseMs(fmt.Sprint(e.Params["threshold"]))
	slow := outLine(out, "snapshot after slow request ")
	if err := firstErr(
		check(e.ExitCode == 0, "exit %d", e.ExitCode),
		check(slow != "", "no snapshot line in the output"),
		// The slow request is in the snapshot, whole, and lasts longer than the threshold.
		check(f.LongestRegionMs["handleRequest"] > threshold, "longest handleRequest %.1f ms, threshold %.0f ms", f.LongestRegionMs["handleRequest"], threshold),
		check(f.BlockReasons["sync"] > 0, "no request blocked on the cache lock"),
		// The snapshot starts mid-life: the server's goroutines (workers, generator, refresh, main)
		// existed before it and appear through status events; at most the goroutine that writes
		// the snapshot is created in it.
		check(f.UserGoroutines >= workers+2 && f.UserCreated <= 1, "user goroutines %d, created %d", f.UserGoroutines, f.UserCreated),
	); err != nil {
		return err
	}
	e.Expect["taskTypes"] = f.TaskTypes
	e.Expect["blockReasons"] = []string{"sync"}
	e.Expect["minLongestRegionMs"] = map[string]float64{"handleRequest": threshold}
	e.Expect["maxUserCreated"] = 1
	e.Expect["minUserGoroutines"] = workers + 2
	e.Expect["minPreexistingGoroutines"] = workers + 2
	e.Notes = []string{
		fmt.Sprintf("The program ran a flight recorder (MinAge %v) and wrote its window when a request took longer than %v: %s.", e.Params["minAge"], e.Params["threshold"], strings.TrimPrefix(slow, "snapshot after ")),
		fmt.Sprintf("The snapshot covers the last %.0f ms; its slowest request (region \"handleRequest\" of a task \"request\") lasts %.1f ms, and the cache refresh that held the lock (region \"refreshCache\") %.1f ms.", f.SpanMs, f.LongestRegionMs["handleRequest"], f.LongestRegionMs["refreshCache"]),
		fmt.Sprintf("It starts mid-life: %d goroutines, the server's %d among them, first appear through status events (from Undetermined); %d goroutine of the program is created in the window (the one that writes the snapshot).", f.PreexistingGoroutines, f.UserGoroutines-f.UserCreated, f.UserCreated),
	}
	return nil
}
