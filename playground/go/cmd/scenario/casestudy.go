//go:build go1.25 && !(js && wasm)

package main

// Chapter 6's case study is recorded natively with the lessons' scenarios; it is not in package
// scenarios because the browser gives it a binary of its own (cmd/casestudy-wasm). Like the flight
// recorder it needs Go 1.25, so the Go 1.22 build of this command leaves it out.
import _ "fieldguide/playground/scenarios/slow-request"
