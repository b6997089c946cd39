package scenario

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Main runs `scenario NAME [-variant=V] [-o FILE] [-param=value ...]` and returns the exit status.
// args excludes the program name. env must have Platform and OpenFile set (and Reexec natively).
func Main(args []string, env *Env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(stderr)
		return 2
	}
	if args[0] == "-list" || args[0] == "list" {
		if listFunc == nil {
			fmt.Fprintln(stderr, "scenario: -list is not available in this build")
			return 2
		}
		return listFunc(stdout)
	}
	if args[0] == "-names" {
		names(stdout)
		return 0
	}
	s, ok := Lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "scenario: unknown scenario %q\n", args[0])
		usage(stderr)
		return 2
	}
	params := s.Params()
	fs := flag.NewFlagSet(s.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	variant := fs.String("variant", s.Variants[0], "one of: "+strings.Join(s.Variants, ", "))
	out := fs.String("o", "trace.out", "trace output file")
	BindParams(fs, params)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "scenario: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if !slices.Contains(s.Variants, *variant) {
		fmt.Fprintf(stderr, "scenario %s: unknown variant %q (want one of: %s)\n", s.Name, *variant, strings.Join(s.Variants, ", "))
		return 2
	}
	env.Variant = *variant
	env.TracePath = *out
	env.Args = args
	if err := s.Run(env, params); err != nil {
		var code ExitCode
		if errors.As(err, &code) {
			return int(code)
		}
		fmt.Fprintf(stderr, "%s: %v\n", s.Name, err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: scenario NAME [-variant=V] [-o trace.out] [-param=value ...]")
	fmt.Fprintln(w, "       scenario -list   (JSON description of every scenario)")
	fmt.Fprintln(w, "       scenario -names  (each scenario of this build, one a line: its name, then its variants)")
	fmt.Fprintln(w, "scenarios:")
	for _, s := range All() {
		fmt.Fprintf(w, "  %-18s %s (variants: %s)\n", s.Name, s.Summary, strings.Join(s.Variants, ", "))
	}
}

// names prints what -names promises. Unlike -list it is in every build: the browser binaries
// print it at build time, and the page's catalogue (public/go/build-info.json) is what they say
// they hold. Plain text keeps encoding/json out of the lessons' binary.
func names(w io.Writer) {
	for _, s := range All() {
		fmt.Fprintln(w, s.Name, strings.Join(s.Variants, " "))
	}
}

// listFunc prints the -list JSON (list.go; left out of the wasm build to keep encoding/json out).
var listFunc func(w io.Writer) int

// OSFile adapts os.Create to Env.OpenFile.
func OSFile(name string) (File, error) { return os.Create(name) }
