package classify

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errorBody holds the elements of a COS <Error> document. COS sends Code,
// Message, Resource, RequestId and TraceId (cos-errors.md §2.1), adds
// StringToSign and FormatString on SignatureDoesNotMatch and ServerTime on
// some auth failures (§2.2). The cos-go-sdk-v5 ErrorResponse keeps only the
// first five.
type errorBody struct {
	Code         string `xml:"Code"`
	Message      string `xml:"Message"`
	Resource     string `xml:"Resource"`
	RequestID    string `xml:"RequestId"`
	TraceID      string `xml:"TraceId"`
	StringToSign string `xml:"StringToSign"`
	FormatString string `xml:"FormatString"`
	ServerTime   string `xml:"ServerTime"`
	// kind records what the body looked like.
	kind bodyKind
}

type bodyKind uint8

const (
	bodyEmpty bodyKind = iota
	bodyXML            // a COS-style <Error> document
	bodyJSON           // {"code":..,"message":..}
	bodyHTML           // a web page: a proxy, CDN or gateway answered
	bodyOther          // anything else (malformed, truncated, foreign)
)

// parseBody decodes an error body. It never fails: what cannot be read is
// reported through kind. The purpose-built scanner handles the flat document
// COS sends without reflection; anything unusual (attributes, namespaces,
// CDATA, comments, nested elements) goes to encoding/xml, and a body neither
// accepts keeps what the scanner read before it stopped.
func parseBody(body []byte, contentType string) errorBody {
	b := bytes.TrimLeft(body, " \t\r\n")
	b = bytes.TrimPrefix(b, utf8BOM)
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return errorBody{kind: bodyEmpty}
	}
	switch {
	case b[0] == '{' || strings.HasPrefix(strings.TrimSpace(contentType), "application/json"):
		if eb, ok := parseJSON(b); ok {
			return eb
		}
	case looksHTML(b) || strings.HasPrefix(strings.TrimSpace(contentType), "text/html"):
		return errorBody{kind: bodyHTML}
	case b[0] == '<':
		if eb, ok := scanXML(string(body)); ok {
			return eb
		}
		var eb errorBody
		if err := xml.Unmarshal(body, &eb); err == nil {
			eb.kind = bodyXML
			return eb
		}
		// Truncated or malformed: salvage the leading elements.
		eb, _ = scanXMLPrefix(string(body))
		if eb.Code != "" {
			eb.kind = bodyXML
		} else {
			eb.kind = bodyOther
		}
		return eb
	}
	return errorBody{kind: bodyOther}
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func looksHTML(b []byte) bool {
	const n = 14
	head := b
	if len(head) > n {
		head = head[:n]
	}
	h := strings.ToLower(string(head))
	return strings.HasPrefix(h, "<!doctype html") || strings.HasPrefix(h, "<html") ||
		strings.HasPrefix(h, "<head") || strings.HasPrefix(h, "<body")
}

// jsonError is the JSON shape cos-go-sdk-v5 accepts (error.go jsonError,
// cos-errors.md §2.4); COS data-processing endpoints also use Code/Message.
type jsonError struct {
	Code       json.RawMessage `json:"code"`
	Message    string          `json:"message"`
	RequestID  string          `json:"request_id"`
	CodeU      json.RawMessage `json:"Code"`
	MessageU   string          `json:"Message"`
	RequestIDU string          `json:"RequestId"`
}

func parseJSON(b []byte) (errorBody, bool) {
	var j jsonError
	if err := json.Unmarshal(b, &j); err != nil {
		return errorBody{}, false
	}
	eb := errorBody{kind: bodyJSON, Message: first(j.Message, j.MessageU), RequestID: first(j.RequestID, j.RequestIDU)}
	for _, raw := range []json.RawMessage{j.Code, j.CodeU} {
		if len(raw) == 0 || eb.Code != "" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			eb.Code = s
			continue
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			eb.Code = n.String()
		}
	}
	return eb, true
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// scanXML reads the flat <Error> document. ok is false when the input is
// anything the scanner does not fully understand; the caller then asks
// encoding/xml. When ok is true the result equals what xml.Unmarshal gives
// for the same input (FuzzScanAgreesWithEncodingXML checks this).
func scanXML(s string) (errorBody, bool) {
	eb, ok := scanXMLPrefix(s)
	if !ok {
		return eb, false
	}
	eb.kind = bodyXML
	return eb, true
}

