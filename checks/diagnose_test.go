package checks_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
	"github.com/cos403/cos403-go/signature"
)

func testCtx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

var (
	fxCORSRules = []cos.BucketCORSRule{{
		ID:             "app",
		AllowedOrigins: []string{"https://app.example.com"},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"x-cos-meta-*"},
	}}
	fxWhiteList = &checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList, Domains: []string{"*.example.com"}}
	fxBlackList = &checks.RefererConfig{Enabled: true, Type: checks.RefererBlackList, Domains: []string{"evil.test"}, AllowEmpty: true}
)

// diagnoseCase is one seed scenario reproduced on the fake.
type diagnoseCase struct {
	name   string
	setup  func(t *testing.T, f *fx)
	target func(f *fx) checks.Target
	// cause and deciding are the expected Report.Cause and the Check of
	// Report.Deciding.
	cause    cos403.Cause
	deciding string
	// evidence holds substrings the deciding finding's evidence must
	// contain, by evidence name.
	evidence map[string]string
	// alsoFailed are other checks expected to fail (stacked causes).
	alsoFailed []string
}

func TestDiagnoseSeedScenarios(t *testing.T) {
	t.Parallel()
	cases := diagnoseSeedCases()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			r := checks.Diagnose(testCtx(t), tc.target(f))
			assert.Equalf(t, tc.cause, r.Cause, "Diagnose(%s).Cause = %v, want %v\n%+v", tc.name, r.Cause, tc.cause, r)
			if tc.deciding == "" {
				assert.Nilf(t, r.Deciding, "Diagnose(%s) decided by %v\n%+v", tc.name, r.Deciding, r)
				assert.Empty(t, r.Failed())
				return
			}
			require.NotNilf(t, r.Deciding, "Diagnose(%s): no deciding finding\n%+v", tc.name, r)
			assert.Equal(t, tc.deciding, r.Deciding.Check, "%+v", r)
			assert.Equal(t, checks.StatusFail, r.Deciding.Status)
			assert.Equal(t, tc.cause, r.Deciding.Cause)
			for name, want := range tc.evidence {
				assert.Containsf(t, evidence(*r.Deciding, name), want, "deciding evidence %q\n%+v", name, r)
			}
			for _, check := range tc.alsoFailed {
				assert.Equal(t, checks.StatusFail, findingOf(t, r.Findings, check).Status, "%+v", r)
			}
			// The first failed finding decides: nothing before it failed.
			for _, fd := range r.Findings[:r.DecidingIndex()] {
				assert.NotEqual(t, checks.StatusFail, fd.Status, "%s failed before the deciding finding", fd.Check)
			}
		})
	}
}

// TestDiagnoseClockBehind: COS judges the time through the signature's
// window, so a clock behind the server's is refused only when the window
// ends before the server's time, and then as "Request has expired". The
// clock comparison stays listed as a warning; the cause is what COS
// answers the real request with.
func TestDiagnoseClockBehind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		offset   time.Duration
		cause    cos403.Cause
		deciding string
	}{
		// cos-go-sdk-v5 signs for an hour: 20 minutes behind still fits.
		{"20 minutes behind", 20 * time.Minute, "", ""},
		{"two hours behind", 2 * time.Hour, cos403.CauseRequestExpired, "signed_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			f.srv.SetOffset(tc.offset)
			r := checks.Diagnose(testCtx(t), f.target("private.txt", fxRootCred))

			_, sdkErr := f.sdk(fxRootCred).Object.Get(testCtx(t), "private.txt", nil)
			var got cos403.Cause
			if e, ok := cos403.As(classify.Classify(sdkErr)); ok {
				got = e.Cause
			}
			require.Equal(t, tc.cause, got, "COS's own answer to the SDK")
			assert.Equalf(t, tc.cause, r.Cause, "Diagnose(%s).Cause = %v, want %v\n%+v", tc.name, r.Cause, tc.cause, r)
			if tc.deciding != "" {
				require.NotNil(t, r.Deciding, "%+v", r)
				assert.Equal(t, tc.deciding, r.Deciding.Check)
			}
			clock := findingOf(t, r.Findings, "clock_skew")
			assert.Equal(t, checks.StatusWarn, clock.Status, "%v", clock)
			assert.Equal(t, "+"+tc.offset.String(), evidence(clock, "offset_to_apply"))
		})
	}
}

