//go:build !(js && wasm)

package anatomy

import "net"

const defaultNetwork = "tcp"

func listenTCP() (net.Listener, error)      { return net.Listen("tcp", "127.0.0.1:0") }
func dialTCP(addr string) (net.Conn, error) { return net.Dial("tcp", addr) }
