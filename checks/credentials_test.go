package checks_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// D-SIGN vector 1 (published before the 2023 masking).
const (
	vecID    = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
	vecKey   = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz"
	vecAuth  = "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read&q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172"
	vecSig   = "3b8851a11a569213c17ba8fa7dcf2abec6935172"
	tmpID    = "AKIDVPvcx8Z6E_tcD7CcWmfvSblpGgNF24pssPJ8tkxTZFNeB9ENVG9tIo4i70mqiekJ"
	tmpKey   = "aR8G7fWg18W5i7QHIwR9Lkcoz3eS0KlaUvWTX/kssCA="
	tmpToken = "c2acU51IbJAqI3w51KPEI553nvyH8pXVa138c49800f8cab5d87c1ada1fe33a27A7nawKIsdouU24cbQYbG21cZ00MaPtzSpmV3LH-EO2rUpE84iOoAaE0ilqfQl6vwmloXzkHXsH6Ebo1_go3IOjVPZo174vhDsGRO08UKSwU"
)

func tmpAuth(headerList string) string {
	return "q-sign-algorithm=sha1&q-ak=" + tmpID + "&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351&q-header-list=" +
		headerList + "&q-url-param-list=&q-signature=" + vecSig
}

func findingByCheck(t *testing.T, fs []checks.Finding, check string) checks.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Check == check {
			return f
		}
	}
	require.Failf(t, "missing finding", "no %q finding in %v", check, fs)
	return checks.Finding{}
}

