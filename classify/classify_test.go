package classify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

func sdkError(t *testing.T, code, msg string, signed bool) *cos.ErrorResponse {
	t.Helper()
	req, err := http.NewRequest("GET", "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/exampleobject", nil)
	require.NoError(t, err)
	if signed {
		req.Header.Set("Authorization", "q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list=&q-signature=feedfacefeedfacefeedfacefeedfacefeedface")
	}
	resp := &http.Response{StatusCode: 403, Request: req, Header: http.Header{
		"Server":           {"tencent-cos"},
		"X-Cos-Request-Id": {"NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4MTE="},
		"Date":             {"Thu, 09 Jul 2020 11:45:26 GMT"},
	}}
	return &cos.ErrorResponse{Response: resp, Code: code, Message: msg}
}

func TestClassifyFindsTheSDKError(t *testing.T) {
	base := sdkError(t, "AccessDenied", "Request has expired", true)
	plain := errors.New("dial tcp: connection refused")
	tests := []struct {
		name string
		err  error
	}{
		{"bare", base},
		{"wrapped", fmt.Errorf("get object: %w", base)},
		{"double wrapped", fmt.Errorf("handler: %w", fmt.Errorf("get object: %w", base))},
		{"joined", errors.Join(plain, fmt.Errorf("x: %w", base))},
		{"retry error", &cos.RetryError{Errs: []error{plain, base}}},
		{"retry inside wrap", fmt.Errorf("upload: %w", &cos.RetryError{Errs: []error{base}})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := classify.Classify(tc.err)
			e, ok := cos403.As(got)
			require.True(t, ok, "Classify(%s) = %T, want *cos403.Error", tc.name, got)
			assert.Equal(t, cos403.CauseRequestExpired, e.Cause, "Classify(%s).Cause = %v, want %v", tc.name, e.Cause, cos403.CauseRequestExpired)
			assert.ErrorIs(t, got, cos403.ErrRequestExpired)
			assert.NotErrorIs(t, got, cos403.ErrSignatureMismatch)
			assert.Same(t, tc.err, e.Err, "the original error is wrapped")
			var sdk *cos.ErrorResponse
			if _, isRetry := tc.err.(*cos.RetryError); !isRetry && !strings.Contains(tc.name, "retry") {
				assert.True(t, errors.As(got, &sdk), "the SDK error stays reachable")
			}
			assert.Equal(t, "GET", e.Method)
			assert.True(t, e.Signed)
			assert.False(t, e.ServerTime.IsZero(), "Date header read as server time")
		})
	}
}

func TestClassifyLeavesOthersAlone(t *testing.T) {
	assert.NoError(t, classify.Classify(nil))
	plain := errors.New("boom")
	assert.Same(t, plain, classify.Classify(plain))
	urlErr := &url.Error{Op: "Get", URL: "https://x", Err: context.DeadlineExceeded}
	assert.Equal(t, error(urlErr), classify.Classify(urlErr))

	once := classify.Classify(sdkError(t, "SignatureDoesNotMatch", "The Signature you specified is invalid.", true))
	assert.Same(t, once, classify.Classify(once), "classifying twice returns the same error")
	wrapped := fmt.Errorf("ctx: %w", once)
	assert.Same(t, wrapped, classify.Classify(wrapped))
}

func TestClassifyNilResponse(t *testing.T) {
	for _, r := range []*cos.ErrorResponse{
		{Code: "AccessDenied", Message: "Access Denied."},
		{},
		{Response: &http.Response{StatusCode: 403}},
	} {
		var got error
		require.NotPanics(t, func() { got = classify.Classify(r) })
		e, ok := cos403.As(got)
		require.True(t, ok)
		assert.NotEmpty(t, e.Error())
	}
	e, _ := cos403.As(classify.Classify(&cos.ErrorResponse{Code: "AccessDenied", Message: "Access Denied."}))
	assert.Equal(t, cos403.CauseAnonymousDenied, e.Cause, "no request: treated as unsigned")
}

func TestClassifyAnonymousVersusPermission(t *testing.T) {
	anon, _ := cos403.As(classify.Classify(sdkError(t, "AccessDenied", "Access Denied.", false)))
	signed, _ := cos403.As(classify.Classify(sdkError(t, "AccessDenied", "Access Denied.", true)))
	assert.Equal(t, cos403.CauseAnonymousDenied, anon.Cause)
	assert.Equal(t, cos403.CausePermissionDenied, signed.Cause)
}

