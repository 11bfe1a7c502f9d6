package checks_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

// TestEvaluateAccessWorkedExample is D-EVAL's worked example: a bucket policy
// denies everyone GetObject, and a sub-account has a read-only user policy.
// The sub-account is allowed when it signs and denied when it does not.
func TestEvaluateAccessWorkedExample(t *testing.T) {
	p := checks.AccessPolicies{
		BucketPolicy: policyFile(t, "deny-anyone-getobject.json"),
		UserPolicies: [][]byte{policyFile(t, "readonly-user.json")},
	}

	signed, err := checks.EvaluateAccess(p, signedReq(subUser, "name/cos:GetObject", objRes))
	require.NoError(t, err)
	assert.True(t, signed.Allowed, "signed: %s", signed.Reason)
	assert.Equal(t, checks.DecisionAllow, signed.Decision)
	assert.Equal(t, checks.SourceUserPolicy, signed.Source)
	require.Len(t, signed.Details, 2)
	assert.Equal(t, "bucket_policy", signed.Details[0].Policy)
	assert.Equal(t, checks.DecisionImplicitDeny, signed.Details[0].Decision, "the deny for anyone does not reach a signed request")
	assert.Equal(t, "user_policy[0]", signed.Details[1].Policy)
	assert.Equal(t, checks.StatusPass, signed.Finding().Status)

	unsigned := checks.PolicyRequest{Principal: subUser, Action: "name/cos:GetObject", Resource: objRes}
	denied, err := checks.EvaluateAccess(p, unsigned)
	require.NoError(t, err)
	assert.False(t, denied.Allowed)
	assert.Equal(t, checks.DecisionExplicitDeny, denied.Decision)
	assert.Equal(t, checks.SourceBucketPolicy, denied.Source)
	require.NotNil(t, denied.Deciding)
	assert.Equal(t, "DenyAnyoneGet", denied.Deciding.Sid)
	f := denied.Finding()
	assert.Equal(t, checks.StatusFail, f.Status)
	assert.Equal(t, cos403.CauseAnonymousDenied, f.Cause)
}

