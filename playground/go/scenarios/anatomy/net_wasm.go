//go:build js && wasm

package anatomy

import (
	"errors"
	"net"
)

// The wasm build leaves net.Listen/net.Dial out: js/wasm has no sockets (Go only has an
// in-process fake network there), and linking it adds about 0.75 MB to the binary.
const defaultNetwork = "pipe"

var errNoTCP = errors.New("-network=tcp is not available in the browser (no sockets); use -network=pipe")

func listenTCP() (net.Listener, error)      { return nil, errNoTCP }
func dialTCP(addr string) (net.Conn, error) { return nil, errNoTCP }
