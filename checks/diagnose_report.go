package checks

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/cos403/cos403-go/cos403"
)

// Report is the outcome of Diagnose or DiagnoseError: the findings in the
// order of the seed's flow, the confirmed cause and the finding that
// confirmed it.
//
// A Report holds no secret, so it prints (String, %v, %+v with evidence,
// %#v), marshals to JSON and logs with log/slog as it is.
type Report struct {
	// Cause is the confirmed cause: the first failed finding's for
	// Diagnose, the error's for DiagnoseError. Empty when nothing failed.
	Cause cos403.Cause
	// Findings are every check run or skipped, in flow order.
	Findings []Finding
	// Deciding points into Findings at the finding that confirmed Cause;
	// nil when nothing did.
	Deciding *Finding
	// Error is the classified error DiagnoseError started from; nil for
	// Diagnose.
	Error *cos403.Error
}

func (d *diagnosis) report(deciding int) Report {
	r := Report{Findings: d.findings}
	if deciding >= 0 {
		r.Cause = r.Findings[deciding].Cause
	}
	r.setDeciding(deciding)
	return r
}

// setDeciding points Deciding at Findings[i], or at nothing for i < 0.
func (r *Report) setDeciding(i int) {
	r.Deciding = nil
	if i >= 0 && i < len(r.Findings) {
		r.Deciding = &r.Findings[i]
	}
}

// prepend puts f first, keeping Deciding on the same finding.
func (r Report) prepend(f Finding) Report {
	i := r.DecidingIndex()
	r.Findings = append([]Finding{f}, r.Findings...)
	if i >= 0 {
		i++
	}
	r.setDeciding(i)
	return r
}

// DecidingIndex returns the position of Deciding in Findings, or -1.
func (r Report) DecidingIndex() int {
	if r.Deciding == nil {
		return -1
	}
	for i := range r.Findings {
		if &r.Findings[i] == r.Deciding {
			return i
		}
	}
	// Deciding points elsewhere (Findings was copied): match by content.
	for i, f := range r.Findings {
		if f.Check == r.Deciding.Check && f.Status == r.Deciding.Status && f.Summary == r.Deciding.Summary {
			return i
		}
	}
	return -1
}

// Failed returns the failed findings in flow order: the confirmed cause
// first, then the problems that would surface once it is fixed.
func (r Report) Failed() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Status == StatusFail {
			out = append(out, f)
		}
	}
	return out
}

// Remediation returns what to do about Cause in l: the error's own
// remediation (with the evidence it carried) for DiagnoseError, the
// catalog text otherwise. With no cause it is the CauseUnknown text.
func (r Report) Remediation(l cos403.Lang) cos403.Remediation {
	if r.Error != nil && r.Error.Cause == r.Cause {
		return r.Error.Remediation(l)
	}
	c := r.Cause
	if c == "" {
		c = cos403.CauseUnknown
	}
	return c.Remediation(l)
}

// String renders the report as text: the cause and its deciding check,
// then one numbered line per finding, the deciding one marked with '>'.
// Evidence is left out; %+v includes it.
func (r Report) String() string { return r.text(false) }

func (r Report) text(evidence bool) string {
	var b strings.Builder
	b.WriteString("cause: ")
	if r.Cause == "" {
		b.WriteString("none confirmed")
	} else {
		b.WriteString(string(r.Cause))
	}
	di := r.DecidingIndex()
	if di >= 0 {
		b.WriteString(" (decided by ")
		b.WriteString(r.Findings[di].Check)
		b.WriteString(")")
	}
	if r.Error != nil {
		b.WriteString("\nerror: ")
		b.WriteString(r.Error.Error())
	}
	for i, f := range r.Findings {
		b.WriteString("\n")
		if i == di {
			b.WriteString(">")
		} else {
			b.WriteString(" ")
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(f.String())
		if evidence {
			for _, e := range f.Evidence {
				b.WriteString("\n      ")
				b.WriteString(e.Name)
				b.WriteString(": ")
				b.WriteString(oneLine(e.Value))
			}
		}
	}
	return b.String()
}

// Format implements fmt.Formatter: %v and %s print String, %+v adds the
// evidence, %q quotes String and %#v prints GoString.
func (r Report) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = f.Write([]byte(r.GoString()))
	case verb == 'v' && f.Flag('+'):
		_, _ = f.Write([]byte(r.text(true)))
	case verb == 'q':
		_, _ = f.Write([]byte(strconv.Quote(r.String())))
	default:
		_, _ = f.Write([]byte(r.String()))
	}
}

// GoString summarises the report for %#v without reaching into the
// wrapped error.
func (r Report) GoString() string {
	var b strings.Builder
	b.WriteString("checks.Report{Cause:")
	b.WriteString(strconv.Quote(string(r.Cause)))
	b.WriteString(", Deciding:")
	b.WriteString(strconv.Itoa(r.DecidingIndex()))
	b.WriteString(", Findings:[")
	for i, f := range r.Findings {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(f.String()))
	}
	b.WriteString("]")
	if r.Error != nil {
		b.WriteString(", Error:")
		b.WriteString(r.Error.GoString())
	}
	b.WriteString("}")
	return b.String()
}

