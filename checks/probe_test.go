package checks_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
	"github.com/cos403/cos403-go/signature"
)

func TestCheckClockSkew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		offset   time.Duration
		endpoint func(f *fx) string
		status   checks.Status
	}{
		{"in sync", 0, (*fx).bucketURL, checks.StatusPass},
		{"server 3 minutes ahead", 3 * time.Minute, (*fx).bucketURL, checks.StatusWarn},
		{"server 20 minutes behind", -20 * time.Minute, (*fx).bucketURL, checks.StatusFail},
		{"server 20 minutes ahead, service endpoint", 20 * time.Minute, func(f *fx) string { return f.srv.ServiceURL(fxRegion).String() }, checks.StatusFail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			f.srv.SetOffset(tc.offset)
			res := checks.CheckClockSkew(testCtx(t), f.srv.Client(), tc.endpoint(f))
			assert.Equalf(t, tc.status, res.Finding.Status, "CheckClockSkew(%s).Status = %v, want %v: %v", tc.name, res.Finding.Status, tc.status, res.Finding)
			assert.Equal(t, "clock_skew", res.Finding.Check)
			assert.InDelta(t, tc.offset.Seconds(), res.Offset.Seconds(), 2, "offset")
			assert.WithinDuration(t, f.srv.Now(), res.Correct(time.Now()), 2*time.Second)
			min, err := strconv.ParseFloat(evidence(res.Finding, "skew_minutes"), 64)
			require.NoError(t, err)
			assert.InDelta(t, tc.offset.Abs().Minutes(), min, 0.1)
			if tc.status == checks.StatusFail {
				assert.Equal(t, cos403.CauseRequestTimeTooSkewed, res.Finding.Cause)
			}
		})
	}
	t.Run("service endpoint carries ServerTime", func(t *testing.T) {
		t.Parallel()
		f := newFx(t)
		res := checks.CheckClockSkew(testCtx(t), f.srv.Client(), f.srv.ServiceURL(fxRegion).String())
		assert.Contains(t, evidence(res.Finding, "answer"), "signature empty")
		assert.False(t, res.ServerTime.IsZero())
	})
	t.Run("invalid endpoint", func(t *testing.T) {
		t.Parallel()
		res := checks.CheckClockSkew(testCtx(t), nil, "not a url")
		assert.Equal(t, checks.StatusNotApplicable, res.Finding.Status)
		assert.Zero(t, res.Offset)
	})
}

// TestCheckClockSkewWholeSecond: the Date header cuts the server's clock
// to the second. Sent late in a second, an exchange with a server in step
// with this machine reads a Date up to a second "behind"; the probe reads
// it as the middle of its second and reports no skew.
func TestCheckClockSkewWholeSecond(t *testing.T) {
	t.Parallel()
	// net/http stamps Date itself, from the same clock as this test.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	defer srv.Close()
	var res checks.ClockSkewResult
	for attempt := 0; attempt < 5; attempt++ {
		// Start 0.65 s into a second: without the correction the offset
		// reads about -0.65 s, which rounds to -1s.
		now := time.Now()
		start := now.Truncate(time.Second).Add(650 * time.Millisecond)
		if !start.After(now) {
			start = start.Add(time.Second)
		}
		time.Sleep(time.Until(start))
		res = checks.CheckClockSkew(testCtx(t), srv.Client(), srv.URL)
		if res.RoundTrip < 100*time.Millisecond {
			break
		}
	}
	require.Less(t, res.RoundTrip, 100*time.Millisecond, "every exchange was too slow to measure")
	assert.InDelta(t, 0, res.Offset.Seconds(), 0.5, "CheckClockSkew.Offset = %v, want about 0", res.Offset)
	assert.Equal(t, "0s", evidence(res.Finding, "skew"), "%v", res.Finding)
	assert.Equal(t, checks.StatusPass, res.Finding.Status)
}

