package fakecos_test

import (
	"context"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
)

var update = flag.Bool("update", false, "rewrite the golden error bodies under testdata/fakecos")

const goldenDir = "../../testdata/fakecos/bodies"

// causeCase is one documented refusal, produced through a real SDK call.
type causeCase struct {
	name  string
	setup func(t *testing.T, s *fakecos.Server)
	call  func(ctx context.Context, s *fakecos.Server) (*client, error)

	status  int
	code    string
	message string
	cause   cos403.Cause
	// storageClass is the x-cos-storage-class the refusal must carry.
	storageClass string
	// serverTime: the body carries <ServerTime>; noTrace: no TraceId.
	serverTime, noTrace bool
	// extra checks on the body.
	check func(t *testing.T, x *exchange)
}

func causeCases() []causeCase {
	return []causeCase{
		{
			name: "cors_rejected",
			setup: func(t *testing.T, s *fakecos.Server) {
				require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin,
					CORS: []cos.BucketCORSRule{{AllowedOrigins: []string{"https://www.example.com"}, AllowedMethods: []string{"GET"}}}}))
			},
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Options(ctx, "public.txt", &cos.ObjectOptionsOptions{Origin: "https://evil.example.net", AccessControlRequestMethod: "GET"})
				return c, err
			},
			status: 403, code: "AccessForbidden", cause: cos403.CauseCORSRejected,
			message: "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec",
			check: func(t *testing.T, x *exchange) {
				// §11 fixture A writes the apostrophe as &apos;.
				assert.Contains(t, string(x.Body), "resource&apos;s CORS spec")
			},
		},
		{
			name: "referer_denied",
			setup: func(t *testing.T, s *fakecos.Server) {
				require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin,
					Referer: &checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList, Domains: []string{"www.example.com"}}}))
			},
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, "", "", "")
				h := http.Header{"Referer": {"https://hotlinker.example.net/page"}}
				_, err := c.Object.Get(ctx, "public.txt", &cos.ObjectGetOptions{XOptionHeader: &h})
				return c, err
			},
			status: 403, code: "AccessDenied", message: "You are denied by bucket referer rule", cause: cos403.CauseRefererDenied,
		},
		{
			name: "anonymous_denied",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, "", "", "")
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Access Denied.", cause: cos403.CauseAnonymousDenied,
		},
		{
			name: "anonymous_response_param",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, "", "", "")
				_, err := c.Object.Get(ctx, "public.txt", &cos.ObjectGetOptions{ResponseContentType: "text/html"})
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Access Denied.", cause: cos403.CauseAnonymousDenied,
		},
		{
			name: "signature_empty",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, "", "", "")
				_, _, err := c.Service.Get(ctx)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Check auth failure because signature empty.", cause: cos403.CauseAnonymousDenied,
			serverTime: true, noTrace: true,
			check: func(t *testing.T, x *exchange) {
				assert.Equal(t, "cos.ap-guangzhou.myqcloud.com/", xmlText(x.Body, "Resource"))
			},
		},
		{
			name: "invalid_access_key_id",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, "AKIDunknownEXAMPLE", "whatever", "")
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "InvalidAccessKeyId", message: "The Access Key Id you provided does not exist in our records", cause: cos403.CauseInvalidAccessKeyID,
		},
		{
			name: "disabled_access_key",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, disabledID, "disabledSecretKey", "")
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "InvalidAccessKeyId", message: "The Access Key Id you provided does not exist in our records", cause: cos403.CauseInvalidAccessKeyID,
		},
		{
			name: "temp_key_without_token",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, tmpID, tmpKey, "")
				_, err := c.Object.Get(ctx, "dir/a.txt", nil)
				return c, err
			},
			status: 403, code: "InvalidAccessKeyId", message: "The Access Key Id you provided does not exist in our records", cause: cos403.CauseInvalidAccessKeyID,
		},
		{
			name:  "request_time_too_skewed",
			setup: func(t *testing.T, s *fakecos.Server) { s.SetOffset(-20 * time.Minute) },
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Get(ctx, "public.txt", nil)
				return c, err
			},
			status: 403, code: "RequestTimeTooSkewed", message: "The difference between the request time and the server's time is too large.",
			cause: cos403.CauseRequestTimeTooSkewed, serverTime: true,
		},
		{
			name:  "request_expired",
			setup: func(t *testing.T, s *fakecos.Server) { s.SetOffset(2 * time.Hour) },
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Get(ctx, "public.txt", nil)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Request has expired", cause: cos403.CauseRequestExpired, serverTime: true,
		},
		{
			name: "signature_mismatch",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, rootID, "not-the-secret-key", "")
				_, err := c.Object.Get(ctx, "private.txt", &cos.ObjectGetOptions{Range: "bytes=0-3"})
				return c, err
			},
			status: 403, code: "SignatureDoesNotMatch", message: "The Signature you specified is invalid.", cause: cos403.CauseSignatureMismatch,
			check: func(t *testing.T, x *exchange) {
				fs := xmlText(x.Body, "FormatString")
				assert.True(t, strings.HasPrefix(fs, "get\n/private.txt\n\n"), "FormatString = %q", fs)
				assert.Contains(t, fs, "\nhost=examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com&range=bytes%3D0-3\n")
				assert.True(t, strings.HasPrefix(xmlText(x.Body, "StringToSign"), "sha1\n"))
				assert.Contains(t, string(x.Body), "&amp;", "FormatString escapes & as &amp; (§11 fixture C)")
			},
		},
		{
			name: "strict_signature_header",
			setup: func(t *testing.T, s *fakecos.Server) {
				require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin,
					StrictSign: &fakecos.StrictSign{Headers: []string{"Host", "Content-Language"}}}))
			},
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				// cos-go-sdk-v5 does not sign Content-Language (auth.go NeedSignHeaders).
				_, err := c.Object.Put(ctx, "dir/new.txt", strings.NewReader("x"), &cos.ObjectPutOptions{
					ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentLanguage: "en"}})
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Strict signature missing header that must be signed", cause: cos403.CauseStrictSignature,
		},
		{
			name: "sub_account_without_policy",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, subID, subKey, "")
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Access Denied.", cause: cos403.CausePermissionDenied,
		},
		{
			name: "bucket_policy_explicit_deny",
			setup: func(t *testing.T, s *fakecos.Server) {
				deny := `{"version":"2.0","statement":[{"principal":{"qcs":["qcs::cam::uin/` + ownerUin + `:uin/100000000012"]},"effect":"deny","action":["name/cos:GetObject"],"resource":["` + resource("private.txt") + `"]}]}`
				require.NoError(t, s.AddBucket(fakecos.Bucket{Name: bucketName, Region: region, OwnerUin: ownerUin, Policy: []byte(deny)}))
			},
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, readerID, readerKey, "")
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Access Denied.", cause: cos403.CausePermissionDenied,
		},
		{
			name: "user_policy_explicit_deny",
			setup: func(t *testing.T, s *fakecos.Server) {
				p := `{"version":"2.0","statement":[` +
					`{"effect":"allow","action":["name/cos:*"],"resource":["` + resource("*") + `"]},` +
					`{"effect":"deny","action":["name/cos:GetObject"],"resource":["` + resource("private.txt") + `"]}]}`
				require.NoError(t, s.AddCredential(fakecos.Credential{SecretID: "AKIDdenyEXAMPLE", SecretKey: "denySecretKey",
					OwnerUin: ownerUin, Uin: "100000000013", UserPolicies: [][]byte{[]byte(p)}}))
			},
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, "AKIDdenyEXAMPLE", "denySecretKey", "")
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Access Denied.", cause: cos403.CausePermissionDenied,
		},
		{
			name: "temp_key_outside_sts_policy",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, tmpID, tmpKey, tmpTok)
				_, err := c.Object.Get(ctx, "private.txt", nil)
				return c, err
			},
			status: 403, code: "AccessDenied", message: "Access Denied.", cause: cos403.CausePermissionDenied,
		},
		{
			name: "temp_token_expired",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, nil, oldTmpID, "oldTmpSecretKey", "old-token")
				_, err := c.Object.Get(ctx, "dir/a.txt", nil)
				return c, err
			},
			status: 400, code: "ExpiredToken", message: "The temporary key token has expired", cause: cos403.CauseTempCredentialExpired,
		},
		{
			name: "archive_not_restored",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Get(ctx, "cold.bin", nil)
				return c, err
			},
			status: 403, code: "InvalidObjectState", message: "The operation is not valid for the object storage class.",
			cause: cos403.CauseArchivedObject, storageClass: "ARCHIVE",
		},
		{
			name: "deep_archive_not_restored",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Get(ctx, "deep.bin", nil)
				return c, err
			},
			status: 403, code: "InvalidObjectState", message: "The operation is not valid for the object storage class.",
			cause: cos403.CauseArchivedObject, storageClass: "DEEP_ARCHIVE",
		},
		{
			name: "path_style_forbidden",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := sdk(s, &cos.BaseURL{BucketURL: s.ServiceURL(region)}, rootID, rootKey, "")
				_, err := c.Object.Get(ctx, bucketName+"/public.txt", nil)
				return c, err
			},
			status: 403, code: "PathStyleDomainForbidden", message: "The bucket you are attempting to access must be addressed using COS virtual-styled domain.",
			cause: cos403.CausePathStyleForbidden,
		},
		{
			name: "download_forbidden",
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Get(ctx, "app.apk", nil)
				return c, err
			},
			status: 403, code: "DownloadForbidden", cause: cos403.CauseDownloadForbidden,
			message: "The APK/IPA file is not allowed to be distributed in a public network using COS default domain, please use custom domain instead.",
		},
		{
			name: "middlebox_changed_signed_header",
			setup: func(t *testing.T, s *fakecos.Server) {
				// TryImpossible/blog (§11 fixture C): a client appended a charset
				// to Content-Type after signing.
				s.SetFault("examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
					fakecos.Fault{MutateHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8"}})
			},
			call: func(ctx context.Context, s *fakecos.Server) (*client, error) {
				c := rootClient(s)
				_, err := c.Object.Put(ctx, "dir/b.txt", strings.NewReader("hello"), &cos.ObjectPutOptions{
					ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "text/plain"}})
				return c, err
			},
			status: 403, code: "SignatureDoesNotMatch", message: "The Signature you specified is invalid.", cause: cos403.CauseSignatureMismatch,
			check: func(t *testing.T, x *exchange) {
				assert.Contains(t, xmlText(x.Body, "FormatString"), "content-type=text%2Fplain%3B%20charset%3Dutf-8")
			},
		},
	}
}

