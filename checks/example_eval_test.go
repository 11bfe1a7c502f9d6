package checks_test

import (
	"fmt"
	"net/http"
	"time"

	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
)

func ExampleEvaluatePolicy() {
	// A bucket policy that denies everyone GetObject and allows one
	// sub-account to read (the catalog's worked example, as one policy).
	policy := []byte(`{
	  "version": "2.0",
	  "statement": [
	    {"sid": "DenyAnyone", "principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "effect": "deny",
	     "action": ["name/cos:GetObject"], "resource": ["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"]},
	    {"sid": "AllowReader", "principal": {"qcs": ["qcs::cam::uin/100000000001:uin/100000000011"]}, "effect": "allow",
	     "action": ["name/cos:GetObject"], "resource": ["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"]}
	  ]
	}`)
	res := checks.ResourceName("ap-guangzhou", "1250000000", "examplebucket", "photos/cat.jpg")
	reader := checks.Principal{OwnerUin: "100000000001", Uin: "100000000011"}

	for _, signed := range []bool{true, false} {
		d, err := checks.EvaluatePolicy(policy, checks.PolicyRequest{
			Principal: reader, Action: "name/cos:GetObject", Resource: res, Signed: signed,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("signed=%v: %s, decided by %s\n", signed, d.Decision, d.Deciding.Sid)
	}

	_, err := checks.EvaluatePolicy([]byte(`{"version":"2.0","statement":[{"effect":"permit"}]}`), checks.PolicyRequest{})
	fmt.Println(err)
	// Output:
	// signed=true: allow, decided by AllowReader
	// signed=false: explicit_deny, decided by DenyAnyone
	// checks: policy: statement[0].effect (offset 40): effect must be allow or deny
}

func ExampleEvaluateAccess() {
	p := checks.AccessPolicies{
		BucketACL: checks.ACLPrivate,
		BucketPolicy: []byte(`{"version":"2.0","statement":[{"principal":"*","effect":"allow",
		  "action":["name/cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/public/*"]}]}`),
	}
	for _, key := range []string{"public/logo.png", "private/report.pdf"} {
		d, err := checks.EvaluateAccess(p, checks.PolicyRequest{
			Principal: checks.Principal{Anonymous: true},
			Action:    "GetObject",
			Resource:  checks.ResourceName("ap-guangzhou", "1250000000", "examplebucket", key),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(key, d.Finding())
	}
	// Output:
	// public/logo.png access: pass (rules out anonymous_denied): bucket policy: statement[0] for * allows name/cos:GetObject on qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/public/logo.png for anonymous; a policy granting anonymous access outranks a private ACL (D-403)
	// private/report.pdf access: fail (anonymous_denied): unsigned request: anonymous users are judged on the bucket policy and ACLs only (D-EVAL), and neither allows name/cos:GetObject on qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/private/report.pdf (ACL private); bucket policy closest: statement[0] for * covers resource qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/public/*, not qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/private/report.pdf
}

func ExampleEvaluateCORS() {
	rules := []cos.BucketCORSRule{{
		ID:             "web",
		AllowedOrigins: []string{"https://www.example.com"},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type", "x-cos-meta-*"},
		MaxAgeSeconds:  600,
	}}

	ok := checks.EvaluateCORS(rules, "https://www.example.com", "PUT", []string{"content-type"})
	fmt.Println(ok.Allowed, ok.RuleID, ok.AllowOrigin, ok.AllowMethods, ok.MaxAge)

	bad := checks.EvaluateCORS(rules, "https://www.example.com", "PUT", []string{"content-type, x-requested-with"})
	fmt.Println(bad.Allowed, bad.Failed)
	fmt.Println(bad.Finding())
	// Output:
	// true web https://www.example.com GET,PUT 600
	// false header:x-requested-with
	// cors: fail (cors_rejected): no CORS rule allows this preflight, so COS answers 403 AccessForbidden (D-OPTIONS); closest: rule 0 (id "web"): request header x-requested-with matches no AllowedHeader ["Content-Type", "x-cos-meta-*"]; list it or use * (D-CORS-API)
}

func ExampleEvaluateReferer() {
	cfg := checks.RefererConfigFromSDK(&cos.BucketGetRefererResult{
		Status:      "Enabled",
		RefererType: "White-List",
		DomainList:  []string{"*.example.com", "servicewechat.com"},
	})
	for _, ref := range []string{"https://img.example.com/gallery", "https://example.net/", ""} {
		d := checks.EvaluateReferer(cfg, ref, false)
		fmt.Printf("%q allowed=%v rule=%q\n", ref, d.Allowed, d.Rule)
	}
	fmt.Println(checks.EvaluateReferer(cfg, "https://example.net/", true).Rule)
	// Output:
	// "https://img.example.com/gallery" allowed=true rule="*.example.com"
	// "https://example.net/" allowed=false rule=""
	// "" allowed=false rule="empty_referer"
	// signed_request_skips
}

func ExampleParseRestore() {
	h := http.Header{}
	h.Set("x-cos-storage-class", "ARCHIVE")
	h.Set("x-cos-restore", `ongoing-request="false", expiry-date="Mon, 13 Apr 2020 16:00:00 GMT"`)
	s := checks.ParseRestore(h)
	fmt.Println(s.Restore, s.ExpiryDate.Format(time.RFC3339))
	fmt.Println(s.Finding(time.Date(2020, 4, 14, 0, 0, 0, 0, time.UTC)).Status)
	fmt.Println(s.Advice[0].Tier, s.Advice[0].Duration)
	// Output:
	// restored 2020-04-13T16:00:00Z
	// fail
	// Expedited 1-5 minutes
}

func ExampleSkewFromDate() {
	local := time.Date(2020, 7, 9, 11, 25, 0, 0, time.UTC)
	skew, err := checks.SkewFromDate(local, "Thu, 09 Jul 2020 11:45:26 GMT")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(skew, skew > checks.MaxSkew)
	// Output:
	// 20m26s true
}
