package checks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// vectorRequest is D-SIGN vector 1 as a request.
func vectorRequest(t *testing.T, auth string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, "http://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)", strings.NewReader("ObjectContent"))
	require.NoError(t, err)
	req.Header.Set("Date", "Thu, 16 May 2019 06:45:51 GMT")
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Content-Length", "13")
	req.Header.Set("Content-MD5", "mQ/fVh815F3k6TAUm8m0eg==")
	req.Header.Set("x-cos-acl", "private")
	req.Header.Set("x-cos-grant-read", `uin="100000000011"`)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return req
}

// tokenRequest signs a PUT /?cors with a temporary key, as the client in the
// catalog's fixture C did before its HTTP library added a charset.
func tokenRequest(t *testing.T) (*http.Request, *signature.Result) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, "https://test-app-1251021022.cos.ap-guangzhou.myqcloud.com/?cors", nil)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("Content-MD5", "DfuiC7IOBwIeiVanWPG/Kg==")
	start := time.Unix(1666158568, 0)
	signed, res, err := signature.SignRequest(req, signature.Credentials{SecretID: tmpID, SecretKey: tmpKey, SessionToken: tmpToken},
		signature.Options{KeyTime: signature.Window{Start: start, End: start.Add(time.Hour)}})
	require.NoError(t, err)
	return signed, res
}

func TestCheckSignature(t *testing.T) {
	tokReq, tokRes := tokenRequest(t)
	charset := strings.Replace(tokRes.FormatString, "content-type=application%2Fxml", "content-type=application%2Fxml%3B%20charset%3Dutf-8", 1)
	require.NotEqual(t, tokRes.FormatString, charset)
	otherToken := strings.Replace(tokRes.FormatString, "x-cos-security-token="+tmpToken, "x-cos-security-token=another-token-value", 1)
	require.NotEqual(t, tokRes.FormatString, otherToken)

	tests := []struct {
		name      string
		req       *http.Request
		key       string
		fs, sts   string
		status    checks.Status
		cause     cos403.Cause
		has       string
		evidence  map[string]string
		noSecrets []string
	}{
		{name: "nil request", status: checks.StatusNotApplicable},
		{name: "unsigned request", req: vectorRequest(t, ""), key: vecKey, status: checks.StatusNotApplicable, has: "anonymous"},
		{name: "official vector verifies", req: vectorRequest(t, vecAuth), key: vecKey, status: checks.StatusPass, cause: cos403.CauseSignatureMismatch,
			evidence: map[string]string{"recomputed_matches": "true", "q_ak": "AKID…9U5q", "string_to_sign": "sha1\n1557989151;1557996351\n8b2751e77f43a0995d6e9eb9477f4b685cca4172\n"}},
		{name: "wrong SecretKey", req: vectorRequest(t, vecAuth), key: "wrong-secret-key-0123456789abcdef", status: checks.StatusFail, cause: cos403.CauseSignatureMismatch,
			has: "does not match its recomputation", evidence: map[string]string{"recomputed_matches": "false"}, noSecrets: []string{"wrong-secret-key-0123456789abcdef"}},
		{name: "unreadable signature", req: vectorRequest(t, "q-sign-algorithm=sha256&q-ak=x"), key: vecKey, status: checks.StatusFail, has: "cannot be read"},
		{name: "charset added after signing (fixture C)", req: tokReq, key: tmpKey, fs: charset, status: checks.StatusFail, cause: cos403.CauseSignatureMismatch,
			has: "at headers", evidence: map[string]string{"stage": "headers", "element": "content-type"}},
		{name: "different token seen by COS", req: tokReq, key: tmpKey, fs: otherToken, status: checks.StatusFail,
			evidence: map[string]string{"stage": "headers", "element": "x-cos-security-token"}},
		{name: "everything matches: COS holds another SecretKey", req: tokReq, key: tmpKey, fs: tokRes.FormatString, sts: tokRes.StringToSign,
			status: checks.StatusFail, has: "COS holds a different SecretKey", evidence: map[string]string{"stage": "secret_key"}},
		{name: "strings match but the request was signed with another key", req: tokReq, key: vecKey, fs: tokRes.FormatString, sts: tokRes.StringToSign,
			status: checks.StatusFail, has: "signed with another SecretKey"},
		{name: "unreadable server string", req: tokReq, key: tmpKey, fs: "garbage", status: checks.StatusWarn, has: "cannot compare"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := checks.CheckSignature(tc.req, tc.key, tc.fs, tc.sts)
			assert.Equal(t, "signature", f.Check)
			assert.Equal(t, tc.status, f.Status, "CheckSignature().Status; summary: %s", f.Summary)
			if tc.cause != "" {
				assert.Equal(t, tc.cause, f.Cause)
			}
			if tc.has != "" {
				assert.Contains(t, f.Summary, tc.has)
			}
			for k, v := range tc.evidence {
				got, ok := f.Value(k)
				assert.True(t, ok, "evidence %q missing from %v", k, f.Evidence)
				assert.Equal(t, v, got, "evidence %q", k)
			}
			secrets := append([]string{vecKey, tmpKey, tmpToken, vecSig}, tc.noSecrets...)
			if tc.req != nil {
				if a, err := signature.FromRequest(tc.req); err == nil {
					secrets = append(secrets, a.Signature)
				}
			}
			assertNoSecrets(t, f, secrets...)
		})
	}
}

func TestCheckSignatureDoesNotModifyRequest(t *testing.T) {
	req := vectorRequest(t, vecAuth)
	before := req.Header.Clone()
	url := req.URL.String()
	_ = checks.CheckSignature(req, vecKey, "", "")
	assert.Equal(t, before, req.Header)
	assert.Equal(t, url, req.URL.String())
}
