package checks_test

import (
	"testing"

	"github.com/cos403/cos403-go/checks"
)

func BenchmarkEvaluateCORS(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = checks.EvaluateCORS(corsRules, "https://www.example.com", "GET", []string{"Content-Type, X-Cos-Meta-Author"})
	}
}

func BenchmarkEvaluateCORSNoMatch(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = checks.EvaluateCORS(corsRules, "https://other.example.com", "DELETE", nil)
	}
}
