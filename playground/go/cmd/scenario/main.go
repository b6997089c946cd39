//go:build !(js && wasm)

// Command scenario runs one playground scenario natively:
//
//	scenario NAME -variant=broken|fixed -o trace.out [-param=value ...]
//
// It prints the program's own output and exits with the scenario's exit status (some scenarios
// exit on purpose: os.Exit, log.Fatal, panic).
package main

import (
	"os"
	"os/exec"

	"fieldguide/playground/scenario"
	_ "fieldguide/playground/scenarios"
)

func main() {
	env := &scenario.Env{Platform: "native", OpenFile: scenario.OSFile, Reexec: reexec}
	os.Exit(scenario.Main(os.Args[1:], env, os.Stdout, os.Stderr))
}

// reexec runs this same command line again with extra environment variables; the child's stderr
// goes to stderrPath (like `VAR=1 ./prog 2>stderrPath`).
func reexec(extraEnv []string, stderrPath string) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	f, err := os.Create(stderrPath)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(append(os.Environ(), scenario.ChildEnv+"=1"), extraEnv...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, f
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), nil
	}
	if err != nil {
		return 0, err
	}
	return 0, nil
}
