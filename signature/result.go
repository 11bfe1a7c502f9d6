package signature

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// resultView is the printable copy of a Result: no SignKey, the signature
// replaced, secret values redacted.
type resultView struct {
	KeyTime        string   `json:"key_time"`
	SignTime       string   `json:"sign_time"`
	HeaderList     []string `json:"header_list"`
	URLParamList   []string `json:"url_param_list"`
	HTTPParameters string   `json:"http_parameters"`
	HTTPHeaders    string   `json:"http_headers"`
	FormatString   string   `json:"format_string"`
	StringToSign   string   `json:"string_to_sign"`
	Signature      string   `json:"signature"`
	Authorization  string   `json:"authorization"`
}

func (r Result) view() resultView {
	sig := redacted
	if r.Signature == "" {
		sig = ""
	}
	return resultView{
		KeyTime:        r.KeyTime.String(),
		SignTime:       r.SignTime.String(),
		HeaderList:     r.HeaderList,
		URLParamList:   r.URLParamList,
		HTTPParameters: Redact(r.HTTPParameters),
		HTTPHeaders:    Redact(r.HTTPHeaders),
		FormatString:   redactFormatString(r.FormatString),
		StringToSign:   r.StringToSign,
		Signature:      sig,
		Authorization:  Redact(r.Authorization),
	}
}

// String returns the redacted intermediates on one line, strings quoted.
// The formatting methods have value receivers so that a Result value, not
// only a *Result, prints redacted.
func (r Result) String() string {
	v := r.view()
	var b strings.Builder
	b.WriteString("signature.Result{KeyTime:")
	b.WriteString(strconv.Quote(v.KeyTime))
	b.WriteString(", SignTime:")
	b.WriteString(strconv.Quote(v.SignTime))
	b.WriteString(", HeaderList:")
	b.WriteString(quoteList(v.HeaderList))
	b.WriteString(", URLParamList:")
	b.WriteString(quoteList(v.URLParamList))
	for _, f := range [...]struct{ name, val string }{
		{"HTTPParameters", v.HTTPParameters},
		{"HTTPHeaders", v.HTTPHeaders},
		{"FormatString", v.FormatString},
		{"StringToSign", v.StringToSign},
		{"Signature", v.Signature},
		{"Authorization", v.Authorization},
	} {
		b.WriteString(", ")
		b.WriteString(f.name)
		b.WriteByte(':')
		b.WriteString(strconv.Quote(f.val))
	}
	b.WriteByte('}')
	return b.String()
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// GoString is String.
func (r Result) GoString() string { return r.String() }

// Format prints String for every verb, so no verb reaches SignKey or the
// signature.
func (r Result) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, r.String()) }

// MarshalJSON writes the redacted intermediates (no SignKey). It is
// deliberately not reversible.
func (r Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.view()) }

// LogValue logs the redacted intermediates (no SignKey).
func (r Result) LogValue() slog.Value {
	v := r.view()
	return slog.GroupValue(
		slog.String("key_time", v.KeyTime),
		slog.String("sign_time", v.SignTime),
		slog.String("header_list", strings.Join(v.HeaderList, ";")),
		slog.String("url_param_list", strings.Join(v.URLParamList, ";")),
		slog.String("http_parameters", v.HTTPParameters),
		slog.String("http_headers", v.HTTPHeaders),
		slog.String("format_string", v.FormatString),
		slog.String("string_to_sign", v.StringToSign),
		slog.String("signature", v.Signature),
		slog.String("authorization", v.Authorization),
	)
}

var (
	_ fmt.Stringer   = Result{}
	_ fmt.GoStringer = Result{}
	_ fmt.Formatter  = Result{}
	_ json.Marshaler = Result{}
	_ slog.LogValuer = Result{}
)
