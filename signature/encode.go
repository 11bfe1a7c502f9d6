package signature

import "strings"

// The COS UrlEncode (D-SIGN "Preparation") leaves only the RFC 3986
// unreserved set A-Z a-z 0-9 - _ . ~ as is and writes every other byte as
// %XX with upper-case hex. cos-go-sdk-v5's safeURLEncode, the JS SDK's
// camSafeUrlEncode and Python's quote(s, '-_.~') all agree.
const upperHex = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
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
	if x.flags&fLower != 0 && 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c, true
}

// compareForms compares the transformed forms of a and b byte by byte.
func compareForms(a string, af uint8, b string, bf uint8) int {
	if af == 0 && bf == 0 {
		return strings.Compare(a, b)
	}
	x := stream{s: a, flags: af}
	y := stream{s: b, flags: bf}
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
	if flags == 0 {
		return append(buf, s...)
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
