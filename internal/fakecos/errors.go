package fakecos

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Messages exactly as COS writes them; each cites cos-errors.md.
const (
	// §1.2 (cos-php-sdk-v5 #57 capture); the brief fixes no trailing period.
	msgNoSuchAccessKey = "The Access Key Id you provided does not exist in our records"
	// §1.2 (PicGo #638, mozillazg/go-cos #2, D-POSTEXC).
	msgSignatureInvalid = "The Signature you specified is invalid."
	// §1.3, D-403: note the trailing period.
	msgAccessDenied = "Access Denied."
	// §1.1: arrives as Code=AccessDenied, no trailing period (JS/Node SDK).
	msgRequestExpired = "Request has expired"
	// §1.3, D-REF-FAQ.
	msgRefererDenied = "You are denied by bucket referer rule"
	// §1.3, D-JAVAQS (EN spelling).
	msgSignatureEmpty = "Check auth failure because signature empty."
	// §1.3 / §11 fixture I, D-STRICT.
	msgStrictHeader = "Strict signature missing header that must be signed"
	msgStrictParam  = "Strict signature missing param that must be signed"
	// §6, D-GETOBJ Sample 11.
	msgInvalidObjectState = "The operation is not valid for the object storage class."
	// §11 fixture A, D-OPTIONS Example 4; the typos are COS's own.
	msgCORSForbidden = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec"
	// §1.2, BucketCat e2e capture.
	msgPathStyleForbidden = "The bucket you are attempting to access must be addressed using COS virtual-styled domain."
	msgDownloadForbidden  = "The APK/IPA file is not allowed to be distributed in a public network using COS default domain, please use custom domain instead."
	// §1.2: no verbatim COS message exists; this is the D-ERR-2019 (_intl.md)
	// description, the closest documented wording.
	msgTimeTooSkewed = "The difference between the request time and the server's time is too large."
	// §1.4: no verbatim message exists; this is the D-ERR description.
	msgExpiredToken = "The temporary key token has expired"
	// §1.5, D-ERR descriptions.
	msgRestoreInProgress = "The object is being restored"
	msgRestoreNonArchive = "Non-ARCHIVED objects cannot be restored"
	// §11 fixture J (cos-go-sdk-v5 error_test.go).
	msgNoSuchKey = "The specified key does not exist."
)

// cosError is one refusal, rendered by writeError in COS's own format.
type cosError struct {
	status  int
	code    string
	message string
	// stringToSign and formatString are the server's own, on
	// SignatureDoesNotMatch (§2.2).
	stringToSign string
	formatString string
	signatureErr bool
	// serverTime adds <ServerTime> (§2.2: documented on "signature empty";
	// the JS SDK also reads it on time errors).
	serverTime bool
	// noTrace leaves out <TraceId> and x-cos-trace-id, as in the documented
	// "signature empty" transcript (§11 fixture E).
	noTrace bool
	// storageClass sets x-cos-storage-class on the refusal (§2.3, D-GETOBJ
	// Sample 11).
	storageClass string
}

