package classify

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// MaxBody is the most Response reads from a body: COS error documents are
// well under 4 KiB; a larger body is not a COS error document.
const MaxBody = 1 << 20

// Classify finds the COS HTTP error in err and returns it as a
// *cos403.Error that wraps err. It looks through fmt.Errorf("%w") chains,
// errors.Join trees and *cos.RetryError lists. It returns nil for nil, err
// itself when err already holds a *cos403.Error, and err unchanged when it
// holds no COS HTTP error (a network failure, for instance).
//
// If the request went through a [Transport], the error also carries what the
// SDK discards: the server's StringToSign, FormatString and ServerTime, and,
// when the Transport knows the SecretKey, the signature comparison.
func Classify(err error) error {
	if err == nil {
		return nil
	}
	var resp *cos.ErrorResponse
	found := walk(err, func(e error) bool {
		switch t := e.(type) {
		case *cos403.Error:
			return true
		case *cos.ErrorResponse:
			if t != nil {
				resp = t
				return true
			}
		}
		return false
	})
	if !found || resp == nil {
		// Either nothing from COS, or already classified.
		return err
	}
	return fromSDK(resp, err)
}

// walk visits err's tree depth-first until visit returns true. Besides
// Unwrap() error and Unwrap() []error it opens *cos.RetryError, which the
// SDK returns after retries and which has no Unwrap method.
func walk(err error, visit func(error) bool) bool {
	for depth := 0; err != nil && depth < 100; depth++ {
		if visit(err) {
			return true
		}
		switch u := err.(type) {
		case *cos.RetryError:
			for _, e := range u.Errs {
				if walk(e, visit) {
					return true
				}
			}
			return false
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if walk(e, visit) {
					return true
				}
			}
			return false
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		default:
			return false
		}
	}
	return false
}

// fromSDK classifies an SDK ErrorResponse. The SDK has already parsed the
// five standard elements; a Transport capture, when present, adds the rest.
func fromSDK(r *cos.ErrorResponse, orig error) *cos403.Error {
	var (
		status int
		header http.Header
		req    *http.Request
	)
	if r.Response != nil {
		status = r.Response.StatusCode
		header = r.Response.Header
		req = r.Response.Request
	}
	var kept *capture
	if req != nil {
		kept, _ = req.Context().Value(captureKey{}).(*capture)
	}
	var eb errorBody
	if kept != nil {
		eb = parseBody(kept.body, header.Get("Content-Type"))
	}
	if eb.Code == "" && eb.Message == "" {
		eb.Message, eb.RequestID = r.Message, r.RequestID
	}
	// The SDK's fields win where it found them: it read the whole body,
	// the capture may be cut at its limit.
	// The SDK sets Code "0" when a JSON body's code is not a number; the
	// real code, if the capture has it, is in eb.
	sdkCode := r.Code
	if sdkCode == "0" && strings.HasPrefix(header.Get("Content-Type"), "application/json") {
		sdkCode = ""
	}
	if sdkCode != "" {
		eb.Code, eb.Message, eb.Resource = sdkCode, r.Message, r.Resource
		eb.RequestID, eb.TraceID = r.RequestID, r.TraceID
		if eb.kind == bodyEmpty {
			eb.kind = bodyXML
		}
	}
	e, _ := build(status, header, &eb, req)
	e.Err = orig
	if kept != nil {
		e.LocalTime = kept.received
		explain(e, req, &eb, kept.t.secretKey())
	}
	return e
}

