package signature

import (
	"net/http"
	"strconv"
	"strings"
)

// defaultSignedHeaders is cos-go-sdk-v5 v0.7.70's NeedSignHeaders (auth.go),
// sorted for binary search. The SDK keeps it in a mutable global map; here it
// is a constant table. Any x-cos-* or x-ci-* header is signed as well.
var defaultSignedHeaders = [...]string{
	"access-control-request-headers",
	"access-control-request-method",
	"cache-control",
	"content-disposition",
	"content-encoding",
	"content-length",
	"content-md5",
	"content-type",
	"expect",
	"expires",
	"host",
	"if-match",
	"if-modified-since",
	"if-none-match",
	"if-unmodified-since",
	"origin",
	"pic-operations",
	"range",
	"transfer-encoding",
	"x-cos-acl",
	"x-cos-content-sha1",
	"x-cos-grant-full-control",
	"x-cos-grant-read",
	"x-cos-grant-write",
	"x-cos-object-type",
	"x-cos-storage-class",
}

const (
	hostHeader  = "host"
	tokenHeader = "x-cos-security-token"
)

// DefaultSignedHeader reports whether Sign, without an explicit
// Options.HeaderList, signs a header with this name: the cos-go-sdk-v5 list
// (Host, Content-Type, Content-MD5, Range, If-*, ...) plus every x-cos-* and
// x-ci-* header. The name is matched case-insensitively.
func DefaultSignedHeader(name string) bool {
	if !isASCII(name) {
		// The SDK lower-cases with strings.ToLower, which maps a few
		// non-ASCII letters (U+0130, U+212A) to ASCII ones.
		name = strings.ToLower(name)
	}
	if hasPrefixFold(name, "x-cos-") || hasPrefixFold(name, "x-ci-") {
		return true
	}
	var lb [32]byte
	if len(name) > len(lb) {
		return false // longer than any name in the table
	}
	l := lb[:len(name)]
	for i := 0; i < len(name); i++ {
		l[i] = toLower(name[i])
	}
	return defaultSignedKey(l)
}

// defaultSignedFirst has bit c-'a' set for each first letter of a name in
// defaultSignedHeaders and for 'x' (x-cos-*, x-ci-*), so that most unsigned
// names (Date, User-Agent, Accept-*) are rejected with one test. A test
// checks it against the table.
const defaultSignedFirst = 1<<0 /* a */ | 1<<('c'-'a') | 1<<('e'-'a') | 1<<('h'-'a') | 1<<('i'-'a') |
	1<<('o'-'a') | 1<<('p'-'a') | 1<<('r'-'a') | 1<<('t'-'a') | 1<<('x'-'a')

// maybeDefaultSigned reports whether a default-signed name can start with
// the lower-case byte c.
func maybeDefaultSigned(c byte) bool {
	return 'a' <= c && c <= 'z' && defaultSignedFirst>>(c-'a')&1 != 0
}

// defaultSignedKey is DefaultSignedHeader for a name already lower-cased
// (and, for the ASCII names the table holds, encoded).
func defaultSignedKey(key []byte) bool {
	if len(key) == 0 || !maybeDefaultSigned(key[0]) {
		return false
	}
	if len(key) >= 5 && string(key[:5]) == "x-ci-" || len(key) >= 6 && string(key[:6]) == "x-cos-" {
		return true
	}
	// The table is sorted, so the names that start with key[0] are
	// contiguous: find them with a binary search on that byte, then compare
	// lengths before bytes.
	c := key[0]
	lo, hi := 0, len(defaultSignedHeaders)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if defaultSignedHeaders[m][0] < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for _, name := range defaultSignedHeaders[lo:] {
		if name[0] != c {
			break
		}
		if len(name) == len(key) && string(key) == name {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// ignoring ASCII case in s.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// requestHost is the host the request is sent to (client) or was received
// for (server): req.Host, else req.URL.Host. The SDK signs req.Host and
// ignores any Host entry in req.Header, as net/http does when sending.
func requestHost(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	if req.URL != nil {
		return req.URL.Host
	}
	return ""
}

// fallbackHeader returns the value net/http keeps outside req.Header for a
// header the request carries on the wire: a server moves Transfer-Encoding
// to req.TransferEncoding, and a client writes Content-Length from
// req.ContentLength.
func fallbackHeader(req *http.Request, lowerName string) (string, bool) {
	switch lowerName {
	case "transfer-encoding":
		if len(req.TransferEncoding) > 0 {
			return strings.Join(req.TransferEncoding, ", "), true
		}
	case "content-length":
		if req.ContentLength > 0 {
			return strconv.FormatInt(req.ContentLength, 10), true
		}
		// net/http sends "Content-Length: 0" for a body-less POST, PUT or
		// PATCH (transfer.go, "Many servers expect a Content-Length").
		if req.ContentLength == 0 && (req.Body == nil || req.Body == http.NoBody) {
			switch req.Method {
			case http.MethodPost, http.MethodPut, http.MethodPatch:
				return "0", true
			}
		}
	}
	return "", false
}
