package signature_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/signature"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a=1&b=2", "a=1&b=2"},
		{official1Auth, strings.Replace(official1Auth, "3b8851a11a569213c17ba8fa7dcf2abec6935172", "REDACTED", 1)},
		{"x-cos-security-token=abc&host=h", "x-cos-security-token=REDACTED&host=h"},
		{"X-Cos-Security-Token=abc", "X-Cos-Security-Token=REDACTED"},
		{"sign=q-sign-algorithm%3Dsha1&x=1&", "sign=REDACTED&x=1&"},
		{"&authorization=abc&&q-signature", "&authorization=REDACTED&&q-signature"},
		{"q-signature=", "q-signature="},
		{"q-signature=REDACTED", "q-signature=REDACTED"},
		{"signature=abc", "signature=abc"},
	}
	for _, tc := range tests {
		in := tc.in
		assert.Equal(t, tc.want, signature.Redact(in), "Redact(%q)", tc.in)
		assert.Equal(t, tc.in, in, "input unchanged")
	}
}

// TestNoSecretsPrinted formats every exported type in every way a program
// might print it and checks that no secret survives.
func TestNoSecretsPrinted(t *testing.T) {
	const (
		secretKey = "SECRETKEYabcdef0123456789"
		token     = "SESSIONTOKENxyz987"
	)
	cred := signature.Credentials{SecretID: "AKIDvisible", SecretKey: secretKey, SessionToken: token}
	req := newReq(t, http.MethodPut, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?x-cos-security-token="+token+"&a=1",
		"Content-Type", "text/plain")
	signed, res, err := signature.SignRequest(req, cred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	auth, err := signature.FromRequest(signed)
	require.NoError(t, err)
	_, verr := signature.Verify(signed, "wrong-key")
	var mismatch *signature.MismatchError
	require.ErrorAs(t, verr, &mismatch)
	presigned, err := signature.Presign("GET", "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k", cred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	presignedAuth, err := signature.FromRequest(newReq(t, "GET", presigned))
	require.NoError(t, err)
	otherFS := strings.Replace(res.FormatString, "x-cos-security-token="+token, "x-cos-security-token=OTHER"+token, 2)
	diff := signature.Compare(res, otherFS, "")
	require.Equal(t, signature.StageParameters, diff.Stage)
	_, perr := signature.ParseAuthorization(strings.Replace(res.Authorization, "sha1", "sha256", 1))
	require.Error(t, perr)

	secrets := []string{secretKey, token, res.SignKey, res.Signature, mismatch.Provided, mismatch.Computed, presignedAuth.Signature}
	values := map[string]any{
		"Credentials":         cred,
		"*Credentials":        &cred,
		"*Result":             res,
		"Result":              *res,
		"*Authorization":      auth,
		"presigned":           presignedAuth,
		"*MismatchError":      mismatch,
		"MismatchError":       *mismatch,
		"error":               verr,
		"*ParseError":         perr,
		"Diff":                diff,
		"Window":              res.KeyTime,
		"Options":             signature.Options{KeyTime: testKT},
		"Stage":               diff.Stage,
		"AuthForm":            auth.Form,
		"wrapped error":       fmt.Errorf("outer: %w", verr),
		"Authorization value": *auth,
	}
	for name, v := range values {
		var out []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			out = append(out, fmt.Sprintf(verb, v))
		}
		if j, err := json.Marshal(v); err == nil {
			out = append(out, string(j))
		}
		var buf bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&buf, nil))
		logger.Info("value", "v", v)
		logger.Info("any", slog.Any("v", v))
		out = append(out, buf.String())
		buf.Reset()
		slog.New(slog.NewTextHandler(&buf, nil)).Info("value", "v", v)
		out = append(out, buf.String())
		for _, o := range out {
			for _, s := range secrets {
				if s != "" && strings.Contains(o, s) {
					t.Errorf("%s printed a secret %.6s...: %s", name, s, o)
				}
			}
		}
	}

	// The values are still there for programs that need them.
	assert.Equal(t, secretKey, cred.SecretKey)
	assert.Contains(t, res.Authorization, res.Signature)
	assert.Contains(t, auth.String(), res.Signature, "String is the wire form")
	assert.Contains(t, fmt.Sprint(cred), "AKIDvisible")
	assert.Contains(t, fmt.Sprint(cred), "SecretKey:set")
	assert.Contains(t, fmt.Sprint(signature.Credentials{SecretID: "x"}), "SessionToken:unset")
}