func TestEvaluateAccess(t *testing.T) {
	denyRoot := stmt(`{"principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000001"]},"effect":"deny","action":"name/cos:*","resource":"*"}`)
	allowSubBucket := stmt(`{"principal":{"qcs":["qcs::cam::uin/100000000001:uin/100000000011"]},"effect":"allow","action":"name/cos:GetObject","resource":"*"}`)
	allowAll := stmt(`{"effect":"allow","action":"name/cos:*","resource":"*"}`)
	denyAllUser := stmt(`{"effect":"deny","action":"name/cos:GetObject","resource":"*"}`)
	allowOtherRoot := stmt(`{"principal":{"qcs":["qcs::cam::uin/200000000001:uin/200000000001"]},"effect":"allow","action":"name/cos:GetObject","resource":"*"}`)
	allowOtherSub := stmt(`{"principal":{"qcs":["qcs::cam::uin/200000000001:uin/200000000022"]},"effect":"allow","action":"name/cos:GetObject","resource":"*"}`)
	otherRoot := checks.Principal{OwnerUin: "200000000001", Uin: "200000000001"}
	otherAccSub := checks.Principal{OwnerUin: "200000000001", Uin: "200000000022"}
	publicObj := checks.ResourceName(region, appid, bucket, "public/a.png")
	stsObj := policyFile(t, "sts-one-object.json")

	tests := []struct {
		name       string
		p          checks.AccessPolicies
		req        checks.PolicyRequest
		allowed    bool
		decision   checks.Decision
		source     string
		reasonHas  string
		wantCause  cos403.Cause
		wantDetail int
	}{
		{
			name: "root owner with no policy", req: signedReq(rootUser, "name/cos:DeleteObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceRoot, reasonHas: "root account",
		},
		{
			name: "root owner given as Uin only", req: signedReq(checks.Principal{Uin: owner}, "name/cos:PutObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceRoot,
		},
		{
			name: "bucket policy deny naming the root binds it", p: checks.AccessPolicies{BucketPolicy: denyRoot},
			req:     signedReq(rootUser, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionExplicitDeny, source: checks.SourceBucketPolicy, wantCause: cos403.CausePermissionDenied,
		},
		{
			name: "root can always put the bucket policy", p: checks.AccessPolicies{BucketPolicy: denyRoot},
			req:     signedReq(rootUser, "name/cos:PutBucketPolicy", bucketRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceRoot, reasonHas: "D-BPOL",
		},
		{
			name: "sub-account with nothing is implicitly denied", req: signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault, reasonHas: "no bucket policy",
			wantCause: cos403.CausePermissionDenied,
		},
		{
			name: "bucket policy alone grants a same-account sub-account (union)", p: checks.AccessPolicies{BucketPolicy: allowSubBucket},
			req:     signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceBucketPolicy,
		},
		{
			name: "user policy alone grants a same-account sub-account (union)", p: checks.AccessPolicies{UserPolicies: [][]byte{allowAll}},
			req:     signedReq(subUser, "name/cos:PutObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceUserPolicy,
		},
		{
			name: "deny in one user policy beats allow in another", p: checks.AccessPolicies{UserPolicies: [][]byte{allowAll, denyAllUser}, BucketPolicy: allowSubBucket},
			req:     signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionExplicitDeny, source: checks.SourceUserPolicy, reasonHas: "user_policy[1]",
		},
		{
			name: "anonymous access policy beats a private bucket", p: checks.AccessPolicies{BucketPolicy: policyFile(t, "public-read-anonymous.json"), BucketACL: checks.ACLPrivate},
			req:     anonReq("name/cos:GetObject", publicObj),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceBucketPolicy, reasonHas: "outranks a private ACL (D-403)",
		},
		{
			name: "anonymous on a private bucket", p: checks.AccessPolicies{BucketACL: checks.ACLPrivate},
			req:     anonReq("name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault, wantCause: cos403.CauseAnonymousDenied,
			reasonHas: "ACL private",
		},
		{
			name: "public-read bucket lets anonymous read", p: checks.AccessPolicies{BucketACL: checks.ACLPublicRead},
			req:     anonReq("name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL, reasonHas: "bucket ACL public-read",
		},
		{
			name: "public-read bucket lists for anonymous", p: checks.AccessPolicies{BucketACL: checks.ACLPublicRead},
			req:     anonReq("name/cos:GetBucket", bucketRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL,
		},
		{
			name: "public-read bucket does not let anonymous write", p: checks.AccessPolicies{BucketACL: checks.ACLPublicRead},
			req:     anonReq("name/cos:PutObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault,
		},
		{
			name: "public-read-write bucket lets anonymous write", p: checks.AccessPolicies{BucketACL: checks.ACLPublicReadWrite},
			req:     anonReq("name/cos:PutObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL,
		},
		{
			name: "private object ACL beats public-read bucket ACL", p: checks.AccessPolicies{BucketACL: checks.ACLPublicRead, ObjectACL: checks.ACLPrivate},
			req:     anonReq("name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault,
		},
		{
			name: "public-read object ACL beats private bucket ACL", p: checks.AccessPolicies{BucketACL: checks.ACLPrivate, ObjectACL: checks.ACLPublicRead},
			req:     anonReq("name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL, reasonHas: "object ACL outranks the bucket ACL (D-ANON)",
		},
		{
			name: "default object ACL inherits the bucket's", p: checks.AccessPolicies{BucketACL: checks.ACLPublicRead, ObjectACL: "default"},
			req:     anonReq("name/cos:HeadObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL,
		},
		{
			name: "deny anyone beats a public-read ACL for anonymous", p: checks.AccessPolicies{BucketACL: checks.ACLPublicRead, BucketPolicy: policyFile(t, "deny-anyone-getobject.json")},
			req:     anonReq("name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionExplicitDeny, source: checks.SourceBucketPolicy,
		},
		{
			name: "authenticated-read refuses anonymous", p: checks.AccessPolicies{BucketACL: checks.ACLAuthenticatedRead},
			req:     anonReq("name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault,
		},
		{
			name: "authenticated-read admits a signed sub-account", p: checks.AccessPolicies{BucketACL: checks.ACLAuthenticatedRead},
			req:     signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL, reasonHas: "authenticated users",
		},
		{
			name: "temporary key within its policy", p: checks.AccessPolicies{UserPolicies: [][]byte{allowAll}, STSPolicy: stsObj},
			req:     signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceUserPolicy, reasonHas: "within the temporary key's policy",
		},
		{
			name: "temporary key outside its policy", p: checks.AccessPolicies{UserPolicies: [][]byte{allowAll}, STSPolicy: stsObj},
			req:     signedReq(subUser, "name/cos:GetObject", checks.ResourceName(region, appid, bucket, "other")),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceSTSPolicy, reasonHas: "seed step 5.2",
		},
		{
			name: "temporary key of the root account is limited too", p: checks.AccessPolicies{STSPolicy: stsObj},
			req:     signedReq(rootUser, "name/cos:DeleteObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceSTSPolicy,
		},
		{
			name: "temporary key policy does not grant by itself", p: checks.AccessPolicies{STSPolicy: stsObj},
			req:     signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault,
		},
		{
			name: "temporary key still reads a public-read object", p: checks.AccessPolicies{UserPolicies: [][]byte{allowAll}, STSPolicy: stsObj, BucketACL: checks.ACLPublicRead},
			req:     signedReq(subUser, "name/cos:GetObject", checks.ResourceName(region, appid, bucket, "other")),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceACL, reasonHas: "judged as anonymous",
		},
		{
			name: "explicit deny in the temporary key policy", p: checks.AccessPolicies{UserPolicies: [][]byte{allowAll}, STSPolicy: denyAllUser},
			req:     signedReq(subUser, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionExplicitDeny, source: checks.SourceSTSPolicy,
		},
		{
			name: "another account's root granted by the bucket policy", p: checks.AccessPolicies{OwnerUin: owner, BucketPolicy: allowOtherRoot},
			req:     signedReq(otherRoot, "name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceBucketPolicy,
		},
		{
			name: "another account's root without a grant", p: checks.AccessPolicies{OwnerUin: owner},
			req:     signedReq(otherRoot, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault,
		},
		{
			name: "cross-account sub-account needs its own user policy", p: checks.AccessPolicies{OwnerUin: owner, BucketPolicy: allowOtherSub},
			req:     signedReq(otherAccSub, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceUserPolicy, reasonHas: "no user policy of its own",
		},
		{
			name: "cross-account sub-account with both grants", p: checks.AccessPolicies{OwnerUin: owner, BucketPolicy: allowOtherSub, UserPolicies: [][]byte{allowAll}},
			req:     signedReq(otherAccSub, "name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceBucketPolicy,
		},
		{
			name: "cross-account sub-account through a grant to its root", p: checks.AccessPolicies{OwnerUin: owner, BucketPolicy: allowOtherRoot, UserPolicies: [][]byte{allowAll}},
			req:     signedReq(otherAccSub, "name/cos:GetObject", objRes),
			allowed: true, decision: checks.DecisionAllow, source: checks.SourceBucketPolicy, reasonHas: "grant to the root account reaches its sub-accounts",
		},
		{
			name: "grant to its root without a user policy of its own", p: checks.AccessPolicies{OwnerUin: owner, BucketPolicy: allowOtherRoot},
			req:     signedReq(otherAccSub, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceUserPolicy, reasonHas: "no user policy of its own",
		},
		{
			name: "cross-account user policy alone does not reach the bucket", p: checks.AccessPolicies{OwnerUin: owner, UserPolicies: [][]byte{allowAll}},
			req:     signedReq(otherAccSub, "name/cos:GetObject", objRes),
			allowed: false, decision: checks.DecisionImplicitDeny, source: checks.SourceDefault, reasonHas: "another account's resource",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := checks.EvaluateAccess(tc.p, tc.req)
			require.NoError(t, err)
			assert.Equal(t, tc.allowed, d.Allowed, "EvaluateAccess().Allowed; reason: %s", d.Reason)
			assert.Equal(t, tc.decision, d.Decision, "Decision")
			assert.Equal(t, tc.source, d.Source, "Source; reason: %s", d.Reason)
			if tc.reasonHas != "" {
				assert.Contains(t, d.Reason, tc.reasonHas)
			}
			assert.NotContains(t, d.Reason, "\n")
			f := d.Finding()
			if tc.allowed {
				assert.Equal(t, checks.StatusPass, f.Status)
			} else {
				assert.Equal(t, checks.StatusFail, f.Status)
			}
			if tc.wantCause != "" {
				assert.Equal(t, tc.wantCause, f.Cause)
			}
			src, _ := f.Value("source")
			assert.Equal(t, tc.source, src)
		})
	}
}

func TestEvaluateAccessErrors(t *testing.T) {
	tests := []struct {
		name       string
		p          checks.AccessPolicies
		wantPolicy string
		wantACL    bool
	}{
		{name: "bad bucket policy", p: checks.AccessPolicies{BucketPolicy: []byte(`{`)}, wantPolicy: "bucket_policy"},
		{name: "bad second user policy", p: checks.AccessPolicies{UserPolicies: [][]byte{policyFile(t, "readonly-user.json"), []byte(`{"version":"2.0"}`)}}, wantPolicy: "user_policy[1]"},
		{name: "bad STS policy", p: checks.AccessPolicies{STSPolicy: []byte(`[]`)}, wantPolicy: "sts_policy"},
		{name: "unknown bucket ACL", p: checks.AccessPolicies{BucketACL: "everyone"}, wantACL: true},
		{name: "public-read-write object", p: checks.AccessPolicies{ObjectACL: checks.ACLPublicReadWrite}, wantACL: true},
		{name: "bucket-owner-read on a bucket", p: checks.AccessPolicies{BucketACL: checks.ACLBucketOwnerRead}, wantACL: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := checks.EvaluateAccess(tc.p, signedReq(subUser, "GetObject", objRes))
			require.Error(t, err)
			if tc.wantACL {
				assert.ErrorIs(t, err, checks.ErrInvalidACL)
				return
			}
			var pe *checks.PolicyError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.wantPolicy, pe.Policy)
			assert.Contains(t, err.Error(), "checks: "+tc.wantPolicy+":")
		})
	}
}

func TestEvaluateAccessZeroFinding(t *testing.T) {
	assert.Equal(t, checks.StatusNotApplicable, checks.AccessDecision{}.Finding().Status)
}
