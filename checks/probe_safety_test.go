package checks_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
	"github.com/cos403/cos403-go/signature"
)

// hangingServer never answers until the test ends or the client gives up.
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	return srv
}

// TestProbesHonourDeadlines: a server that never answers must not hang a
// probe past its context's deadline.
func TestProbesHonourDeadlines(t *testing.T) {
	t.Parallel()
	srv := hangingServer(t)
	u := srv.URL + "/object.txt"
	client := srv.Client()
	probes := map[string]func(ctx context.Context) checks.Finding{
		"CheckClockSkew": func(ctx context.Context) checks.Finding { return checks.CheckClockSkew(ctx, client, srv.URL).Finding },
		"CheckCORS": func(ctx context.Context) checks.Finding {
			return checks.CheckCORS(ctx, client, u, "https://a.example", "GET")
		},
		"CheckReferer": func(ctx context.Context) checks.Finding {
			return checks.CheckReferer(ctx, client, u, "https://a.example/")
		},
		"CheckAnonymousAccess": func(ctx context.Context) checks.Finding {
			return checks.CheckAnonymousAccess(ctx, client, u)
		},
		"Diagnose signed": func(ctx context.Context) checks.Finding {
			r := checks.Diagnose(ctx, checks.Target{BucketURL: srv.URL, Key: "object.txt", Credentials: fxRootCred, HTTPClient: client})
			return findingOf(t, r.Findings, "signed_request")
		},
		"Diagnose unsigned": func(ctx context.Context) checks.Finding {
			r := checks.Diagnose(ctx, checks.Target{BucketURL: srv.URL, Key: "object.txt", Origin: "https://a.example", HTTPClient: client})
			assert.Empty(t, r.Cause)
			return findingOf(t, r.Findings, "anonymous")
		},
	}
	for name, probe := range probes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			f := probe(ctx)
			assert.Less(t, time.Since(start), 5*time.Second, "%s hung", name)
			assert.Equal(t, checks.StatusWarn, f.Status, "%v", f)
			assert.Contains(t, f.Summary, "timed out")
		})
	}
}

// TestSDKProbesHonourDeadlines: the probes that go through a cos.Client
// too, against a fake that holds every answer back.
func TestSDKProbesHonourDeadlines(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.srv.SetFault("*", fakecos.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	st := checks.CheckObjectState(ctx, f.sdk(fxRootCred), "cold.bin")
	pol := checks.CheckPolicy(ctx, f.sdk(fxRootCred), checks.PolicyRequest{Resource: fxResource("private.txt")})
	r := checks.Diagnose(ctx, f.target("cold.bin", fxRootCred))
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, checks.StatusWarn, st.Finding.Status)
	assert.Contains(t, st.Finding.Summary, "no answer")
	assert.Contains(t, evidence(pol.Finding, "bucket_policy_input"), "unreadable")
	assert.Empty(t, r.Failed(), "a silent server confirms nothing\n%+v", r)
}

// redirectServers: origin redirects /elsewhere to another host, /same to
// /landing on itself; other counts what reaches it.
type redirectServers struct {
	origin, other *httptest.Server
	otherHits     atomic.Int64
	signedFollow  atomic.Int64
}

func newRedirectServers(t *testing.T) *redirectServers {
	t.Helper()
	rs := &redirectServers{}
	rs.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rs.otherHits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	rs.origin = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().UTC().Format(http.TimeFormat))
		switch r.URL.Path {
		case "/same":
			http.Redirect(w, r, "/landing", http.StatusFound)
		case "/landing":
			if r.Header.Get("Authorization") != "" {
				rs.signedFollow.Add(1)
			}
			w.WriteHeader(http.StatusOK)
		default:
			http.Redirect(w, r, rs.other.URL+"/stolen", http.StatusFound)
		}
	}))
	t.Cleanup(rs.origin.Close)
	t.Cleanup(rs.other.Close)
	return rs
}

func TestProbesNeverFollowRedirectsToAnotherHost(t *testing.T) {
	t.Parallel()
	rs := newRedirectServers(t)
	ctx := testCtx(t)
	caller := &http.Client{Timeout: 5 * time.Second}
	presigned, err := signature.Presign(http.MethodGet, rs.origin.URL+"/elsewhere", fxRootCred, signature.Options{})
	require.NoError(t, err)

	anon := checks.CheckAnonymousAccess(ctx, caller, presigned)
	assert.Contains(t, evidence(anon, "head"), "not followed")
	assert.NotContains(t, evidence(anon, "head"), "q-signature=")
	checks.CheckReferer(ctx, caller, rs.origin.URL+"/elsewhere", "https://page.example/")
	checks.CheckCORS(ctx, caller, rs.origin.URL+"/elsewhere", "https://page.example", "GET")
	checks.CheckClockSkew(ctx, caller, rs.origin.URL+"/elsewhere")
	r := checks.Diagnose(ctx, checks.Target{BucketURL: rs.origin.URL, Key: "elsewhere", Credentials: fxTmpCred, HTTPClient: caller})
	sr := findingOf(t, r.Findings, "signed_request")
	assert.Contains(t, evidence(sr, "answer"), "302")

	assert.Zero(t, rs.otherHits.Load(), "a probe followed a redirect to another host")
	assert.Nil(t, caller.CheckRedirect, "the caller's client was modified")
	assert.Equal(t, 5*time.Second, caller.Timeout)

	// Unsigned probes follow a redirect within the host; signed ones none.
	same := checks.CheckClockSkew(ctx, caller, rs.origin.URL+"/same")
	assert.Contains(t, evidence(same.Finding, "answer"), "200")
	r = checks.Diagnose(ctx, checks.Target{BucketURL: rs.origin.URL, Key: "same", Credentials: fxRootCred, HTTPClient: caller})
	assert.Contains(t, evidence(findingOf(t, r.Findings, "signed_request"), "answer"), "302")
	assert.Zero(t, rs.signedFollow.Load(), "a signed probe followed a redirect")
}

