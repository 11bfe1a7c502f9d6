package checks_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cos403/cos403-go/checks"
)

var fuzzRequests = []checks.PolicyRequest{
	{Principal: checks.Principal{OwnerUin: owner, Uin: subUin}, Action: "name/cos:GetObject", Resource: objRes, Signed: true,
		Conditions: map[string]string{"qcs:ip": "10.121.2.3", "cos:content-length": "100", "cos:x-cos-storage-class": "STANDARD_IA"}},
	{Principal: checks.Principal{Anonymous: true}, Action: "cos:PutObject", Resource: objRes},
	{Principal: checks.Principal{Uin: owner}, Action: "GetBucket", Resource: bucketRes, Signed: true,
		Conditions: map[string]string{"qcs:ip": "not-an-ip", "cos:secure-transport": "true"}},
}

// FuzzEvaluatePolicy checks that no input panics, that every failure is a
// *PolicyError with an offset inside the input, and that evaluation is
// deterministic.
func FuzzEvaluatePolicy(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "checks", "policies", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"version":"2.0","statement":[]}`,
		`{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*"}}`,
		`{"version":"2.0","statement":[{"principal":"*","effect":"Deny","action":["name/cos:*"],"resource":"qcs::cos:*:uid/*:*/*"}]}`,
		`{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"ip_not_equal_if_exist":{"qcs:ip":["::1/128","10.0.0.1"]},"numeric_greater_than":{"cos:content-length":[1.5e3]}}}]}`,
		`{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"string_like":{"cos:prefix":"a*b*c*d*e*"}}}]}`,
		`{"version":"2.0" "statement"`, `{"version":"2.0","statement":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}`,
		"{\"version\":\"2.0\",\"statement\":[\"\xff\xfe\"]}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > checks.MaxPolicySize+16 {
			return
		}
		for _, req := range fuzzRequests {
			d1, err1 := checks.EvaluatePolicy(data, req)
			d2, err2 := checks.EvaluatePolicy(data, req)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("EvaluatePolicy errors differ between runs: %v / %v", err1, err2)
			}
			if err1 != nil {
				var pe *checks.PolicyError
				if !errors.As(err1, &pe) || !errors.Is(err1, checks.ErrInvalidPolicy) {
					t.Fatalf("EvaluatePolicy error %T is not a *PolicyError", err1)
				}
				if pe.Offset < -1 || pe.Offset > int64(len(data)) {
					t.Fatalf("PolicyError.Offset = %d, outside [-1, %d]", pe.Offset, len(data))
				}
				if err1.Error() != err2.Error() {
					t.Fatalf("EvaluatePolicy errors differ between runs: %q / %q", err1, err2)
				}
				continue
			}
			if !reflect.DeepEqual(d1, d2) {
				t.Fatalf("EvaluatePolicy is not deterministic: %+v / %+v", d1, d2)
			}
			switch d1.Decision {
			case checks.DecisionAllow, checks.DecisionExplicitDeny:
				if d1.Deciding == nil {
					t.Fatalf("Decision %s without a deciding statement", d1.Decision)
				}
			case checks.DecisionImplicitDeny:
				if d1.Deciding != nil {
					t.Fatalf("implicit deny with deciding statement %v", d1.Deciding)
				}
			default:
				t.Fatalf("unknown decision %q", d1.Decision)
			}
			_ = d1.Finding()
			if _, err := checks.EvaluateAccess(checks.AccessPolicies{BucketPolicy: data, UserPolicies: [][]byte{data}, STSPolicy: data}, req); err != nil {
				t.Fatalf("EvaluateAccess failed on a policy EvaluatePolicy accepts: %v", err)
			}
		}
	})
}