// TestDiagnoseUnknownKeyAndSkewedClock: with an unknown SecretId and a
// clock 20 minutes ahead, COS answers InvalidAccessKeyId (the key is looked
// up before the time is read), and so must Diagnose, listing the clock as
// the next thing to fix.
func TestDiagnoseUnknownKeyAndSkewedClock(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.srv.SetOffset(-20 * time.Minute)
	r := checks.Diagnose(testCtx(t), f.target("private.txt", fxUnknownCred))

	_, sdkErr := f.sdk(fxUnknownCred).Object.Get(testCtx(t), "private.txt", nil)
	e, ok := cos403.As(classify.Classify(sdkErr))
	require.True(t, ok)
	require.Equal(t, cos403.CauseInvalidAccessKeyID, e.Cause, "COS's own answer to the SDK")
	assert.Equalf(t, cos403.CauseInvalidAccessKeyID, r.Cause, "Diagnose.Cause = %v, want %v\n%+v", r.Cause, cos403.CauseInvalidAccessKeyID, r)
	require.NotNil(t, r.Deciding)
	assert.Equal(t, "signed_request", r.Deciding.Check)
	clock := findingOf(t, r.Findings, "clock_skew")
	assert.Equal(t, checks.StatusWarn, clock.Status, "%v", clock)
	assert.Equal(t, cos403.CauseRequestTimeTooSkewed, clock.Cause)
}

// TestDiagnoseStackedMatchesCOS checks that the cause Diagnose reports for
// stacked problems is the one COS answers the real request with.
func TestDiagnoseStackedMatchesCOS(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList })
	tg := f.target("public-cold.bin", signature.Credentials{})
	tg.Referer = "https://evil.test/page"
	r := checks.Diagnose(testCtx(t), tg)

	req, err := http.NewRequestWithContext(testCtx(t), http.MethodGet, f.objectURL("public-cold.bin"), nil)
	require.NoError(t, err)
	req.Header.Set("Referer", tg.Referer)
	resp, err := f.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	e, ok := cos403.As(classify.Response(resp))
	require.True(t, ok)
	assert.Equal(t, e.Cause, r.Cause, "Diagnose reports what COS answers first\n%+v", r)

	// Fix the first cause and COS answers with the next one, which the
	// report listed.
	failed := r.Failed()
	require.Len(t, failed, 2)
	assert.Equal(t, "archive", failed[1].Check)
	f.bucket(t, func(b *fakecos.Bucket) { b.Referer = nil })
	resp2, err := f.srv.Client().Do(req.Clone(testCtx(t)))
	require.NoError(t, err)
	defer resp2.Body.Close()
	e2, ok := cos403.As(classify.Response(resp2))
	require.True(t, ok)
	assert.Equal(t, failed[1].Cause, e2.Cause)
}

func TestDiagnoseSkipsWhatDoesNotApply(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	tests := []struct {
		name   string
		target checks.Target
		na     []string
	}{
		{"signed request", f.target("private.txt", fxRootCred), []string{"cors", "referer", "anonymous"}},
		{"unsigned request", f.target("private.txt", signature.Credentials{}), []string{"cors", "signed_request", "permission"}},
		{"bucket request", f.target("", fxRootCred), []string{"archive"}},
		{"upload", func() checks.Target { tg := f.target("new.txt", fxRootCred); tg.Method = "PUT"; return tg }(), []string{"archive"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checks.Diagnose(testCtx(t), tc.target)
			for _, check := range tc.na {
				fd := findingOf(t, r.Findings, check)
				assert.Equalf(t, checks.StatusNotApplicable, fd.Status, "%s: %v", check, fd)
				assert.NotEmpty(t, fd.Summary, "a skipped check says why")
			}
		})
	}
}

