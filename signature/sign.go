package signature

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"
)

// defaultExpire is cos-go-sdk-v5's defaultAuthExpire.
const defaultExpire = time.Hour

// maxQueryParams is net/url's default limit. Beyond it url.ParseQuery (and so
// the SDK, which signs req.URL.Query()) sees no parameters at all; Sign
// reports an error instead of silently signing none.
const maxQueryParams = 10000

// Options tune [Sign]. The zero value signs like cos-go-sdk-v5's
// AuthorizationTransport: valid from now for one hour, the SDK's default
// header selection, every query parameter, the request's decoded path.
type Options struct {
	// KeyTime is q-key-time. Zero means Now() .. Now()+Expire.
	KeyTime Window
	// SignTime is q-sign-time. Zero means KeyTime, as every SDK does
	// (D-SIGN uses the same value for both).
	SignTime Window
	// Expire is the validity used when KeyTime is zero; 0 or less means one
	// hour (the SDK's defaultAuthExpire).
	Expire time.Duration
	// Now supplies the current time when KeyTime is zero; nil means
	// time.Now.
	Now func() time.Time
	// HeaderList selects the signed headers. nil means the SDK's selection
	// (see [DefaultSignedHeader]; Host always). Non-nil means exactly these
	// names, as a server re-verifying a request reads q-header-list: each is
	// the encoded lower-case name, matched case-insensitively against the
	// request's headers; "host" reads req.Host (else req.URL.Host);
	// transfer-encoding and content-length fall back to req.TransferEncoding
	// and req.ContentLength, where net/http keeps them; a listed header the
	// request lacks is signed as an empty value, which is what COS hashes
	// for a header it did not receive. An empty non-nil list signs no
	// header.
	HeaderList []string
	// ParamList selects the signed query parameters. nil means all of them.
	// Non-nil means exactly these encoded lower-case names (q-url-param-list);
	// a listed parameter the query lacks is signed as "name=".
	ParamList []string
	// Path, when non-empty, is signed instead of req.URL.Path. It is the
	// decoded path, as COS puts it in the FormatString. A server model sets
	// it to what COS saw, e.g. with '+' decoded as a space.
	Path string
}

// windows resolves the key time and sign time.
func (o *Options) windows() (kt, st Window, err error) {
	kt = o.KeyTime
	if kt.IsZero() {
		now := time.Now
		if o.Now != nil {
			now = o.Now
		}
		exp := o.Expire
		if exp <= 0 {
			exp = defaultExpire
		}
		t := now()
		kt = Window{Start: t, End: t.Add(exp)}
	}
	st = o.SignTime
	if st.IsZero() {
		st = kt
	}
	if err := kt.validate("opts.KeyTime"); err != nil {
		return kt, st, err
	}
	if err := st.validate("opts.SignTime"); err != nil {
		return kt, st, err
	}
	return kt, st, nil
}

// A Result holds every intermediate value of one signature, named after the
// steps of D-SIGN and cos-go-sdk-v5's auth.go. All strings share one
// allocation.
//
// SignKey, Signature and the q-signature inside Authorization are secrets
// for as long as the signature is valid, and HTTPHeaders, HTTPParameters and
// FormatString contain the session token when one is signed. The fields are
// exported for programs that need them; String, the fmt verbs, MarshalJSON
// and LogValue print a redacted copy that omits SignKey and replaces those
// values with "REDACTED".
type Result struct {
	KeyTime  Window // q-key-time, the input of SignKey and StringToSign
	SignTime Window // q-sign-time, the validity COS enforces

	// SignKey is hex(HMAC-SHA1(SecretKey, KeyTime)). Secret; never printed.
	SignKey string

	HeaderList     []string // q-header-list, in order
	URLParamList   []string // q-url-param-list, in order
	HTTPParameters string   // "k=v&k=v", keys encoded and lower-cased, values encoded, sorted
	HTTPHeaders    string   // the same for headers
	FormatString   string   // HttpString: "method\npath\nparams\nheaders\n"
	StringToSign   string   // "sha1\n<key time>\n<sha1 hex of FormatString>\n"
	Signature      string   // hex(HMAC-SHA1(SignKey, StringToSign)); secret
	Authorization  string   // the header value; contains Signature
}

// entry is one parameter or header before encoding. The flags say how key
// and value are turned into their signed form, so that sorting and writing
// work on the raw strings without building intermediate ones.
type entry struct {
	key, val string
	kf, vf   uint8
	off, end int32 // where the signed key was written
}

