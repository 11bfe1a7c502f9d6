package signature

import (
	"slices"
	"strings"
)

// The COS UrlEncode (D-SIGN "Preparation") leaves only the RFC 3986
// unreserved set A-Z a-z 0-9 - _ . ~ as is and writes every other byte as
// %XX with upper-case hex. cos-go-sdk-v5's safeURLEncode, the JS SDK's
// camSafeUrlEncode and Python's quote(s, '-_.~') all agree.
const (
	upperHex = "0123456789ABCDEF"
	lowerHex = "0123456789abcdef"
)

// unreservedTable[c] is 1 for the unreserved bytes A-Z a-z 0-9 - _ . ~
// and 0 for every other byte.
const unreservedTable = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00" +
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x01" +
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x01\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// lowerUnreservedTable[c] is c lower-cased for the unreserved bytes and 0
// for every byte that must be escaped: one load both checks and lowers a
// byte of a name.
const lowerUnreservedTable = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x2d\x2e\x00" +
	"\x30\x31\x32\x33\x34\x35\x36\x37\x38\x39\x00\x00\x00\x00\x00\x00" +
	"\x00\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f" +
	"\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79\x7a\x00\x00\x00\x00\x5f" +
	"\x00\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f" +
	"\x70\x71\x72\x73\x74\x75\x76\x77\x78\x79\x7a\x00\x00\x00\x7e\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

func unreserved(c byte) bool { return unreservedTable[c] != 0 }

func toLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

// Transformations a stream applies, in this order.
const (
	// fDecode query-unescapes the source: '+' is a space and %XX a byte, as
	// net/url.QueryUnescape does (the SDK signs req.URL.Query()).
	fDecode uint8 = 1 << iota
	// fEncode applies the COS UrlEncode.
	fEncode
	// fLower lower-cases ASCII letters in the output. The SDK lower-cases a
	// key after encoding it, so hex digits of escapes become lower case too
	// (a parameter "k=eq" is listed as "k%3deq").
	fLower
)

// A stream yields the bytes of one canonical form of s without building it,
// so that sorting and matching need no intermediate strings.
type stream struct {
	s     string
	i     int
	pend  [2]byte
	np    uint8
	flags uint8
}

func (x *stream) next() (byte, bool) {
	var c byte
	if x.np > 0 {
		c = x.pend[2-x.np]
		x.np--
	} else {
		if x.i >= len(x.s) {
			return 0, false
		}
		c = x.s[x.i]
		x.i++
		if x.flags&fDecode != 0 {
			switch {
			case c == '+':
				c = ' '
			case c == '%' && x.i+1 < len(x.s) && isHex(x.s[x.i]) && isHex(x.s[x.i+1]):
				c = unhex(x.s[x.i])<<4 | unhex(x.s[x.i+1])
				x.i += 2
			}
		}
		if x.flags&fEncode != 0 && !unreserved(c) {
			x.pend = [2]byte{upperHex[c>>4], upperHex[c&15]}
			x.np = 2
			c = '%'
		}
	}
	if x.flags&fLower != 0 {
		c = toLower(c)
	}
	return c, true
}

