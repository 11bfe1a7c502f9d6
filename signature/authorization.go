package signature

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// AuthForm says where a request carried its signature (D-SIGN "Passing the
// signature", and the SDKs' presigned URLs).
type AuthForm string

// The places [FromRequest] looks, in order.
const (
	// FormHeader: the Authorization header.
	FormHeader AuthForm = "header"
	// FormQuery: q-sign-algorithm, q-ak, ... as query parameters, the form
	// of cos-go-sdk-v5's GetPresignedURL.
	FormQuery AuthForm = "query"
	// FormSign: the whole Authorization string, URL-encoded, in one sign=
	// query parameter (the SDKs' SignMerged option; the JS SDK documents the
	// field name "sign").
	FormSign AuthForm = "sign"
)

// An Authorization is a parsed COS signature string (D-SIGN step 8):
//
//	q-sign-algorithm=sha1&q-ak=<SecretId>&q-sign-time=<start;end>&q-key-time=<start;end>&q-header-list=<a;b>&q-url-param-list=<c;d>&q-signature=<hex>
//
// Signature is a credential until SignTime ends. String returns the wire form
// including it; the fmt verbs, MarshalJSON and LogValue print a copy with the
// signature redacted.
type Authorization struct {
	Algorithm    string   // q-sign-algorithm; always "sha1" once parsed
	SecretID     string   // q-ak
	SignTime     Window   // q-sign-time
	KeyTime      Window   // q-key-time
	HeaderList   []string // q-header-list, in order, as sent
	URLParamList []string // q-url-param-list, in order, as sent
	Signature    string   // q-signature, 40 lower-case hex digits; secret
	Form         AuthForm // where FromRequest found it; empty from ParseAuthorization
}

// authFields are the fields in the order every SDK writes them.
var authFields = [...]string{
	"q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time",
	"q-header-list", "q-url-param-list", "q-signature",
}

func authFieldIndex(name string) int {
	switch name {
	case "q-sign-algorithm":
		return 0
	case "q-ak":
		return 1
	case "q-sign-time":
		return 2
	case "q-key-time":
		return 3
	case "q-header-list":
		return 4
	case "q-url-param-list":
		return 5
	case "q-signature":
		return 6
	}
	return -1
}

// ParseAuthorization parses the Authorization string of the header form. The
// fields may come in any order, each exactly once; unknown fields are an
// error. q-sign-algorithm must be "sha1" (else [ErrUnknownAlgorithm]; there
// is no fallback), q-ak must be non-empty, both times must read as
// [ParseWindow] reads them, and q-signature must be 40 lower-case hex digits
// (else [ErrMalformed]). Errors are *[ParseError] naming the field.
//
// For a string in the SDKs' field order, [Authorization.String] returns it
// byte for byte.
func ParseAuthorization(s string) (*Authorization, error) {
	if s == "" {
		return nil, &ParseError{Field: "authorization", Reason: "empty", Err: ErrMalformed}
	}
	var vals [len(authFields)]string
	var seen [len(authFields)]bool
	for rest := s; ; {
		pair, last := rest, true
		if j := strings.IndexByte(rest, '&'); j >= 0 {
			pair, rest, last = rest[:j], rest[j+1:], false
		}
		name, val, ok := pair, "", false
		if j := strings.IndexByte(pair, '='); j >= 0 {
			name, val, ok = pair[:j], pair[j+1:], true
		}
		i := authFieldIndex(name)
		switch {
		case !ok && i >= 0:
			return nil, &ParseError{Field: name, Reason: "no '=' after the field name", Err: ErrMalformed}
		case !ok:
			return nil, &ParseError{Field: "authorization", Reason: "a field has no '='", Err: ErrMalformed}
		case i < 0:
			return nil, &ParseError{Field: safeFieldName(name), Reason: "unknown field", Err: ErrMalformed}
		case seen[i]:
			return nil, &ParseError{Field: name, Reason: "repeated", Err: ErrMalformed}
		}
		seen[i], vals[i] = true, val
		if last {
			break
		}
	}
	return checkedAuthorization(vals, seen)
}

// checkedAuthorization reports an unknown algorithm before missing fields:
// "q-sign-algorithm=hmac-sha256&..." is a different scheme, not a broken
// sha1 signature.
func checkedAuthorization(vals [len(authFields)]string, seen [len(authFields)]bool) (*Authorization, error) {
	if seen[0] && vals[0] != "sha1" {
		return newAuthorization(vals)
	}
	for i, ok := range seen {
		if !ok {
			return nil, &ParseError{Field: authFields[i], Reason: "missing", Err: ErrMalformed}
		}
	}
	return newAuthorization(vals)
}