func cmpEntry(a, b entry) int {
	if c := compareForms(a.key, a.kf, b.key, b.kf); c != 0 {
		return c
	}
	// The SDK sorts the values of one key before encoding them (auth.go
	// valuesSignMap.Encode): headers by raw value, parameters by decoded
	// value.
	return compareForms(a.val, a.vf&^fEncode, b.val, b.vf&^fEncode)
}

const (
	headerKey   = fEncode | fLower
	headerValue = fEncode
	paramKey    = fDecode | fEncode | fLower
	paramValue  = fDecode | fEncode
)

// Sign computes the COS q-sign-algorithm=sha1 signature of req (D-SIGN).
// It only reads req: headers, URL, Host and body are left as they are (use
// [SignRequest] for a signed copy to send).
//
// With the zero Options, the Authorization is byte for byte the one
// cos-go-sdk-v5 v0.7.70's AddAuthorizationHeader adds to the same request:
// the FormatString uses the decoded req.URL.Path, every query parameter as
// net/url.ParseQuery reads it (a pair with a raw ';' or a bad %-escape is
// skipped, as the SDK skips it), and the SDK's header selection with Host
// taken from req.Host. When cred.SessionToken is set it is signed as the
// x-cos-security-token header, replacing any X-Cos-Security-Token value the
// request has, exactly as the SDK sets that header before signing.
//
// StringToSign uses the key time, as D-SIGN step 6 and the Go SDK do, even
// when SignTime differs.
//
// Errors are *[ParseError] matching [ErrInvalidInput]. Sign is safe for
// concurrent use.
func Sign(req *http.Request, cred Credentials, opts Options) (*Result, error) {
	res, _, err := sign(req, cred, &opts)
	return res, err
}

// SignRequest returns a signed copy of req, made with req.Clone, ready to
// send: Authorization set to the result's value and, with a session token,
// X-Cos-Security-Token set to it (D-SIGN: a temporary key's token travels in
// that header when the signature is in the Authorization header). The copy
// shares req.Body, as req.Clone does. req is not modified.
func SignRequest(req *http.Request, cred Credentials, opts Options) (*http.Request, *Result, error) {
	res, _, err := sign(req, cred, &opts)
	if err != nil {
		return nil, nil, err
	}
	out := req.Clone(req.Context())
	if out.Header == nil {
		out.Header = make(http.Header)
	}
	if cred.SessionToken != "" {
		out.Header.Set(tokenHeader, cred.SessionToken)
	}
	out.Header.Set("Authorization", res.Authorization)
	return out, res, nil
}

