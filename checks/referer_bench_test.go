package checks_test

import (
	"testing"

	"github.com/cos403/cos403-go/checks"
)

func BenchmarkEvaluateReferer(b *testing.B) {
	cfg := checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList,
		Domains: []string{"www.example.com", "*.example.org", "10.0.0.1:8080", "servicewechat.com"}}
	b.ReportAllocs()
	for b.Loop() {
		_ = checks.EvaluateReferer(cfg, "https://a.b.example.org/123", false)
	}
}
