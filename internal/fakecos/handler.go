package fakecos

import (
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/signature"
)

// request is one incoming request as the handler pipeline sees it.
type request struct {
	r    *http.Request
	id   string
	now  time.Time
	addr addressing
	// method is upper-cased for routing; COS lower-cases it for signing, so
	// "gEt" and "GET" are the same request.
	method string
	// bucket is the lower-case <name>-<appid>, empty for service requests.
	bucket string
	// key is the decoded object key, empty for bucket and service requests.
	key       string
	pathStyle bool
	// resource is what <Resource> shows: host and decoded path, no scheme
	// (cos-errors.md §2.1).
	resource string
	// sub is the sub-resource COS routes on ("acl", "cors", ...), taken
	// from the first query parameter that names one.
	sub    string
	query  url.Values
	signed bool
	auth   *signature.Authorization
	cred   Credential
	code   string
}

// subresources the fake routes on; cos-go-sdk-v5 (cos.go addURLOptions)
// keeps the routing parameter first because COS routes on it.
var subresources = map[string]bool{
	"acl": true, "cors": true, "policy": true, "referer": true, "restore": true,
}

// Query parameters that carry the signature itself and are never part of
// what is signed (D-SIGN "Passing the signature").
var signatureParams = map[string]bool{
	"q-sign-algorithm": true, "q-ak": true, "q-sign-time": true, "q-key-time": true,
	"q-header-list": true, "q-url-param-list": true, "q-signature": true, "sign": true,
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		panic(http.ErrAbortHandler)
	}
	defer s.inflight.Done()
	now := s.Now()
	rq := &request{r: r, now: now, id: newRequestID(now, s.seq.Add(1))}
	rq.addr = parseHost(r.Host, s.selfAddrs())
	rq.method = strings.ToUpper(r.Method)
	s.route(rq)

	if f, ok := s.faultFor(rq.addr.hostname, rq.bucket); ok {
		if f.Delay > 0 && !s.wait(r, f.Delay) {
			// Drop the connection without a reply, as a timed-out or
			// shut-down server does; returning would send an empty 200.
			panic(http.ErrAbortHandler)
		}
		rq.now = s.Now()
		if f.ProxyHTML {
			writeProxyPage(w, rq.now)
			s.logf(rq, http.StatusForbidden)
			return
		}
		for name, v := range f.MutateHeader {
			if v == "" {
				r.Header.Del(headerKey(name))
			} else {
				r.Header.Set(headerKey(name), v)
			}
		}
		if f.TruncateBody > 0 {
			w = &truncatingWriter{ResponseWriter: w, left: f.TruncateBody}
		}
	}
	sw := &statusWriter{ResponseWriter: w}
	s.handle(sw, rq)
	s.logf(rq, sw.status)
}

// route splits Host and path into bucket, key, sub-resource and resource.
func (s *Server) route(rq *request) {
	r := rq.r
	p := r.URL.Path
	if p == "" {
		p = "/"
	}
	rq.resource = r.Host + p
	rq.query = parseQueryLenient(r.URL.RawQuery)
	for _, name := range queryOrder(r.URL.RawQuery) {
		if subresources[name] {
			rq.sub = name
			break
		}
	}
	switch rq.addr.kind {
	case hostVirtual:
		rq.bucket = rq.addr.bucket
		rq.key = strings.TrimPrefix(p, "/")
	case hostRegion, hostService, hostSelf:
		rest := strings.TrimPrefix(p, "/")
		if rest == "" {
			return
		}
		rq.pathStyle = true
		seg, key, _ := strings.Cut(rest, "/")
		rq.bucket = strings.ToLower(seg)
		rq.key = key
	}
}

