package signature_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/signature"
)

var (
	testCred = signature.Credentials{SecretID: "AKIDtestEXAMPLE", SecretKey: "test-secret-key-EXAMPLE"}
	testKT   = signature.Window{Start: time.Unix(1700000000, 0), End: time.Unix(1700003600, 0)}
)

func newReq(t *testing.T, method, rawURL string, headers ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	return req
}

// TestSignDoesNotModifyRequest deep-compares every field of the request
// before and after Sign, SignRequest, Verify and Presign-style use.
func TestSignDoesNotModifyRequest(t *testing.T) {
	body := []byte("ObjectContent")
	req, err := http.NewRequest(http.MethodPut, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a%2Bb/c d?acl&x=1&X=2", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Add("Content-Type", "text/plain")
	req.Header.Add("x-cos-meta-a", "1")
	req.Header.Add("x-cos-meta-a", "0")
	req.Header["host"] = []string{"lower-host"}
	req.Header.Set("X-Cos-Security-Token", "old-token")
	req.Header.Set("Authorization", "q-sign-algorithm=sha1")

	clone := req.Clone(req.Context())
	urlCopy := *req.URL
	headerCopy := req.Header.Clone()

	cred := testCred
	cred.SessionToken = "new-token"
	for _, opts := range []signature.Options{
		{KeyTime: testKT},
		{KeyTime: testKT, HeaderList: []string{"Content-Type", "host", "x-cos-security-token", "absent"}, ParamList: []string{"acl", "missing"}},
		{},
	} {
		_, err := signature.Sign(req, cred, opts)
		require.NoError(t, err)
		signed, _, err := signature.SignRequest(req, cred, opts)
		require.NoError(t, err)
		_, _ = signature.Verify(signed, cred.SecretKey)
		_, _ = signature.Verify(req, cred.SecretKey)
	}

	assert.Equal(t, urlCopy, *req.URL, "URL changed")
	assert.True(t, reflect.DeepEqual(headerCopy, req.Header), "Header changed: %v", req.Header)
	assert.Equal(t, clone.Method, req.Method)
	assert.Equal(t, clone.Host, req.Host)
	assert.Equal(t, clone.ContentLength, req.ContentLength)
	assert.Equal(t, clone.TransferEncoding, req.TransferEncoding)
	got, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.Equal(t, body, got, "body consumed")
}

func TestSignRequestSetsHeaders(t *testing.T) {
	req := newReq(t, http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k")
	cred := testCred
	cred.SessionToken = "tok"
	signed, res, err := signature.SignRequest(req, cred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	assert.Equal(t, res.Authorization, signed.Header.Get("Authorization"))
	assert.Equal(t, "tok", signed.Header.Get("X-Cos-Security-Token"))
	assert.Equal(t, []string{"host", "x-cos-security-token"}, res.HeaderList)
	assert.Empty(t, req.Header, "original untouched")

	// The SDK produces the same Authorization for the same request.
	sdk := req.Clone(req.Context())
	cos.AddAuthorizationHeader(cred.SecretID, cred.SecretKey, cred.SessionToken, sdk, sdkTime(testKT, testKT))
	assert.Equal(t, sdk.Header.Get("Authorization"), res.Authorization)
}

func sdkTime(kt, st signature.Window) *cos.AuthTime {
	return &cos.AuthTime{SignStartTime: st.Start, SignEndTime: st.End, KeyStartTime: kt.Start, KeyEndTime: kt.End}
}

func TestSignDefaults(t *testing.T) {
	now := time.Unix(1700000000, 500)
	req := newReq(t, http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k")
	tests := []struct {
		name string
		opts signature.Options
		want string // q-key-time
		sign string // q-sign-time
	}{
		{"expire defaults to one hour", signature.Options{Now: func() time.Time { return now }}, "1700000000;1700003600", "1700000000;1700003600"},
		{"explicit expire", signature.Options{Now: func() time.Time { return now }, Expire: time.Minute}, "1700000000;1700000060", "1700000000;1700000060"},
		{"sign time differs", signature.Options{KeyTime: testKT, SignTime: signature.Window{Start: time.Unix(1700000100, 0), End: time.Unix(1700000700, 0)}}, "1700000000;1700003600", "1700000100;1700000700"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := signature.Sign(req, testCred, tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.KeyTime.String())
			assert.Equal(t, tc.sign, res.SignTime.String())
			assert.Contains(t, res.StringToSign, "\n"+tc.want+"\n", "StringToSign uses the key time")
			assert.Contains(t, res.Authorization, "&q-sign-time="+tc.sign+"&q-key-time="+tc.want+"&")
		})
	}

	// Time comes from time.Now when Now is nil.
	before := time.Now().Unix()
	res, err := signature.Sign(req, testCred, signature.Options{})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, res.KeyTime.Start.Unix(), before)
	assert.Equal(t, int64(3600), res.KeyTime.End.Unix()-res.KeyTime.Start.Unix())
}

func TestSignErrors(t *testing.T) {
	good := newReq(t, http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k")
	tests := []struct {
		name  string
		req   *http.Request
		cred  signature.Credentials
		opts  signature.Options
		field string
	}{
		{"nil request", nil, testCred, signature.Options{}, "req"},
		{"nil URL", &http.Request{Method: "GET"}, testCred, signature.Options{}, "req.URL"},
		{"empty SecretID", good, signature.Credentials{SecretKey: "k"}, signature.Options{}, "cred.SecretID"},
		{"key time ends before it starts", good, testCred, signature.Options{KeyTime: signature.Window{Start: time.Unix(10, 0), End: time.Unix(5, 0)}}, "opts.KeyTime"},
		{"sign time before 1970", good, testCred, signature.Options{KeyTime: testKT, SignTime: signature.Window{Start: time.Unix(-5, 0), End: time.Unix(5, 0)}}, "opts.SignTime"},
		{"half-set key time", good, testCred, signature.Options{KeyTime: signature.Window{End: time.Unix(5, 0)}}, "opts.KeyTime"},
		{"too many parameters", newReq(t, "GET", "https://h/k?"+strings.Repeat("a&", 10000)), testCred, signature.Options{KeyTime: testKT}, "req.URL.RawQuery"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := signature.Sign(tc.req, tc.cred, tc.opts)
			assert.Nil(t, res)
			var pe *signature.ParseError
			require.ErrorAs(t, err, &pe, "Sign(%s) error", tc.name)
			assert.Equal(t, tc.field, pe.Field)
			assert.ErrorIs(t, err, signature.ErrInvalidInput)
			_, _, err = signature.SignRequest(tc.req, tc.cred, tc.opts)
			assert.ErrorIs(t, err, signature.ErrInvalidInput)
		})
	}
}

// TestSignExplicitLists covers Options.HeaderList and ParamList: exact
// selection, case-insensitive names, absent names signed empty, duplicates.
func TestSignExplicitLists(t *testing.T) {
	req := newReq(t, http.MethodPost, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?uploads&partNumber=1&k%3Deq=v&other=x",
		"Content-Type", "text/plain",
		"X-Cos-Meta-A", "b",
		"X-Cos-Meta-A", "a",
		"Date", "Tue, 14 Nov 2023 22:13:20 GMT",
		"X-Unsigned", "zzz")
	tests := []struct {
		name               string
		headers, params    []string
		wantHeaders        string
		wantParams         string
		wantHList, wantPLs string
	}{
		{
			name:    "server style lists",
			headers: []string{"content-type", "date", "host", "x-cos-meta-a", "x-cos-meta-a"},
			params:  []string{"k%3deq", "partnumber", "uploads"},
			wantHeaders: "content-type=text%2Fplain&date=Tue%2C%2014%20Nov%202023%2022%3A13%3A20%20GMT" +
				"&host=b-1250000000.cos.ap-guangzhou.myqcloud.com&x-cos-meta-a=a&x-cos-meta-a=b",
			wantParams: "k%3deq=v&partnumber=1&uploads=",
			wantHList:  "content-type;date;host;x-cos-meta-a;x-cos-meta-a",
			wantPLs:    "k%3deq;partnumber;uploads",
		},
		{
			name:        "names in any case, unsorted, absent ones signed empty",
			headers:     []string{"If-Match", "Content-Type"},
			params:      []string{"missing", "OTHER"},
			wantHeaders: "content-type=text%2Fplain&if-match=",
			wantParams:  "missing=&other=x",
			wantHList:   "If-Match;Content-Type",
			wantPLs:     "missing;OTHER",
		},
		{
			name:        "empty lists sign nothing",
			headers:     []string{},
			params:      []string{},
			wantHeaders: "",
			wantParams:  "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := signature.Sign(req, testCred, signature.Options{KeyTime: testKT, HeaderList: tc.headers, ParamList: tc.params})
			require.NoError(t, err)
			assert.Equal(t, tc.wantHeaders, res.HTTPHeaders)
			assert.Equal(t, tc.wantParams, res.HTTPParameters)
			assert.Equal(t, tc.headers, res.HeaderList)
			assert.Equal(t, tc.params, res.URLParamList)
			assert.Contains(t, res.Authorization, "&q-header-list="+tc.wantHList+"&q-url-param-list="+tc.wantPLs+"&")
		})
	}

	// Feeding a Result's lists back reproduces it.
	res, err := signature.Sign(req, testCred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	again, err := signature.Sign(req, testCred, signature.Options{KeyTime: testKT, HeaderList: res.HeaderList, ParamList: res.URLParamList})
	require.NoError(t, err)
	assert.Equal(t, res.Authorization, again.Authorization)
}

// TestSignPathOption: Options.Path replaces the signed path.
func TestSignPathOption(t *testing.T) {
	req := newReq(t, http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/a+b")
	res, err := signature.Sign(req, testCred, signature.Options{KeyTime: testKT, Path: "/a b"})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(res.FormatString, "get\n/a b\n"), res.FormatString)
}

func TestDefaultSignedHeader(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Host", true}, {"content-type", true}, {"CONTENT-MD5", true}, {"Range", true},
		{"x-cos-meta-anything", true}, {"X-CI-trace", true}, {"Pic-Operations", true},
		{"Date", false}, {"User-Agent", false}, {"x-cosmos-id", false}, {"Authorization", false},
		{"x-amz-date", false}, {"", false},
		{"\u0130f-Match", true}, // strings.ToLower maps U+0130 to 'i', as the SDK sees it
		{strings.Repeat("a", 40), false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, signature.DefaultSignedHeader(tc.name), "DefaultSignedHeader(%q)", tc.name)
	}
}

// TestVerifyServerSide signs on the client, sends over loopback, and
// verifies the request as net/http's server received it: Host in req.Host,
// Transfer-Encoding in req.TransferEncoding, Content-Length in the header.
func TestVerifyServerSide(t *testing.T) {
	type outcome struct {
		err error
		res *signature.Result
	}
	results := make(chan outcome, 1)
	var serverPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		res, err := signature.VerifyWith(r, testCred.SecretKey, signature.Options{Path: serverPath})
		results <- outcome{err: err, res: res}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"))

	send := func(t *testing.T, req *http.Request) outcome {
		t.Helper()
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		return <-results
	}

	t.Run("content-length and x-cos headers, SignRequest", func(t *testing.T) {
		serverPath = ""
		req, err := http.NewRequest(http.MethodPut, srv.URL+"/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)?acl", strings.NewReader("ObjectContent"))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set("x-cos-acl", "private")
		cred := testCred
		cred.SessionToken = "temporary token+/="
		signed, res, err := signature.SignRequest(req, cred, signature.Options{KeyTime: testKT,
			HeaderList: []string{"content-length", "content-type", "host", "x-cos-acl", "x-cos-security-token"}})
		require.NoError(t, err)
		assert.Contains(t, res.HTTPHeaders, "content-length=13&")
		out := send(t, signed)
		require.NoError(t, out.err)
		assert.Equal(t, res.FormatString, out.res.FormatString)
	})

	t.Run("chunked transfer-encoding", func(t *testing.T) {
		serverPath = ""
		req, err := http.NewRequest(http.MethodPut, srv.URL+"/chunked", io.NopCloser(strings.NewReader("abc")))
		require.NoError(t, err)
		req.ContentLength = -1
		req.TransferEncoding = []string{"chunked"}
		signed, _, err := signature.SignRequest(req, testCred, signature.Options{KeyTime: testKT,
			HeaderList: []string{"host", "transfer-encoding"}})
		require.NoError(t, err)
		out := send(t, signed)
		require.NoError(t, out.err)
		assert.Contains(t, out.res.HTTPHeaders, "transfer-encoding=chunked")
	})

	t.Run("signed by the SDK", func(t *testing.T) {
		serverPath = ""
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/dir/%E4%B8%AD%E6%96%87?prefix=a%2Fb&max-keys=10", nil)
		require.NoError(t, err)
		req.Header.Set("Range", "bytes=0-9")
		req.Header.Set("x-cos-traffic-limit", "819200")
		cos.AddAuthorizationHeader(testCred.SecretID, testCred.SecretKey, "tok", req, sdkTime(testKT, testKT))
		out := send(t, req)
		require.NoError(t, out.err)
	})

	t.Run("plus in path read as a space", func(t *testing.T) {
		// Model of the PicGo capture: COS put a space where the key had '+'.
		serverPath = "/a b.png"
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/a+b.png", nil)
		require.NoError(t, err)
		signed, local, err := signature.SignRequest(req, testCred, signature.Options{KeyTime: testKT})
		require.NoError(t, err)
		out := send(t, signed)
		require.ErrorIs(t, out.err, signature.ErrSignatureMismatch)
		d := signature.Compare(local, out.res.FormatString, out.res.StringToSign)
		assert.Equal(t, signature.StagePath, d.Stage)
		assert.Contains(t, d.Explanation, "%2B")
	})
}

func TestVerifyErrors(t *testing.T) {
	base := "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k"
	signed, _, err := signature.SignRequest(newReq(t, http.MethodGet, base), testCred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	auth := signed.Header.Get("Authorization")

	t.Run("no authorization", func(t *testing.T) {
		_, err := signature.Verify(newReq(t, http.MethodGet, base), "k")
		assert.ErrorIs(t, err, signature.ErrNoAuthorization)
	})
	t.Run("malformed", func(t *testing.T) {
		_, err := signature.Verify(newReq(t, http.MethodGet, base, "Authorization", strings.Replace(auth, "q-ak=", "q-akk=", 1)), "k")
		assert.ErrorIs(t, err, signature.ErrMalformed)
	})
	t.Run("unknown algorithm", func(t *testing.T) {
		_, err := signature.Verify(newReq(t, http.MethodGet, base, "Authorization", strings.Replace(auth, "sha1", "sha256", 1)), "k")
		assert.ErrorIs(t, err, signature.ErrUnknownAlgorithm)
	})
	t.Run("mismatch keeps both signatures out of the message", func(t *testing.T) {
		res, err := signature.Verify(signed, "wrong")
		require.NotNil(t, res, "the recomputed result comes with the mismatch")
		var me *signature.MismatchError
		require.ErrorAs(t, err, &me)
		assert.Equal(t, testCred.SecretID, me.SecretID)
		assert.Equal(t, authField(auth, "q-signature"), me.Provided)
		assert.Equal(t, res.Signature, me.Computed)
		assert.NotContains(t, err.Error(), me.Provided)
		assert.NotContains(t, err.Error(), me.Computed)
		assert.True(t, errors.Is(err, signature.ErrSignatureMismatch))
	})
	t.Run("nil request", func(t *testing.T) {
		_, err := signature.Verify(nil, "k")
		assert.ErrorIs(t, err, signature.ErrInvalidInput)
	})
}

// TestVerifyQueryForms verifies presigned URLs in both query forms.
func TestVerifyQueryForms(t *testing.T) {
	cred := testCred
	cred.SessionToken = "tok en"
	for _, tc := range []struct {
		name string
		form signature.AuthForm
		make func(t *testing.T) string
	}{
		{"q-* parameters", signature.FormQuery, func(t *testing.T) string {
			u, err := signature.Presign(http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/dir/a+b c.txt?response-content-type=text%2Fplain", cred, signature.Options{KeyTime: testKT})
			require.NoError(t, err)
			return u
		}},
		{"sign= parameter", signature.FormSign, func(t *testing.T) string {
			res, err := signature.Sign(newReq(t, http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?x=1"), testCred, signature.Options{KeyTime: testKT})
			require.NoError(t, err)
			return "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k?x=1&sign=" + url.QueryEscape(res.Authorization)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := newReq(t, http.MethodGet, tc.make(t))
			a, err := signature.FromRequest(req)
			require.NoError(t, err)
			assert.Equal(t, tc.form, a.Form)
			_, err = signature.Verify(req, testCred.SecretKey)
			require.NoError(t, err)
			_, err = signature.Verify(req, "wrong")
			assert.ErrorIs(t, err, signature.ErrSignatureMismatch)
		})
	}
}

// TestSignEmptyMethod: net/http sends an empty Method as GET, so it is
// signed as get.
func TestSignEmptyMethod(t *testing.T) {
	req := newReq(t, http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/k")
	get, err := signature.Sign(req, testCred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	req.Method = ""
	empty, err := signature.Sign(req, testCred, signature.Options{KeyTime: testKT})
	require.NoError(t, err)
	assert.Equal(t, get.Authorization, empty.Authorization)
}

// TestSignFallbackHeaders covers listed headers that net/http keeps outside
// req.Header.
func TestSignFallbackHeaders(t *testing.T) {
	list := []string{"content-length", "host", "transfer-encoding"}
	tests := []struct {
		name string
		req  func() *http.Request
		want string
	}{
		{"client body length", func() *http.Request {
			r, _ := http.NewRequest(http.MethodPut, "https://h/k", strings.NewReader("hello"))
			return r
		}, "content-length=5&host=h&transfer-encoding="},
		{"body-less PUT sends Content-Length: 0", func() *http.Request {
			return newReq(t, http.MethodPut, "https://h/k")
		}, "content-length=0&host=h&transfer-encoding="},
		{"GET sends none", func() *http.Request {
			return newReq(t, http.MethodGet, "https://h/k")
		}, "content-length=&host=h&transfer-encoding="},
		{"server-side chunked request", func() *http.Request {
			r := newReq(t, http.MethodPut, "https://h/k")
			r.ContentLength = -1
			r.TransferEncoding = []string{"chunked"}
			return r
		}, "content-length=&host=h&transfer-encoding=chunked"},
		{"the header map wins", func() *http.Request {
			r := newReq(t, http.MethodPut, "https://h/k", "Content-Length", "7")
			r.ContentLength = 9
			return r
		}, "content-length=7&host=h&transfer-encoding="},
		{"Host from URL when req.Host is empty", func() *http.Request {
			r := newReq(t, http.MethodGet, "https://h/k")
			r.Host = ""
			r.URL.Host = "url-host"
			return r
		}, "content-length=&host=url-host&transfer-encoding="},
	}
	for _, tc := range tests {
		res, err := signature.Sign(tc.req(), testCred, signature.Options{KeyTime: testKT, HeaderList: list})
		require.NoError(t, err)
		assert.Equal(t, tc.want, res.HTTPHeaders, "Sign(%s).HTTPHeaders", tc.name)
	}
}