// sign returns the result and the raw signature.
func sign(req *http.Request, cred Credentials, opts *Options) (*Result, [sha1.Size]byte, error) {
	var sig [sha1.Size]byte
	switch {
	case req == nil:
		return nil, sig, &ParseError{Field: "req", Reason: "nil request", Err: ErrInvalidInput}
	case req.URL == nil:
		return nil, sig, &ParseError{Field: "req.URL", Reason: "nil URL", Err: ErrInvalidInput}
	case cred.SecretID == "":
		return nil, sig, &ParseError{Field: "cred.SecretID", Reason: "empty", Err: ErrInvalidInput}
	}
	kt, st, err := opts.windows()
	if err != nil {
		return nil, sig, err
	}
	if strings.Count(req.URL.RawQuery, "&") >= maxQueryParams {
		return nil, sig, &ParseError{Field: "req.URL.RawQuery", Reason: "more than 10000 parameters", Err: ErrInvalidInput}
	}
	path := opts.Path
	if path == "" {
		path = req.URL.Path
	}

	var entStack [32]entry
	ents := collectParams(entStack[:0], req.URL.RawQuery, opts.ParamList)
	np := len(ents)
	ents = collectHeaders(ents, req, cred.SessionToken, opts.HeaderList)
	params, headers := ents[:np], ents[np:]
	slices.SortFunc(params, cmpEntry)
	slices.SortFunc(headers, cmpEntry)

	var bufStack [1024]byte
	buf := bufStack[:0]

	// HttpString (D-SIGN step 5).
	buf = appendLower(buf, req.Method)
	buf = append(buf, '\n')
	buf = append(buf, path...)
	buf = append(buf, '\n')
	pStart := len(buf)
	buf = appendPairs(buf, params)
	pEnd := len(buf)
	buf = append(buf, '\n')
	hStart := len(buf)
	buf = appendPairs(buf, headers)
	hEnd := len(buf)
	buf = append(buf, '\n')
	fsEnd := len(buf)
	digest := sha1.Sum(buf[:fsEnd])

	// StringToSign (step 6).
	buf = append(buf, "sha1\n"...)
	ktStart := len(buf)
	buf = kt.appendTo(buf)
	ktEnd := len(buf)
	buf = append(buf, '\n')
	buf = hex.AppendEncode(buf, digest[:])
	buf = append(buf, '\n')
	stsEnd := len(buf)

	// SignKey (step 2) and Signature (step 7): the SignKey's hex text, not
	// its bytes, is the HMAC key.
	sk := hmacSHA1(cred.SecretKey, buf[ktStart:ktEnd])
	skStart := len(buf)
	buf = hex.AppendEncode(buf, sk[:])
	skEnd := len(buf)
	sig = hmacSHA1(buf[skStart:skEnd], buf[fsEnd:stsEnd])

	// Authorization (step 8).
	authStart := len(buf)
	buf = append(buf, "q-sign-algorithm=sha1&q-ak="...)
	buf = append(buf, cred.SecretID...)
	buf = append(buf, "&q-sign-time="...)
	buf = st.appendTo(buf)
	buf = append(buf, "&q-key-time="...)
	buf = append(buf, buf[ktStart:ktEnd]...)
	buf = append(buf, "&q-header-list="...)
	buf = appendList(buf, opts.HeaderList, headers)
	buf = append(buf, "&q-url-param-list="...)
	buf = appendList(buf, opts.ParamList, params)
	buf = append(buf, "&q-signature="...)
	sigStart := len(buf)
	buf = hex.AppendEncode(buf, sig[:])

	s := string(buf)
	res := &Result{
		KeyTime:        kt,
		SignTime:       st,
		SignKey:        s[skStart:skEnd],
		HTTPParameters: s[pStart:pEnd],
		HTTPHeaders:    s[hStart:hEnd],
		FormatString:   s[:fsEnd],
		StringToSign:   s[fsEnd:stsEnd],
		Signature:      s[sigStart:],
		Authorization:  s[authStart:],
	}
	nh, npl := len(headers), len(params)
	if opts.HeaderList != nil {
		nh = len(opts.HeaderList)
	}
	if opts.ParamList != nil {
		npl = len(opts.ParamList)
	}
	// Empty lists are non-nil, so that Options{HeaderList: r.HeaderList,
	// ParamList: r.URLParamList} reproduces r.
	lists := []string{}
	if nh+npl > 0 {
		lists = make([]string, nh+npl)
	}
	res.HeaderList = lists[:nh:nh]
	res.URLParamList = lists[nh:]
	fillList(res.HeaderList, opts.HeaderList, headers, s)
	fillList(res.URLParamList, opts.ParamList, params, s)
	return res, sig, nil
}

// collectParams appends the query parameters to sign.
func collectParams(ents []entry, raw string, list []string) []entry {
	var mStack [32]bool
	matched := markBuf(mStack[:0], len(list))
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		// url.ParseQuery drops these pairs, so the SDK never signs them.
		if pair == "" || strings.IndexByte(pair, ';') >= 0 {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if !validQueryEscapes(k) || !validQueryEscapes(v) {
			continue
		}
		if list != nil && !matchList(k, paramKey, list, matched) {
			continue
		}
		ents = append(ents, entry{key: k, val: v, kf: paramKey, vf: paramValue})
	}
	return appendAbsent(ents, list, matched)
}

// collectHeaders appends the headers to sign.
func collectHeaders(ents []entry, req *http.Request, token string, list []string) []entry {
	var mStack [32]bool
	matched := markBuf(mStack[:0], len(list))
	for k, vs := range req.Header {
		// The SDK replaces Header["Host"] with req.Host and
		// Header["X-Cos-Security-Token"] with the token (Header.Set) before
		// signing; other spellings of those keys stay and are signed too.
		if len(vs) == 0 || k == "Host" || token != "" && k == "X-Cos-Security-Token" {
			continue
		}
		if list == nil {
			if !DefaultSignedHeader(k) {
				continue
			}
		} else if !matchList(k, headerKey, list, matched) {
			continue
		}
		for _, v := range vs {
			ents = append(ents, entry{key: k, val: v, kf: headerKey, vf: headerValue})
		}
	}
	host := requestHost(req)
	if list == nil {
		ents = append(ents, entry{key: hostHeader, val: host, vf: headerValue})
		if token != "" {
			ents = append(ents, entry{key: tokenHeader, val: token, vf: headerValue})
		}
		return ents
	}
	if host != "" && matchList(hostHeader, 0, list, matched) {
		ents = append(ents, entry{key: hostHeader, val: host, vf: headerValue})
	}
	if token != "" && matchList(tokenHeader, 0, list, matched) {
		ents = append(ents, entry{key: tokenHeader, val: token, vf: headerValue})
	}
	for _, name := range [...]string{"content-length", "transfer-encoding"} {
		if i := listIndex(name, list); i >= 0 && !matched[i] {
			if v, ok := fallbackHeader(req, name); ok {
				matchList(name, 0, list, matched)
				ents = append(ents, entry{key: name, val: v, vf: headerValue})
			}
		}
	}
	return appendAbsent(ents, list, matched)
}

