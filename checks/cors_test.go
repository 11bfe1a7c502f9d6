package checks_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

var corsRules = []cos.BucketCORSRule{
	{
		ID:             "site",
		AllowedOrigins: []string{"https://www.example.com"},
		AllowedMethods: []string{"GET", "HEAD"},
		AllowedHeaders: []string{"x-cos-meta-*", "Content-Type"},
		ExposeHeaders:  []string{"ETag", "x-cos-request-id"},
		MaxAgeSeconds:  600,
	},
	{
		AllowedOrigins: []string{"http://*.example.org"},
		AllowedMethods: []string{"PUT"},
		AllowedHeaders: []string{"*"},
	},
	{
		ID:             "any-post",
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{"POST"},
	},
}

func TestEvaluateCORS(t *testing.T) {
	tests := []struct {
		name      string
		rules     []cos.BucketCORSRule
		origin    string
		method    string
		headers   []string
		allowed   bool
		rule      int
		failed    string
		closest   int
		reasonHas string
		// on a match
		allowOrigin, allowHeaders string
	}{
		{
			name: "exact origin, method and headers", rules: corsRules,
			origin: "https://www.example.com", method: "GET", headers: []string{"Content-Type, X-Cos-Meta-Author"},
			allowed: true, rule: 0, closest: -1,
			allowOrigin: "https://www.example.com", allowHeaders: "content-type,x-cos-meta-author",
		},
		{
			name: "explicit default port equals none", rules: corsRules,
			origin: "https://www.example.com:443", method: "HEAD",
			allowed: true, rule: 0, closest: -1, allowOrigin: "https://www.example.com:443",
		},
		{
			name: "host compares case-insensitively, method too", rules: corsRules,
			origin: "https://WWW.Example.com", method: "get",
			allowed: true, rule: 0, closest: -1,
		},
		{
			name: "single wildcard in the origin", rules: corsRules,
			origin: "http://a.b.example.org", method: "PUT", headers: []string{"x-anything", "authorization"},
			allowed: true, rule: 1, closest: -1, allowHeaders: "x-anything,authorization",
		},
		{
			name: "star origin answers with star", rules: corsRules,
			origin: "https://evil.example.net", method: "POST",
			allowed: true, rule: 2, closest: -1, allowOrigin: "*",
		},
		{
			name: "first matching rule wins",
			rules: []cos.BucketCORSRule{
				{ID: "a", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}},
				{ID: "b", AllowedOrigins: []string{"https://www.example.com"}, AllowedMethods: []string{"GET"}},
			},
			origin: "https://www.example.com", method: "GET", allowed: true, rule: 0, closest: -1, allowOrigin: "*",
		},
		{
			name: "no rules", origin: "https://www.example.com", method: "GET",
			rule: -1, failed: "no_rules", closest: -1, reasonHas: "no CORS rule",
		},
		{
			name: "origin matches only the star rule whose method differs", rules: corsRules,
			origin: "https://other.example.com", method: "GET",
			rule: -1, failed: "method", closest: 2, reasonHas: "method GET is not among AllowedMethod",
		},
		{
			name: "header not allowed", rules: corsRules,
			origin: "https://www.example.com", method: "GET", headers: []string{"content-type,x-custom"},
			rule: -1, failed: "header:x-custom", closest: 0, reasonHas: "request header x-custom matches no AllowedHeader",
		},
		{
			name:   "rule without scheme",
			rules:  []cos.BucketCORSRule{{AllowedOrigins: []string{"www.example.com"}, AllowedMethods: []string{"GET"}}},
			origin: "https://www.example.com", method: "GET",
			rule: -1, failed: "origin", closest: 0, reasonHas: "must include the scheme, e.g. https://www.example.com",
		},
		{
			name:   "rule with the other scheme",
			rules:  []cos.BucketCORSRule{{AllowedOrigins: []string{"http://www.example.com"}, AllowedMethods: []string{"GET"}}},
			origin: "https://www.example.com", method: "GET",
			rule: -1, failed: "origin", closest: 0, reasonHas: "has scheme http",
		},
		{
			name:   "port missing from the rule",
			rules:  []cos.BucketCORSRule{{AllowedOrigins: []string{"http://localhost"}, AllowedMethods: []string{"GET"}}},
			origin: "http://localhost:8080", method: "GET",
			rule: -1, failed: "origin", closest: 0, reasonHas: "include the port unless it is 80 or 443",
		},
		{
			name:   "method COS cannot allow",
			rules:  []cos.BucketCORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}},
			origin: "https://a.example.com", method: "PATCH",
			rule: -1, failed: "method", closest: 0, reasonHas: "only PUT, GET, POST, DELETE and HEAD",
		},
		{
			name: "missing origin", rules: corsRules, method: "GET",
			rule: -1, failed: "origin", closest: 0, reasonHas: "no Origin header",
		},
		{
			name: "missing method", rules: corsRules, origin: "https://www.example.com",
			rule: -1, failed: "method", closest: 0, reasonHas: "no Access-Control-Request-Method",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := checks.EvaluateCORS(tc.rules, tc.origin, tc.method, tc.headers)
			assert.Equal(t, tc.allowed, d.Allowed, "EvaluateCORS().Allowed; reason: %s", d.Reason)
			assert.Equal(t, tc.rule, d.RuleIndex, "RuleIndex")
			assert.Equal(t, tc.failed, d.Failed, "Failed")
			assert.Equal(t, tc.closest, d.Closest, "Closest")
			if tc.reasonHas != "" {
				assert.Contains(t, d.Reason, tc.reasonHas)
			}
			if tc.allowOrigin != "" {
				assert.Equal(t, tc.allowOrigin, d.AllowOrigin, "AllowOrigin")
			}
			if tc.allowHeaders != "" {
				assert.Equal(t, tc.allowHeaders, d.AllowHeaders, "AllowHeaders")
			}
			f := d.Finding()
			assert.Equal(t, "cors", f.Check)
			assert.Equal(t, cos403.CauseCORSRejected, f.Cause)
			if tc.allowed {
				assert.Equal(t, checks.StatusPass, f.Status)
			} else {
				assert.Equal(t, checks.StatusFail, f.Status)
				failed, _ := f.Value("failed")
				assert.Equal(t, tc.failed, failed)
			}
		})
	}
}

func TestEvaluateCORSResponseHeaders(t *testing.T) {
	d := checks.EvaluateCORS(corsRules, "https://www.example.com", "GET", nil)
	assert.True(t, d.Allowed)
	assert.Equal(t, "site", d.RuleID)
	assert.Equal(t, "https://www.example.com", d.AllowOrigin)
	assert.Equal(t, "GET,HEAD", d.AllowMethods)
	assert.Equal(t, "", d.AllowHeaders)
	assert.Equal(t, "ETag,x-cos-request-id", d.ExposeHeaders)
	assert.Equal(t, 600, d.MaxAge)
	assert.True(t, strings.HasPrefix(d.Reason, `CORS rule 0 (id "site") allows`), d.Reason)
}
