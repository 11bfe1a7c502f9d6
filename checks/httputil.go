package checks

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// DefaultTimeout bounds each probe request whose context has no deadline,
// and every request of the private client used when a probe is given a nil
// *http.Client. A COS answer, even a refusal, takes well under a second; a
// probe that waits longer is talking to something that will not answer.
const DefaultTimeout = 20 * time.Second

// maxProbeBody is the most a probe reads of a response body. COS error
// documents, even with StringToSign and FormatString, are a few KiB
// (classify.DefaultMaxCapture keeps 64 KiB for the same reason); a probe
// of an object asks for one byte of it.
const maxProbeBody = 64 << 10

// maxDrain is how much more of a body is discarded so that the connection
// can be reused; a longer body is cut by closing it.
const maxDrain = 4 << 10

// maxSameHostRedirects bounds the redirects an unsigned probe follows.
const maxSameHostRedirects = 5

// privateClient serves probes given a nil *http.Client. Unlike
// http.DefaultClient it has a timeout. Keep-alives are off: a diagnosis
// sends a handful of requests, and no idle connection (or its goroutines)
// outlives it.
var privateClient = &http.Client{
	Timeout: DefaultTimeout,
	Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: DefaultTimeout,
		ExpectContinueTimeout: time.Second,
		DisableKeepAlives:     true,
		ForceAttemptHTTP2:     true,
	},
}

// redirectPolicy says which redirects a probe follows.
type redirectPolicy int

const (
	// noRedirects: signed probes follow none. A redirect would carry the
	// Authorization and security token to a URL they were not made for;
	// cos-go-sdk-v5 follows none either ("avoid SSRF", cos.go NewClient).
	noRedirects redirectPolicy = iota
	// sameHostRedirects: unsigned probes follow a few redirects within the
	// host they were sent to. A redirect to another host is never followed:
	// net/http would send it the Referer (the probed URL, which may be a
	// presigned one) and the caller's own headers.
	sameHostRedirects
)

// probeClient returns a copy of c (or of the private client when c is nil)
// with the redirect policy applied. The caller's client is never modified;
// its own CheckRedirect still runs for the redirects the policy allows.
func probeClient(c *http.Client, p redirectPolicy) *http.Client {
	if c == nil {
		c = privateClient
	}
	cp := *c
	prev := c.CheckRedirect
	cp.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if p == noRedirects || len(via) == 0 || len(via) > maxSameHostRedirects {
			return http.ErrUseLastResponse
		}
		if !sameHost(req.URL, via[0].URL) {
			return http.ErrUseLastResponse
		}
		if prev != nil {
			return prev(req, via)
		}
		return nil
	}
	return &cp
}

func sameHost(a, b *url.URL) bool {
	return a != nil && b != nil && strings.EqualFold(a.Host, b.Host)
}

// withTimeout applies DefaultTimeout when ctx has no deadline of its own.
func withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, DefaultTimeout)
}

// reply is one probe exchange, read and closed.
type reply struct {
	// req is the request as sent (after any redirects, the last one).
	req    *http.Request
	status int
	header http.Header
	// body is at most maxProbeBody bytes of the response body.
	body []byte
	// sent and received bracket the exchange on the local clock.
	sent, received time.Time
	// err is a transport failure: nothing usable came back.
	err error
	// cosErr classifies a non-2xx answer.
	cosErr *cos403.Error
}

// send performs req on c with ctx (bounded by DefaultTimeout when it has no
// deadline), reads a bounded body and closes it. It never returns a live
// body, so nothing leaks whatever the caller does with the reply.
func send(ctx context.Context, c *http.Client, req *http.Request, now func() time.Time) reply {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	req = req.WithContext(ctx)
	r := reply{req: req, sent: now()}
	resp, err := c.Do(req)
	r.received = now()
	if err != nil {
		r.err = err
		return r
	}
	defer resp.Body.Close()
	if resp.Request != nil {
		r.req = resp.Request
	}
	r.status, r.header = resp.StatusCode, resp.Header
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxProbeBody))
	r.body = body
	if err == nil {
		_, _ = io.CopyN(io.Discard, resp.Body, maxDrain)
	}
	if !r.ok() {
		r.cosErr = classify.Reply(r.status, r.header, r.body, r.req)
		if r.cosErr != nil {
			r.cosErr.LocalTime = r.received
		}
	}
	return r
}

