package fakecos_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if any goroutine outlives the tests: every
// Server is closed by NewTest's cleanup, and Close drops all connections.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
