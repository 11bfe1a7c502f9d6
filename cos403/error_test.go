package cos403_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/cos403"
)

func TestErrorIsOneLineWithoutSecrets(t *testing.T) {
	e := &cos403.Error{
		Cause: cos403.CauseSignatureMismatch, StatusCode: 403,
		Code: "SignatureDoesNotMatch", Message: "The Signature\nyou specified is invalid.",
		RequestID: "NjM0ZjhmZThfNDgzNjQwMGJfMTMwZWFfNDhmODEyZg==", Method: "GET",
		URL: "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?q-signature=abcdef0123&x-cos-security-token=tok123",
	}
	s := e.Error()
	assert.Equal(t, `cos403: GET https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?q-signature=REDACTED&x-cos-security-token=REDACTED: 403 SignatureDoesNotMatch "The Signature\nyou specified is invalid." (cause signature_mismatch, request id NjM0ZjhmZThfNDgzNjQwMGJfMTMwZWFfNDhmODEyZg==)`, s)
	assert.NotContains(t, s, "\n")
	for _, verb := range []string{"%v", "%+v", "%s", "%#v", "%q"} {
		out := fmt.Sprintf(verb, e) + fmt.Sprintf(verb, *e)
		assert.NotContains(t, out, "abcdef0123")
		assert.NotContains(t, out, "tok123")
	}
	long := &cos403.Error{Code: "X", Message: strings.Repeat("é", 500)}
	assert.Less(t, len(long.Error()), 600)
	var nilErr *cos403.Error
	assert.Equal(t, "cos403: <nil>", nilErr.Error())
}

func TestErrorMatchesItsSentinel(t *testing.T) {
	for _, c := range cos403.Causes() {
		e := &cos403.Error{Cause: c, Err: errors.New("orig")}
		wrapped := fmt.Errorf("outer: %w", e)
		assert.ErrorIs(t, wrapped, c.Err(), "errors.Is(%s, its sentinel)", c)
		for _, other := range cos403.Causes() {
			if other != c {
				assert.NotErrorIs(t, wrapped, other.Err())
			}
		}
		got, ok := cos403.As(wrapped)
		require.True(t, ok)
		assert.Same(t, e, got)
		assert.Equal(t, c, cos403.CauseOf(wrapped))
		assert.Equal(t, "orig", errors.Unwrap(e).Error())
	}
	_, ok := cos403.As(errors.New("x"))
	assert.False(t, ok)
	assert.Equal(t, cos403.Cause(""), cos403.CauseOf(nil))
	assert.Nil(t, cos403.Cause("nope").Err())
	assert.False(t, cos403.Cause("nope").Valid())
}

func TestErrorJSON(t *testing.T) {
	st := time.Date(2020, 7, 9, 11, 45, 26, 0, time.UTC)
	e := &cos403.Error{Cause: cos403.CauseArchivedObject, StatusCode: 403, Code: "InvalidObjectState",
		StorageClass: "ARCHIVE", ServerTime: st, Err: errors.New("https://x/?q-signature=leak")}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"cause":"archived_object","status_code":403,"code":"InvalidObjectState","storage_class":"ARCHIVE","server_time":"2020-07-09T11:45:26Z","signed":false,"temp_credential":false}`, string(b))
	b2, err := json.Marshal(*e)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
}

func TestEvidenceInRemediation(t *testing.T) {
	st := time.Date(2020, 7, 9, 11, 45, 26, 0, time.UTC)
	e := &cos403.Error{Cause: cos403.CauseRequestTimeTooSkewed, ServerTime: st, LocalTime: st.Add(-20 * time.Minute), RequestID: "N123"}
	for _, l := range cos403.Langs() {
		r := e.Remediation(l)
		assert.Contains(t, r.Summary, "20m0s", "%s summary carries the skew", l)
		assert.Contains(t, r.Summary, "N123")
	}
	a := &cos403.Error{Cause: cos403.CauseArchivedObject, StorageClass: "DEEP_ARCHIVE"}
	assert.Contains(t, a.Remediation(cos403.Chinese).Summary, "DEEP_ARCHIVE")
	d := &cos403.Error{Cause: cos403.CauseSignatureMismatch, Signature: &cos403.SignatureDiff{
		Stage: "headers", Element: "content-type", Client: "application/xml", Server: "application/xml; charset=utf-8"}}
	assert.Contains(t, d.Remediation(cos403.English).Summary, `COS computed "application/xml; charset=utf-8"`)
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"https://h/k", "https://h/k"},
		{"https://h/k?versionId=1", "https://h/k?versionId=1"},
		{"https://h/k?q-sign-algorithm=sha1&q-ak=AKID&q-signature=s3cr3t", "https://h/k?q-sign-algorithm=sha1&q-ak=REDACTED&q-signature=REDACTED"},
		{"https://h/k?sign=q-sign-algorithm%3Dsha1%26q-signature%3Ds3cr3t", "https://h/k?sign=REDACTED"},
		{"https://h/k?X-Cos-Security-Token=t0k", "https://h/k?X-Cos-Security-Token=REDACTED"},
		{"https://user:pw@h/k", "https://h/k"},
		{"%zz?q-signature=s3cr3t", "%zz?q-signature=REDACTED"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, cos403.RedactURL(tc.in), "RedactURL(%q)", tc.in)
	}
	fs := "get\n/k\n\nhost=h&x-cos-security-token=t0k\n"
	assert.Equal(t, "get\n/k\n\nhost=h&x-cos-security-token=REDACTED\n", cos403.RedactFormatString(fs))
}

func TestParseLang(t *testing.T) {
	assert.Equal(t, cos403.Japanese, cos403.ParseLang("ja_JP.UTF-8"))
	assert.Equal(t, cos403.Chinese, cos403.ParseLang("zh-CN"))
	assert.Equal(t, cos403.English, cos403.ParseLang("C"))
	assert.Equal(t, cos403.English, cos403.ParseLang(""))
}