// ok reports a 2xx answer.
func (r *reply) ok() bool { return r.err == nil && r.status >= 200 && r.status <= 299 }

// cause is the classified cause of a refusal, "" for a 2xx answer or a
// transport failure.
func (r *reply) cause() cos403.Cause {
	if r.cosErr == nil {
		return ""
	}
	return r.cosErr.Cause
}

// redirect returns the redacted Location of a 3xx answer that was not
// followed.
func (r *reply) redirect() (string, bool) {
	if r.err != nil || r.status < 300 || r.status > 399 {
		return "", false
	}
	loc := r.header.Get("Location")
	if loc == "" {
		return "", false
	}
	return cos403.RedactURL(loc), true
}

// text describes the answer on one line without any secret:
// `403 AccessDenied "Access Denied." (request id N...)`.
func (r *reply) text() string {
	if r.err != nil {
		return "no answer: " + errText(r.err)
	}
	var b strings.Builder
	if r.cosErr != nil {
		b.WriteString(cosErrText(r.cosErr))
	} else {
		b.WriteString(strconv.Itoa(r.status))
		b.WriteString(" ")
		b.WriteString(http.StatusText(r.status))
		if id := r.requestID(); id != "" {
			b.WriteString(", request id ")
			b.WriteString(id)
		}
	}
	if loc, ok := r.redirect(); ok {
		b.WriteString(", redirect to ")
		b.WriteString(loc)
		b.WriteString(" not followed")
	}
	return b.String()
}

func (r *reply) requestID() string {
	if r.cosErr != nil && r.cosErr.RequestID != "" {
		return r.cosErr.RequestID
	}
	if r.header != nil {
		return r.header.Get("X-Cos-Request-Id")
	}
	return ""
}

// errText renders a transport error without the URL's secrets: net/http's
// *url.Error quotes the whole URL, presigned query included.
func errText(err error) string {
	if err == nil {
		return ""
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := "error"
		if ue.Err != nil {
			inner = ue.Err.Error()
		}
		if ue.Timeout() || errors.Is(ue.Err, context.DeadlineExceeded) {
			inner = "timed out (" + inner + ")"
		}
		return oneLine(ue.Op + " " + cos403.RedactURL(ue.URL) + ": " + signature.Redact(inner))
	}
	return oneLine(signature.Redact(err.Error()))
}

// parseProbeURL accepts an absolute http or https URL.
func parseProbeURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errors.New("scheme must be http or https")
	}
	if u.Host == "" {
		return nil, errors.New("no host")
	}
	return u, nil
}

// signatureParams are the query parameters that carry a signature or a
// temporary key's token (D-SIGN "Passing the signature").
var signatureParams = map[string]bool{
	"q-sign-algorithm": true, "q-ak": true, "q-sign-time": true, "q-key-time": true,
	"q-header-list": true, "q-url-param-list": true, "q-signature": true,
	"sign": true, "x-cos-security-token": true,
}

// unsignedURL returns a copy of u without signature and token parameters,
// so that a probe meant to be anonymous is.
func unsignedURL(u *url.URL) *url.URL {
	cp := *u
	cp.User = nil
	cp.Fragment, cp.RawFragment = "", ""
	if cp.RawQuery == "" {
		return &cp
	}
	var kept []string
	for _, pair := range strings.Split(cp.RawQuery, "&") {
		if pair == "" {
			continue
		}
		name, _, _ := strings.Cut(pair, "=")
		if dn, err := url.QueryUnescape(name); err == nil {
			name = dn
		}
		if signatureParams[strings.ToLower(name)] {
			continue
		}
		kept = append(kept, pair)
	}
	cp.RawQuery = strings.Join(kept, "&")
	return &cp
}