// writeError renders e as COS does (§2.1, §11): the single-quoted XML
// declaration with a space before "?>", a newline, <Error>, tab-indented
// children, no trailing newline; Content-Type application/xml, Server
// tencent-cos, Date from the server clock, x-cos-request-id and (on errors)
// x-cos-trace-id. HEAD responses carry the headers and no body (§2.3).
func (s *Server) writeError(w http.ResponseWriter, rq *request, e *cosError) {
	h := w.Header()
	for k := range h {
		// A refusal replaces whatever success headers were staged.
		if !strings.HasPrefix(k, "Access-Control-") {
			delete(h, k)
		}
	}
	s.commonHeaders(w, rq)
	traceID := ""
	if !e.noTrace {
		traceID = newTraceID()
		h.Set("x-cos-trace-id", traceID)
	}
	if e.storageClass != "" {
		h.Set("x-cos-storage-class", e.storageClass)
	}
	h.Set("Content-Type", "application/xml")

	var b strings.Builder
	b.Grow(512 + len(e.formatString))
	b.WriteString("<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n")
	elem(&b, "Code", e.code)
	elem(&b, "Message", e.message)
	if e.signatureErr {
		elem(&b, "StringToSign", e.stringToSign)
		elem(&b, "FormatString", e.formatString)
	}
	if e.serverTime {
		// §2.2 shows only a placeholder ("XXX XXX"); RFC 3339 UTC is
		// unambiguous and parses with Date.parse, which the JS SDK applies.
		elem(&b, "ServerTime", rq.now.UTC().Format(time.RFC3339))
	}
	elem(&b, "Resource", rq.resource)
	elem(&b, "RequestId", rq.id)
	if !e.noTrace {
		elem(&b, "TraceId", traceID)
	}
	b.WriteString("</Error>")
	body := b.String()
	h.Set("Content-Length", strconv.Itoa(len(body)))
	rq.code = e.code
	w.WriteHeader(e.status)
	if rq.r.Method != http.MethodHead {
		_, _ = w.Write([]byte(body))
	}
}

// commonHeaders sets the headers every COS response carries (D-RESP).
func (s *Server) commonHeaders(w http.ResponseWriter, rq *request) {
	h := w.Header()
	h.Set("Server", "tencent-cos")
	h.Set("Date", rq.now.UTC().Format(http.TimeFormat))
	h.Set("x-cos-request-id", rq.id)
	if !rq.r.Close {
		h.Set("Connection", "keep-alive")
	}
}

func elem(b *strings.Builder, name, value string) {
	b.WriteString("\t<")
	b.WriteString(name)
	b.WriteByte('>')
	escapeXML(b, value)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteString(">\n")
}

// escapeXML escapes like COS: &apos; for the apostrophe (§11 fixture A,
// "resource&apos;s"), &amp; inside FormatString (§11 fixture C), and raw
// newlines kept (FormatString spans several lines). encoding/xml would
// write &#39; and &#xA; instead.
func escapeXML(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\'':
			b.WriteString("&apos;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteByte(c)
		}
	}
}

// newRequestID builds an id shaped like COS's: Base64 of
// "<unix time hex>_<8 hex>_<5 hex>_<6 hex>" (§11 fixture A decodes to
// "5f070356_73c82a09_34b3f_18c298"), which starts with N and is 40
// characters long, as the self-diagnosis tool expects (§2.3, D-DIAG).
func newRequestID(now time.Time, seq uint64) string {
	ts := uint64(now.Unix())
	// The leading "N" needs a first hex digit of 4-7; outside 2004-2038 the
	// real clock stands in so a frozen test clock cannot break the shape.
	if ts < 0x40000000 || ts > 0x7fffffff {
		ts = uint64(time.Now().Unix()) & 0x7fffffff
		if ts < 0x40000000 {
			ts |= 0x40000000
		}
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	r1 := binary.BigEndian.Uint32(rnd[:4])
	r2 := binary.BigEndian.Uint32(rnd[4:]) & 0xfffff
	var b [30]byte
	buf := b[:0]
	buf = appendHex(buf, ts, 8)
	buf = append(buf, '_')
	buf = appendHex(buf, uint64(r1), 8)
	buf = append(buf, '_')
	buf = appendHex(buf, uint64(r2), 5)
	buf = append(buf, '_')
	buf = appendHex(buf, seq&0xffffff, 6)
	return base64.StdEncoding.EncodeToString(buf)
}

func appendHex(dst []byte, v uint64, width int) []byte {
	const digits = "0123456789abcdef"
	for i := width - 1; i >= 0; i-- {
		dst = append(dst, digits[(v>>(4*uint(i)))&0xf])
	}
	return dst
}

// newTraceID mirrors the trace ids in §11: Base64 of 128 hex characters.
func newTraceID() string {
	var raw [64]byte
	_, _ = rand.Read(raw[:])
	return base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(raw[:])))
}