// safeFieldName returns name if it looks like a field name, so that an
// error never echoes an arbitrary (possibly secret) value.
func safeFieldName(name string) string {
	if name == "" || len(name) > 24 {
		return "authorization"
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || c == '-' || c == '_') {
			return "authorization"
		}
	}
	return name
}

// newAuthorization validates the seven field values, in authFields order.
func newAuthorization(v [len(authFields)]string) (*Authorization, error) {
	if v[0] != "sha1" {
		reason := "not sha1"
		if isAlgName(v[0]) {
			reason = strconv.Quote(v[0]) + " is not sha1"
		}
		return nil, &ParseError{Field: authFields[0], Reason: reason, Err: ErrUnknownAlgorithm}
	}
	if v[1] == "" {
		return nil, &ParseError{Field: authFields[1], Reason: "missing", Err: ErrMalformed}
	}
	st, err := parseWindow(v[2], authFields[2])
	if err != nil {
		return nil, err
	}
	kt, err := parseWindow(v[3], authFields[3])
	if err != nil {
		return nil, err
	}
	if !isSignatureHex(v[6]) {
		return nil, &ParseError{Field: authFields[6], Reason: "want 40 lower-case hex digits", Err: ErrMalformed}
	}
	aa := &authAlloc{}
	aa.a = Authorization{
		Algorithm: v[0],
		SecretID:  v[1],
		SignTime:  st,
		KeyTime:   kt,
		Signature: v[6],
	}
	aa.a.HeaderList, aa.a.URLParamList = splitLists(aa.lists[:0], v[4], v[5])
	return &aa.a, nil
}

// authAlloc lets one allocation hold an Authorization and up to 12 list
// names.
type authAlloc struct {
	a     Authorization
	lists [12]string
}

func isAlgName(s string) bool {
	if s == "" || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isSignatureHex(s string) bool {
	if len(s) != 2*20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// splitLists splits both ';' lists into all (reallocated if too small). An
// empty list is an empty, non-nil slice, so that it means "sign nothing" in
// [Options].
func splitLists(all []string, h, p string) (hl, pl []string) {
	n := 0
	if h != "" {
		n += strings.Count(h, ";") + 1
	}
	if p != "" {
		n += strings.Count(p, ";") + 1
	}
	if n > cap(all) {
		all = make([]string, 0, n)
	}
	all = appendSplit(all, h)
	nh := len(all)
	all = appendSplit(all, p)
	return all[:nh:nh], all[nh:len(all):len(all)]
}

func appendSplit(dst []string, s string) []string {
	if s == "" {
		return dst
	}
	for {
		j := strings.IndexByte(s, ';')
		if j < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:j])
		s = s[j+1:]
	}
}

// String returns the wire form, in the SDKs' field order. It contains the
// signature: send it, do not log it.
func (a Authorization) String() string {
	return a.wire(a.Signature)
}

func (a Authorization) wire(sig string) string {
	var b strings.Builder
	b.Grow(160 + len(a.SecretID) + 16*(len(a.HeaderList)+len(a.URLParamList)))
	b.WriteString("q-sign-algorithm=")
	b.WriteString(a.Algorithm)
	b.WriteString("&q-ak=")
	b.WriteString(a.SecretID)
	b.WriteString("&q-sign-time=")
	b.WriteString(a.SignTime.String())
	b.WriteString("&q-key-time=")
	b.WriteString(a.KeyTime.String())
	b.WriteString("&q-header-list=")
	b.WriteString(strings.Join(a.HeaderList, ";"))
	b.WriteString("&q-url-param-list=")
	b.WriteString(strings.Join(a.URLParamList, ";"))
	b.WriteString("&q-signature=")
	b.WriteString(sig)
	return b.String()
}

// Redacted returns the wire form with q-signature replaced by "REDACTED",
// safe to log.
func (a Authorization) Redacted() string {
	sig := redacted
	if a.Signature == "" {
		sig = ""
	}
	return a.wire(sig)
}

type authorizationView struct {
	Algorithm    string   `json:"algorithm"`
	SecretID     string   `json:"secret_id"`
	SignTime     string   `json:"sign_time"`
	KeyTime      string   `json:"key_time"`
	HeaderList   []string `json:"header_list"`
	URLParamList []string `json:"url_param_list"`
	Signature    string   `json:"signature"`
	Form         AuthForm `json:"form,omitempty"`
}

func (a Authorization) view() authorizationView {
	sig := redacted
	if a.Signature == "" {
		sig = ""
	}
	return authorizationView{
		Algorithm: a.Algorithm, SecretID: a.SecretID,
		SignTime: a.SignTime.String(), KeyTime: a.KeyTime.String(),
		HeaderList: a.HeaderList, URLParamList: a.URLParamList,
		Signature: sig, Form: a.Form,
	}
}