// hasSignature reports whether u carries a signature in its query.
func hasSignature(u *url.URL) bool {
	req := &http.Request{Header: http.Header{}, URL: u}
	_, err := signature.FromRequest(req)
	return err == nil
}

// objectURL joins a bucket URL and an object key, escaping the key like
// cos-go-sdk-v5 does (every byte outside the unreserved set and '/',
// so that '+' travels as %2B and is not read as a space, D-SIGN).
func objectURL(bucket *url.URL, key string) *url.URL {
	u := *bucket
	u.RawQuery, u.Fragment, u.RawFragment, u.User = "", "", "", nil
	key = strings.TrimPrefix(key, "/")
	u.Path = "/" + key
	u.RawPath = "/" + escapeKey(key)
	return &u
}

// escapeKey escapes an object key for the URL path, segment by segment so
// that '/' stays a separator, with the COS UrlEncode the SDK also uses.
func escapeKey(key string) string {
	segs := strings.Split(key, "/")
	for i, seg := range segs {
		segs[i] = signature.Escape(seg)
	}
	return strings.Join(segs, "/")
}

// bucketHost is what a virtual-hosted COS host name says.
type bucketHost struct {
	bucket, appid, region string
}

// parseBucketHost reads <name>-<appid>.cos.<region>.myqcloud.com (and the
// cos-internal, cos-website and tencentcos.cn forms). Region is empty for
// hosts that carry none (the global accelerate domain).
func parseBucketHost(host string) (bucketHost, bool) {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 4 {
		return bucketHost{}, false
	}
	name := labels[0]
	i := strings.LastIndexByte(name, '-')
	if i <= 0 || !allDigits(name[i+1:]) {
		return bucketHost{}, false
	}
	switch labels[1] {
	case "cos", "cos-internal", "cos-website":
	default:
		return bucketHost{}, false
	}
	bh := bucketHost{bucket: name, appid: name[i+1:]}
	if labels[2] != "accelerate" && len(labels) >= 5 {
		bh.region = labels[2]
	}
	return bh, true
}

// resourceFor names the resource of key in the bucket at u for policies,
// or "" when the host is not a virtual-hosted COS bucket.
func resourceFor(u *url.URL, key string) string {
	if u == nil {
		return ""
	}
	bh, ok := parseBucketHost(u.Host)
	if !ok {
		return ""
	}
	return ResourceName(bh.region, bh.appid, bh.bucket, key)
}

// headerDate reads the Date header, zero when absent or unreadable.
func headerDate(h http.Header) time.Time {
	if h == nil {
		return time.Time{}
	}
	t, err := ParseServerTime(h.Get("Date"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// sdkCode returns the COS error code inside an SDK error, "" when err holds
// no COS answer.
func sdkCode(err error) string {
	if e, ok := cos403.As(classify.Classify(err)); ok {
		return e.Code
	}
	return ""
}

// sdkErrText describes an SDK error on one line without secrets: the
// classified COS answer, or the transport failure.
func sdkErrText(err error) string {
	if e, ok := cos403.As(classify.Classify(err)); ok {
		return cosErrText(e)
	}
	return errText(err)
}

// cosErrText is `403 AccessDenied "Access Denied." (anonymous_denied), request id N...`.
func cosErrText(e *cos403.Error) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(e.Message))
	}
	if e.Cause != "" {
		b.WriteString(" (")
		b.WriteString(string(e.Cause))
		b.WriteString(")")
	}
	if e.RequestID != "" {
		b.WriteString(", request id ")
		b.WriteString(e.RequestID)
	}
	return b.String()
}