func markBuf(b []bool, n int) []bool {
	if n <= cap(b) {
		return b[:n]
	}
	return make([]bool, n)
}

// matchList reports whether the signed form of key is one of the names in
// list (compared case-insensitively) and marks every such name.
func matchList(key string, kf uint8, list []string, matched []bool) bool {
	found := false
	for i, name := range list {
		if compareForms(key, kf, name, fLower) == 0 {
			matched[i] = true
			found = true
		}
	}
	return found
}

func listIndex(lowerName string, list []string) int {
	for i, name := range list {
		if compareForms(lowerName, 0, name, fLower) == 0 {
			return i
		}
	}
	return -1
}

// appendAbsent adds an empty value for each listed name the request lacks,
// once per distinct name.
func appendAbsent(ents []entry, list []string, matched []bool) []entry {
	for i, name := range list {
		if matched[i] {
			continue
		}
		dup := false
		for _, prev := range list[:i] {
			if compareForms(prev, fLower, name, fLower) == 0 {
				dup = true
				break
			}
		}
		if !dup {
			ents = append(ents, entry{key: name, kf: fLower})
		}
	}
	return ents
}

// appendPairs writes "k=v&k=v" and records where each key went.
func appendPairs(buf []byte, ents []entry) []byte {
	for i := range ents {
		if i > 0 {
			buf = append(buf, '&')
		}
		ents[i].off = int32(len(buf))
		buf = appendForm(buf, ents[i].key, ents[i].kf)
		ents[i].end = int32(len(buf))
		buf = append(buf, '=')
		buf = appendForm(buf, ents[i].val, ents[i].vf)
	}
	return buf
}

// appendList writes a q-header-list or q-url-param-list: the explicit list as
// given, else the signed keys in order.
func appendList(buf []byte, list []string, ents []entry) []byte {
	if list != nil {
		for i, name := range list {
			if i > 0 {
				buf = append(buf, ';')
			}
			buf = append(buf, name...)
		}
		return buf
	}
	for i, e := range ents {
		if i > 0 {
			buf = append(buf, ';')
		}
		buf = append(buf, buf[e.off:e.end]...)
	}
	return buf
}

func fillList(dst, list []string, ents []entry, s string) {
	if list != nil {
		copy(dst, list)
		return
	}
	for i, e := range ents {
		dst[i] = s[e.off:e.end]
	}
}

// appendLower appends the method lower-cased (D-SIGN step 5), as
// strings.ToLower does.
func appendLower(buf []byte, s string) []byte {
	if !isASCII(s) {
		return append(buf, strings.ToLower(s)...)
	}
	return appendForm(buf, s, fLower)
}

// hmacSHA1 is HMAC-SHA1 (RFC 2104) on stack buffers; crypto/hmac would
// allocate its state and pads on every call.
func hmacSHA1[K string | []byte](key K, msg []byte) [sha1.Size]byte {
	var k [sha1.BlockSize]byte
	if len(key) > sha1.BlockSize {
		h := sha1.Sum([]byte(key))
		copy(k[:], h[:])
	} else {
		copy(k[:], key)
	}
	var inStack [sha1.BlockSize + 128]byte
	var in []byte
	if n := sha1.BlockSize + len(msg); n <= len(inStack) {
		in = inStack[:n]
	} else {
		in = make([]byte, n)
	}
	for i, c := range k {
		in[i] = c ^ 0x36
	}
	copy(in[sha1.BlockSize:], msg)
	inner := sha1.Sum(in)
	var out [sha1.BlockSize + sha1.Size]byte
	for i, c := range k {
		out[i] = c ^ 0x5c
	}
	copy(out[sha1.BlockSize:], inner[:])
	return sha1.Sum(out[:])
}