// handle runs COS's checks in order. The order follows the seed's
// troubleshooting flow (cos-errors.md §1.6: CORS, referer, anonymous,
// key/time/signature, permissions, archive), made concrete where a check
// needs what an earlier one established.
func (s *Server) handle(w http.ResponseWriter, rq *request) {
	r := rq.r
	// 1. CORS preflight: unsigned by definition (D-OPTIONS: "you cannot
	// and need not include a request signature").
	if rq.method == http.MethodOptions {
		s.preflight(w, rq)
		return
	}
	if rq.addr.kind == hostUnknown {
		s.writeError(w, rq, &cosError{status: http.StatusBadRequest, code: "InvalidURI", message: "Could not parse the specified URI."})
		return
	}

	// 2. Signature presence.
	auth, err := signature.FromRequest(r)
	switch {
	case errors.Is(err, signature.ErrNoAuthorization):
	case err != nil:
		// No capture shows COS's answer to an unparsable Authorization;
		// 400 InvalidArgument is the generic D-ERR code for a bad request
		// argument [INFERRED].
		s.writeError(w, rq, &cosError{status: http.StatusBadRequest, code: "InvalidArgument", message: "Authorization is malformed."})
		return
	default:
		rq.signed = true
		rq.auth = auth
	}
	if !rq.signed && rq.bucket == "" {
		// §11 fixture E (D-JAVAQS): unsigned GET / on the service host.
		s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "AccessDenied", message: msgSignatureEmpty, serverTime: true, noTrace: true})
		return
	}

	// 3. Path-style addressing on a default domain (§1.2, BucketCat).
	if rq.pathStyle && rq.addr.defaultDomain {
		if b, ok := s.bucketConfig(rq.bucket); ok && !b.Created.Before(pathStyleCutoff) {
			s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "PathStyleDomainForbidden", message: msgPathStyleForbidden})
			return
		}
	}

	// 4. Key, time and signature (seed step 4).
	if rq.signed {
		if e := s.authenticate(rq); e != nil {
			s.writeError(w, rq, e)
			return
		}
	}

	if rq.bucket == "" {
		s.listBuckets(w, rq)
		return
	}
	b, ok := s.bucketConfig(rq.bucket)
	if !ok || (rq.addr.region != "" && rq.addr.region != b.Region) {
		s.writeError(w, rq, &cosError{status: http.StatusNotFound, code: "NoSuchBucket", message: "The specified bucket does not exist."})
		return
	}

	// 5. Strict signature (D-STRICT), which needs the bucket's rule.
	if rq.signed && b.StrictSign != nil {
		if msg := strictViolation(rq, b.StrictSign); msg != "" {
			s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "AccessDenied", message: msg})
			return
		}
	}

	op := s.operation(rq)
	if op == nil {
		s.writeError(w, rq, &cosError{status: http.StatusMethodNotAllowed, code: "MethodNotAllowed", message: "The specified method is not allowed against this resource."})
		return
	}

	if !rq.signed {
		// 6. Referer: unsigned requests only (D-REF-CON, D-REF-FAQ).
		if rq.key != "" && b.Referer != nil {
			d := checks.EvaluateReferer(*b.Referer, r.Header.Get("Referer"), false)
			if !d.Allowed {
				s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "AccessDenied", message: msgRefererDenied})
				return
			}
		}
		// D-GETOBJ: "If the response-* parameter is used in a request,
		// anonymous access will not be supported".
		if rq.method == http.MethodGet && rq.key != "" && hasResponseParam(rq.query) {
			s.writeError(w, rq, &cosError{status: http.StatusForbidden, code: "AccessDenied", message: msgAccessDenied})
			return
		}
	}

	// 7. Permission: anonymous (seed step 3) or signed (seed step 5).
	if e := s.authorize(rq, b, op.action); e != nil {
		s.writeError(w, rq, e)
		return
	}
	op.run(w, rq, b)
}

