// Package lostcontext shows that runtime/trace tasks follow the context.Context you pass, and
// nothing else (lessons 3.1 and 3.3 applied to runtime/trace). There is no goroutine-local
// storage: a goroutine belongs to a task only through the ctx handed to it.
//
//   - broken: `_, task := trace.NewTask(ctx, ...)` drops the task's ctx, and the fan-out
//     goroutines use context.Background(): every region and log lands in no task (task 0).
//   - fixed: `ctx, task := trace.NewTask(ctx, ...)` and ctx is passed to every goroutine (the
//     fire-and-forget email uses context.WithoutCancel(ctx), which keeps the task).
package lostcontext

import (
	"context"
	"fmt"
	"runtime/trace"
	"sync"
	"time"

	"fieldguide/playground/scenario"
)

// Params of the lost-context scenario.
type Params struct {
	Orders int           `help:"checkout requests, one task each"`
	Step   time.Duration `help:"duration of each step (region)"`
}

// Defaults returns the default parameters.
func Defaults() Params { return Params{Orders: 4, Step: time.Millisecond} }

func init() {
	scenario.Register(scenario.Scenario{
		Name:     "lost-context",
		Summary:  "regions land in no task (task 0) when the task's ctx is dropped or not passed to goroutines",
		Variants: []string{"broken", "fixed"},
		Params:   func() any { p := Defaults(); return &p },
		Run:      func(env *scenario.Env, p any) error { return Run(env, *p.(*Params)) },
	})
}

// Run is main() of the lost-context program.
func Run(env *scenario.Env, p Params) error {
	f, err := env.Create(env.TracePath)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return err
	}
	defer func() { trace.Stop(); f.Close() }()

	var emails sync.WaitGroup
	for i := 0; i < p.Orders; i++ {
		if env.Variant == "broken" {
			checkoutBroken(context.Background(), i, p.Step, &emails)
		} else {
			checkoutFixed(context.Background(), i, p.Step, &emails)
		}
	}
	emails.Wait()
	fmt.Printf("%s: %d checkouts traced (4 regions and 1 log each)\n", env.Variant, p.Orders)
	return nil
}

func checkoutBroken(ctx context.Context, id int, step time.Duration, emails *sync.WaitGroup) {
	_, task := trace.NewTask(ctx, "checkout") // BUG: the ctx that carries the task is dropped
	defer task.End()

	trace.WithRegion(ctx, "validate", func() { time.Sleep(step) }) // parent ctx: no task

	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // BUG: the goroutine starts from context.Background()
		defer wg.Done()
		chargeCard(context.Background(), id, step)
	}()
	go func() {
		defer wg.Done()
		reserveStock(context.Background(), id, step)
	}()
	wg.Wait()

	emails.Add(1)
	go func() { // fire-and-forget, without ctx
		defer emails.Done()
		sendEmail(context.Background(), id, step)
	}()
}

func checkoutFixed(ctx context.Context, id int, step time.Duration, emails *sync.WaitGroup) {
	ctx, task := trace.NewTask(ctx, "checkout") // keep the new ctx: it carries the task
	defer task.End()

	trace.WithRegion(ctx, "validate", func() { time.Sleep(step) })

	var wg sync.WaitGroup
	wg.Add(2)
	go func(ctx context.Context) { // pass ctx explicitly
		defer wg.Done()
		chargeCard(ctx, id, step)
	}(ctx)
	go func(ctx context.Context) {
		defer wg.Done()
		reserveStock(ctx, id, step)
	}(ctx)
	wg.Wait()

	emails.Add(1)
	go func(ctx context.Context) { // outlives the request: keep the values (the task), drop cancellation
		defer emails.Done()
		sendEmail(ctx, id, step)
	}(context.WithoutCancel(ctx))
}

func chargeCard(ctx context.Context, id int, step time.Duration) {
	defer trace.StartRegion(ctx, "chargeCard").End()
	trace.Logf(ctx, "payment", "order=%d charged", id)
	time.Sleep(step)
}

func reserveStock(ctx context.Context, id int, step time.Duration) {
	defer trace.StartRegion(ctx, "reserveStock").End()
	time.Sleep(step)
}

func sendEmail(ctx context.Context, id int, step time.Duration) {
	defer trace.StartRegion(ctx, "sendEmail").End()
	time.Sleep(2 * step)
}
