// Command manifest records every playground trace and writes playground/traces/manifest.json.
//
//	manifest -runner go1.27=/tmp/scenario-1.27 -runner go1.22=/tmp/scenario-1.22 \
//	    -go "$(go_bin 1.27)" -keep go1.23 -out ../traces
//
// Each recording runs the native runner with GOMAXPROCS=4, keeps the program's output next to
// the trace (<file>.out.txt), parses the trace with Go 1.27's `go tool trace -d=parsed`, computes
// the facts of internal/tracefacts, checks the claim the scenario exists to show (the command
// fails if a re-recording no longer shows it) and writes the expectations a reader must reproduce.
//
// -keep goX.Y carries over the entries of recordings made with that Go which this run does not
// record (no -runner for it, or no longer recorded at all): their trace and output files stay as
// they are, their parses, error and facts are computed again with the same Go 1.27 as every other
// entry, and their expect and notes are kept, as written when they were recorded.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"fieldguide/playground/internal/tracefacts"
)

// Facts is tracefacts.Facts.
type Facts = tracefacts.Facts

func phaseText(ps []tracefacts.Phase) string { return tracefacts.PhaseText(ps) }

type runnerFlag map[string]string

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func (r runnerFlag) String() string { return fmt.Sprint(map[string]string(r)) }
func (r runnerFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("want goX.Y=/path/to/runner")
	}
	r[k] = v
	return nil
}

// Entry is one manifest.json entry.
type Entry struct {
	File       string         `json:"file"`
	Output     string         `json:"output"`
	Scenario   string         `json:"scenario"`
	Variant    string         `json:"variant"`
	Go         string         `json:"go"`
	GOMAXPROCS int            `json:"gomaxprocs"`
	Params     map[string]any `json:"params"`
	Command    string         `json:"command"`
	ExitCode   int            `json:"exitCode"`
	SizeBytes  int            `json:"sizeBytes"`
	Parses     bool           `json:"parses"`
	Error      string         `json:"error"`
	// CheckedWith is the Go whose `go tool trace -d=parsed` gave Parses, Error and Facts.
	CheckedWith string         `json:"checkedWith"`
	Expect      map[string]any `json:"expect"`
	Facts       *Facts         `json:"facts,omitempty"`
	Notes       []string       `json:"notes"`
}

type recording struct {
	scenario, variant, tag string
	goVer                  string // "go1.27"
	args                   []string
	// expect fills e.Expect and e.Notes from the facts; it returns an error if the recording does
	// not show what the scenario exists to show.
	expect func(e *Entry, f Facts, out string) error
}

const gomaxprocs = 4

