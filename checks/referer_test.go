package checks_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

func TestEvaluateReferer(t *testing.T) {
	white := checks.RefererConfig{
		Enabled: true, Type: checks.RefererWhiteList,
		Domains: []string{"www.example.com", "*.example.org", "10.0.0.1:8080", "servicewechat.com"},
	}
	black := checks.RefererConfig{Enabled: true, Type: "black-list", Domains: []string{"*.bad.com", "leech.net"}, AllowEmpty: true}
	allowEmpty := white
	allowEmpty.AllowEmpty = true

	tests := []struct {
		name      string
		cfg       checks.RefererConfig
		referer   string
		signed    bool
		allowed   bool
		rule      string
		reasonHas string
	}{
		{name: "disabled", cfg: checks.RefererConfig{Type: checks.RefererWhiteList}, referer: "https://evil.com/", allowed: true, rule: "disabled"},
		{name: "signed request skips", cfg: white, referer: "https://evil.com/", signed: true, allowed: true, rule: "signed_request_skips", reasonHas: "D-REF-CON"},
		{name: "listed host", cfg: white, referer: "https://www.example.com/index.html", allowed: true, rule: "www.example.com"},
		{name: "prefix covers a longer host", cfg: white, referer: "http://www.example.com.cn/x", allowed: true, rule: "www.example.com"},
		{name: "host compares case-insensitively", cfg: white, referer: "HTTPS://WWW.EXAMPLE.COM/A", allowed: true, rule: "www.example.com"},
		{name: "wildcard covers nested subdomains", cfg: white, referer: "https://a.b.example.org/123", allowed: true, rule: "*.example.org"},
		{name: "wildcard does not cover the bare domain", cfg: white, referer: "https://example.org/", reasonHas: "matches no allowlist entry"},
		{name: "wildcard does not cross a slash", cfg: white, referer: "https://evil.com/a.example.org"},
		{name: "host and port", cfg: white, referer: "http://10.0.0.1:8080/page", allowed: true, rule: "10.0.0.1:8080"},
		{name: "other port", cfg: white, referer: "http://10.0.0.1:9090/page"},
		{name: "mini program referer", cfg: white, referer: "https://servicewechat.com/wx123/1/page-frame.html", allowed: true, rule: "servicewechat.com"},
		{name: "empty referer denied by default", cfg: white, referer: "", rule: "empty_referer", reasonHas: "EmptyReferConfiguration is Deny"},
		{name: "blank referer is empty", cfg: white, referer: "   ", rule: "empty_referer"},
		{name: "empty referer allowed", cfg: allowEmpty, referer: "", allowed: true, rule: "empty_referer"},
		{name: "blocklisted", cfg: black, referer: "https://img.bad.com/x.png", rule: "*.bad.com", reasonHas: "You are denied by bucket referer rule"},
		{name: "blocklist prefix", cfg: black, referer: "leech.net/path", rule: "leech.net"},
		{name: "not blocklisted", cfg: black, referer: "https://good.com/", allowed: true},
		{name: "blocklist with empty referer allowed", cfg: black, referer: "", allowed: true, rule: "empty_referer"},
		{name: "unknown list type", cfg: checks.RefererConfig{Enabled: true, Type: "Grey-List"}, referer: "https://a.com", allowed: true, reasonHas: "unknown referer list type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := checks.EvaluateReferer(tc.cfg, tc.referer, tc.signed)
			assert.Equal(t, tc.allowed, d.Allowed, "EvaluateReferer(%q).Allowed; reason: %s", tc.referer, d.Reason)
			assert.Equal(t, tc.rule, d.Rule, "Rule")
			if tc.reasonHas != "" {
				assert.Contains(t, d.Reason, tc.reasonHas)
			}
			f := d.Finding()
			assert.Equal(t, cos403.CauseRefererDenied, f.Cause)
			if tc.allowed {
				assert.Equal(t, checks.StatusPass, f.Status)
			} else {
				assert.Equal(t, checks.StatusFail, f.Status)
			}
		})
	}
}

func TestRefererFindingDropsQuery(t *testing.T) {
	cfg := checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList, Domains: []string{"www.example.com"}}
	d := checks.EvaluateReferer(cfg, "https://evil.com/page?q-signature=0123456789abcdef0123456789abcdef01234567#x", false)
	assert.False(t, d.Allowed)
	f := d.Finding()
	v, _ := f.Value("referer")
	assert.Equal(t, "https://evil.com/page", v)
	assert.NotContains(t, f.Summary, "q-signature")
	assert.NotContains(t, d.Reason, "0123456789abcdef")
	assertNoSecrets(t, d, "0123456789abcdef")
	assertNoSecrets(t, f, "0123456789abcdef")
}

func TestRefererConfigFromSDK(t *testing.T) {
	got := checks.RefererConfigFromSDK(&cos.BucketGetRefererResult{
		Status: "Enabled", RefererType: "White-List", DomainList: []string{"*.qq.com"}, EmptyReferConfiguration: "Allow",
	})
	assert.Equal(t, checks.RefererConfig{Enabled: true, Type: "White-List", Domains: []string{"*.qq.com"}, AllowEmpty: true}, got)

	got = checks.RefererConfigFromOptions(&cos.BucketPutRefererOptions{Status: "Disabled", RefererType: "Black-List"})
	assert.Equal(t, checks.RefererConfig{Type: "Black-List"}, got, "EmptyReferConfiguration defaults to Deny")

	assert.Equal(t, checks.RefererConfig{}, checks.RefererConfigFromSDK(nil))
	assert.Equal(t, checks.RefererConfig{}, checks.RefererConfigFromOptions(nil))
}
