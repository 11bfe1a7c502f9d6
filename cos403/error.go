package cos403

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// Error is a classified COS refusal. It is produced by package classify from
// an SDK error, an *http.Response or a raw body, and wraps the original error.
//
// Every string field is safe to print: URL and ServerFormatString are
// redacted copies (see [RedactURL] and [RedactFormatString]); signatures,
// security tokens and secret keys are never stored here.
type Error struct {
	// Cause is the classified reason.
	Cause Cause
	// StatusCode is the HTTP status COS (or whatever answered) returned.
	StatusCode int
	// Code, Message, Resource, RequestID and TraceID come from the error
	// body, falling back to x-cos-request-id, x-cos-trace-id and
	// x-cos-error-code headers when the body had none (HEAD requests).
	Code      string
	Message   string
	Resource  string
	RequestID string
	TraceID   string
	// Method and URL describe the refused request. URL is redacted.
	Method string
	URL    string
	// ServerTime is the server's clock: <ServerTime> from the body, or the
	// Date response header. Zero when neither was present.
	ServerTime time.Time
	// LocalTime is this machine's clock when the response arrived (set by
	// classify.Transport); with ServerTime it gives the clock skew.
	LocalTime time.Time
	// Signed reports whether the request carried a signature (Authorization
	// header, q-* query parameters or sign=).
	Signed bool
	// TempCredential reports whether the request carried
	// x-cos-security-token, i.e. was made with a temporary key.
	TempCredential bool
	// StorageClass is the x-cos-storage-class response header (set on
	// InvalidObjectState refusals of ARCHIVE and DEEP_ARCHIVE objects).
	StorageClass string
	// ServerStringToSign and ServerFormatString are what COS computed on
	// SignatureDoesNotMatch, from <StringToSign> and <FormatString>, with any
	// security token value redacted.
	ServerStringToSign string
	ServerFormatString string
	// Signature holds the comparison between the client's and the server's
	// signing strings, when it could be made.
	Signature *SignatureDiff
	// Err is the original error (an SDK *cos.ErrorResponse, for instance).
	Err error
}

// SignatureDiff names the first place where the client's signing strings and
// the server's disagree. Package classify fills it from signature.Compare.
type SignatureDiff struct {
	// Stage is the first differing stage: "method", "path", "parameters",
	// "headers", "key_time", "string_to_sign", or "" when they agree.
	Stage string `json:"stage"`
	// Element is the parameter or header name inside Stage, if any.
	Element string `json:"element,omitempty"`
	// Client and Server are the differing values as each side signed them.
	Client string `json:"client,omitempty"`
	Server string `json:"server,omitempty"`
	// Explanation is one paragraph for a person.
	Explanation string `json:"explanation,omitempty"`
}

var _ error = (*Error)(nil)
var _ slog.LogValuer = Error{}
var _ fmt.Formatter = Error{}

// maxMessage bounds the server message quoted in Error().
const maxMessage = 200

// Error returns one line: package, method, redacted URL, status, code, the
// server message quoted, cause and request id. It never contains a secret,
// the body, or remediation text.
func (e *Error) Error() string {
	if e == nil {
		return "cos403: <nil>"
	}
	var b strings.Builder
	b.Grow(128)
	b.WriteString("cos403: ")
	if e.Method != "" || e.URL != "" {
		b.WriteString(e.Method)
		if e.Method != "" && e.URL != "" {
			b.WriteByte(' ')
		}
		b.WriteString(RedactURL(e.URL))
		b.WriteString(": ")
	}
	if e.StatusCode != 0 {
		b.WriteString(strconv.Itoa(e.StatusCode))
		b.WriteByte(' ')
	}
	if e.Code != "" {
		b.WriteString(oneLine(e.Code, 64))
	} else {
		b.WriteString("(no code)")
	}
	if e.Message != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(truncate(e.Message, maxMessage)))
	}
	b.WriteString(" (cause ")
	b.WriteString(string(e.Cause))
	if e.RequestID != "" {
		b.WriteString(", request id ")
		b.WriteString(oneLine(e.RequestID, 128))
	}
	b.WriteByte(')')
	return b.String()
}

// Unwrap returns the original error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel of e's Cause, so that
// errors.Is(err, cos403.ErrRequestExpired) works on a classified error.
func (e *Error) Is(target error) bool {
	s, ok := target.(*sentinel)
	return ok && e != nil && s.cause == e.Cause
}

// As finds the first *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) && e != nil {
		return e, true
	}
	return nil, false
}

// CauseOf returns the Cause of the first *Error in err's chain, or "" when
// err holds none.
func CauseOf(err error) Cause {
	if e, ok := As(err); ok {
		return e.Cause
	}
	return ""
}