func TestCheckCORS(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules })
	ctx := testCtx(t)

	ok := checks.CheckCORS(ctx, f.srv.Client(), f.objectURL("public.txt"), "https://app.example.com", "PUT", "x-cos-meta-author")
	assert.Equal(t, checks.StatusPass, ok.Status, "%v", ok)
	assert.Equal(t, "https://app.example.com", evidence(ok, "access_control_allow_origin"))
	assert.Contains(t, evidence(ok, "access_control_allow_methods"), "PUT")

	refused := checks.CheckCORS(ctx, f.srv.Client(), f.objectURL("public.txt"), "https://app.example.com", "GET", "x-custom")
	assert.Equal(t, checks.StatusFail, refused.Status)
	assert.Equal(t, cos403.CauseCORSRejected, refused.Cause)
	assert.Contains(t, evidence(refused, "cors_rules"), "not read")

	explained := checks.CheckCORSWith(ctx, checks.CORSProbe{
		Client: f.srv.Client(), URL: f.objectURL("public.txt"), Origin: "https://app.example.com",
		Method: "GET", Headers: []string{"x-custom"}, COS: f.sdk(fxRootCred),
	})
	assert.Equal(t, "header:x-custom", evidence(explained, "failed"))
	assert.Contains(t, evidence(explained, "closest_rule"), `id "app"`)

	// Rules given by the caller that accept the preflight: COS did not use
	// them (the bucket has others), and the finding says so.
	given := checks.CheckCORSWith(ctx, checks.CORSProbe{
		Client: f.srv.Client(), URL: f.objectURL("public.txt"), Origin: "https://other.example.com",
		Rules: []cos.BucketCORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}},
	})
	assert.Equal(t, checks.StatusFail, given.Status)
	assert.Contains(t, evidence(given, "local_evaluation"), "allowed by rule 0")

	// A sub-account cannot read the rules; the refusal stands, unexplained.
	unreadable := checks.CheckCORSWith(ctx, checks.CORSProbe{
		Client: f.srv.Client(), URL: f.objectURL("public.txt"), Origin: "https://x.example.com", COS: f.sdk(fxSubCred),
	})
	assert.Equal(t, checks.StatusFail, unreadable.Status)
	assert.Contains(t, evidence(unreadable, "cors_rules"), "unreadable: 403")

	// A signed URL is probed unsigned, as a preflight carries no signature.
	presigned, err := signature.Presign(http.MethodGet, f.objectURL("public.txt"), fxRootCred, signature.Options{})
	require.NoError(t, err)
	fromSigned := checks.CheckCORS(ctx, f.srv.Client(), presigned, "https://app.example.com", "GET")
	assert.Equal(t, checks.StatusPass, fromSigned.Status)
	assert.NotContains(t, evidence(fromSigned, "url"), "q-signature")

	assert.Equal(t, checks.StatusNotApplicable, checks.CheckCORS(ctx, nil, f.objectURL("public.txt"), "", "GET").Status)
	assert.Equal(t, checks.StatusNotApplicable, checks.CheckCORS(ctx, nil, "::", "https://a.example", "GET").Status)
}

func TestCheckReferer(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList })
	ctx := testCtx(t)
	u := f.objectURL("public.txt")

	pass := checks.CheckReferer(ctx, f.srv.Client(), u, "https://www.example.com/page")
	assert.Equal(t, checks.StatusPass, pass.Status, "%v", pass)
	assert.Contains(t, evidence(pass, "with_referer"), "206")
	assert.Contains(t, evidence(pass, "without_referer"), "referer_denied")
	assert.Contains(t, pass.Summary, "allow empty referer", "a refused empty referer is reported on a pass")

	fail := checks.CheckReferer(ctx, f.srv.Client(), u, "https://evil.test/?sign=abc")
	assert.Equal(t, checks.StatusFail, fail.Status)
	assert.Equal(t, "https://evil.test/", evidence(fail, "referer"), "the query of a Referer is never shown")

	cfg := *fxWhiteList
	explained := checks.CheckRefererWith(ctx, checks.RefererProbe{Client: f.srv.Client(), URL: u, Referer: "https://evil.test/", Config: &cfg})
	assert.Equal(t, "White-List", evidence(explained, "list"))
	assert.Contains(t, evidence(explained, "referer_config"), "given")

	read := checks.CheckRefererWith(ctx, checks.RefererProbe{Client: f.srv.Client(), URL: u, Referer: "", COS: f.sdk(fxRootCred)})
	assert.Equal(t, checks.StatusFail, read.Status)
	assert.Equal(t, "empty_referer", evidence(read, "rule"))
	assert.Contains(t, evidence(read, "referer_config"), "read from the bucket")

	// A configuration that disagrees with COS is pointed out.
	open := checks.RefererConfig{}
	disagree := checks.CheckRefererWith(ctx, checks.RefererProbe{Client: f.srv.Client(), URL: u, Referer: "https://evil.test/", Config: &open})
	assert.Equal(t, checks.StatusFail, disagree.Status)
	assert.Equal(t, "allowed", evidence(disagree, "local_evaluation"))

	presigned, err := signature.Presign(http.MethodGet, u, fxRootCred, signature.Options{})
	require.NoError(t, err)
	assert.Equal(t, checks.StatusNotApplicable, checks.CheckReferer(ctx, f.srv.Client(), presigned, "https://evil.test/").Status,
		"signed requests skip the referer check")
}

