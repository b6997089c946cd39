//go:build js && wasm

// Command wasm is the lessons' scenarios in one WebAssembly binary for the browser
// (public/go/scenarios.wasm); internal/wasmhost is its contract with the page. Chapter 6's case
// study has a binary of its own (cmd/casestudy-wasm): its HTTP service links net/http, which would
// more than double what every other lesson's Run button downloads.
package main

import (
	"fieldguide/playground/internal/wasmhost"
	_ "fieldguide/playground/scenarios"
)

func main() { wasmhost.Main() }