// authenticate checks a signed request's key, token, times and signature.
func (s *Server) authenticate(rq *request) *cosError {
	r, auth := rq.r, rq.auth
	cred, ok := s.credential(auth.SecretID)
	if !ok || cred.Disabled {
		// §1.2 and seed step 4.1: an unknown or disabled SecretId.
		return &cosError{status: http.StatusForbidden, code: "InvalidAccessKeyId", message: msgNoSuchAccessKey}
	}
	if cred.Token != "" {
		if !cred.Expires.IsZero() && !rq.now.Before(cred.Expires) {
			// §1.4 (D-ERR): 400 ExpiredToken.
			return &cosError{status: http.StatusBadRequest, code: "ExpiredToken", message: msgExpiredToken}
		}
		tok, has := signature.SecurityToken(r)
		if !has || subtle.ConstantTimeCompare([]byte(tok), []byte(cred.Token)) != 1 {
			// A temporary SecretId only exists together with its token; COS's
			// self-diagnosis reads such failures as "the SecretId does not
			// exist" (§1.4, cos-go-sdk-v5 #318), hence InvalidAccessKeyId.
			return &cosError{status: http.StatusForbidden, code: "InvalidAccessKeyId", message: msgNoSuchAccessKey}
		}
	}
	// §4: COS checks q-sign-time against its own clock.
	if auth.SignTime.Start.After(rq.now.Add(s.cfg.SkewTolerance)) {
		return &cosError{status: http.StatusForbidden, code: "RequestTimeTooSkewed", message: msgTimeTooSkewed, serverTime: true}
	}
	if rq.now.Unix() > auth.SignTime.End.Unix() || rq.now.Unix() > auth.KeyTime.End.Unix() {
		return &cosError{status: http.StatusForbidden, code: "AccessDenied", message: msgRequestExpired, serverTime: true}
	}
	res, err := signature.VerifyWith(r, cred.SecretKey, signature.Options{Path: cosPath(r)})
	if err != nil {
		if errors.Is(err, signature.ErrSignatureMismatch) && res != nil {
			return &cosError{
				status: http.StatusForbidden, code: "SignatureDoesNotMatch", message: msgSignatureInvalid,
				signatureErr: true, stringToSign: res.StringToSign, formatString: res.FormatString,
			}
		}
		return &cosError{status: http.StatusBadRequest, code: "InvalidArgument", message: "Authorization is malformed."}
	}
	rq.cred = cred
	return nil
}

// cosPath is the decoded path as COS puts it in its FormatString: a
// literal '+' in the request path reads as a space (§3.1, PicGo #638,
// where <FormatString> shows "resume-zh en" for "resume-zh+en").
func cosPath(r *http.Request) string {
	raw := r.URL.EscapedPath()
	if r.RequestURI != "" {
		// A server request keeps the target exactly as sent.
		raw = rawPathOf(r.RequestURI)
	}
	if !strings.Contains(raw, "+") {
		return r.URL.Path
	}
	p, err := url.PathUnescape(strings.ReplaceAll(raw, "+", "%20"))
	if err != nil {
		return r.URL.Path
	}
	return p
}

// rawPathOf returns the path part of a request target as sent.
func rawPathOf(target string) string {
	if i := strings.Index(target, "://"); i >= 0 {
		rest := target[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			target = rest[j:]
		} else {
			return "/"
		}
	}
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	return target
}

// strictViolation applies a strict-signature rule (D-STRICT): a listed
// header or parameter the request carries must be signed.
func strictViolation(rq *request, rule *StrictSign) string {
	signedHeaders := lowerSet(rq.auth.HeaderList)
	for _, h := range rule.Headers {
		name := strings.ToLower(h)
		present := name == "host" || len(rq.r.Header.Values(h)) > 0 ||
			(name == "transfer-encoding" && len(rq.r.TransferEncoding) > 0)
		if present && !signedHeaders[name] {
			return msgStrictHeader
		}
	}
	signedParams := lowerSet(rq.auth.URLParamList)
	all := false
	want := map[string]bool{}
	for _, p := range rule.Params {
		if p == "*" {
			all = true
		}
		want[strings.ToLower(p)] = true
	}
	for _, name := range queryOrder(rq.r.URL.RawQuery) {
		if signatureParams[name] || (name == "x-cos-security-token" && rq.auth.Form != signature.FormHeader && !all) {
			continue
		}
		if (all || want[name]) && !signedParams[name] {
			return msgStrictParam
		}
	}
	return ""
}

func lowerSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, v := range list {
		m[strings.ToLower(v)] = true
	}
	return m
}

