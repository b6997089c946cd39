// Lesson 2.1's run() fragment around its tracing package (../tracing).
package main

import (
	"context"
	"log"
	"time"

	"fieldguide/playground/otel/lesson-snippets/tracing"
)

func run() error {
	ctx := context.Background()
	// --- verbatim from content/docs/init/global-provider.mdx ---
	shutdown, err := tracing.Init(ctx)
	if err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = shutdown(ctx)
	}()
	// --- end of the lesson's code ---
	return nil
}

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}