func TestDiagnoseOrder(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	tg := f.target("private.txt", fxRootCred)
	tg.Origin = "https://app.example.com"
	r := checks.Diagnose(testCtx(t), tg)
	var order []string
	for _, fd := range r.Findings {
		if !strings.HasPrefix(fd.Check, "credentials.") {
			order = append(order, fd.Check)
		}
	}
	assert.Equal(t, []string{"cors", "referer", "anonymous", "clock_skew", "signed_request", "permission", "archive"}, order)
}

func TestDiagnoseInvalidTarget(t *testing.T) {
	t.Parallel()
	for _, tg := range []checks.Target{{}, {BucketURL: "ftp://example.com"}, {BucketURL: "https://"}} {
		err := tg.Validate()
		require.Error(t, err)
		assert.ErrorIs(t, err, checks.ErrInvalidTarget)
		var te *checks.TargetError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, "BucketURL", te.Field)
		r := checks.Diagnose(context.Background(), tg)
		assert.Empty(t, r.Cause)
		require.Len(t, r.Findings, 1)
		assert.Equal(t, "target", r.Findings[0].Check)
	}
}

func TestTargetFromClient(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	tg := checks.TargetFromClient(f.sdk(fxTmpCred), "dir/a.txt")
	assert.Equal(t, f.bucketURL(), tg.BucketURL)
	assert.Equal(t, fxTmpCred, tg.Credentials)
	tg.HTTPClient = f.srv.Client()
	r := checks.Diagnose(testCtx(t), tg)
	assert.Empty(t, r.Failed(), "%+v", r)
	assert.Equal(t, checks.Target{}, checks.TargetFromClient(nil, ""))
}

// TestDiagnoseError starts from the errors real requests get and checks that
// only the checks of the error's cause run and that one confirms it.
func TestDiagnoseError(t *testing.T) {
	t.Parallel()
	cases := diagnoseErrorCases()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			err := tc.request(t, f)
			require.Error(t, err)
			assert.True(t, errors.Is(classify.Classify(err), tc.cause.Err()), "%v", err)
			r := checks.DiagnoseError(testCtx(t), tc.target(f), err)
			require.NotNil(t, r.Error)
			assert.Equalf(t, tc.cause, r.Cause, "DiagnoseError(%s).Cause = %v, want %v\n%+v", tc.name, r.Cause, tc.cause, r)
			assert.Equal(t, "cos_error", r.Findings[0].Check)
			require.NotNil(t, r.Deciding, "%+v", r)
			assert.Equal(t, tc.deciding, r.Deciding.Check, "%+v", r)
			assert.Equal(t, tc.cause, r.Deciding.Cause)
			for name, want := range tc.evidence {
				assert.Containsf(t, evidence(*r.Deciding, name), want, "deciding evidence %q\n%+v", name, r)
			}
			for _, check := range tc.ran {
				findingOf(t, r.Findings, check)
			}
			for _, check := range tc.absent {
				for _, fd := range r.Findings {
					assert.NotEqual(t, check, fd.Check, "%s ran for %s", check, tc.cause)
				}
			}
		})
	}
}

