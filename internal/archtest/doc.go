// Package archtest holds the test that keeps the import graph as the
// project's packages are meant to depend on each other.
package archtest