// Response classifies resp. It returns nil for a 2xx response; otherwise a
// *cos403.Error. It reads at most MaxBody bytes of the body and puts them
// back, so resp can still be read by the caller.
func Response(resp *http.Response) error {
	if resp == nil {
		return nil
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	var body []byte
	if resp.Body != nil && resp.Body != http.NoBody {
		b, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
		body = b
		rest := resp.Body
		if err != nil {
			rest = io.NopCloser(errReader{err})
		}
		resp.Body = readCloser{io.MultiReader(bytes.NewReader(b), rest), resp.Body}
	}
	eb := parseBody(body, resp.Header.Get("Content-Type"))
	e, _ := build(resp.StatusCode, resp.Header, &eb, resp.Request)
	key := ""
	if resp.Request != nil {
		// A reply that came through a Transport carries its arrival time
		// and the Transport's key.
		if kept, ok := resp.Request.Context().Value(captureKey{}).(*capture); ok {
			e.LocalTime = kept.received
			key = kept.t.secretKey()
		}
	}
	explain(e, resp.Request, &eb, key)
	return e
}

// Reply classifies the parts of an HTTP reply: status, headers and body,
// with the request that produced it when known (nil is fine; it tells
// signed from anonymous requests). It returns nil for a 2xx status and
// never panics on any input. The body is not retained.
//
// Reply returns the concrete type, for callers that read its fields; to
// hand the result on as an error, test it for nil first (a nil
// *cos403.Error stored in an error variable is not a nil error), or use
// [Response].
func Reply(status int, header http.Header, body []byte, req *http.Request) *cos403.Error {
	if status >= 200 && status <= 299 {
		return nil
	}
	eb := parseBody(body, header.Get("Content-Type"))
	e, _ := build(status, header, &eb, req)
	return e
}

// build turns the parsed parts into a classified error. It also returns the
// evidence name of the rule that decided, for the tests that tie every row
// of the table to its golden reply.
func build(status int, header http.Header, eb *errorBody, req *http.Request) (*cos403.Error, string) {
	e := &cos403.Error{
		StatusCode:   status,
		Code:         eb.Code,
		Message:      eb.Message,
		Resource:     eb.Resource,
		RequestID:    eb.RequestID,
		TraceID:      eb.TraceID,
		StorageClass: header.Get("X-Cos-Storage-Class"),
	}
	if eb.StringToSign != "" {
		e.ServerStringToSign = eb.StringToSign
	}
	if eb.FormatString != "" {
		e.ServerFormatString = cos403.RedactFormatString(eb.FormatString)
	}
	f := facts{status: status, body: eb.kind, storageClass: e.StorageClass, fromCOS: true}
	if len(header) > 0 {
		f.cosHeaders = header.Get("X-Cos-Request-Id") != "" || strings.EqualFold(header.Get("Server"), "tencent-cos")
		f.fromCOS = f.cosHeaders
		if e.RequestID == "" {
			e.RequestID = header.Get("X-Cos-Request-Id")
		}
		if e.TraceID == "" {
			e.TraceID = header.Get("X-Cos-Trace-Id")
		}
		// HEAD replies carry no body; COS may name the error in headers
		// (cos-errors.md §2.3).
		if e.Code == "" {
			e.Code = header.Get("X-Cos-Error-Code")
			if e.Message == "" {
				e.Message = header.Get("X-Cos-Error-Message")
			}
		}
	}
	if req != nil {
		e.Method = req.Method
		e.URL = cos403.RedactedURL(req.URL)
		e.Signed = isSigned(req)
		e.TempCredential = req.Header.Get("X-Cos-Security-Token") != "" ||
			req.URL != nil && strings.Contains(req.URL.RawQuery, "x-cos-security-token=")
	}
	e.ServerTime = serverTime(eb.ServerTime, header)
	f.code = strings.TrimSpace(e.Code)
	f.message = strings.TrimSpace(e.Message)
	f.method = e.Method
	f.signed = e.Signed
	var evidence string
	e.Cause, evidence = decide(&f)
	return e, evidence
}

// isSigned reports whether req carries a q-sign-algorithm signature in the
// Authorization header, in q-* query parameters, or in the merged sign=
// parameter (cos-errors.md §3.3).
func isSigned(req *http.Request) bool {
	if req.Header.Get("Authorization") != "" {
		return true
	}
	if req.URL == nil {
		return false
	}
	q := req.URL.RawQuery
	return strings.Contains(q, "q-signature=") || strings.HasPrefix(q, "sign=") || strings.Contains(q, "&sign=")
}

// serverTime reads <ServerTime> (COS's format is not documented: RFC 1123,
// RFC 3339 and Unix seconds are accepted), falling back to the Date header.
func serverTime(body string, header http.Header) time.Time {
	if s := strings.TrimSpace(body); s != "" {
		if t, ok := parseTime(s); ok {
			return t
		}
	}
	if d := header.Get("Date"); d != "" {
		if t, err := http.ParseTime(d); err == nil {
			return t
		}
	}
	return time.Time{}
}

func parseTime(s string) (time.Time, bool) {
	if t, err := http.ParseTime(s); err == nil {
		return t, true
	}
	for _, layout := range [...]string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	if allDigits(s) && len(s) >= 9 && len(s) <= 11 {
		var n int64
		for i := 0; i < len(s); i++ {
			n = n*10 + int64(s[i]-'0')
		}
		return time.Unix(n, 0).UTC(), true
	}
	return time.Time{}, false
}

type readCloser struct {
	io.Reader
	io.Closer
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