// diagnoseSeedCases are the seed scenarios reproduced on the fake; the
// tests of Finding.Text run them too.
func diagnoseSeedCases() []diagnoseCase {
	anon := signature.Credentials{}
	return []diagnoseCase{
		// Seed step 1: CORS.
		{
			name:  "1 cors origin not allowed",
			setup: func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules }) },
			target: func(f *fx) checks.Target {
				tg := f.target("public.txt", anon)
				tg.Origin = "https://evil.example.net"
				return tg
			},
			cause: cos403.CauseCORSRejected, deciding: "cors",
			evidence: map[string]string{"failed": "origin", "closest_rule": "0", "rule_allowed_origins": "https://app.example.com"},
		},
		{
			name:  "1 cors header not allowed",
			setup: func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules }) },
			target: func(f *fx) checks.Target {
				tg := f.target("dir/a.txt", fxRootCred)
				tg.Origin, tg.Method, tg.RequestHeaders = "https://app.example.com", "PUT", []string{"Content-Type, x-custom"}
				return tg
			},
			cause: cos403.CauseCORSRejected, deciding: "cors",
			evidence: map[string]string{"failed": "header:", "rule_allowed_headers": "x-cos-meta-*"},
		},
		{
			name: "1 cors method not allowed",
			setup: func(t *testing.T, f *fx) {
				f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules })
			},
			target: func(f *fx) checks.Target {
				tg := f.target("public.txt", anon)
				tg.Origin, tg.Method = "https://app.example.com", "DELETE"
				return tg
			},
			cause: cos403.CauseCORSRejected, deciding: "cors",
			evidence: map[string]string{"failed": "method", "rule_allowed_methods": "GET,PUT"},
		},
		{
			name: "1 cors no configuration",
			target: func(f *fx) checks.Target {
				tg := f.target("public.txt", anon)
				tg.Origin = "https://app.example.com"
				return tg
			},
			cause: cos403.CauseCORSRejected, deciding: "cors",
			evidence: map[string]string{"failed": "no_rules", "cors_rules": "0 rule(s)"},
		},
		// Seed step 2: referer.
		{
			name:  "2 referer not on the allowlist",
			setup: func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList }) },
			target: func(f *fx) checks.Target {
				tg := f.target("public.txt", anon)
				tg.Referer = "https://evil.test/page"
				return tg
			},
			cause: cos403.CauseRefererDenied, deciding: "referer",
			evidence: map[string]string{"list": "White-List", "with_referer": "You are denied by bucket referer rule", "referer_config": "*.example.com"},
		},
		{
			name:  "2 referer on the blocklist",
			setup: func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxBlackList }) },
			target: func(f *fx) checks.Target {
				tg := f.target("public.txt", anon)
				tg.Referer = "https://evil.test/page"
				return tg
			},
			cause: cos403.CauseRefererDenied, deciding: "referer",
			evidence: map[string]string{"list": "Black-List", "rule": "evil.test", "without_referer": "206"},
		},
		{
			name:  "2 empty referer denied",
			setup: func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList }) },
			target: func(f *fx) checks.Target {
				return f.target("public.txt", anon)
			},
			cause: cos403.CauseRefererDenied, deciding: "referer",
			evidence: map[string]string{"rule": "empty_referer", "referer": "(empty)"},
		},
		// Seed step 3: anonymous.
		{
			name:     "3 unsigned request to a private object",
			target:   func(f *fx) checks.Target { return f.target("private.txt", anon) },
			cause:    cos403.CauseAnonymousDenied,
			deciding: "anonymous",
			evidence: map[string]string{"get": "Access Denied.", "decision": "implicit_deny", "bucket_acl": "private"},
		},
		{
			name: "3 bucket policy denies anyone",
			setup: func(t *testing.T, f *fx) {
				f.bucket(t, func(b *fakecos.Bucket) {
					b.ACL = checks.ACLPublicRead
					b.Policy = []byte(`{"version":"2.0","statement":[{"sid":"DenyAnonymousDir","effect":"deny","principal":{"qcs":["qcs::cam::anyone:anyone"]},"action":["name/cos:GetObject","name/cos:HeadObject"],"resource":["` + fxResource("dir/*") + `"]}]}`)
				})
			},
			target:   func(f *fx) checks.Target { return f.target("dir/a.txt", anon) },
			cause:    cos403.CauseAnonymousDenied,
			deciding: "anonymous",
			evidence: map[string]string{"deciding_statement": "DenyAnonymousDir", "source": "bucket_policy", "decision": "explicit_deny"},
		},
		// Seed step 4.1: the SecretId.
		{
			name:     "4.1 unknown SecretId",
			target:   func(f *fx) checks.Target { return f.target("private.txt", fxUnknownCred) },
			cause:    cos403.CauseInvalidAccessKeyID,
			deciding: "signed_request",
			evidence: map[string]string{"answer": "InvalidAccessKeyId", "q_ak": "AKID"},
		},
		{
			name:     "4.1 disabled SecretId",
			target:   func(f *fx) checks.Target { return f.target("private.txt", fxDisabledCred) },
			cause:    cos403.CauseInvalidAccessKeyID,
			deciding: "signed_request",
			evidence: map[string]string{"answer": "InvalidAccessKeyId"},
		},
		{
			name: "4.1 q-ak differs from the SecretId in case",
			target: func(f *fx) checks.Target {
				tg := f.target("private.txt", fxRootCred)
				wrong := fxRootCred
				wrong.SecretID = strings.Replace(wrong.SecretID, "Root", "ROOT", 1)
				req, _ := http.NewRequest(http.MethodGet, f.objectURL("private.txt"), nil)
				res, err := signature.Sign(req, wrong, signature.Options{})
				if err == nil {
					tg.Authorization = res.Authorization
				}
				return tg
			},
			cause: cos403.CauseInvalidAccessKeyID, deciding: "credentials.q_ak",
			evidence: map[string]string{"first_difference": "6"},
		},
		// Seed step 4.2: time.
		{
			name:     "4.2 local clock 20 minutes ahead",
			setup:    func(t *testing.T, f *fx) { f.srv.SetOffset(-20 * time.Minute) },
			target:   func(f *fx) checks.Target { return f.target("private.txt", fxRootCred) },
			cause:    cos403.CauseRequestTimeTooSkewed,
			deciding: "clock_skew",
			evidence: map[string]string{"skew_minutes": "20.0", "offset_to_apply": "-", "server_time_source": "Date"},
			// The signed probe hits the same skew.
			alsoFailed: []string{"signed_request"},
		},
		{
			name: "4.2 presigned URL expired",
			target: func(f *fx) checks.Target {
				tg := f.target("private.txt", fxRootCred)
				now := time.Now()
				u, err := signature.Presign(http.MethodGet, f.objectURL("private.txt"), fxRootCred,
					signature.Options{KeyTime: signature.Window{Start: now.Add(-70 * time.Minute), End: now.Add(-10 * time.Minute)}})
				if err == nil {
					tg.Authorization = u
				}
				return tg
			},
			cause: cos403.CauseRequestExpired, deciding: "signature_time",
			evidence: map[string]string{"expired_by": "10m"},
		},
		// Seed step 4.3: the signature.
		{
			name: "4.3 wrong SecretKey",
			target: func(f *fx) checks.Target {
				wrong := fxRootCred
				wrong.SecretKey = "notTheRootSecretKeyExample00000"
				return f.target("private.txt", wrong)
			},
			cause: cos403.CauseSignatureMismatch, deciding: "signed_request",
			evidence: map[string]string{"answer": "SignatureDoesNotMatch", "stage": "secret_key", "recomputed_matches": "true"},
		},
		{
			name: "4.3 a middlebox changes a signed header",
			setup: func(t *testing.T, f *fx) {
				f.srv.SetFault(fxBucket, fakecos.Fault{MutateHeader: map[string]string{"Range": "bytes=0-3"}})
			},
			target: func(f *fx) checks.Target { return f.target("private.txt", fxRootCred) },
			cause:  cos403.CauseSignatureMismatch, deciding: "signed_request",
			evidence: map[string]string{"stage": "headers", "element": "range", "server": "bytes=0-3"},
		},
		// Seed step 5: permissions.
		{
			name: "5.1 sub-account without a grant",
			target: func(f *fx) checks.Target {
				tg := f.target("private.txt", fxSubCred)
				tg.Principal = checks.Principal{OwnerUin: fxOwner, Uin: fxSubUin}
				return tg
			},
			cause: cos403.CausePermissionDenied, deciding: "permission",
			evidence: map[string]string{"probe": "Access Denied.", "decision": "implicit_deny", "principal": "uin/" + fxSubUin},
		},
		{
			name: "5.1 bucket policy denies the sub-account",
			setup: func(t *testing.T, f *fx) {
				f.bucket(t, func(b *fakecos.Bucket) {
					b.Policy = []byte(`{"version":"2.0","statement":[{"sid":"DenyReaderPrivate","effect":"deny","principal":{"qcs":["qcs::cam::uin/` + fxOwner + `:uin/` + fxReader + `"]},"action":["name/cos:GetObject"],"resource":["` + fxResource("private.txt") + `"]}]}`)
				})
			},
			target: func(f *fx) checks.Target {
				tg := f.target("private.txt", fxReaderCred)
				tg.Principal = checks.Principal{OwnerUin: fxOwner, Uin: fxReader}
				tg.UserPolicies = [][]byte{fxReadPolicy()}
				return tg
			},
			cause: cos403.CausePermissionDenied, deciding: "permission",
			evidence: map[string]string{"deciding_statement": "DenyReaderPrivate", "source": "bucket_policy", "decision": "explicit_deny"},
		},
		{
			name: "5.2 temporary key limited by its policy",
			target: func(f *fx) checks.Target {
				tg := f.target("private.txt", fxTmpCred)
				tg.Principal = checks.Principal{OwnerUin: fxOwner, Uin: fxOwner}
				tg.STSPolicy = fxSTSPolicy()
				return tg
			},
			cause: cos403.CausePermissionDenied, deciding: "permission",
			evidence: map[string]string{"source": "sts_policy", "sts_policy_input": "given", "probe": "Access Denied."},
		},
		// Seed step 6: archive.
		{
			name:     "6 archived object",
			target:   func(f *fx) checks.Target { return f.target("cold.bin", fxRootCred) },
			cause:    cos403.CauseArchivedObject,
			deciding: "archive",
			evidence: map[string]string{"storage_class": "ARCHIVE", "restore": "none", "recommended_restore": "Tier=Standard Days=3"},
		},
		{
			name:     "6 deep archive still restoring",
			target:   func(f *fx) checks.Target { return f.target("deep.bin", fxRootCred) },
			cause:    cos403.CauseArchivedObject,
			deciding: "archive",
			evidence: map[string]string{"storage_class": "DEEP_ARCHIVE", "restore": "ongoing", "tier": "Standard"},
		},
		{
			name: "6 archived public object read anonymously, no cos.Client",
			target: func(f *fx) checks.Target {
				tg := f.target("public-cold.bin", anon)
				tg.COS = nil
				return tg
			},
			cause: cos403.CauseArchivedObject, deciding: "archive",
			evidence: map[string]string{"storage_class": "ARCHIVE", "from_answer": "200"},
		},
		// Two causes at once: COS reports the referer first (it checks the
		// referer of unsigned requests before the object), the archive
		// stays listed.
		{
			name: "stacked referer and archive",
			setup: func(t *testing.T, f *fx) {
				f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList })
			},
			target: func(f *fx) checks.Target {
				tg := f.target("public-cold.bin", anon)
				tg.Referer = "https://evil.test/page"
				return tg
			},
			cause: cos403.CauseRefererDenied, deciding: "referer",
			evidence:   map[string]string{"list": "White-List"},
			alsoFailed: []string{"archive"},
		},
		{
			name:   "nothing wrong",
			target: func(f *fx) checks.Target { return f.target("private.txt", fxRootCred) },
		},
		{
			name: "nothing wrong for an anonymous read of a public object",
			target: func(f *fx) checks.Target {
				tg := f.target("public.txt", anon)
				tg.Origin = "https://app.example.com"
				return tg
			},
			setup: func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules }) },
		},
	}
}