func TestCheckCredentials(t *testing.T) {
	type want struct {
		status checks.Status
		cause  cos403.Cause
		has    string
	}
	tests := []struct {
		name  string
		cred  signature.Credentials
		auth  string
		check string
		want  want
	}{
		{name: "good id", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusPass, cos403.CauseInvalidAccessKeyID, "well-formed"}},
		{name: "empty id", cred: signature.Credentials{SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "SecretId is empty"}},
		{name: "id with trailing newline", cred: signature.Credentials{SecretID: vecID + "\n", SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "trailing line break"}},
		{name: "id with leading space", cred: signature.Credentials{SecretID: " " + vecID, SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "leading space"}},
		{name: "id with inner space", cred: signature.Credentials{SecretID: "AKIDQjz3ltom pVjBni5LitkWHFlFpwkn9U5q", SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "whitespace"}},
		{name: "lower-case prefix", cred: signature.Credentials{SecretID: "akidQjz3ltompVjBni5LitkWHFlFpwkn9U5q", SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "case-sensitive"}},
		{name: "swapped pair (the SDK's own test does this)", cred: signature.Credentials{SecretID: "QmFzZTY0IGlzIGEgZ2VuZXJp", SecretKey: "AKIDZfbOA78asKUYBcXFrJD0a1ICvR98JM"}, check: "credentials.secret_id",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "swapped"}},
		{name: "swapped pair seen from the key", cred: signature.Credentials{SecretID: "QmFzZTY0IGlzIGEgZ2VuZXJp", SecretKey: "AKIDZfbOA78asKUYBcXFrJD0a1ICvR98JM"}, check: "credentials.secret_key",
			want: want{checks.StatusFail, cos403.CauseSignatureMismatch, "swapped"}},
		{name: "not an AKID", cred: signature.Credentials{SecretID: "LTAI5tExampleExampleExample", SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusWarn, cos403.CauseInvalidAccessKeyID, "does not start with AKID"}},
		{name: "odd characters", cred: signature.Credentials{SecretID: "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q+", SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusWarn, cos403.CauseInvalidAccessKeyID, "characters"}},
		{name: "truncated id", cred: signature.Credentials{SecretID: "AKIDQjz3ltompVjBni5", SecretKey: vecKey}, check: "credentials.secret_id",
			want: want{checks.StatusWarn, cos403.CauseInvalidAccessKeyID, "truncated"}},
		{name: "good key", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey}, check: "credentials.secret_key",
			want: want{checks.StatusPass, cos403.CauseSignatureMismatch, ""}},
		{name: "empty key", cred: signature.Credentials{SecretID: vecID}, check: "credentials.secret_key",
			want: want{checks.StatusFail, cos403.CauseSignatureMismatch, "SecretKey is empty"}},
		{name: "key with trailing space", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey + " "}, check: "credentials.secret_key",
			want: want{checks.StatusFail, cos403.CauseSignatureMismatch, "SecretKey is invalid"}},
		{name: "key with a tab inside", cred: signature.Credentials{SecretID: vecID, SecretKey: "BQYIM75p8x0i\tWVFSIgqEKwFprpRSVHlz"}, check: "credentials.secret_key",
			want: want{checks.StatusFail, cos403.CauseSignatureMismatch, "whitespace"}},
		{name: "permanent key without token", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey}, check: "credentials.security_token",
			want: want{checks.StatusNotApplicable, "", "permanent"}},
		{name: "temporary key without token", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey}, check: "credentials.security_token",
			want: want{checks.StatusWarn, cos403.CauseInvalidAccessKeyID, "no session token"}},
		{name: "temporary key with token", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey, SessionToken: tmpToken}, check: "credentials.security_token",
			want: want{checks.StatusPass, cos403.CauseInvalidAccessKeyID, ""}},
		{name: "token with trailing newline", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey, SessionToken: tmpToken + "\n"}, check: "credentials.security_token",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "trailing line break"}},
		{name: "token with a permanent id", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey, SessionToken: tmpToken}, check: "credentials.security_token",
			want: want{checks.StatusWarn, cos403.CauseInvalidAccessKeyID, "permanent SecretId"}},
		{name: "no authorization", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey}, check: "credentials.q_ak",
			want: want{checks.StatusNotApplicable, "", ""}},
		{name: "q-ak is the id", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey}, auth: vecAuth, check: "credentials.q_ak",
			want: want{checks.StatusPass, cos403.CauseInvalidAccessKeyID, ""}},
		{name: "q-ak differs in case", cred: signature.Credentials{SecretID: "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5Q", SecretKey: vecKey}, auth: vecAuth, check: "credentials.q_ak",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "only in letter case (first at character 36)"}},
		{name: "q-ak is another key", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey}, auth: vecAuth, check: "credentials.q_ak",
			want: want{checks.StatusFail, cos403.CauseInvalidAccessKeyID, "different SecretId"}},
		{name: "unreadable authorization", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey}, auth: "q-sign-algorithm=hmac-sha256&q-ak=x", check: "credentials.q_ak",
			want: want{checks.StatusFail, cos403.CauseSignatureMismatch, "cannot be read"}},
		{name: "presigned URL", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey},
			auth: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/a.png?q-sign-algorithm=sha1&q-ak=" + vecID +
				"&q-sign-time=1557989151%3B1557996351&q-key-time=1557989151%3B1557996351&q-header-list=host&q-url-param-list=&q-signature=" + vecSig,
			check: "credentials.q_ak", want: want{checks.StatusPass, cos403.CauseInvalidAccessKeyID, ""}},
		{name: "token signed", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey, SessionToken: tmpToken}, auth: tmpAuth("host;x-cos-security-token"),
			check: "credentials.token_signed", want: want{checks.StatusPass, cos403.CauseStrictSignature, ""}},
		{name: "token not signed", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey, SessionToken: tmpToken}, auth: tmpAuth("host"),
			check: "credentials.token_signed", want: want{checks.StatusWarn, cos403.CauseStrictSignature, "D-STRICT"}},
		{name: "token signed but not given", cred: signature.Credentials{SecretID: tmpID, SecretKey: tmpKey}, auth: tmpAuth("host;x-cos-security-token"),
			check: "credentials.token_signed", want: want{checks.StatusWarn, cos403.CauseInvalidAccessKeyID, "signed with a temporary key"}},
		{name: "no token, no authorization", cred: signature.Credentials{SecretID: vecID, SecretKey: vecKey},
			check: "credentials.token_signed", want: want{checks.StatusNotApplicable, "", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := checks.CheckCredentials(tc.cred, tc.auth)
			require.Len(t, fs, 5)
			f := findingByCheck(t, fs, tc.check)
			assert.Equal(t, tc.want.status, f.Status, "CheckCredentials()[%s].Status; summary: %s", tc.check, f.Summary)
			assert.Equal(t, tc.want.cause, f.Cause, "Cause")
			if tc.want.has != "" {
				assert.Contains(t, f.Summary, tc.want.has)
			}
		})
	}
}

func TestMaskSecretID(t *testing.T) {
	assert.Equal(t, "AKID…9U5q", checks.MaskSecretID(vecID))
	assert.Equal(t, "AKID…U5q\\n", checks.MaskSecretID(vecID+"\n"))
	assert.Equal(t, "AKID…9U5␠", checks.MaskSecretID("AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5 "))
	assert.Equal(t, "****", checks.MaskSecretID("AKID123"))
	assert.Equal(t, "", checks.MaskSecretID(""))
}
