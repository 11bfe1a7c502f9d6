package signature

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
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
	// and req.ContentLength, where net/http keeps them. A listed header the
	// request lacks is signed as "name=" (an empty value); COS does not
	// document what it hashes for a listed header it did not receive, and an
	// empty value is the only reading that keeps the name in the
	// FormatString. An empty non-nil list signs no header.
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

// resultAlloc lets one allocation hold a Result and up to 8 list names.
type resultAlloc struct {
	r     Result
	lists [8]string
}

// entry is one parameter or header to sign. Its signed key is written once
// into a scratch area at the start of the buffer (off:end), so that sorting
// compares bytes and writing copies them; after writing, off:end locate the
// key inside the FormatString.
type entry struct {
	val      string
	vf       uint8
	off, end int32
	prefix   uint64 // the first 8 bytes of the signed key, big-endian, zero-padded
}

// keyPrefix orders like the key it is taken from: where two prefixes
// differ, the keys differ in the same way (zero padding sorts a key that
// ends first before a longer one), and equal prefixes fall back to the
// whole keys.
func keyPrefix(key []byte) uint64 {
	if len(key) >= 8 {
		return binary.BigEndian.Uint64(key)
	}
	var p [8]byte
	copy(p[:], key)
	return binary.BigEndian.Uint64(p[:])
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
// cos-go-sdk-v5 v0.7.70's AddAuthorizationHeader adds to the same request
// (an empty req.Method is signed as GET, which net/http sends for it):
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

	var bufStack [1024]byte
	var entStack [16]entry
	buf, ents := collectParams(bufStack[:0], entStack[:0], req.URL.RawQuery, opts.ParamList)
	np := len(ents)
	buf, ents = collectHeaders(buf, ents, req, cred.SessionToken, opts.HeaderList)
	params, headers := ents[:np], ents[np:]
	sortEntries(params, buf)
	sortEntries(headers, buf)

	// HttpString (D-SIGN step 5).
	fsStart := len(buf)
	method := req.Method
	if method == "" {
		method = http.MethodGet // as net/http sends it
	}
	buf = appendLower(buf, method)
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
	digest := sha1.Sum(buf[fsStart:fsEnd])

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
	sig = hmacSHA1Bytes(buf[skStart:skEnd], buf[fsEnd:stsEnd])

	// Authorization (step 8).
	authStart := len(buf)
	buf = append(buf, "q-sign-algorithm=sha1&q-ak="...)
	buf = append(buf, cred.SecretID...)
	buf = append(buf, "&q-sign-time="...)
	if st.Start.Unix() == kt.Start.Unix() && st.End.Unix() == kt.End.Unix() {
		buf = append(buf, buf[ktStart:ktEnd]...)
	} else {
		buf = st.appendTo(buf)
	}
	buf = append(buf, "&q-key-time="...)
	buf = append(buf, buf[ktStart:ktEnd]...)
	buf = append(buf, "&q-header-list="...)
	buf = appendList(buf, opts.HeaderList, headers)
	buf = append(buf, "&q-url-param-list="...)
	buf = appendList(buf, opts.ParamList, params)
	buf = append(buf, "&q-signature="...)
	sigStart := len(buf)
	buf = hex.AppendEncode(buf, sig[:])

	// The scratch keys before fsStart are not part of any result string.
	s := string(buf[fsStart:])
	nh, npl := len(headers), len(params)
	if opts.HeaderList != nil {
		nh = len(opts.HeaderList)
	}
	if opts.ParamList != nil {
		npl = len(opts.ParamList)
	}
	// One allocation holds the Result and, usually, its lists. Empty lists
	// are non-nil, so that Options{HeaderList: r.HeaderList, ParamList:
	// r.URLParamList} reproduces r.
	ra := &resultAlloc{}
	lists := ra.lists[:0]
	if nh+npl > len(ra.lists) {
		lists = make([]string, nh+npl)
	}
	lists = lists[:nh+npl]
	res := &ra.r
	res.KeyTime = kt
	res.SignTime = st
	res.SignKey = s[skStart-fsStart : skEnd-fsStart]
	res.HeaderList = lists[:nh:nh]
	res.URLParamList = lists[nh : nh+npl : nh+npl]
	res.HTTPParameters = s[pStart-fsStart : pEnd-fsStart]
	res.HTTPHeaders = s[hStart-fsStart : hEnd-fsStart]
	res.FormatString = s[:fsEnd-fsStart]
	res.StringToSign = s[fsEnd-fsStart : stsEnd-fsStart]
	res.Signature = s[sigStart-fsStart:]
	res.Authorization = s[authStart-fsStart:]
	fillList(res.HeaderList, opts.HeaderList, headers, s, fsStart)
	fillList(res.URLParamList, opts.ParamList, params, s, fsStart)
	return res, sig, nil
}