// recorder keeps every request a client sends.
type recorder struct {
	base http.RoundTripper
	mu   sync.Mutex
	reqs []string
	auth []bool
	tok  []bool
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var b strings.Builder
	b.WriteString(req.Method + " " + req.URL.String() + "\n")
	for k, vs := range req.Header {
		b.WriteString(k + ": " + strings.Join(vs, ",") + "\n")
	}
	if req.Body != nil && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(body)
			b.Write(data)
		}
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, b.String())
	r.auth = append(r.auth, req.Header.Get("Authorization") != "" || strings.Contains(req.URL.RawQuery, "q-signature"))
	r.tok = append(r.tok, req.Header.Get("X-Cos-Security-Token") != "" || strings.Contains(req.URL.RawQuery, "x-cos-security-token"))
	r.mu.Unlock()
	return r.base.RoundTrip(req)
}

// TestSecretKeyNeverSent runs the flow with several keys and checks that no
// probe carries a SecretKey, and that unsigned probes carry neither a
// signature nor a token.
func TestSecretKeyNeverSent(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) { b.CORS = fxCORSRules; b.Referer = fxWhiteList })
	wrong := fxRootCred
	wrong.SecretKey = "wrongSecretKeyNeverSentAnywhere"
	for _, cred := range []signature.Credentials{fxRootCred, fxTmpCred, wrong, fxSubCred, {}} {
		rec := &recorder{base: f.srv.Transport()}
		tg := f.target("private.txt", cred)
		tg.HTTPClient = &http.Client{Transport: rec}
		tg.Origin, tg.Referer = "https://app.example.com", "https://www.example.com/"
		checks.Diagnose(testCtx(t), tg)
		require.NotEmpty(t, rec.reqs)
		for i, sent := range rec.reqs {
			for _, secret := range []string{fxRootCred.SecretKey, fxTmpCred.SecretKey, wrong.SecretKey, fxSubCred.SecretKey} {
				assert.NotContains(t, sent, secret, "request %d carries a SecretKey", i)
			}
			if cred.SecretID == "" {
				assert.False(t, rec.auth[i], "an anonymous diagnosis signed request %d", i)
			}
			if rec.tok[i] {
				assert.True(t, rec.auth[i], "request %d carries a token without a signature", i)
			}
		}
	}
}

// TestDiagnoseConcurrent runs Diagnose on one Target from many goroutines
// (under -race in CI).
func TestDiagnoseConcurrent(t *testing.T) {
	t.Parallel()
	f := newFx(t)
	f.bucket(t, func(b *fakecos.Bucket) { b.Referer = fxWhiteList })
	tg := f.target("public-cold.bin", signature.Credentials{})
	tg.Referer = "https://evil.test/"
	var wg sync.WaitGroup
	causes := make([]cos403.Cause, 8)
	for i := range causes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			causes[i] = checks.Diagnose(testCtx(t), tg).Cause
		}()
	}
	wg.Wait()
	for _, c := range causes {
		assert.Equal(t, cos403.CauseRefererDenied, c)
	}
}

// TestNilClient: a nil *http.Client means the private client, which has
// timeouts and keeps no idle connection (TestMain checks for leaks).
func TestNilClient(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().UTC().Format(http.TimeFormat))
		w.Header().Set("x-cos-request-id", "NTest")
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	res := checks.CheckClockSkew(context.Background(), nil, srv.URL)
	assert.Equal(t, checks.StatusPass, res.Finding.Status, "%v", res.Finding)
	anon := checks.CheckAnonymousAccess(context.Background(), nil, srv.URL+"/x")
	assert.Equal(t, checks.StatusPass, anon.Status)
}

// TestBoundedBody: a huge answer is read only up to the probe's limit.
func TestBoundedBody(t *testing.T) {
	t.Parallel()
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusForbidden)
		if r.Method == http.MethodHead {
			return
		}
		chunk := []byte(strings.Repeat("<Error>", 1024))
		for i := 0; i < 64<<10; i++ { // 448 MiB if it were all read
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	start := time.Now()
	f := checks.CheckAnonymousAccess(testCtx(t), srv.Client(), srv.URL+"/big")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.NotEqual(t, checks.StatusPass, f.Status)
	assert.Less(t, written.Load(), int64(64<<20), "the probe read far beyond its limit")
}
