// Command doctor reproduces every cause of a Tencent Cloud COS 403 against
// an embedded COS and explains each one, or diagnoses a real bucket.
//
// With no arguments it starts a loopback COS emulator, sends each refused
// request of the COS 403 troubleshooting guide with cos-go-sdk-v5 and prints,
// per scenario, the SDK's error, its classification, the evidence, the
// remediation steps and the checks that confirm the cause:
//
//	go run ./examples/doctor
//	go run ./examples/doctor -lang ja -run 'signature|plus'
//	go run ./examples/doctor -json
//
// With -bucket it diagnoses a real bucket instead, with the key pair from
// COS_SECRET_ID and COS_SECRET_KEY (and COS_SESSION_TOKEN for a temporary
// key); no secret is ever printed:
//
//	go run ./examples/doctor -bucket examplebucket-1250000000 -region ap-guangzhou -key path/to/object
//
// The exit status is 0 when every scenario was classified as expected (in
// real mode: when no check confirmed a cause), 1 otherwise, and 2 for a
// usage error.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