// scanXMLPrefix scans as far as it can. ok reports a complete document.
func scanXMLPrefix(s string) (eb errorBody, ok bool) {
	i := 0
	skipSpace := func() {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	if strings.HasPrefix(s, "\xEF\xBB\xBF") {
		i = 3
	}
	skipSpace()
	if strings.HasPrefix(s[i:], "<?xml") {
		end := strings.Index(s[i:], "?>")
		if end < 0 || !plainDecl(s[i+5:i+end]) {
			return eb, false
		}
		i += end + 2
		skipSpace()
	}
	if !strings.HasPrefix(s[i:], "<Error>") {
		return eb, false
	}
	i += len("<Error>")
	for {
		// Character data between children must be white space only; the
		// struct keeps none of it.
		skipSpace()
		if i >= len(s) || s[i] != '<' {
			return eb, false
		}
		if strings.HasPrefix(s[i:], "</Error>") {
			// Names and separators are ASCII and every value passed
			// validText, so the document is valid as far as it matters.
			return eb, true
		}
		j := i + 1
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == i+1 || j >= len(s) {
			return eb, false
		}
		name := s[i+1 : j]
		if strings.HasPrefix(s[j:], "/>") {
			eb.set(name, "")
			i = j + 2
			continue
		}
		if s[j] != '>' {
			return eb, false
		}
		start := j + 1
		end := strings.IndexByte(s[start:], '<')
		if end < 0 {
			return eb, false
		}
		end += start
		if !strings.HasPrefix(s[end:], "</") || !strings.HasPrefix(s[end+2:], name) ||
			end+2+len(name) >= len(s) || s[end+2+len(name)] != '>' {
			return eb, false
		}
		val, vok := unescapeText(s[start:end])
		if !vok {
			return eb, false
		}
		eb.set(name, val)
		i = end + 3 + len(name)
	}
}

// plainDecl accepts an XML declaration whose pseudo-attributes encoding/xml
// takes as UTF-8: COS writes version='1.0' encoding='utf-8' with single
// quotes and a space before ?> (cos-errors.md §2.1).
func plainDecl(attrs string) bool {
	if !strings.Contains(attrs, "version=") {
		return false
	}
	k := strings.Index(attrs, "encoding=")
	if k < 0 {
		return true
	}
	v := attrs[k+len("encoding="):]
	if len(v) < 2 || (v[0] != '\'' && v[0] != '"') {
		return false
	}
	end := strings.IndexByte(v[1:], v[0])
	if end < 0 {
		return false
	}
	return strings.EqualFold(v[1:1+end], "utf-8")
}

func (eb *errorBody) set(name, val string) {
	switch name {
	case "Code":
		eb.Code = val
	case "Message":
		eb.Message = val
	case "Resource":
		eb.Resource = val
	case "RequestId":
		eb.RequestID = val
	case "TraceId":
		eb.TraceID = val
	case "StringToSign":
		eb.StringToSign = val
	case "FormatString":
		eb.FormatString = val
	case "ServerTime":
		eb.ServerTime = val
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// isNameByte is deliberately narrower than XML names (no ':' so namespaced
// names fall back to encoding/xml).
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// unescapeText decodes character data the way encoding/xml does: the five
// predefined entities, numeric references, and CR LF / lone CR folded to LF.
// Text with no '&' or '\r' is returned as a substring, without allocating.
func unescapeText(t string) (string, bool) {
	hasCR := strings.IndexByte(t, '\r') >= 0
	if !hasCR && strings.IndexByte(t, '&') < 0 {
		return t, validText(t)
	}
	var b strings.Builder
	b.Grow(len(t))
	for len(t) > 0 {
		k := strings.IndexByte(t, '&')
		if hasCR {
			// Look for a CR only before the next '&', so that text
			// with many entities is not rescanned to its end.
			end := k
			if end < 0 {
				end = len(t)
			}
			if r := strings.IndexByte(t[:end], '\r'); r >= 0 {
				k = r
			}
		}
		if k < 0 {
			b.WriteString(t)
			break
		}
		b.WriteString(t[:k])
		t = t[k:]
		if t[0] == '\r' {
			b.WriteByte('\n')
			t = t[1:]
			if len(t) > 0 && t[0] == '\n' {
				t = t[1:]
			}
			continue
		}
		semi := strings.IndexByte(t, ';')
		if semi < 0 {
			return "", false
		}
		switch ent := t[1:semi]; ent {
		case "amp":
			b.WriteByte('&')
		case "lt":
			b.WriteByte('<')
		case "gt":
			b.WriteByte('>')
		case "apos":
			b.WriteByte('\'')
		case "quot":
			b.WriteByte('"')
		default:
			r, ok := charRef(ent)
			if !ok {
				return "", false
			}
			b.WriteRune(r)
		}
		t = t[semi+1:]
	}
	out := b.String()
	return out, validText(out)
}

func charRef(ent string) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ent[1] == 'x' {
		if len(ent) < 3 || !allHex(ent[2:]) {
			return 0, false
		}
		n, err = strconv.ParseUint(ent[2:], 16, 32)
	} else {
		if !allDigits(ent[1:]) {
			return 0, false
		}
		n, err = strconv.ParseUint(ent[1:], 10, 32)
	}
	if err != nil || !inCharRange(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// plainText marks the ASCII bytes that are always valid character data;
// '>' is left out because "]]>" is not.
var plainText = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '>'
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

// validText mirrors encoding/xml's strict character check: valid UTF-8 and
// every rune in the XML Char production. It runs over every value of every
// body, so plain ASCII takes one table lookup per byte.
func validText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !plainText[c] {
				if c != '>' {
					return false
				}
				if i >= 2 && s[i-1] == ']' && s[i-2] == ']' {
					return false
				}
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !inCharRange(r) {
			return false
		}
		i += n
	}
	return true
}

func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
