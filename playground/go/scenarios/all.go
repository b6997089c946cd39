// Package scenarios links the lessons' scenarios into a runner: import it for its side effects.
// The native runner (cmd/scenario) and the lessons' browser binary (cmd/wasm, scenarios.wasm)
// import it. Chapter 6's slow-request is not here: it links net/http, so it has a browser binary of
// its own (cmd/casestudy-wasm), and cmd/scenario imports it beside this package.
package scenarios

import (
	_ "fieldguide/playground/scenarios/anatomy"
	_ "fieldguide/playground/scenarios/blocking-and-leaks"
	_ "fieldguide/playground/scenarios/corrupted-output"
	_ "fieldguide/playground/scenarios/exit-without-stop"
	_ "fieldguide/playground/scenarios/late-start"
	_ "fieldguide/playground/scenarios/lost-context"
	_ "fieldguide/playground/scenarios/started-twice"
)
