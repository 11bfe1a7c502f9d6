package signature_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/signature"
)

// sdkPresign is cos-go-sdk-v5's GetPresignedURL2 with fixed times; it builds
// the URL locally and sends nothing.
func sdkPresign(t *testing.T, base, method, key string, cred signature.Credentials, q url.Values, kt, st signature.Window, signHost ...bool) string {
	t.Helper()
	u, err := url.Parse(base)
	require.NoError(t, err)
	c := cos.NewClient(&cos.BaseURL{BucketURL: u}, &http.Client{Transport: &cos.AuthorizationTransport{
		SecretID: cred.SecretID, SecretKey: cred.SecretKey, SessionToken: cred.SessionToken,
	}})
	opt := &cos.PresignedURLOptions{AuthTime: sdkTime(kt, st)}
	if q != nil {
		opt.Query = &q
	}
	got, err := c.Object.GetPresignedURL2(context.Background(), method, key, time.Hour, opt, signHost...)
	require.NoError(t, err)
	return got.String()
}

// TestPresignMatchesSDK compares Presign with GetPresignedURL2 byte for byte.
func TestPresignMatchesSDK(t *testing.T) {
	const base = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com"
	st := signature.Window{Start: time.Unix(1700000100, 0), End: time.Unix(1700000700, 0)}
	tests := []struct {
		name   string
		method string
		key    string
		query  url.Values
		token  string
		st     signature.Window
	}{
		{name: "plain", method: "GET", key: "test.png"},
		{name: "plus and space", method: "GET", key: "dir/a+b c.txt", query: url.Values{"response-content-type": {"text/plain; charset=utf-8"}}},
		{name: "CJK and reserved", method: "PUT", key: "目录/(1)!*'~.jpg", token: "tok en+/="},
		{name: "leading slash", method: "GET", key: "/leading/slash", token: "t"},
		{name: "percent, question mark and hash", method: "HEAD", key: "100%25 done?x#y"},
		{name: "repeated and valueless query", method: "DELETE", key: "k", query: url.Values{"versionId": {"2", "1"}, "acl": {""}}},
		{name: "sign time differs", method: "GET", key: "k", st: st},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cred := testCred
			cred.SessionToken = tc.token
			sw := tc.st
			if sw.IsZero() {
				sw = testKT
			}
			want := sdkPresign(t, base, tc.method, tc.key, cred, tc.query, testKT, sw)
			raw := (&url.URL{Scheme: "https", Host: "b-1250000000.cos.ap-guangzhou.myqcloud.com", Path: "/" + tc.key, RawQuery: tc.query.Encode()}).String()
			got, err := signature.Presign(tc.method, raw, cred, signature.Options{KeyTime: testKT, SignTime: tc.st})
			require.NoError(t, err)
			assert.Equal(t, want, got, "Presign(%s)", tc.name)

			// The URL verifies as it is.
			req := newReq(t, tc.method, got)
			_, err = signature.Verify(req, cred.SecretKey)
			assert.NoError(t, err)
			if tc.token != "" {
				tok, ok := signature.SecurityToken(req)
				assert.True(t, ok)
				assert.Equal(t, tc.token, tok)
			}
		})
	}

	t.Run("host not signed", func(t *testing.T) {
		want := sdkPresign(t, base, "GET", "k", testCred, nil, testKT, testKT, false)
		got, err := signature.Presign("GET", base+"/k", testCred, signature.Options{KeyTime: testKT, HeaderList: []string{}})
		require.NoError(t, err)
		assert.Equal(t, want, got)
	})
}

func TestPresignErrors(t *testing.T) {
	tests := []struct {
		name string
		url  string
		cred signature.Credentials
		opts signature.Options
	}{
		{"relative URL", "/k", testCred, signature.Options{KeyTime: testKT}},
		{"not a URL", "https://h/%zz", testCred, signature.Options{KeyTime: testKT}},
		{"opaque URL", "https:opaque", testCred, signature.Options{KeyTime: testKT}},
		{"header other than host", "https://h/k", testCred, signature.Options{KeyTime: testKT, HeaderList: []string{"host", "content-type"}}},
		{"no SecretID", "https://h/k", signature.Credentials{SecretKey: "k"}, signature.Options{KeyTime: testKT}},
	}
	for _, tc := range tests {
		_, err := signature.Presign("GET", tc.url, tc.cred, tc.opts)
		assert.ErrorIs(t, err, signature.ErrInvalidInput, "Presign(%s)", tc.name)
	}
	got, err := signature.Presign("", "https://h", testCred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(got, "https://h/?q-sign-algorithm=sha1&q-ak=AKIDtestEXAMPLE&q-sign-time=1700000000%3B1700003600&"), got)
}

// TestPresignServerSide sends a presigned URL over loopback and verifies it
// on the server side.
func TestPresignServerSide(t *testing.T) {
	errs := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := signature.Verify(r, testCred.SecretKey)
		errs <- err
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	cred := testCred
	cred.SessionToken = "session token"
	u, err := signature.Presign(http.MethodGet, srv.URL+"/dir/a+b c (1).txt?response-content-disposition=attachment", cred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	resp, err := srv.Client().Get(u)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	assert.NoError(t, <-errs)
}