// errorJSON is the wire form of Error; it lists every printable field and
// leaves the wrapped error out (its text may carry an unredacted URL).
type errorJSON struct {
	Cause              Cause          `json:"cause"`
	StatusCode         int            `json:"status_code,omitempty"`
	Code               string         `json:"code,omitempty"`
	Message            string         `json:"message,omitempty"`
	Resource           string         `json:"resource,omitempty"`
	RequestID          string         `json:"request_id,omitempty"`
	TraceID            string         `json:"trace_id,omitempty"`
	Method             string         `json:"method,omitempty"`
	URL                string         `json:"url,omitempty"`
	ServerTime         *time.Time     `json:"server_time,omitempty"`
	LocalTime          *time.Time     `json:"local_time,omitempty"`
	Signed             bool           `json:"signed"`
	TempCredential     bool           `json:"temp_credential"`
	StorageClass       string         `json:"storage_class,omitempty"`
	ServerStringToSign string         `json:"server_string_to_sign,omitempty"`
	ServerFormatString string         `json:"server_format_string,omitempty"`
	Signature          *SignatureDiff `json:"signature,omitempty"`
}

func (e *Error) wire() errorJSON {
	w := errorJSON{
		Cause: e.Cause, StatusCode: e.StatusCode, Code: e.Code, Message: e.Message,
		Resource: e.Resource, RequestID: e.RequestID, TraceID: e.TraceID,
		Method: e.Method, URL: RedactURL(e.URL), Signed: e.Signed,
		TempCredential: e.TempCredential, StorageClass: e.StorageClass,
		ServerStringToSign: e.ServerStringToSign,
		ServerFormatString: RedactFormatString(e.ServerFormatString),
	}
	if !e.ServerTime.IsZero() {
		t := e.ServerTime
		w.ServerTime = &t
	}
	if !e.LocalTime.IsZero() {
		t := e.LocalTime
		w.LocalTime = &t
	}
	if e.Signature != nil {
		d := e.Signature.redacted()
		w.Signature = &d
	}
	return w
}

// MarshalJSON encodes the printable fields with stable snake_case keys. The
// wrapped error is left out: its text may carry an unredacted URL.
//
// Error's formatting methods have value receivers so that a dereferenced
// Error prints as safely as a pointer does.
func (e Error) MarshalJSON() ([]byte, error) {
	return marshal(e.wire())
}

// marshal encodes v without escaping &, < and >: FormatStrings are full of
// '&', and "\u0026" in every one of them helps nobody reading the output.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Format implements fmt.Formatter: %v, %s and %+v print Error(), %q quotes
// it, and %#v prints the printable fields. The wrapped error is never
// formatted.
func (e Error) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			io.WriteString(f, e.GoString())
			return
		}
		io.WriteString(f, e.Error())
	case 's':
		io.WriteString(f, e.Error())
	case 'q':
		io.WriteString(f, strconv.Quote(e.Error()))
	default:
		fmt.Fprintf(f, "%%!%c(cos403.Error)", verb)
	}
}

// LogValue groups the printable fields for log/slog.
func (e Error) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 12)
	attrs = append(attrs, slog.String("cause", string(e.Cause)))
	if e.StatusCode != 0 {
		attrs = append(attrs, slog.Int("status", e.StatusCode))
	}
	for _, kv := range [...]struct{ k, v string }{
		{"code", e.Code}, {"message", e.Message}, {"request_id", e.RequestID},
		{"trace_id", e.TraceID}, {"method", e.Method}, {"url", RedactURL(e.URL)},
		{"storage_class", e.StorageClass},
	} {
		if kv.v != "" {
			attrs = append(attrs, slog.String(kv.k, kv.v))
		}
	}
	attrs = append(attrs, slog.Bool("signed", e.Signed))
	if e.TempCredential {
		attrs = append(attrs, slog.Bool("temp_credential", true))
	}
	if !e.ServerTime.IsZero() {
		attrs = append(attrs, slog.Time("server_time", e.ServerTime))
	}
	if e.Signature != nil && e.Signature.Stage != "" {
		d := e.Signature.redacted()
		attrs = append(attrs, slog.Group("signature",
			slog.String("stage", d.Stage), slog.String("element", d.Element),
			slog.String("client", d.Client), slog.String("server", d.Server)))
	}
	return slog.GroupValue(attrs...)
}

// GoString keeps %#v as safe as %v: it prints the printable fields only.
func (e Error) GoString() string {
	b, _ := marshal(e.wire())
	return "cos403.Error" + string(b)
}

// MarshalJSON encodes the difference with secret values redacted.
func (d SignatureDiff) MarshalJSON() ([]byte, error) {
	type plain SignatureDiff
	return marshal(plain(d.redacted()))
}

func (d SignatureDiff) redacted() SignatureDiff {
	if isSecretName(d.Element) {
		d.Client, d.Server = redacted, redacted
	}
	d.Client = RedactFormatString(d.Client)
	d.Server = RedactFormatString(d.Server)
	d.Explanation = RedactFormatString(d.Explanation)
	return d
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cut on a rune boundary so the quoted text stays valid UTF-8.
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func oneLine(s string, n int) string {
	s = truncate(s, n)
	if strings.ContainsAny(s, "\r\n\t") {
		return strings.Trim(strconv.Quote(s), `"`)
	}
	return s
}
