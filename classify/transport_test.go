package classify_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

const (
	testSecretID  = "AKIDtransportTEST0123456789"
	testSecretKey = "transportSECRETkey0123456789abcd"
)

// signingServer answers like COS: it recomputes the signature from what
// arrived, decoding '+' in the path as a space as COS does (cos-errors.md
// §3.1), and on mismatch sends SignatureDoesNotMatch with its StringToSign
// and FormatString. Its clock may be offset from the test's.
type signingServer struct {
	offset time.Duration
}

func (s *signingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "tencent-cos")
	w.Header().Set("X-Cos-Request-Id", "NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4MTE=")
	now := time.Now().Add(s.offset)
	fail := func(code, msg, extra string) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>%s</Code>\n\t<Message>%s</Message>\n%s\t<Resource>%s%s</Resource>\n\t<RequestId>NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4MTE=</RequestId>\n</Error>",
			code, msg, extra, r.Host, r.URL.Path)
	}
	auth, err := signature.FromRequest(r)
	if err != nil {
		fail("AccessDenied", "Check auth failure because signature empty.", "\t<ServerTime>"+now.UTC().Format(time.RFC3339)+"</ServerTime>\n")
		return
	}
	if auth.SignTime.Start.Sub(now) > 15*time.Minute {
		fail("RequestTimeTooSkewed", "The difference between the request time and the server's time is too large.",
			"\t<ServerTime>"+now.UTC().Format(time.RFC3339)+"</ServerTime>\n")
		return
	}
	res, err := signature.Sign(r, signature.Credentials{SecretID: auth.SecretID, SecretKey: testSecretKey}, signature.Options{
		KeyTime: auth.KeyTime, SignTime: auth.SignTime,
		HeaderList: append([]string{}, auth.HeaderList...), ParamList: append([]string{}, auth.URLParamList...),
		Path: strings.ReplaceAll(r.URL.Path, "+", " "),
	})
	if err != nil || res.Signature != auth.Signature {
		esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
		fail("SignatureDoesNotMatch", "The Signature you specified is invalid.",
			"\t<StringToSign>"+esc.Replace(res.StringToSign)+"</StringToSign>\n\t<FormatString>"+esc.Replace(res.FormatString)+"</FormatString>\n")
		return
	}
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "ok")
}

// mutator changes a header after signing, like a proxy or an HTTP library
// that appends a charset.
type mutator struct {
	base   http.RoundTripper
	header string
	value  string
}

func (m *mutator) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(m.header, m.value)
	return m.base.RoundTrip(r)
}

func newClient(t *testing.T, srvURL string, key string, inner http.RoundTripper) *cos.Client {
	t.Helper()
	u, err := url.Parse(srvURL)
	require.NoError(t, err)
	auth := &cos.AuthorizationTransport{SecretID: testSecretID, SecretKey: key}
	tr := &classify.Transport{Credentials: auth, Base: inner}
	auth.Transport = tr
	return cos.NewClient(&cos.BaseURL{BucketURL: u}, &http.Client{Transport: auth})
}

func TestTransportHeaderChangedAfterSigning(t *testing.T) {
	srv := httptest.NewServer(&signingServer{})
	defer srv.Close()
	inner := &mutator{base: http.DefaultTransport, header: "Content-Type", value: "application/xml; charset=utf-8"}
	c := newClient(t, srv.URL, testSecretKey, inner)
	_, err := c.Object.Put(context.Background(), "doc.xml", strings.NewReader("<a/>"),
		&cos.ObjectPutOptions{ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "application/xml"}})
	require.Error(t, err)
	e, ok := cos403.As(classify.Classify(err))
	require.True(t, ok)
	assert.Equal(t, cos403.CauseSignatureMismatch, e.Cause)
	require.NotNil(t, e.Signature, "the transport let Classify compare the signatures")
	assert.Equal(t, "headers", e.Signature.Stage)
	assert.Equal(t, "content-type", e.Signature.Element)
	assert.Contains(t, e.Signature.Client, "application")
	assert.Contains(t, e.Signature.Server, "charset")
	assert.Contains(t, e.ServerFormatString, "content-type=application%2Fxml%3B%20charset%3Dutf-8")
	assert.Contains(t, e.Remediation(cos403.English).Summary, "content-type")
}