func TestResponsePutsTheBodyBack(t *testing.T) {
	body := "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>AccessDenied</Code>\n\t<Message>You are denied by bucket referer rule</Message>\n</Error>"
	resp := &http.Response{StatusCode: 403, Header: http.Header{"X-Cos-Request-Id": {"N1"}}, Body: io.NopCloser(strings.NewReader(body))}
	err := classify.Response(resp)
	assert.ErrorIs(t, err, cos403.ErrRefererDenied)
	rest, rerr := io.ReadAll(resp.Body)
	require.NoError(t, rerr)
	assert.Equal(t, body, string(rest))

	assert.NoError(t, classify.Response(&http.Response{StatusCode: 204, Body: http.NoBody}))
	assert.NoError(t, classify.Response(nil))
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestResponseReadsAtMostMaxBody(t *testing.T) {
	src := &countingReader{r: io.LimitReader(zeros{}, 3*classify.MaxBody)}
	resp := &http.Response{StatusCode: 403, Header: http.Header{"X-Cos-Request-Id": {"N1"}}, Body: io.NopCloser(src)}
	err := classify.Response(resp)
	require.Error(t, err)
	assert.LessOrEqual(t, src.n, int64(classify.MaxBody))
	n, _ := io.Copy(io.Discard, resp.Body)
	assert.Equal(t, int64(3*classify.MaxBody), n, "the caller still reads the whole body")
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestReplyNeverPanics(t *testing.T) {
	inputs := [][]byte{nil, {}, []byte("<"), []byte("<Error>"), []byte("<Error><Code>"), []byte("{"), []byte("\xff\xfe\x00"), []byte("<Error><Code>&#0;</Code></Error>")}
	for _, in := range inputs {
		for _, status := range []int{0, -1, 200, 301, 403, 999} {
			assert.NotPanics(t, func() { classify.Reply(status, nil, in, nil) })
		}
	}
	assert.Nil(t, classify.Reply(200, nil, nil, nil))
}

// TestNoSecretsInOutput formats classified errors, transports and
// remediation every way a program might print them and checks that no
// secret survives.
func TestNoSecretsInOutput(t *testing.T) {
	const (
		secretKey = "SECRETKEYdoNotPrint0123456789abc"
		sig       = "5ec2e75e5ec2e75e5ec2e75e5ec2e75e5ec2e75e"
		token     = "TOKENdoNotPrint987654321"
	)
	presigned := "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/a.txt?q-sign-algorithm=sha1&q-ak=AKIDpresignedID&q-sign-time=1%3B2&q-key-time=1%3B2&q-header-list=host&q-url-param-list=&q-signature=" + sig + "&x-cos-security-token=" + token
	req, err := http.NewRequest("GET", presigned, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "q-sign-algorithm=sha1&q-ak=AKIDpresignedID&q-sign-time=1;2&q-key-time=1;2&q-header-list=host;x-cos-security-token&q-url-param-list=&q-signature="+sig)
	req.Header.Set("X-Cos-Security-Token", token)
	body := "<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><StringToSign>sha1\n1;2\nabc\n</StringToSign><FormatString>get\n/a.txt\n\nhost=h&amp;x-cos-security-token=" + token + "\n</FormatString></Error>"
	e := classify.Reply(403, http.Header{"X-Cos-Request-Id": {"N1"}}, []byte(body), req)
	require.Equal(t, cos403.CauseSignatureMismatch, e.Cause)
	e.Err = &cos.ErrorResponse{Code: "SignatureDoesNotMatch"}
	e.Signature = &cos403.SignatureDiff{Stage: "headers", Element: "x-cos-security-token", Client: token, Server: token + "x"}
	tr := &classify.Transport{SecretKey: secretKey}

	var outputs []string
	for _, v := range []any{e, *e, tr, *tr, e.Remediation(cos403.English), e.Remediation(cos403.Japanese)} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outputs = append(outputs, fmt.Sprintf(verb, v))
		}
		j, err := json.Marshal(v)
		require.NoError(t, err)
		outputs = append(outputs, string(j))
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "v", v)
		outputs = append(outputs, buf.String())
		buf.Reset()
		slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "v", v)
		outputs = append(outputs, buf.String())
	}
	outputs = append(outputs, e.Error(), strings.Join(e.Evidence(cos403.English), " "))
	for _, out := range outputs {
		for _, secret := range []string{secretKey, sig, token, "AKIDpresignedID"} {
			assert.NotContains(t, out, secret)
		}
	}
}
