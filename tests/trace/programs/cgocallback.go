//go:build cgo

package main

/*
#include <pthread.h>

extern void goCallback(int);

static void* cthread(void* arg) {
	for (int i = 0; i < 20; i++) goCallback(i);
	return 0;
}

static void runCThreads(int n) {
	pthread_t t[16];
	if (n > 16) n = 16;
	for (int i = 0; i < n; i++) pthread_create(&t[i], 0, cthread, 0);
	for (int i = 0; i < n; i++) pthread_join(t[i], 0);
}

static void callGo(int n) { for (int i = 0; i < n; i++) goCallback(i); }
*/
import "C"

import "sync/atomic"

var callbacks atomic.Int64

//export goCallback
func goCallback(i C.int) { callbacks.Add(int64(i)) }

func init() {
	register("cgocallback", "cgo calls and callbacks from C threads: GoCreateSyscall, GoDestroySyscall", func() {
		C.callGo(100)
		C.runCThreads(4)
		C.runCThreads(8)
	})
}