func TestCheckAnonymousAccess(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	presigned, err := signature.Presign(http.MethodGet, f.objectURL("private.txt"), fxRootCred, signature.Options{})
	require.NoError(t, err)
	tests := []struct {
		name   string
		url    string
		status checks.Status
		cause  cos403.Cause
		has    map[string]string
	}{
		{"public-read object", f.objectURL("public.txt"), checks.StatusPass, cos403.CauseAnonymousDenied, map[string]string{"head": "200"}},
		{"private object", f.objectURL("private.txt"), checks.StatusFail, cos403.CauseAnonymousDenied, map[string]string{"get": "Access Denied."}},
		{"presigned URL is probed without its signature", presigned, checks.StatusFail, cos403.CauseAnonymousDenied, map[string]string{"signature_removed": "true"}},
		{"missing object in a private bucket", f.objectURL("nope.txt"), checks.StatusFail, cos403.CauseAnonymousDenied, nil},
		{"invalid URL", "ftp://x", checks.StatusNotApplicable, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := checks.CheckAnonymousAccess(testCtx(t), f.srv.Client(), tc.url)
			assert.Equalf(t, tc.status, got.Status, "CheckAnonymousAccess(%s).Status = %v, want %v: %v", tc.name, got.Status, tc.status, got)
			assert.Equal(t, tc.cause, got.Cause)
			for k, v := range tc.has {
				assert.Contains(t, evidence(got, k), v)
			}
		})
	}
	t.Run("missing object in a public bucket", func(t *testing.T) {
		t.Parallel()
		g := newFx(t)
		g.bucket(t, func(b *fakecos.Bucket) { b.ACL = checks.ACLPublicRead })
		got := checks.CheckAnonymousAccess(testCtx(t), g.srv.Client(), g.objectURL("nope.txt"))
		assert.Equal(t, checks.StatusPass, got.Status)
		assert.Contains(t, got.Summary, "NoSuchKey")
	})
	t.Run("referer rule answers first", func(t *testing.T) {
		t.Parallel()
		g := newFx(t)
		g.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList })
		got := checks.CheckAnonymousAccess(testCtx(t), g.srv.Client(), g.objectURL("public.txt"))
		assert.Equal(t, checks.StatusWarn, got.Status)
		assert.Equal(t, cos403.CauseRefererDenied, got.Cause)
	})
}