func main() {
	runners := runnerFlag{}
	flag.Var(runners, "runner", "goX.Y=/path/to/native/runner (repeatable)")
	goToolFlag := flag.String("go", "", "Go 1.27's go command, whose `go tool trace -d=parsed` parses the traces")
	outDir := flag.String("out", "../traces", "output directory")
	only := flag.String("only", "", "record only recordings whose file name contains this (the other entries of manifest.json stay as they are)")
	var keep listFlag
	flag.Var(&keep, "keep", "goX.Y: carry over the entries of that Go's recordings that this run does not record (repeatable)")
	flag.Parse()
	traceDir = *outDir
	goTool = *goToolFlag
	if *goToolFlag == "" {
		fatalf("-go is required (Go 1.27's go command: scripts/toolchains.sh go_bin 1.27)")
	}
	v, err := exec.Command(*goToolFlag, "env", "GOVERSION").Output()
	checkedWith = strings.TrimSpace(string(v))
	if err != nil || !strings.HasPrefix(checkedWith, "go1.27") {
		fatalf("-go %s: want Go 1.27 (its -d=parsed output is what internal/tracefacts reads), got %q %v", *goToolFlag, checkedWith, err)
	}

	versions := map[string]string{}
	for k, path := range runners {
		v, err := exec.Command(*goToolFlag, "version", path).Output()
		if err != nil {
			fatalf("go version %s: %v", path, err)
		}
		// "/path: go1.23.5"
		f := strings.Fields(string(v))
		versions[k] = strings.TrimPrefix(f[len(f)-1], "go")
	}

	var entries []Entry
	failed := 0
	for _, r := range recordings() {
		runner, ok := runners[r.goVer]
		if !ok {
			if slices.Contains(keep, r.goVer) {
				continue // carried over below
			}
			fatalf("no -runner for %s (nor -keep %s)", r.goVer, r.goVer)
		}
		name := r.scenario + "-" + r.variant
		if r.tag != "" {
			name += "-" + r.tag
		}
		name += "." + r.goVer + ".trace"
		if *only != "" && !strings.Contains(name, *only) {
			continue
		}
		e, err := record(r, runner, versions[r.goVer], name, *outDir, *goToolFlag)
		// Sweeping spins are traced, and their length depends on the machine's load: runtime.GC()
		// calls Gosched once per span it sweeps while waiting for the sweep to finish
		// (runtime/mgc.go), and from Go 1.25 the background sweeper yields on every turn of its
		// wait for another sweeper while no P is idle (goschedIfBusy in bgsweep, Go issue 73499):
		// tens of thousands of Running->Runnable "runtime.Gosched" transitions while a program
		// allocates large objects on busy Ps. Re-record to stay under 300 KB.
		// Timing claims (blocking-and-leaks' rising block rate) can miss on a loaded machine: retry.
		for attempt := 2; (err != nil && strings.Contains(err.Error(), "claim not shown") || err == nil && e.SizeBytes > 300<<10) && attempt <= 12; attempt++ {
			if err != nil {
				fmt.Fprintf(os.Stderr, "     %s: %v, recording again (attempt %d)\n", name, err, attempt)
			} else {
				fmt.Fprintf(os.Stderr, "     %s: %d bytes, recording again (attempt %d)\n", name, e.SizeBytes, attempt)
			}
			e, err = record(r, runner, versions[r.goVer], name, *outDir, *goToolFlag)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "FAIL %s: %v\n", name, err)
			failed++
		} else {
			extra := ""
			if e.Facts != nil && len(e.Facts.Phases) > 0 {
				extra = " phases(avg blocked): " + phaseText(e.Facts.Phases)
			}
			fmt.Fprintf(os.Stderr, "ok   %-52s %7d bytes exit=%d parses=%v%s\n", name, e.SizeBytes, e.ExitCode, e.Parses, extra)
		}
		if e.SizeBytes > 300<<10 {
			fmt.Fprintf(os.Stderr, "FAIL %s: %d bytes, over 300 KB\n", name, e.SizeBytes)
			failed++
		}
		entries = append(entries, e)
	}
	if *only != "" {
		// Only some recordings were made: every other entry of manifest.json stays as it is.
		entries = mergeEntries(*outDir, entries)
	} else {
		kept, err := keptEntries(keep, entries, *outDir, *goToolFlag)
		if err != nil {
			fatalf("%v", err)
		}
		entries = append(entries, kept...)
	}
	b, _ := json.MarshalIndent(entries, "", "  ")
	if err := os.WriteFile(filepath.Join(*outDir, "manifest.json"), append(b, '\n'), 0o644); err != nil {
		fatalf("%v", err)
	}
	if failed > 0 {
		fatalf("%d recordings failed", failed)
	}
}

// mergeEntries returns the current manifest.json with the entries of the recordings just made
// in place of their old ones (new recordings are added at the end).
func mergeEntries(outDir string, recorded []Entry) []Entry {
	b, err := os.ReadFile(filepath.Join(outDir, "manifest.json"))
	if err != nil {
		fatalf("-only needs the current manifest.json: %v", err)
	}
	var old []Entry
	if err := json.Unmarshal(b, &old); err != nil {
		fatalf("manifest.json: %v", err)
	}
	fresh := map[string]Entry{}
	for _, e := range recorded {
		fresh[e.File] = e
	}
	var out []Entry
	for _, e := range old {
		if n, ok := fresh[e.File]; ok {
			e = n
			delete(fresh, e.File)
		}
		out = append(out, e)
	}
	for _, e := range recorded {
		if _, ok := fresh[e.File]; ok {
			out = append(out, e)
		}
	}
	return out
}

// keptEntries returns the entries of the current manifest.json whose file names carry one of the
// -keep tags (".go1.23.") and that this run did not record, analysed again with goTool.
func keptEntries(keep []string, recorded []Entry, outDir, goTool string) ([]Entry, error) {
	if len(keep) == 0 {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(outDir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("-keep needs the current manifest.json: %v", err)
	}
	var old []Entry
	if err := json.Unmarshal(b, &old); err != nil {
		return nil, fmt.Errorf("manifest.json: %v", err)
	}
	done := map[string]bool{}
	for _, e := range recorded {
		done[e.File] = true
	}
	var out []Entry
	for _, e := range old {
		tagged := false
		for _, k := range keep {
			tagged = tagged || strings.Contains(e.File, "."+k+".")
		}
		if !tagged || done[e.File] {
			continue
		}
		path := filepath.Join(outDir, e.File)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("kept recording %s: %v", e.File, err)
		}
		res := tracefacts.Analyze(goTool, path, data)
		e.Parses, e.Error, e.Facts, e.CheckedWith = res.Parses, res.Error, res.Facts, checkedWith
		e.SizeBytes = len(data)
		fmt.Fprintf(os.Stderr, "kept %-52s %7d bytes parses=%v\n", e.File, e.SizeBytes, e.Parses)
		out = append(out, e)
	}
	return out, nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "manifest: "+format+"\n", args...)
	os.Exit(1)
}

