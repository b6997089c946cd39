package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
)

func init() {
	register("network", "loopback TCP echo and HTTP on 127.0.0.1", func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					io.Copy(c, c)
				}()
			}
		}()
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				c, err := net.Dial("tcp", ln.Addr().String())
				if err != nil {
					panic(err)
				}
				defer c.Close()
				rd := bufio.NewReader(c)
				for k := 0; k < 100; k++ {
					fmt.Fprintf(c, "hello %d %d\n", i, k)
					if _, err := rd.ReadString('\n'); err != nil {
						panic(err)
					}
				}
			}(i)
		}
		wg.Wait()
		ln.Close()

		// A tiny HTTP server and client.
		hl, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "path=%s", r.URL.Path)
		})}
		go srv.Serve(hl)
		client := &http.Client{}
		for i := 0; i < 30; i++ {
			resp, err := client.Get(fmt.Sprintf("http://%s/x/%d", hl.Addr(), i))
			if err != nil {
				panic(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		srv.Close()
	})
}
