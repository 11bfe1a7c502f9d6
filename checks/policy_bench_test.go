package checks_test

import (
	"encoding/json"
	"testing"

	"github.com/cos403/cos403-go/checks"
)

func benchPolicy(b *testing.B) []byte { return policyFile(b, "conditions.json") }

var benchReq = checks.PolicyRequest{
	Principal: checks.Principal{OwnerUin: owner, Uin: subUin}, Action: "name/cos:PutObject", Signed: true,
	Resource:   checks.ResourceName(region, appid, bucket, "uploads/a.png"),
	Conditions: map[string]string{"qcs:ip": "10.121.2.3", "cos:x-cos-storage-class": "STANDARD_IA", "cos:content-length": "100"},
}

// BenchmarkJSONUnmarshalBaseline is the cost of merely decoding the same
// policy with encoding/json, for scale.
func BenchmarkJSONUnmarshalBaseline(b *testing.B) {
	p := benchPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		var v map[string]any
		if err := json.Unmarshal(p, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluatePolicy(b *testing.B) {
	p := benchPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := checks.EvaluatePolicy(p, benchReq); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPolicyEvaluateParsed(b *testing.B) {
	p, err := checks.ParsePolicy(benchPolicy(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Evaluate(benchReq)
	}
}

func BenchmarkEvaluateAccess(b *testing.B) {
	p := checks.AccessPolicies{
		BucketPolicy: policyFile(b, "deny-anyone-getobject.json"),
		UserPolicies: [][]byte{policyFile(b, "readonly-user.json")},
		STSPolicy:    policyFile(b, "sts-one-object.json"),
	}
	req := signedReq(subUser, "name/cos:GetObject", objRes)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := checks.EvaluateAccess(p, req); err != nil {
			b.Fatal(err)
		}
	}
}