func TestCheckObjectState(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	root := f.sdk(fxRootCred)
	ctx := testCtx(t)

	std := checks.CheckObjectState(ctx, root, "private.txt")
	assert.Equal(t, checks.StatusPass, std.Finding.Status)
	assert.Nil(t, std.Restore)

	cold := checks.CheckObjectState(ctx, root, "/cold.bin")
	assert.Equal(t, checks.StatusFail, cold.Finding.Status)
	assert.Equal(t, cos403.CauseArchivedObject, cold.Finding.Cause)
	assert.True(t, cold.State.Archived)
	require.NotNil(t, cold.Restore)
	require.NotNil(t, cold.Restore.Tier)
	assert.Equal(t, checks.TierStandard, cold.Restore.Tier.Tier)
	assert.Equal(t, checks.DefaultRestoreDays, cold.Restore.Days)
	assert.Len(t, cold.State.Advice, 3)

	// Restore with the recommended options; while it runs no new restore
	// is recommended, and once the server clock passes it the object reads.
	_, err := root.Object.PostRestore(ctx, "cold.bin", cold.Restore)
	require.NoError(t, err)
	ongoing := checks.CheckObjectState(ctx, root, "cold.bin")
	assert.Equal(t, checks.StatusFail, ongoing.Finding.Status)
	assert.Equal(t, checks.RestoreOngoing, ongoing.State.Restore)
	assert.Equal(t, checks.TierStandard, ongoing.State.Tier)
	assert.Nil(t, ongoing.Restore)

	// A finished restore reads until its copy expires, judged on the
	// server's clock. (The SDK signs for an hour from the local clock, so
	// the states are set up rather than reached by moving the clock.)
	now := f.srv.Now()
	for _, tc := range []struct {
		ready  time.Time
		status checks.Status
	}{
		{now.Add(-time.Hour), checks.StatusPass},
		{now.Add(-5 * 24 * time.Hour), checks.StatusFail},
	} {
		require.NoError(t, f.srv.PutObject(fxBucket, fakecos.Object{Key: "thawed.bin", Body: []byte("x"), StorageClass: "ARCHIVE",
			Restore: &fakecos.Restore{Tier: "Expedited", Days: 3, RequestedAt: tc.ready.Add(-time.Minute), ReadyAt: tc.ready}}))
		got := checks.CheckObjectState(ctx, root, "thawed.bin")
		assert.Equal(t, tc.status, got.Finding.Status, "%v", got.Finding)
		if tc.status == checks.StatusPass {
			assert.Equal(t, checks.RestoreRestored, got.State.Restore)
		}
		assert.Equal(t, tc.status == checks.StatusFail, got.Restore != nil, "a restore is recommended only when needed")
	}

	missing := checks.CheckObjectState(ctx, root, "nope.bin")
	assert.Equal(t, checks.StatusWarn, missing.Finding.Status)
	assert.Contains(t, missing.Finding.Summary, "404")

	assert.Equal(t, checks.StatusNotApplicable, checks.CheckObjectState(ctx, nil, "cold.bin").Finding.Status)
	assert.Equal(t, checks.StatusNotApplicable, checks.CheckObjectState(ctx, root, "").Finding.Status)
}

