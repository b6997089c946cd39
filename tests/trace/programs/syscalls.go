package main

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

func init() {
	register("syscalls", "file I/O, pipes and blocking syscalls from many goroutines", func() {
		dir, err := os.MkdirTemp("", "gotrace-syscalls")
		if err != nil {
			panic(err)
		}
		defer os.RemoveAll(dir)
		var wg sync.WaitGroup
		buf := make([]byte, 64<<10)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				p := filepath.Join(dir, "f"+string(rune('a'+i)))
				for k := 0; k < 30; k++ {
					if err := os.WriteFile(p, buf[:1024*(k+1)], 0o644); err != nil {
						panic(err)
					}
					if _, err := os.ReadFile(p); err != nil {
						panic(err)
					}
					f, err := os.Open(p)
					if err == nil {
						f.Stat()
						f.Sync()
						f.Close()
					}
				}
			}(i)
		}
		// os.Pipe: a reader blocked in a read, woken by a writer.
		r, w, err := os.Pipe()
		if err != nil {
			panic(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			io.Copy(io.Discard, r)
		}()
		for k := 0; k < 50; k++ {
			w.Write(buf[:4096])
			time.Sleep(200 * time.Microsecond)
		}
		w.Close()
		wg.Wait()
		r.Close()
	})
}
