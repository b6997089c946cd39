// Command facts prints, as JSON, what a trace file shows: its header, whether Go's parser reads it
// (with Go's error text if not), and the facts of internal/tracefacts.
//
//	facts [-go /usr/lib/go-1.23/bin/go] FILE...
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"fieldguide/playground/internal/tracefacts"
)

func main() {
	goTool := flag.String("go", "/usr/lib/go-1.23/bin/go", "go command used for `go tool trace -d=1`")
	flag.Parse()
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