// TestCauses drives each documented refusal through cos-go-sdk-v5 and
// checks the reply byte for byte (against golden bodies), its headers, and
// the cause classify.Classify gives the SDK's error.
func TestCauses(t *testing.T) {
	t.Parallel()
	for _, tc := range causeCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			if tc.setup != nil {
				tc.setup(t, s)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := tc.call(ctx, s)
			require.Error(t, err)
			var sdkErr *cos.ErrorResponse
			require.ErrorAs(t, err, &sdkErr)
			assert.Equal(t, tc.code, sdkErr.Code)
			assert.Equal(t, tc.message, sdkErr.Message)

			x := c.rec.Last()
			require.NotNil(t, x)
			assert.Equal(t, tc.status, x.Status)
			assertCOSErrorReply(t, s, x, tc.code, tc.message, !tc.noTrace)
			assert.Equal(t, tc.storageClass, x.Header.Get("x-cos-storage-class"))
			assert.Equal(t, tc.serverTime, strings.Contains(string(x.Body), "<ServerTime>"), "ServerTime presence")
			if tc.check != nil {
				tc.check(t, x)
			}
			golden(t, tc.name, x.Body)

			classified := classify.Classify(err)
			e, ok := cos403.As(classified)
			require.True(t, ok, "Classify(%v) holds no *cos403.Error", err)
			assert.Equal(t, tc.cause, e.Cause, "Classify(%s).Cause = %v, want %v", tc.name, e.Cause, tc.cause)
			assert.ErrorIs(t, classified, tc.cause.Err())
		})
	}
}