// authorize evaluates the bucket policy, user and STS policies and ACLs
// with checks.EvaluateAccess, which implements D-EVAL's rules.
func (s *Server) authorize(rq *request, b Bucket, action string) *cosError {
	pol := checks.AccessPolicies{BucketPolicy: b.Policy, BucketACL: b.ACL, OwnerUin: b.OwnerUin}
	if rq.key != "" {
		if o, ok := s.objectSnapshot(rq.bucket, rq.key); ok {
			pol.ObjectACL = o.ACL
		}
	}
	preq := checks.PolicyRequest{
		Action:     "name/cos:" + action,
		Resource:   checks.ResourceName(b.Region, appID(b.Name), b.Name, rq.key),
		Signed:     rq.signed,
		Conditions: conditions(rq),
	}
	if rq.signed {
		preq.Principal = checks.Principal{OwnerUin: rq.cred.OwnerUin, Uin: rq.cred.uin()}
		pol.UserPolicies = rq.cred.UserPolicies
		if rq.cred.Token != "" {
			pol.STSPolicy = rq.cred.STSPolicy
		}
	} else {
		preq.Principal = checks.Principal{Anonymous: true}
	}
	d, err := checks.EvaluateAccess(pol, preq)
	if err != nil {
		return &cosError{status: http.StatusInternalServerError, code: "InternalError", message: "We encountered an internal error. Please try again."}
	}
	if !d.Allowed {
		// D-403: "Access Denied." for anonymous and signed denials alike.
		return &cosError{status: http.StatusForbidden, code: "AccessDenied", message: msgAccessDenied}
	}
	return nil
}

// conditions collects the condition keys of D-COND / D-CONDKEYS the
// request supplies. Parameter values are URL-encoded, as D-COND asks
// policy authors to write them.
func conditions(rq *request) map[string]string {
	r := rq.r
	c := map[string]string{"cos:secure-transport": "false"}
	if r.TLS != nil {
		c["cos:secure-transport"] = "true"
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		c["qcs:ip"] = host
	}
	for _, h := range []string{"x-cos-storage-class", "x-cos-acl", "content-type"} {
		if v := r.Header.Get(h); v != "" {
			c["cos:"+h] = v
		}
	}
	if r.ContentLength >= 0 && (rq.method == http.MethodPut || rq.method == http.MethodPost) {
		c["cos:content-length"] = strconv.FormatInt(r.ContentLength, 10)
	}
	for _, p := range []string{"prefix", "versionid", "response-content-type"} {
		if v, ok := lookupParam(rq.query, p); ok {
			c["cos:"+p] = signature.Escape(v)
		}
	}
	return c
}

func hasResponseParam(q url.Values) bool {
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "response-") {
			return true
		}
	}
	return false
}

// lookupParam finds a query parameter by case-insensitive name.
func lookupParam(q url.Values, name string) (string, bool) {
	for k, vs := range q {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// parseQueryLenient reads a raw query the way COS does for routing: pairs
// that fail to decode are kept raw instead of dropped.
func parseQueryLenient(raw string) url.Values {
	q := url.Values{}
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		q[k] = append(q[k], v)
	}
	return q
}

// queryOrder returns the decoded, lower-cased parameter names in the order
// they were sent.
func queryOrder(raw string) []string {
	var out []string
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		k, _, _ := strings.Cut(pair, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		out = append(out, strings.ToLower(k))
	}
	return out
}

// wait holds a response for a Delay fault; it reports false when the
// client went away or the server is closing.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closed:
		return false
	}
}

func (s *Server) logf(rq *request, status int) {
	if s.cfg.Logf == nil {
		return
	}
	// The path only: a presigned query carries a signature and a token.
	s.cfg.Logf("fakecos: %s %s%s -> %d %s (request id %s)", rq.r.Method, rq.r.Host, rq.r.URL.Path, status, rq.code, rq.id)
}

// statusWriter records the status for logging.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

// truncatingWriter passes on at most left bytes of the body. The declared
// Content-Length stays, so net/http closes the connection after the short
// body and the client reads an unexpected EOF.
type truncatingWriter struct {
	http.ResponseWriter
	left int
}

func (w *truncatingWriter) Write(p []byte) (int, error) {
	n := len(p)
	if w.left <= 0 {
		return n, nil
	}
	if len(p) > w.left {
		p = p[:w.left]
	}
	w.left -= len(p)
	if _, err := w.ResponseWriter.Write(p); err != nil {
		return 0, err
	}
	return n, nil
}

// writeProxyPage is what a proxy or WAF in front of COS sends: 403 with an
// HTML page and none of COS's headers (no x-cos-request-id, §2.3).
func writeProxyPage(w http.ResponseWriter, now time.Time) {
	const page = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
	h := w.Header()
	h.Set("Content-Type", "text/html")
	h.Set("Server", "nginx")
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusForbidden)
	_, _ = w.Write([]byte(page))
}