func TestCheckPolicy(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) {
		b.Policy = []byte(`{"version":"2.0","statement":[{"sid":"DenySubWrites","effect":"deny","principal":{"qcs":["qcs::cam::uin/` + fxOwner + `:uin/` + fxSubUin + `"]},"action":["name/cos:PutObject"],"resource":["` + fxResource("*") + `"]}]}`)
	})
	ctx := testCtx(t)
	root := f.sdk(fxRootCred)
	sub := checks.Principal{OwnerUin: fxOwner, Uin: fxSubUin}
	tests := []struct {
		name     string
		c        *cos.Client
		req      checks.PolicyRequest
		known    []checks.AccessPolicies
		status   checks.Status
		decision checks.Decision
		has      map[string]string
	}{
		{
			name: "anonymous read of a private object",
			c:    root, req: checks.PolicyRequest{Principal: checks.Principal{Anonymous: true}, Resource: fxResource("private.txt")},
			status: checks.StatusFail, decision: checks.DecisionImplicitDeny,
			has: map[string]string{"bucket_acl": "private", "owner_uin": fxOwner, "bucket_policy_input": "read, 1 statement"},
		},
		{
			name: "anonymous read of a public object",
			c:    root, req: checks.PolicyRequest{Resource: fxResource("public.txt")},
			status: checks.StatusPass, decision: checks.DecisionAllow,
			has: map[string]string{"object_acl": "public-read", "source": "acl"},
		},
		{
			name: "sub-account write denied by the bucket policy",
			c:    root, req: checks.PolicyRequest{Principal: sub, Signed: true, Action: "PutObject", Resource: fxResource("dir/new.txt")},
			known:  []checks.AccessPolicies{{UserPolicies: [][]byte{fxReadPolicy()}}},
			status: checks.StatusFail, decision: checks.DecisionExplicitDeny,
			has: map[string]string{"deciding_statement": "DenySubWrites", "source": "bucket_policy"},
		},
		{
			name: "sub-account read allowed by its CAM policy",
			c:    root, req: checks.PolicyRequest{Principal: sub, Signed: true, Resource: fxResource("private.txt")},
			known:  []checks.AccessPolicies{{UserPolicies: [][]byte{fxReadPolicy()}}},
			status: checks.StatusPass, decision: checks.DecisionAllow,
			has: map[string]string{"source": "user_policy", "user_policies": "1"},
		},
		{
			name: "sub-account without its CAM policy given",
			c:    root, req: checks.PolicyRequest{Principal: sub, Signed: true, Resource: fxResource("private.txt")},
			status: checks.StatusWarn, decision: checks.DecisionImplicitDeny,
		},
		{
			name: "temporary key outside its policy",
			c:    root, req: checks.PolicyRequest{Principal: checks.Principal{OwnerUin: fxOwner, Uin: fxOwner}, Signed: true, Resource: fxResource("private.txt")},
			known:  []checks.AccessPolicies{{STSPolicy: fxSTSPolicy()}},
			status: checks.StatusFail, decision: checks.DecisionImplicitDeny,
			has: map[string]string{"source": "sts_policy", "sts_policy_input": "given"},
		},
		{
			name: "configuration unreadable with the sub-account's key",
			c:    f.sdk(fxSubCred), req: checks.PolicyRequest{Resource: fxResource("private.txt")},
			status: checks.StatusWarn, decision: checks.DecisionImplicitDeny,
			has: map[string]string{"bucket_policy_input": "unreadable: 403"},
		},
		{
			name: "everything given, nothing read",
			c:    nil, req: checks.PolicyRequest{Resource: fxResource("x")},
			known:  []checks.AccessPolicies{{BucketPolicy: []byte(`{"version":"2.0","statement":[]}`), BucketACL: checks.ACLPublicRead, ObjectACL: checks.ACLPrivate, OwnerUin: fxOwner}},
			status: checks.StatusFail, decision: checks.DecisionImplicitDeny,
			has: map[string]string{"bucket_policy_input": "given, 0 statement", "object_acl": "given"},
		},
		{
			name: "bucket of the client by default",
			c:    root, req: checks.PolicyRequest{Principal: checks.Principal{OwnerUin: fxOwner, Uin: fxOwner}, Signed: true},
			status: checks.StatusPass, decision: checks.DecisionAllow,
			has: map[string]string{"action": "GetBucket", "source": "root"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res := checks.CheckPolicy(ctx, tc.c, tc.req, tc.known...)
			assert.Equalf(t, tc.status, res.Finding.Status, "CheckPolicy(%s).Status = %v, want %v: %v", tc.name, res.Finding.Status, tc.status, res.Finding)
			assert.Equal(t, tc.decision, res.Decision.Decision)
			assert.Equal(t, "policy", res.Finding.Check)
			for k, v := range tc.has {
				assert.Containsf(t, evidence(res.Finding, k), v, "evidence %q of %v", k, res.Finding.Evidence)
			}
		})
	}
	t.Run("invalid policy", func(t *testing.T) {
		res := checks.CheckPolicy(ctx, nil, checks.PolicyRequest{Resource: fxResource("x")}, checks.AccessPolicies{STSPolicy: []byte("{")})
		assert.Equal(t, checks.StatusWarn, res.Finding.Status)
		assert.Equal(t, "sts_policy", evidence(res.Finding, "invalid_policy"))
	})
	t.Run("no resource", func(t *testing.T) {
		res := checks.CheckPolicy(ctx, nil, checks.PolicyRequest{})
		assert.Equal(t, checks.StatusNotApplicable, res.Finding.Status)
	})
}