// collectParams appends the query parameters to sign.
func collectParams(buf []byte, ents []entry, raw string, list []string) ([]byte, []entry) {
	var mStack [32]bool
	matched := markBuf(mStack[:0], len(list))
	for raw != "" {
		pair := raw
		if j := strings.IndexByte(raw, '&'); j >= 0 {
			pair, raw = raw[:j], raw[j+1:]
		} else {
			raw = ""
		}
		// One pass finds the '=', rejects what url.ParseQuery drops (a raw
		// ';', a bad %-escape; the SDK never signs those) and notes whether
		// key and value need decoding at all.
		eq, ok := -1, pair != ""
		kf, vf := headerKey, headerValue
		for i := 0; i < len(pair) && ok; i++ {
			switch pair[i] {
			case ';':
				ok = false
			case '=':
				if eq < 0 {
					eq = i
				}
			case '+':
				if eq < 0 {
					kf = paramKey
				} else {
					vf = paramValue
				}
			case '%':
				if i+2 >= len(pair) || !isHex(pair[i+1]) || !isHex(pair[i+2]) {
					ok = false
				} else if eq < 0 {
					kf = paramKey
				} else {
					vf = paramValue
				}
			}
		}
		if !ok {
			continue
		}
		k, v := pair, ""
		if eq >= 0 {
			k, v = pair[:eq], pair[eq+1:]
		}
		off := len(buf)
		if kf == headerKey {
			buf = appendEncoded(buf, k, true)
		} else {
			buf = appendForm(buf, k, kf)
		}
		if list != nil && !matchList(buf[off:], list, matched) {
			buf = buf[:off]
			continue
		}
		ents = append(ents, entry{val: v, vf: vf, off: int32(off), end: int32(len(buf)), prefix: keyPrefix(buf[off:])})
	}
	return appendAbsent(buf, ents, list, matched)
}

// collectHeaders appends the headers to sign.
func collectHeaders(buf []byte, ents []entry, req *http.Request, token string, list []string) ([]byte, []entry) {
	var mStack [32]bool
	matched := markBuf(mStack[:0], len(list))
	for k, vs := range req.Header {
		// The SDK replaces Header["Host"] with req.Host and
		// Header["X-Cos-Security-Token"] with the token (Header.Set) before
		// signing; other spellings of those keys stay and are signed too.
		if len(vs) == 0 || k == "Host" || token != "" && k == "X-Cos-Security-Token" {
			continue
		}
		if list == nil && len(k) > 0 && k[0] < 0x80 && !maybeDefaultSigned(toLower(k[0])) {
			continue // Date, User-Agent, ...: no signed name starts so
		}
		off := len(buf)
		buf = appendEncoded(buf, k, true)
		var signed bool
		switch {
		case list != nil:
			signed = matchList(buf[off:], list, matched)
		case len(buf)-off == len(k):
			// Nothing was escaped: the name is plain ASCII and its signed
			// form is its lower-case form.
			signed = defaultSignedKey(buf[off:])
		default:
			signed = DefaultSignedHeader(k)
		}
		if !signed {
			buf = buf[:off]
			continue
		}
		p := keyPrefix(buf[off:])
		for _, v := range vs {
			ents = append(ents, entry{val: v, vf: headerValue, off: int32(off), end: int32(len(buf)), prefix: p})
		}
	}
	host := requestHost(req)
	if list == nil {
		buf, ents = appendEntry(buf, ents, hostHeader, host)
		if token != "" {
			buf, ents = appendEntry(buf, ents, tokenHeader, token)
		}
		return buf, ents
	}
	if host != "" {
		buf, ents = appendListed(buf, ents, hostHeader, host, list, matched)
	}
	if token != "" {
		buf, ents = appendListed(buf, ents, tokenHeader, token, list, matched)
	}
	for _, name := range [...]string{"content-length", "transfer-encoding"} {
		if i := listIndex(name, list); i >= 0 && !matched[i] {
			if v, ok := fallbackHeader(req, name); ok {
				buf, ents = appendListed(buf, ents, name, v, list, matched)
			}
		}
	}
	return appendAbsent(buf, ents, list, matched)
}

// lessEntry orders entries by signed key, then by value: the SDK sorts the
// values of one key before encoding them (auth.go valuesSignMap.Encode),
// headers by raw value and parameters by decoded value.
func lessEntry(a, b *entry, scratch []byte) bool {
	if a.prefix != b.prefix {
		return a.prefix < b.prefix
	}
	if c := bytes.Compare(scratch[a.off:a.end], scratch[b.off:b.end]); c != 0 {
		return c < 0
	}
	return compareForms(a.val, a.vf&^fEncode, b.val, b.vf&^fEncode) < 0
}

// sortEntries sorts by lessEntry: insertion sort for the handful of entries
// a request has, slices.SortFunc beyond that.
func sortEntries(ents []entry, scratch []byte) {
	if len(ents) > 16 {
		slices.SortFunc(ents, func(a, b entry) int {
			switch {
			case lessEntry(&a, &b, scratch):
				return -1
			case lessEntry(&b, &a, scratch):
				return 1
			}
			return 0
		})
		return
	}
	for i := 1; i < len(ents); i++ {
		if !lessEntry(&ents[i], &ents[i-1], scratch) {
			continue
		}
		e := ents[i]
		j := i
		for ; j > 0 && lessEntry(&e, &ents[j-1], scratch); j-- {
			ents[j] = ents[j-1]
		}
		ents[j] = e
	}
}