func TestTransportPlusInPath(t *testing.T) {
	srv := httptest.NewServer(&signingServer{})
	defer srv.Close()
	// The SDK sends '+' as %2B; a hand-built request sends it raw.
	req, err := http.NewRequest("GET", srv.URL+"/resume-zh+en.png", nil)
	require.NoError(t, err)
	cos.AddAuthorizationHeader(testSecretID, testSecretKey, "", req, cos.NewAuthTime(time.Hour))
	resp, err := (&http.Client{Transport: &classify.Transport{SecretKey: testSecretKey}}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	e, ok := cos403.As(classify.Response(resp))
	require.True(t, ok)
	assert.Equal(t, cos403.CauseSignatureMismatch, e.Cause)
	require.NotNil(t, e.Signature)
	assert.Equal(t, "path", e.Signature.Stage)
	assert.Equal(t, "/resume-zh+en.png", e.Signature.Client)
	assert.Equal(t, "/resume-zh en.png", e.Signature.Server)
	assert.Contains(t, e.Signature.Explanation, "%2B")
}

func TestTransportWrongSecretKey(t *testing.T) {
	srv := httptest.NewServer(&signingServer{})
	defer srv.Close()
	for _, withKey := range []bool{true, false} {
		u, _ := url.Parse(srv.URL)
		auth := &cos.AuthorizationTransport{SecretID: testSecretID, SecretKey: "not-the-right-key"}
		tr := &classify.Transport{}
		if withKey {
			tr.Credentials = auth
		}
		auth.Transport = tr
		c := cos.NewClient(&cos.BaseURL{BucketURL: u}, &http.Client{Transport: auth})
		_, err := c.Object.Get(context.Background(), "exampleobject", nil)
		require.Error(t, err)
		e, ok := cos403.As(classify.Classify(err))
		require.True(t, ok)
		assert.Equal(t, cos403.CauseSignatureMismatch, e.Cause)
		require.NotNil(t, e.Signature, "withKey=%v", withKey)
		assert.Equal(t, classify.StageSecretKey, e.Signature.Stage, "format strings agree, so the key is wrong (withKey=%v)", withKey)
		assert.Contains(t, strings.ToLower(e.Signature.Explanation), "secretkey")
	}
}

func TestTransportSkewedClock(t *testing.T) {
	// The server's clock is 20 minutes behind: the client's q-sign-time
	// starts in the server's future.
	srv := httptest.NewServer(&signingServer{offset: -20 * time.Minute})
	defer srv.Close()
	c := newClient(t, srv.URL, testSecretKey, nil)
	_, err := c.Object.Get(context.Background(), "exampleobject", nil)
	require.Error(t, err)
	e, ok := cos403.As(classify.Classify(err))
	require.True(t, ok)
	assert.Equal(t, cos403.CauseRequestTimeTooSkewed, e.Cause)
	require.False(t, e.ServerTime.IsZero())
	require.False(t, e.LocalTime.IsZero())
	skew := e.ServerTime.Sub(e.LocalTime)
	assert.InDelta(t, (-20 * time.Minute).Seconds(), skew.Seconds(), 5)
	assert.Contains(t, e.Remediation(cos403.English).Summary, "-20m")
}

func TestTransportSignatureEmptyServerTime(t *testing.T) {
	srv := httptest.NewServer(&signingServer{})
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	c := cos.NewClient(&cos.BaseURL{BucketURL: u}, &http.Client{Transport: &classify.Transport{}})
	_, err := c.Object.Get(context.Background(), "exampleobject", nil)
	e, ok := cos403.As(classify.Classify(err))
	require.True(t, ok)
	assert.Equal(t, cos403.CauseAnonymousDenied, e.Cause)
	assert.False(t, e.Signed)
	assert.WithinDuration(t, time.Now(), e.ServerTime, time.Minute, "ServerTime read from <ServerTime>")
}

// TestTransportConcurrent runs many SDK calls through one Transport under
// -race; each error must carry its own capture.
func TestTransportConcurrent(t *testing.T) {
	srv := httptest.NewServer(&signingServer{})
	defer srv.Close()
	inner := &mutator{base: http.DefaultTransport, header: "Content-Type", value: "text/plain; charset=utf-8"}
	c := newClient(t, srv.URL, testSecretKey, inner)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			key := fmt.Sprintf("obj-%d", i)
			_, err := c.Object.Put(context.Background(), key, strings.NewReader("x"),
				&cos.ObjectPutOptions{ObjectPutHeaderOptions: &cos.ObjectPutHeaderOptions{ContentType: "text/plain"}})
			e, ok := cos403.As(classify.Classify(err))
			if !ok || e.Signature == nil || e.Signature.Element != "content-type" || !strings.Contains(e.ServerFormatString, "/"+key+"\n") {
				errs <- fmt.Errorf("%s: %v", key, err)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestTransportBoundsTheCopy serves a large error body and counts how much
// of it the Transport read.
func TestTransportBoundsTheCopy(t *testing.T) {
	const size = 1 << 20
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Cos-Request-Id", "N1")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>")
		io.WriteString(w, strings.Repeat(" ", size))
	}))
	defer srv.Close()
	counter := &countingTransport{base: http.DefaultTransport}
	tr := &classify.Transport{Base: counter, MaxBody: 1024}
	req, _ := http.NewRequest("GET", srv.URL+"/k", nil)
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	// Nothing else has read the body yet, so every byte counted was read
	// by the Transport: exactly its cap, not the 64 KiB default.
	assert.Equal(t, int64(1024), counter.read(), "the transport reads up to its cap and no further")
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	assert.Equal(t, int64(size+len("<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>")), n, "the body the caller reads is unchanged")
}

type countingTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	body *countingReadCloser
}

type countingReadCloser struct {
	io.ReadCloser
	mu *sync.Mutex
	n  int64
}

func (c *countingReadCloser) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.mu.Lock()
	c.n += int64(n)
	c.mu.Unlock()
	return n, err
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if err == nil {
		c.body = &countingReadCloser{ReadCloser: resp.Body, mu: &c.mu}
		resp.Body = c.body
	}
	return resp, err
}

func (c *countingTransport) read() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.body.n
}

// okTransport answers 200 without touching the network.
type okTransport struct{ resp *http.Response }

func (o okTransport) RoundTrip(*http.Request) (*http.Response, error) { return o.resp, nil }

func TestTransportLeavesSuccessAlone(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://127.0.0.1/k", nil)
	resp := &http.Response{StatusCode: 200, Body: http.NoBody, Request: req}
	tr := &classify.Transport{Base: okTransport{resp}}
	got, err := tr.RoundTrip(req)
	require.NoError(t, err)
	assert.Same(t, resp, got)
	assert.Same(t, req, got.Request)
	allocs := testing.AllocsPerRun(100, func() { _, _ = tr.RoundTrip(req) })
	assert.Zero(t, allocs, "a 2xx reply costs no allocation")
}

func BenchmarkTransport2xx(b *testing.B) {
	req, _ := http.NewRequest("GET", "http://127.0.0.1/k", nil)
	resp := &http.Response{StatusCode: 200, Body: http.NoBody, Request: req}
	base := okTransport{resp}
	b.Run("bare", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_, _ = base.RoundTrip(req)
		}
	})
	b.Run("classify.Transport", func(b *testing.B) {
		tr := &classify.Transport{Base: base}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_, _ = tr.RoundTrip(req)
		}
	})
}

// TestResponseUsesTheTransportCapture: a response that came through a
// Transport, classified with Response instead of via the SDK, still gets the
// arrival time and the key-based comparison.
func TestResponseUsesTheTransportCapture(t *testing.T) {
	srv := httptest.NewServer(&signingServer{})
	defer srv.Close()
	req, err := http.NewRequest("GET", srv.URL+"/k", nil)
	require.NoError(t, err)
	cos.AddAuthorizationHeader(testSecretID, "wrong-key", "", req, cos.NewAuthTime(time.Hour))
	arrived := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	tr := &classify.Transport{SecretKey: "wrong-key", Now: func() time.Time { return arrived }}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	e, ok := cos403.As(classify.Response(resp))
	require.True(t, ok)
	assert.Equal(t, arrived, e.LocalTime)
	require.NotNil(t, e.Signature)
	assert.Equal(t, classify.StageSecretKey, e.Signature.Stage)
}
