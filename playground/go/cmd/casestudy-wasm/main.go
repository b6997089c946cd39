//go:build js && wasm

// Command casestudy-wasm is chapter 6's case study, the slow-request scenario, in a WebAssembly
// binary of its own for the browser (public/go/casestudy.wasm); internal/wasmhost is its contract
// with the page. It is apart from the lessons' binary (cmd/wasm) because its HTTP service links
// net/http: only the case study's Run boxes download that.
package main

import (
	"fieldguide/playground/internal/wasmhost"
	_ "fieldguide/playground/scenarios/slow-request"
)

func main() { wasmhost.Main() }
