package main

import (
	"context"
	"fmt"
	"runtime/trace"
	"sync"
	"time"
)

func init() {
	register("annotations", "tasks (nested, across goroutines and generations), regions, logs", func() {
		ctx, root := trace.NewTask(context.Background(), "root")
		trace.Log(ctx, "phase", "start")
		var wg sync.WaitGroup
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				cctx, task := trace.NewTask(ctx, fmt.Sprintf("job-%d", i%5))
				defer task.End()
				trace.WithRegion(cctx, "outer", func() {
					trace.Logf(cctx, "job", "i=%d", i)
					for k := 0; k < 5; k++ {
						r := trace.StartRegion(cctx, "inner")
						time.Sleep(100 * time.Microsecond)
						trace.Log(cctx, "", "message with\ttab and \"quotes\" and unicode ✓ \x01")
						r.End()
					}
				})
			}(i)
		}
		// A task that spans generations (the test sets a short advance period).
		_, long := trace.NewTask(ctx, "long")
		time.Sleep(120 * time.Millisecond)
		long.End()

		// Regions without a task and logs on the background context.
		trace.WithRegion(context.Background(), "no-task", func() {
			trace.Log(context.Background(), "bg", "background log")
		})
		// A region begun before and ended after a goroutine switch.
		r := trace.StartRegion(ctx, "blocking")
		time.Sleep(time.Millisecond)
		r.End()
		wg.Wait()
		trace.Log(ctx, "phase", "end")
		root.End()

		// A task that is never ended, and an empty task name.
		_, open := trace.NewTask(context.Background(), "")
		_ = open
	})
}