// reportJSON fixes the JSON shape.
type reportJSON struct {
	Cause    string        `json:"cause"`
	Deciding int           `json:"deciding"`
	Findings []Finding     `json:"findings"`
	Error    *cos403.Error `json:"error,omitempty"`
}

// MarshalJSON encodes the report as {"cause", "deciding" (the index of the
// deciding finding, -1 for none), "findings", "error"}. The error's
// wrapped SDK error is left out, as cos403.Error's own encoding does.
func (r Report) MarshalJSON() ([]byte, error) {
	fs := r.Findings
	if fs == nil {
		fs = []Finding{}
	}
	return json.Marshal(reportJSON{Cause: string(r.Cause), Deciding: r.DecidingIndex(), Findings: fs, Error: r.Error})
}

// LogValue implements slog.LogValuer: cause, deciding check, error and one
// group per finding keyed by its position.
func (r Report) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("cause", string(r.Cause))}
	if i := r.DecidingIndex(); i >= 0 {
		attrs = append(attrs, slog.String("deciding", r.Findings[i].Check))
	}
	if r.Error != nil {
		attrs = append(attrs, slog.Any("error", r.Error.LogValue()))
	}
	fs := make([]slog.Attr, 0, len(r.Findings))
	for i, f := range r.Findings {
		fs = append(fs, slog.Any(strconv.Itoa(i+1), f.LogValue()))
	}
	attrs = append(attrs, slog.Attr{Key: "findings", Value: slog.GroupValue(fs...)})
	return slog.GroupValue(attrs...)
}

var (
	_ slog.LogValuer = Report{}
	_ fmt.Formatter  = Report{}
	_ slog.LogValuer = Target{}
	_ fmt.Formatter  = Target{}
)

// String describes the target without its SecretKey, token or
// Authorization: bucket, key, method, whether it is signed (and the masked
// SecretId), origin and referer.
func (t Target) String() string {
	var b strings.Builder
	b.WriteString("checks.Target{bucket: ")
	if u, err := t.bucketURL(); err == nil {
		b.WriteString(u.String())
	} else {
		b.WriteString("(none)")
	}
	b.WriteString(", key: ")
	b.WriteString(strconv.Quote(t.Key))
	if t.Method != "" {
		b.WriteString(", method: ")
		b.WriteString(t.Method)
	}
	b.WriteString(", signed: ")
	b.WriteString(boolText(t.signed()))
	if t.Credentials.SecretID != "" {
		b.WriteString(", secret_id: ")
		b.WriteString(MaskSecretID(t.Credentials.SecretID))
	}
	if t.Credentials.SessionToken != "" {
		b.WriteString(", temporary key")
	}
	if t.Origin != "" {
		b.WriteString(", origin: ")
		b.WriteString(t.Origin)
	}
	if t.Referer != "" {
		b.WriteString(", referer: ")
		b.WriteString(refererText(t.Referer))
	}
	b.WriteString("}")
	return b.String()
}

// Format prints String for every verb, so that no verb reaches the
// credentials or the Authorization.
func (t Target) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(t.String())) }

// GoString is String, so %#v is as safe as %v.
func (t Target) GoString() string { return t.String() }

// MarshalJSON encodes what String shows.
func (t Target) MarshalJSON() ([]byte, error) {
	v := struct {
		BucketURL string `json:"bucket_url,omitempty"`
		Key       string `json:"key"`
		Method    string `json:"method,omitempty"`
		Signed    bool   `json:"signed"`
		SecretID  string `json:"secret_id,omitempty"`
		Temporary bool   `json:"temporary_key,omitempty"`
		Origin    string `json:"origin,omitempty"`
		Referer   string `json:"referer,omitempty"`
	}{Key: t.Key, Method: t.Method, Signed: t.signed(), Origin: t.Origin, Temporary: t.Credentials.SessionToken != ""}
	if u, err := t.bucketURL(); err == nil {
		v.BucketURL = u.String()
	}
	if t.Credentials.SecretID != "" {
		v.SecretID = MaskSecretID(t.Credentials.SecretID)
	}
	if t.Referer != "" {
		v.Referer = refererText(t.Referer)
	}
	return json.Marshal(v)
}

// LogValue logs what String shows.
func (t Target) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("key", t.Key), slog.Bool("signed", t.signed())}
	if u, err := t.bucketURL(); err == nil {
		attrs = append(attrs, slog.String("bucket_url", u.String()))
	}
	if t.Method != "" {
		attrs = append(attrs, slog.String("method", t.Method))
	}
	if t.Credentials.SecretID != "" {
		attrs = append(attrs, slog.String("secret_id", MaskSecretID(t.Credentials.SecretID)))
	}
	if t.Origin != "" {
		attrs = append(attrs, slog.String("origin", t.Origin))
	}
	if t.Referer != "" {
		attrs = append(attrs, slog.String("referer", refererText(t.Referer)))
	}
	return slog.GroupValue(attrs...)
}