// compareForms compares the transformed forms of a and b byte by byte. The
// common case, names and values of unreserved bytes, runs as a plain
// (case-folding) comparison; the first byte that needs decoding or encoding
// hands over to streams.
func compareForms(a string, af uint8, b string, bf uint8) int {
	if af == 0 && bf == 0 {
		return strings.Compare(a, b)
	}
	const xf = fDecode | fEncode
	n := min(len(a), len(b))
	i := 0
	for ; i < n; i++ {
		ca, cb := a[i], b[i]
		if af&xf != 0 && !unreserved(ca) || bf&xf != 0 && !unreserved(cb) {
			break
		}
		if af&fLower != 0 {
			ca = toLower(ca)
		}
		if bf&fLower != 0 {
			cb = toLower(cb)
		}
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	if i == n {
		// Every remaining input byte yields at least one output byte.
		switch {
		case len(a) == len(b):
			return 0
		case i == len(a):
			return -1
		default:
			return 1
		}
	}
	x := stream{s: a, i: i, flags: af}
	y := stream{s: b, i: i, flags: bf}
	for {
		c, okc := x.next()
		d, okd := y.next()
		switch {
		case !okc && !okd:
			return 0
		case !okc:
			return -1
		case !okd:
			return 1
		case c < d:
			return -1
		case c > d:
			return 1
		}
	}
}

// appendForm appends the transformed form of s.
func appendForm(buf []byte, s string, flags uint8) []byte {
	if flags&fDecode != 0 && strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		flags &^= fDecode // nothing to decode
	}
	lower := flags&fLower != 0
	switch {
	case flags&(fDecode|fEncode) == 0 && !lower:
		return append(buf, s...)
	case flags&(fDecode|fEncode) == 0:
		for i := 0; i < len(s); i++ {
			buf = append(buf, toLower(s[i]))
		}
		return buf
	case flags&fDecode == 0:
		return appendEncoded(buf, s, lower)
	}
	x := stream{s: s, flags: flags}
	for {
		c, ok := x.next()
		if !ok {
			return buf
		}
		buf = append(buf, c)
	}
}

// appendEncoded appends the COS UrlEncode of s, lower-cased if asked.
// Names and many values are all unreserved bytes, so the leading run of
// those is copied in bulk; from the first byte that needs an escape it
// reserves room for the rest and fills it by index, which beats appending
// byte by byte.
func appendEncoded(buf []byte, s string, lower bool) []byte {
	off := len(buf)
	i := 0
	if lower {
		buf = append(buf, s...)
		for ; i < len(s); i++ {
			c := lowerUnreservedTable[s[i]]
			if c == 0 {
				break
			}
			buf[off+i] = c
		}
		buf = buf[:off+i]
	} else {
		for i < len(s) && unreservedTable[s[i]] != 0 {
			i++
		}
		buf = append(buf, s[:i]...)
	}
	if i == len(s) {
		return buf
	}
	s = s[i:]
	hexDigits := upperHex
	if lower {
		hexDigits = lowerHex
	}
	// Room for the worst case, every byte escaped; trimmed below.
	off = len(buf)
	buf = slices.Grow(buf, 3*len(s))[:off+3*len(s)]
	dst := buf[off:]
	j := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedTable[c] != 0 {
			if lower {
				c = lowerUnreservedTable[c]
			}
			dst[j] = c
			j++
			continue
		}
		dst[j], dst[j+1], dst[j+2] = '%', hexDigits[c>>4], hexDigits[c&15]
		j += 3
	}
	return buf[:off+j]
}

// validQueryEscapes reports whether net/url.QueryUnescape accepts s: every
// '%' starts a two-digit hex escape.
func validQueryEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		}
	}
	return true
}

// isASCII reports whether s has no byte >= 0x80.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// appendURIComponent appends s encoded like JavaScript's encodeURIComponent
// (which also keeps ! ' ( ) *), keeping the bytes in keep as well. The Go
// SDK builds presigned URLs with this encoding: the object key keeps '/', and
// the appended Authorization keeps '&' and '='.
func appendURIComponent(buf []byte, s, keep string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || c == '!' || c == '*' || c == '\'' || c == '(' || c == ')' ||
			strings.IndexByte(keep, c) >= 0 {
			buf = append(buf, c)
			continue
		}
		buf = append(buf, '%', upperHex[c>>4], upperHex[c&15])
	}
	return buf
}

// queryUnescape decodes s as net/url.QueryUnescape does, returning false
// on a malformed escape.
func queryUnescape(s string) (string, bool) {
	if !validQueryEscapes(s) {
		return "", false
	}
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s, true
	}
	return string(appendForm(make([]byte, 0, len(s)), s, fDecode)), true
}

// Escape returns the COS UrlEncode of s (D-SIGN): every byte outside the
// RFC 3986 unreserved set A-Z a-z 0-9 - _ . ~ is written as %XX with
// upper-case hex, so a space is %20, never '+', and !'()* are escaped too.
// It is the encoding of the values in HttpParameters and HttpHeaders.
func Escape(s string) string { return string(appendEncoded(nil, s, false)) }