// Format prints the redacted wire form for %v and %s, and the redacted fields
// for %+v and %#v. The signature never appears. The formatting methods have
// value receivers so that an Authorization value prints redacted too.
func (a Authorization) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && (f.Flag('#') || f.Flag('+')):
		_, _ = fmt.Fprintf(f, "signature.Authorization%+v", a.view())
	default:
		_, _ = fmt.Fprint(f, a.Redacted())
	}
}

// GoString prints the redacted fields.
func (a Authorization) GoString() string { return fmt.Sprintf("%#v", a) }

// MarshalJSON writes the fields with the signature redacted.
func (a Authorization) MarshalJSON() ([]byte, error) { return json.Marshal(a.view()) }

// LogValue logs the fields with the signature redacted.
func (a Authorization) LogValue() slog.Value {
	v := a.view()
	return slog.GroupValue(
		slog.String("algorithm", v.Algorithm),
		slog.String("secret_id", v.SecretID),
		slog.String("sign_time", v.SignTime),
		slog.String("key_time", v.KeyTime),
		slog.String("header_list", strings.Join(v.HeaderList, ";")),
		slog.String("url_param_list", strings.Join(v.URLParamList, ";")),
		slog.String("signature", v.Signature),
		slog.String("form", string(v.Form)),
	)
}

// FromRequest finds the request's signature: the Authorization header, else
// q-* query parameters (a presigned URL), else a sign= query parameter. Query
// values are URL-decoded; unlike net/url.ParseQuery, a raw ';' is accepted
// (the COS presigned-URL example writes q-sign-time=start;end unencoded).
// A request with none of the three returns [ErrNoAuthorization]; a malformed
// one a *[ParseError]. req is not modified.
func FromRequest(req *http.Request) (*Authorization, error) {
	if req == nil {
		return nil, &ParseError{Field: "req", Reason: "nil request", Err: ErrInvalidInput}
	}
	// A literal canonical key: the same lookup as Header.Get without
	// canonicalising it again.
	var h string
	if vs := req.Header["Authorization"]; len(vs) > 0 {
		h = strings.Trim(vs[0], " \t")
	}
	if h != "" {
		a, err := ParseAuthorization(h)
		if err != nil {
			return nil, err
		}
		a.Form = FormHeader
		return a, nil
	}
	if req.URL == nil {
		return nil, ErrNoAuthorization
	}
	raw := req.URL.RawQuery
	var vals [len(authFields)]string
	var seen [len(authFields)]bool
	found := false
	sign, hasSign := "", false
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		k, v, _ := strings.Cut(pair, "=")
		name, ok := queryUnescape(k)
		if !ok {
			continue
		}
		i := authFieldIndex(name)
		if i < 0 && name != "sign" {
			continue
		}
		val, ok := queryUnescape(v)
		if !ok {
			field := name
			if i < 0 {
				field = "sign"
			}
			return nil, &ParseError{Field: field, Reason: "bad %-escape in query value", Err: ErrMalformed}
		}
		if i < 0 {
			if hasSign {
				return nil, &ParseError{Field: "sign", Reason: "repeated", Err: ErrMalformed}
			}
			sign, hasSign = val, true
			continue
		}
		if seen[i] {
			return nil, &ParseError{Field: name, Reason: "repeated", Err: ErrMalformed}
		}
		seen[i], vals[i], found = true, val, true
	}
	if found {
		a, err := checkedAuthorization(vals, seen)
		if err != nil {
			return nil, err
		}
		a.Form = FormQuery
		return a, nil
	}
	if hasSign {
		a, err := ParseAuthorization(sign)
		if err != nil {
			return nil, err
		}
		a.Form = FormSign
		return a, nil
	}
	return nil, ErrNoAuthorization
}

// SecurityToken returns the temporary-key token the request carries: the
// x-cos-security-token header (any spelling of the name), else the
// x-cos-security-token query parameter (D-SIGN "Passing the signature").
func SecurityToken(req *http.Request) (string, bool) {
	if req == nil {
		return "", false
	}
	if vs, ok := req.Header["X-Cos-Security-Token"]; ok && len(vs) > 0 {
		return vs[0], true
	}
	for k, vs := range req.Header {
		if len(vs) > 0 && len(k) == len(tokenHeader) && compareForms(k, fLower, tokenHeader, 0) == 0 {
			return vs[0], true
		}
	}
	if req.URL == nil {
		return "", false
	}
	for raw := req.URL.RawQuery; raw != ""; {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		k, v, _ := strings.Cut(pair, "=")
		if name, ok := queryUnescape(k); !ok || name != tokenHeader {
			continue
		}
		if val, ok := queryUnescape(v); ok {
			return val, true
		}
	}
	return "", false
}

var (
	_ fmt.Stringer   = Authorization{}
	_ fmt.Formatter  = Authorization{}
	_ json.Marshaler = Authorization{}
	_ slog.LogValuer = Authorization{}
)