// errCase is a refused request and what DiagnoseError must make of it.
type errCase struct {
	name     string
	setup    func(t *testing.T, f *fx)
	request  func(t *testing.T, f *fx) error
	target   func(f *fx) checks.Target
	cause    cos403.Cause
	deciding string
	evidence map[string]string
	// ran are the checks that must run besides cos_error, absent those
	// that must not.
	ran, absent []string
}

// diagnoseErrorCases are the refusals TestDiagnoseError starts from; the
// tests of Finding.Text run them too.
func diagnoseErrorCases() []errCase {
	sdkGet := func(cred signature.Credentials, key string) func(t *testing.T, f *fx) error {
		return func(t *testing.T, f *fx) error {
			resp, err := f.sdk(cred).Object.Get(testCtx(t), key, nil)
			if resp != nil {
				resp.Body.Close()
			}
			return err
		}
	}
	rawGet := func(key string, header http.Header) func(t *testing.T, f *fx) error {
		return func(t *testing.T, f *fx) error {
			req, err := http.NewRequestWithContext(testCtx(t), http.MethodGet, f.objectURL(key), nil)
			require.NoError(t, err)
			for k, v := range header {
				req.Header[k] = v
			}
			resp, err := f.srv.Client().Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			return classify.Response(resp)
		}
	}
	return []errCase{
		{
			name:    "preflight refused",
			setup:   func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules }) },
			request: func(t *testing.T, f *fx) error { return preflight(t, f, "https://evil.example.net") },
			target: func(f *fx) checks.Target {
				tg := f.target("", signature.Credentials{})
				tg.Origin = "https://evil.example.net"
				return tg
			},
			cause: cos403.CauseCORSRejected, deciding: "cors",
			evidence: map[string]string{"failed": "origin"},
			ran:      []string{"cors"}, absent: []string{"referer", "anonymous", "archive"},
		},
		{
			name:    "referer refused",
			setup:   func(t *testing.T, f *fx) { f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList }) },
			request: rawGet("public.txt", http.Header{"Referer": {"https://evil.test/"}}),
			target: func(f *fx) checks.Target {
				tg := f.target("", signature.Credentials{})
				tg.Referer = "https://evil.test/"
				return tg
			},
			cause: cos403.CauseRefererDenied, deciding: "referer",
			evidence: map[string]string{"list": "White-List"},
			ran:      []string{"referer"}, absent: []string{"cors", "anonymous"},
		},
		{
			name:    "anonymous refused",
			request: sdkGet(signature.Credentials{}, "private.txt"),
			target:  func(f *fx) checks.Target { return f.target("", signature.Credentials{}) },
			cause:   cos403.CauseAnonymousDenied, deciding: "anonymous",
			evidence: map[string]string{"bucket_acl": "private"},
			ran:      []string{"anonymous"}, absent: []string{"referer", "signed_request"},
		},
		{
			name:    "unknown key",
			request: sdkGet(fxUnknownCred, "private.txt"),
			target:  func(f *fx) checks.Target { return f.target("", fxUnknownCred) },
			cause:   cos403.CauseInvalidAccessKeyID, deciding: "signed_request",
			ran: []string{"clock_skew", "signed_request"}, absent: []string{"permission", "archive"},
		},
		{
			name:    "clock ahead by 20 minutes",
			setup:   func(t *testing.T, f *fx) { f.srv.SetOffset(-20 * time.Minute) },
			request: sdkGet(fxRootCred, "private.txt"),
			target:  func(f *fx) checks.Target { return f.target("", fxRootCred) },
			cause:   cos403.CauseRequestTimeTooSkewed, deciding: "clock_skew",
			evidence: map[string]string{"skew_minutes": "20.0", "local_time": "T"},
			ran:      []string{"signed_request"}, absent: []string{"permission", "archive"},
		},
		{
			name:    "clock behind by two hours",
			setup:   func(t *testing.T, f *fx) { f.srv.SetOffset(2 * time.Hour) },
			request: sdkGet(fxRootCred, "private.txt"),
			target:  func(f *fx) checks.Target { return f.target("", fxRootCred) },
			cause:   cos403.CauseRequestExpired, deciding: "signed_request",
			evidence: map[string]string{"skew_minutes": "120.0"},
			ran:      []string{"clock_skew"},
		},
		{
			name:    "sub-account refused",
			request: sdkGet(fxSubCred, "private.txt"),
			target: func(f *fx) checks.Target {
				tg := f.target("", fxSubCred)
				tg.Principal = checks.Principal{OwnerUin: fxOwner, Uin: fxSubUin}
				return tg
			},
			cause: cos403.CausePermissionDenied, deciding: "permission",
			evidence: map[string]string{"decision": "implicit_deny"},
			ran:      []string{"permission"}, absent: []string{"cors", "referer", "anonymous", "archive"},
		},
		{
			name:    "archived, judged from the error alone",
			request: sdkGet(fxRootCred, "cold.bin"),
			target:  func(f *fx) checks.Target { tg := f.target("", fxRootCred); tg.COS = nil; return tg },
			cause:   cos403.CauseArchivedObject, deciding: "archive",
			evidence: map[string]string{"storage_class": "ARCHIVE", "from_answer": "InvalidObjectState"},
			ran:      []string{"archive"}, absent: []string{"signed_request", "permission"},
		},
		{
			name:    "archived, confirmed with HEAD Object",
			request: sdkGet(fxRootCred, "deep.bin"),
			target:  func(f *fx) checks.Target { return f.target("", fxRootCred) },
			cause:   cos403.CauseArchivedObject, deciding: "archive",
			evidence: map[string]string{"storage_class": "DEEP_ARCHIVE", "restore": "ongoing"},
		},
	}
}