// appendEntry adds a header whose signed name is already lower case.
func appendEntry(buf []byte, ents []entry, name, val string) ([]byte, []entry) {
	off := len(buf)
	buf = append(buf, name...)
	return buf, append(ents, entry{val: val, vf: headerValue, off: int32(off), end: int32(len(buf)), prefix: keyPrefix(buf[off:])})
}

// appendListed adds the header if the list names it.
func appendListed(buf []byte, ents []entry, name, val string, list []string, matched []bool) ([]byte, []entry) {
	off := len(buf)
	buf = append(buf, name...)
	if !matchList(buf[off:], list, matched) {
		return buf[:off], ents
	}
	return buf, append(ents, entry{val: val, vf: headerValue, off: int32(off), end: int32(len(buf)), prefix: keyPrefix(buf[off:])})
}

func markBuf(b []bool, n int) []bool {
	if n <= cap(b) {
		return b[:n]
	}
	return make([]bool, n)
}

// matchList reports whether key is one of the names in list (compared
// case-insensitively) and marks every such name.
func matchList(key []byte, list []string, matched []bool) bool {
	found := false
	for i, name := range list {
		if equalLower(key, name) {
			matched[i] = true
			found = true
		}
	}
	return found
}

// equalLower reports whether b equals s with ASCII upper case lowered.
func equalLower(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if b[i] != toLower(s[i]) {
			return false
		}
	}
	return true
}

func listIndex(lowerName string, list []string) int {
	for i, name := range list {
		if len(name) == len(lowerName) && compareForms(lowerName, 0, name, fLower) == 0 {
			return i
		}
	}
	return -1
}

// appendAbsent adds an empty value for each listed name the request lacks,
// once per distinct name.
func appendAbsent(buf []byte, ents []entry, list []string, matched []bool) ([]byte, []entry) {
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
			off := len(buf)
			buf = appendForm(buf, name, fLower)
			ents = append(ents, entry{off: int32(off), end: int32(len(buf)), prefix: keyPrefix(buf[off:])})
		}
	}
	return buf, ents
}

// appendPairs writes "k=v&k=v", copying each key from the scratch area, and
// records where each key went.
func appendPairs(buf []byte, ents []entry) []byte {
	for i := range ents {
		if i > 0 {
			buf = append(buf, '&')
		}
		off := len(buf)
		buf = append(buf, buf[ents[i].off:ents[i].end]...)
		ents[i].off, ents[i].end = int32(off), int32(len(buf))
		buf = append(buf, '=')
		if ents[i].vf == fEncode {
			buf = appendEncoded(buf, ents[i].val, false)
		} else {
			buf = appendForm(buf, ents[i].val, ents[i].vf)
		}
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

// fillList sets dst to the explicit list, else to the signed keys, which
// start at e.off-base in s.
func fillList(dst, list []string, ents []entry, s string, base int) {
	if list != nil {
		copy(dst, list)
		return
	}
	for i, e := range ents {
		dst[i] = s[int(e.off)-base : int(e.end)-base]
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
func hmacSHA1(key string, msg []byte) [sha1.Size]byte {
	var k [sha1.BlockSize]byte
	if len(key) > sha1.BlockSize {
		h := sha1.Sum([]byte(key))
		copy(k[:], h[:])
	} else {
		copy(k[:], key)
	}
	return hmacSHA1Block(&k, msg)
}

// hmacSHA1Bytes is hmacSHA1 for a key of at most one block (the SignKey's
// 40 hex digits).
func hmacSHA1Bytes(key []byte, msg []byte) [sha1.Size]byte {
	var k [sha1.BlockSize]byte
	copy(k[:], key)
	return hmacSHA1Block(&k, msg)
}

// hmacSHA1Block is HMAC-SHA1 with the key already padded to one block.
func hmacSHA1Block(k *[sha1.BlockSize]byte, msg []byte) [sha1.Size]byte {
	var inStack [sha1.BlockSize + 96]byte
	var in []byte
	if n := sha1.BlockSize + len(msg); n <= len(inStack) {
		in = inStack[:n]
	} else {
		in = make([]byte, n)
	}
	var out [sha1.BlockSize + sha1.Size]byte
	const ipad, opad = 0x3636363636363636, 0x5c5c5c5c5c5c5c5c
	for i := 0; i < sha1.BlockSize; i += 8 {
		w := binary.NativeEndian.Uint64(k[i:])
		binary.NativeEndian.PutUint64(in[i:], w^ipad)
		binary.NativeEndian.PutUint64(out[i:], w^opad)
	}
	copy(in[sha1.BlockSize:], msg)
	inner := sha1.Sum(in)
	copy(out[sha1.BlockSize:], inner[:])
	return sha1.Sum(out[:])
}