// assertCOSErrorReply checks the shape every COS error reply shares
// (cos-errors.md §2.1, §2.3, §11).
func assertCOSErrorReply(t *testing.T, s *fakecos.Server, x *exchange, code, message string, trace bool) {
	t.Helper()
	h := x.Header
	assert.Equal(t, "application/xml", h.Get("Content-Type"))
	assert.Equal(t, "tencent-cos", h.Get("Server"))
	date, err := http.ParseTime(h.Get("Date"))
	if assert.NoError(t, err) {
		assert.WithinDuration(t, s.Now(), date, 5*time.Second, "Date follows the server clock")
	}
	id := h.Get("x-cos-request-id")
	assert.Regexp(t, requestIDShape, id)
	body := string(x.Body)
	require.True(t, strings.HasPrefix(body, "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>"+code+"</Code>\n\t<Message>"), "body = %q", body)
	assert.True(t, strings.HasSuffix(body, "</Error>"), "no trailing newline after </Error> (§11 fixture A Content-Length)")
	assert.Equal(t, message, xmlText(x.Body, "Message"))
	assert.Equal(t, id, xmlText(x.Body, "RequestId"))
	if trace {
		assert.Regexp(t, traceIDShape, h.Get("x-cos-trace-id"))
		assert.Equal(t, h.Get("x-cos-trace-id"), xmlText(x.Body, "TraceId"))
	} else {
		assert.Empty(t, h.Get("x-cos-trace-id"))
		assert.NotContains(t, body, "<TraceId>")
	}
	res := xmlText(x.Body, "Resource")
	assert.NotContains(t, res, "://", "Resource has no scheme")
}

// golden compares a normalised body with testdata/fakecos/bodies/<name>.xml.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name+".xml")
	got := normalise(body)
	if *update {
		require.NoError(t, os.MkdirAll(goldenDir, 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}
