package main

import (
	"io"
	"log"
	"net"
	"net/http"
	"sync"
)

// loopback serves each scenario service on its own 127.0.0.1 port with net/http.
type loopback struct {
	mu        sync.Mutex
	servers   []*http.Server
	transport *http.Transport
}

func newLoopback() *loopback {
	return &loopback{transport: http.DefaultTransport.(*http.Transport).Clone()}
}

func (l *loopback) Serve(name string, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}
	l.mu.Lock()
	l.servers = append(l.servers, srv)
	l.mu.Unlock()
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), nil
}

func (l *loopback) Transport() http.RoundTripper { return l.transport }

func (l *loopback) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.servers {
		s.Close()
	}
	l.servers = nil
	l.transport.CloseIdleConnections()
	return nil
}