var scenarioParams = map[string]map[string]any{}

// defaultParams asks the runner for the scenario's defaults (scenario -list).
func defaultParams(runner, scenario string) map[string]any {
	if p, ok := scenarioParams[runner+scenario]; ok {
		return clone(p)
	}
	out, err := exec.Command(runner, "-list").Output()
	if err != nil {
		fatalf("%s -list: %v", runner, err)
	}
	var ds []struct {
		Name   string
		Params []struct{ Name, Type, Default string }
	}
	if err := json.Unmarshal(out, &ds); err != nil {
		fatalf("%s -list: %v", runner, err)
	}
	for _, d := range ds {
		p := map[string]any{}
		for _, q := range d.Params {
			p[q.Name] = typed(q.Type, q.Default)
		}
		scenarioParams[runner+d.Name] = p
	}
	return clone(scenarioParams[runner+scenario])
}

func clone(m map[string]any) map[string]any {
	c := map[string]any{}
	for k, v := range m {
		c[k] = v
	}
	return c
}

func typed(typ, s string) any {
	switch typ {
	case "int", "int64", "uint64", "float64":
		var n json.Number = json.Number(s)
		if f, err := n.Float64(); err == nil {
			return f
		}
	case "bool":
		return s == "true"
	case "string":
		var u string
		if json.Unmarshal([]byte(s), &u) == nil {
			return u
		}
	}
	return s
}

func record(r recording, runner, goVersion, name, outDir, goTool string) (Entry, error) {
	e := Entry{File: name, Output: name + ".out.txt", Scenario: r.scenario, Variant: r.variant, Go: goVersion, GOMAXPROCS: gomaxprocs, Expect: map[string]any{}}
	e.Params = defaultParams(runner, r.scenario)
	for _, a := range r.args {
		k, v, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if old, ok := e.Params[k]; ok {
			switch old.(type) {
			case float64:
				e.Params[k] = typed("float64", v)
			case bool:
				e.Params[k] = v == "true"
			default:
				e.Params[k] = v
			}
		}
	}
	args := append([]string{r.scenario, "-variant=" + r.variant, "-o", name}, r.args...)
	e.Command = fmt.Sprintf("GOMAXPROCS=%d scenario %s", gomaxprocs, strings.Join(args, " "))
	tracePath := filepath.Join(outDir, name)
	os.Remove(tracePath)

	cmd := exec.Command(runner, args...)
	cmd.Dir = outDir
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", gomaxprocs))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		e.ExitCode = ee.ExitCode()
	} else if err != nil {
		return e, err
	}
	outText := out.String()
	if err := os.WriteFile(filepath.Join(outDir, e.Output), out.Bytes(), 0o644); err != nil {
		return e, err
	}
	// Files a scenario writes besides its trace (started-twice's second file) are not kept.
	if matches, _ := filepath.Glob(filepath.Join(outDir, strings.TrimSuffix(name, ".trace")+".second.trace")); len(matches) > 0 {
		for _, m := range matches {
			if st, err := os.Stat(m); err == nil {
				e.Expect["secondFileBytes"] = st.Size()
			}
			os.Remove(m)
		}
	}

	data, err := os.ReadFile(tracePath)
	if err != nil {
		if os.IsNotExist(err) && e.ExitCode != 0 {
			// A scenario that writes its trace only when something happens (a flight recorder's
			// snapshot at the first slow request) did not see it happen this time.
			return e, fmt.Errorf("claim not shown: no trace written (exit status %d): %s", e.ExitCode, strings.TrimSpace(outText))
		}
		return e, err
	}
	e.SizeBytes = len(data)
	e.Expect["header"] = tracefacts.Header(data)

	res := tracefacts.Analyze(goTool, tracePath, data)
	e.Parses, e.Error, e.Facts, e.CheckedWith = res.Parses, res.Error, res.Facts, checkedWith
	var f Facts
	if res.Facts != nil {
		f = *res.Facts
	}
	if err := r.expect(&e, f, outText); err != nil {
		return e, err
	}
	if e.Parses && tracefacts.Unended(data) && e.Expect["truncated"] == nil {
		e.Expect["truncated"] = true
		e.Notes = append(e.Notes, "The file does not end with an end-of-generation marker: trace.Stop never ran, and the last generation was never flushed (the reader calls the trace truncated).")
	}
	return e, nil
}

func check(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf("claim not shown: "+format, args...)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

var outLine = func(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

var traceDir string

// checkedWith is the -go command's version ("go1.27.3").
var checkedWith string

func readTrace(e *Entry) []byte {
	b, _ := os.ReadFile(filepath.Join(traceDir, e.File))
	return b
}
