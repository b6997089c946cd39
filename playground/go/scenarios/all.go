// Package scenarios links every scenario into a runner: import it for its side effects.
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
