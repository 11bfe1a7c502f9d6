package checks_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

const (
	owner    = "100000000001"
	subUin   = "100000000011"
	otherSub = "100000000022"
	region   = "ap-guangzhou"
	appid    = "1250000000"
	bucket   = "examplebucket-1250000000"
)

var (
	objRes    = checks.ResourceName(region, appid, bucket, "exampleobject")
	bucketRes = checks.ResourceName(region, appid, bucket, "")
	subUser   = checks.Principal{OwnerUin: owner, Uin: subUin}
	rootUser  = checks.Principal{OwnerUin: owner, Uin: owner}
)

func policyFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "checks", "policies", name))
	require.NoError(t, err)
	return b
}

// stmt builds a one-statement bucket policy.
func stmt(body string) []byte {
	return []byte(`{"version":"2.0","statement":[` + body + `]}`)
}

func signedReq(p checks.Principal, action, res string) checks.PolicyRequest {
	return checks.PolicyRequest{Principal: p, Action: action, Resource: res, Signed: true}
}

func anonReq(action, res string) checks.PolicyRequest {
	return checks.PolicyRequest{Principal: checks.Principal{Anonymous: true}, Action: action, Resource: res}
}

func TestResourceName(t *testing.T) {
	tests := []struct {
		bucket, key, want string
	}{
		{"examplebucket-1250000000", "a/b.txt", "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/a/b.txt"},
		{"examplebucket", "/a.txt", "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/a.txt"},
		{"examplebucket-1250000000", "", "qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, checks.ResourceName(region, appid, tc.bucket, tc.key), "ResourceName(%q, %q)", tc.bucket, tc.key)
	}
}

func TestEvaluatePolicy(t *testing.T) {
	allowSub := `{"sid":"AllowSub","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"effect":"allow","action":["name/cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"]}`
	denySub := `{"sid":"DenySub","principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"effect":"deny","action":["name/cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"]}`
	denyAnyone := `{"sid":"DenyAnyone","principal":{"qcs":["qcs::cam::anyone:anyone"]},"effect":"deny","action":["name/cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"]}`
	allowAnyone := `{"sid":"AllowAnyone","principal":{"qcs":["qcs::cam::anyone:anyone"]},"effect":"allow","action":["name/cos:GetObject"],"resource":["qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/*"]}`
	withCond := func(cond string) []byte {
		return stmt(`{"principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"effect":"allow","action":"name/cos:PutObject","resource":"*","condition":` + cond + `}`)
	}
	denyWithCond := func(cond string) []byte {
		return stmt(`{"principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"effect":"deny","action":"name/cos:PutObject","resource":"*","condition":` + cond + `},` +
			`{"principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"effect":"allow","action":"name/cos:PutObject","resource":"*"}`)
	}
	put := func(conds map[string]string) checks.PolicyRequest {
		r := signedReq(subUser, "name/cos:PutObject", checks.ResourceName(region, appid, bucket, "uploads/a.png"))
		r.Conditions = conds
		return r
	}

	tests := []struct {
		name         string
		policy       []byte
		req          checks.PolicyRequest
		want         checks.Decision
		wantDeciding int // -1: none
		wantSpecific bool
		wantMatched  []int
		reasonHas    []string
	}{
		{
			name: "allow for a specified user", policy: stmt(allowSub),
			req:  signedReq(subUser, "name/cos:GetObject", objRes),
			want: checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
			reasonHas: []string{`sid "AllowSub"`, "specified user"},
		},
		{
			name: "another user is implicitly denied", policy: stmt(allowSub),
			req:  signedReq(checks.Principal{OwnerUin: owner, Uin: otherSub}, "name/cos:GetObject", objRes),
			want: checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"denied by default (D-EVAL)", "closest", "names principal"},
		},
		{
			name: "deny beats allow for the same sub-account", policy: stmt(allowSub + "," + denySub),
			req:  signedReq(subUser, "GetObject", objRes),
			want: checks.DecisionExplicitDeny, wantDeciding: 1, wantSpecific: true, wantMatched: []int{0, 1},
			reasonHas: []string{"explicit deny overrides any allow"},
		},
		{
			name: "deny anyone does not reach a signed specified user", policy: stmt(denyAnyone + "," + allowSub),
			req:  signedReq(subUser, "name/cos:GetObject", objRes),
			want: checks.DecisionAllow, wantDeciding: 1, wantSpecific: true, wantMatched: []int{1},
			reasonHas: []string{"unsigned requests only (D-EVAL)", "specified user outranks everyone (D-403)"},
		},
		{
			name: "deny anyone denies an unsigned request", policy: stmt(denyAnyone + "," + allowAnyone),
			req:  anonReq("name/cos:GetObject", objRes),
			want: checks.DecisionExplicitDeny, wantDeciding: 0, wantMatched: []int{0, 1},
		},
		{
			name: "deny anyone leaves a signed request with no allow implicitly denied", policy: stmt(denyAnyone),
			req:  signedReq(subUser, "name/cos:GetObject", objRes),
			want: checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"applies to unsigned requests only"},
		},
		{
			name: "unsigned request with a uin is anonymous", policy: stmt(allowSub),
			req:  checks.PolicyRequest{Principal: subUser, Action: "name/cos:GetObject", Resource: objRes},
			want: checks.DecisionImplicitDeny, wantDeciding: -1,
		},
		{
			name:   "anonymous:anonymous spelling is everyone",
			policy: stmt(`{"principal":{"qcs":"qcs::cam::anonymous:anonymous"},"effect":"allow","action":"name/cos:GetObject","resource":"*"}`),
			req:    anonReq("name/cos:GetObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "principal star string",
			policy: stmt(`{"principal":"*","effect":"allow","action":"name/cos:GetObject","resource":"*"}`),
			req:    anonReq("name/cos:GetObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "specific allow reported over everyone allow",
			policy: stmt(allowAnyone + "," + allowSub),
			req:    signedReq(subUser, "name/cos:GetObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 1, wantSpecific: true, wantMatched: []int{0, 1},
		},
		{
			name:   "root account principal",
			policy: stmt(`{"principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000001"]},"effect":"allow","action":"name/cos:*","resource":"*"}`),
			req:    signedReq(checks.Principal{Uin: owner}, "name/cos:DeleteObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "statement without principal applies to the signed identity",
			policy: policyFile(t, "readonly-user.json"),
			req:    signedReq(subUser, "name/cos:HeadObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "statement without principal never applies to anonymous",
			policy: policyFile(t, "readonly-user.json"),
			req:    anonReq("name/cos:GetObject", objRes),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"signed requests from the identity"},
		},
		{
			name:   "cos:Get* covers GetObject",
			policy: policyFile(t, "readonly-user.json"),
			req:    signedReq(subUser, "cos:GetObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "cos:Get* does not cover PutObject",
			policy: policyFile(t, "readonly-user.json"),
			req:    signedReq(subUser, "name/cos:PutObject", objRes),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"does not cover action name/cos:PutObject"},
		},
		{
			name:   "name/cos:* covers everything and actions ignore case",
			policy: stmt(`{"principal":"*","effect":"allow","action":"NAME/COS:*","resource":"*"}`),
			req:    anonReq("name/cos:PutObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "folder resource covers nested keys",
			policy: stmt(`{"principal":"*","effect":"allow","action":"*","resource":"qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/folder/*"}`),
			req:    anonReq("name/cos:GetObject", checks.ResourceName(region, appid, bucket, "folder/a/b.txt")),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "folder resource does not cover other keys",
			policy: stmt(`{"principal":"*","effect":"allow","action":"*","resource":"qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000/folder/*"}`),
			req:    anonReq("name/cos:GetObject", checks.ResourceName(region, appid, bucket, "other/a.txt")),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"covers resource"},
		},
		{
			name:   "bucket resource without trailing slash",
			policy: stmt(`{"principal":"*","effect":"allow","action":"name/cos:GetBucket","resource":"qcs::cos:ap-guangzhou:uid/1250000000:examplebucket-1250000000"}`),
			req:    anonReq("name/cos:GetBucket", bucketRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "another region is not covered",
			policy: stmt(`{"principal":"*","effect":"allow","action":"*","resource":"qcs::cos:ap-beijing:uid/1250000000:examplebucket-1250000000/*"}`),
			req:    anonReq("name/cos:GetObject", objRes),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
		},
		{
			name:   "ip_equal inside the CIDR block",
			policy: withCond(`{"ip_equal":{"qcs:ip":["10.121.2.0/24"]}}`),
			req:    put(map[string]string{"qcs:ip": "10.121.2.77"}),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "ip_equal outside the CIDR block",
			policy: withCond(`{"ip_equal":{"qcs:ip":["10.121.2.0/24"]}}`),
			req:    put(map[string]string{"qcs:ip": "10.121.3.1"}),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{`condition ip_equal qcs:ip is false for request value "10.121.3.1"`},
		},
		{
			name:   "ip_equal single address, condition key in other case",
			policy: withCond(`{"ip_equal":{"QCS:IP":"192.168.1.10"}}`),
			req:    put(map[string]string{"qcs:ip": "192.168.1.10"}),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "ip_not_equal",
			policy: withCond(`{"ip_not_equal":{"qcs:ip":["10.0.0.0/8"]}}`),
			req:    put(map[string]string{"qcs:ip": "10.1.1.1"}),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
		},
		{
			name:   "plain operator on a missing key is false",
			policy: withCond(`{"string_equal":{"cos:x-cos-storage-class":"STANDARD_IA"}}`),
			req:    put(nil),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"absent from the request (D-COND)"},
		},
		{
			name:   "_if_exist operator on a missing key is true",
			policy: withCond(`{"string_equal_if_exist":{"cos:x-cos-storage-class":"STANDARD_IA"}}`),
			req:    put(nil),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "deny with string_equal_if_exist denies requests lacking the key",
			policy: denyWithCond(`{"string_equal_if_exist":{"cos:x-cos-acl":"public-read"}}`),
			req:    put(nil),
			want:   checks.DecisionExplicitDeny, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0, 1},
		},
		{
			name:   "deny with string_equal does not deny requests lacking the key",
			policy: denyWithCond(`{"string_equal":{"cos:x-cos-acl":"public-read"}}`),
			req:    put(nil),
			want:   checks.DecisionAllow, wantDeciding: 1, wantSpecific: true, wantMatched: []int{1},
		},
		{
			name:   "string_not_equal",
			policy: withCond(`{"string_not_equal":{"cos:x-cos-acl":["public-read","public-read-write"]}}`),
			req:    put(map[string]string{"cos:x-cos-acl": "private"}),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "string_like wildcard",
			policy: withCond(`{"string_like":{"cos:content-type":"image%2F*"}}`),
			req:    put(map[string]string{"cos:content-type": "image%2Fpng"}),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "unencoded condition value hints at URL encoding",
			policy: withCond(`{"string_equal":{"cos:content-type":"image/jpeg"}}`),
			req:    put(map[string]string{"cos:content-type": "image%2Fjpeg"}),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"URL-encoded"},
		},
		{
			name:   "numeric_less_than_equal",
			policy: withCond(`{"numeric_less_than_equal":{"cos:content-length":1024}}`),
			req:    put(map[string]string{"cos:content-length": "1024"}),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "numeric_greater_than fails",
			policy: withCond(`{"numeric_greater_than":{"cos:content-length":"1024"}}`),
			req:    put(map[string]string{"cos:content-length": "10"}),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
		},
		{
			name:   "numeric value that is not a number",
			policy: withCond(`{"numeric_equal":{"cos:content-length":1}}`),
			req:    put(map[string]string{"cos:content-length": "one"}),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
			reasonHas: []string{"is not a number"},
		},
		{
			name:   "numeric_not_equal",
			policy: withCond(`{"numeric_not_equal":{"cos:content-length":[0, 1]}}`),
			req:    put(map[string]string{"cos:content-length": "2"}),
			want:   checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "bool_equal secure transport",
			policy: withCond(`{"bool_equal":{"cos:secure-transport":true}}`),
			req:    put(map[string]string{"cos:secure-transport": "false"}),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
		},
		{
			name:   "escaped strings are decoded",
			policy: []byte(`{"version":"2.0","statement":[{"principal":"*","effect":"\u0061llow","action":"name\/cos:GetObject","resource":"*"}]}`),
			req:    anonReq("name/cos:GetObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "capitalised keys and single statement object",
			policy: []byte(`{"Version":"2.0","Statement":{"Sid":"S","Principal":{"QCS":["*"]},"Effect":"Allow","Action":"name/cos:GetObject","Resource":"*"}}`),
			req:    anonReq("name/cos:GetObject", objRes),
			want:   checks.DecisionAllow, wantDeciding: 0, wantMatched: []int{0},
		},
		{
			name:   "conditions file: all conditions hold",
			policy: policyFile(t, "conditions.json"),
			req: put(map[string]string{
				"qcs:ip": "10.121.2.3", "cos:x-cos-storage-class": "STANDARD_IA", "cos:content-length": "100",
			}),
			want: checks.DecisionAllow, wantDeciding: 0, wantSpecific: true, wantMatched: []int{0},
		},
		{
			name:   "conditions file: other storage class is denied",
			policy: policyFile(t, "conditions.json"),
			req: put(map[string]string{
				"qcs:ip": "10.121.2.3", "cos:x-cos-storage-class": "ARCHIVE", "cos:content-length": "100",
			}),
			want: checks.DecisionExplicitDeny, wantDeciding: 1, wantSpecific: true, wantMatched: []int{1},
			reasonHas: []string{`sid "DenyNonStandardIfPresent"`},
		},
		{
			name:   "unknown principal spelling never matches",
			policy: stmt(`{"principal":{"qcs":["qcs::cam::uin/100000000001:groupid/13"]},"effect":"allow","action":"*","resource":"*"}`),
			req:    signedReq(subUser, "name/cos:GetObject", objRes),
			want:   checks.DecisionImplicitDeny, wantDeciding: -1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := checks.EvaluatePolicy(tc.policy, tc.req)
			require.NoError(t, err)
			assert.Equal(t, tc.want, d.Decision, "EvaluatePolicy().Decision; reason: %s", d.Reason)
			if tc.wantDeciding < 0 {
				assert.Nil(t, d.Deciding, "Deciding")
			} else if assert.NotNil(t, d.Deciding, "Deciding") {
				assert.Equal(t, tc.wantDeciding, d.Deciding.Index, "Deciding.Index")
				assert.Equal(t, tc.wantSpecific, d.Deciding.Specific, "Deciding.Specific")
			}
			var matched []int
			for _, m := range d.Matched {
				matched = append(matched, m.Index)
			}
			assert.Equal(t, tc.wantMatched, matched, "Matched")
			for _, s := range tc.reasonHas {
				assert.Contains(t, d.Reason, s)
			}
			assert.NotContains(t, d.Reason, "\n")
		})
	}
}

func TestEvaluatePolicyErrors(t *testing.T) {
	tests := []struct {
		name      string
		policy    string
		field     string
		offsetAt  string // the error offset points at this substring; "" = don't check
		wantSyntx bool
	}{
		{name: "empty", policy: "  "},
		{name: "truncated", policy: `{"version":"2.0","statement":[`, wantSyntx: false},
		{name: "syntax error", policy: `{"version":"2.0" "statement":[]}`, wantSyntx: true, offsetAt: `"statement"`},
		{name: "syntax error at the end", policy: `{"version":"2.0"}x`, wantSyntx: true, offsetAt: `x`},
		{name: "not an object", policy: `[1,2]`, offsetAt: `[1,2]`},
		{name: "missing version", policy: `{"statement":[]}`, field: "version"},
		{name: "wrong version", policy: `{"version":"1.0","statement":[]}`, field: "version", offsetAt: `"1.0"`},
		{name: "missing statement", policy: `{"version":"2.0"}`, field: "statement"},
		{name: "statement not a list", policy: `{"version":"2.0","statement":"x"}`, field: "statement", offsetAt: `"x"`},
		{name: "bad effect", policy: `{"version":"2.0","statement":[{"effect":"permit","action":"*","resource":"*"}]}`, field: "statement[0].effect", offsetAt: `"permit"`},
		{name: "missing effect", policy: `{"version":"2.0","statement":[{"action":"*","resource":"*"}]}`, field: "statement[0].effect"},
		{name: "missing action", policy: `{"version":"2.0","statement":[{"effect":"allow","resource":"*"}]}`, field: "statement[0].action"},
		{name: "missing resource", policy: `{"version":"2.0","statement":[{"effect":"allow","action":"*"}]}`, field: "statement[0].resource"},
		{name: "action of wrong type", policy: `{"version":"2.0","statement":[{"effect":"allow","action":[1],"resource":"*"}]}`, field: "statement[0].action[0]", offsetAt: `1]`},
		{name: "empty action list", policy: `{"version":"2.0","statement":[{"effect":"allow","action":[],"resource":"*"}]}`, field: "statement[0].action"},
		{name: "unsupported element", policy: `{"version":"2.0","statement":[{"effect":"allow","notAction":"*","action":"*","resource":"*"}]}`, field: "statement[0].notAction", offsetAt: `"*","action"`},
		{name: "duplicate key in other case", policy: `{"version":"2.0","statement":[{"effect":"allow","Effect":"deny","action":"*","resource":"*"}]}`, field: "statement[0].Effect"},
		{name: "unsupported operator", policy: `{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"date_greater_than":{"qcs:current_time":"2020-01-01"}}}]}`, field: "statement[0].condition.date_greater_than"},
		{name: "bad CIDR", policy: `{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"ip_equal":{"qcs:ip":"10.0.0.0/99"}}}]}`, field: "statement[0].condition.ip_equal.qcs:ip", offsetAt: `"10.0.0.0/99"`},
		{name: "bad number", policy: `{"version":"2.0","statement":[{"effect":"allow","action":"*","resource":"*","condition":{"numeric_equal":{"cos:content-length":"ten"}}}]}`, field: "statement[0].condition.numeric_equal.cos:content-length"},
		{name: "bad principal type", policy: `{"version":"2.0","statement":[{"principal":{"service":"cdn"},"effect":"allow","action":"*","resource":"*"}]}`, field: "statement[0].principal.service"},
		{name: "trailing data", policy: `{"version":"2.0","statement":[]} {}`, offsetAt: `{}`},
		{name: "invalid UTF-8", policy: "{\"version\":\"2.0\",\"statement\":[\"\xff\"]}", offsetAt: "\xff"},
		{name: "too deep", policy: `{"version":"2.0","statement":[` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `]}`},
		{name: "too large", policy: `{"version":"2.0","statement":[],"x":"` + strings.Repeat("a", checks.MaxPolicySize) + `"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := checks.EvaluatePolicy([]byte(tc.policy), signedReq(subUser, "GetObject", objRes))
			require.Error(t, err)
			assert.ErrorIs(t, err, checks.ErrInvalidPolicy)
			var pe *checks.PolicyError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.field, pe.Field, "PolicyError.Field")
			assert.GreaterOrEqual(t, pe.Offset, int64(-1))
			assert.LessOrEqual(t, pe.Offset, int64(len(tc.policy)))
			if tc.offsetAt != "" {
				assert.Equal(t, int64(strings.Index(tc.policy, tc.offsetAt)), pe.Offset, "PolicyError.Offset; error: %v", err)
			}
			if tc.wantSyntx {
				var se *json.SyntaxError
				assert.ErrorAs(t, err, &se, "PolicyError wraps the JSON syntax error")
			}
			assert.True(t, strings.HasPrefix(err.Error(), "checks: policy: "), "Error() = %q", err.Error())
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

func TestPolicyErrorString(t *testing.T) {
	tests := []struct {
		err  checks.PolicyError
		want string
	}{
		{checks.PolicyError{Offset: -1, Problem: "empty policy"}, "checks: policy: empty policy"},
		{checks.PolicyError{Offset: 3, Problem: "malformed JSON: x"}, "checks: policy: (offset 3): malformed JSON: x"},
		{checks.PolicyError{Policy: "sts_policy", Offset: 9, Field: "version", Problem: "bad"}, "checks: sts_policy: version (offset 9): bad"},
		{checks.PolicyError{Offset: -1, Field: "statement", Problem: "missing"}, "checks: policy: statement: missing"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.err.Error())
	}
}

func TestPolicyDecisionFinding(t *testing.T) {
	pol := policyFile(t, "deny-anyone-getobject.json")
	d, err := checks.EvaluatePolicy(pol, anonReq("name/cos:GetObject", objRes))
	require.NoError(t, err)
	f := d.Finding()
	assert.Equal(t, checks.StatusFail, f.Status)
	assert.Equal(t, cos403.CauseAnonymousDenied, f.Cause)
	v, ok := f.Value("deciding_statement")
	assert.True(t, ok)
	assert.Contains(t, v, `statement[0] (sid "DenyAnyoneGet") deny`)

	d, err = checks.EvaluatePolicy(pol, signedReq(subUser, "name/cos:GetObject", objRes))
	require.NoError(t, err)
	f = d.Finding()
	assert.Equal(t, checks.StatusFail, f.Status)
	assert.Equal(t, cos403.CausePermissionDenied, f.Cause)
	assert.Equal(t, checks.DecisionImplicitDeny, d.Decision)

	assert.Equal(t, checks.StatusNotApplicable, checks.PolicyDecision{}.Finding().Status)
}

func TestParsePolicyReuse(t *testing.T) {
	p, err := checks.ParsePolicy(policyFile(t, "conditions.json"))
	require.NoError(t, err)
	assert.Equal(t, 2, p.Statements())
	var nilPolicy *checks.Policy
	assert.Equal(t, checks.DecisionImplicitDeny, nilPolicy.Evaluate(anonReq("GetObject", objRes)).Decision)
	assert.Equal(t, 0, nilPolicy.Statements())

	_, err = checks.ParsePolicy(nil)
	assert.True(t, errors.Is(err, checks.ErrInvalidPolicy))
}
