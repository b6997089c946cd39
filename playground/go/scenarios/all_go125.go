//go:build go1.25

package scenarios

// The flight recorder (runtime/trace.FlightRecorder) exists from Go 1.25: the Go 1.22 build that
// records the version comparisons leaves this scenario out (and slow-request, cmd/scenario's
// casestudy.go).
import _ "fieldguide/playground/scenarios/flight-recorder"
