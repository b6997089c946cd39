// Command facts prints, as JSON, what a trace file shows: its header, whether Go's parser reads it
// (with Go's error text if not), and the facts of internal/tracefacts.
//
//	facts -go "$(go_bin 1.27)" FILE...     (go_bin: scripts/toolchains.sh)
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"fieldguide/playground/internal/tracefacts"
)

func main() {
	goTool := flag.String("go", "", "Go 1.27's go command, whose `go tool trace -d=parsed` reads the traces")
	flag.Parse()
	if *goTool == "" {
		fmt.Fprintln(os.Stderr, "facts: -go is required (Go 1.27's go command: scripts/toolchains.sh go_bin 1.27)")
		os.Exit(2)
	}
	out := map[string]tracefacts.Result{}
	for _, path := range flag.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out[path] = tracefacts.Analyze(*goTool, path, data)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(out)
}
