package main

import (
	"context"
	"fmt"
	"io"
)

// runReal diagnoses a real bucket.
func runReal(_ context.Context, _ *options, _, stderr io.Writer) int {
	fmt.Fprintln(stderr, "doctor: diagnosing a real bucket is not available in this build")
	return exitUsage
}