func preflight(t *testing.T, f *fx, origin string) error {
	req, err := http.NewRequestWithContext(testCtx(t), http.MethodOptions, f.objectURL("public.txt"), nil)
	require.NoError(t, err)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "GET")
	resp, err := f.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	return classify.Response(resp)
}

func TestDiagnoseErrorWithoutCOSAnswer(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	netErr := &netError{}
	r := checks.DiagnoseError(testCtx(t), f.target("private.txt", fxRootCred), netErr)
	assert.Nil(t, r.Error)
	assert.Equal(t, "cos_error", r.Findings[0].Check)
	assert.Equal(t, checks.StatusWarn, r.Findings[0].Status)
	// The full flow ran after it.
	findingOf(t, r.Findings, "archive")

	r = checks.DiagnoseError(testCtx(t), f.target("cold.bin", fxRootCred), nil)
	assert.Equal(t, cos403.CauseArchivedObject, r.Cause)
	require.NotNil(t, r.Deciding)
	assert.Equal(t, "archive", r.Deciding.Check)
	assert.Equal(t, r.Findings[r.DecidingIndex()].Check, r.Deciding.Check)
}

type netError struct{}

func (*netError) Error() string { return "dial tcp 127.0.0.1:1: connect: connection refused" }

func TestReportRemediation(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	r := checks.Diagnose(testCtx(t), f.target("cold.bin", fxRootCred))
	rem := r.Remediation(cos403.Japanese)
	assert.Equal(t, cos403.CauseArchivedObject, rem.Cause)
	assert.Equal(t, cos403.Japanese, rem.Lang)
	assert.NotEmpty(t, rem.Steps)

	var empty checks.Report
	assert.Equal(t, cos403.CauseUnknown, empty.Remediation(cos403.English).Cause)
	assert.Equal(t, -1, empty.DecidingIndex())
	assert.Equal(t, "cause: none confirmed", empty.String())
}
