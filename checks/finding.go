package checks

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/cos403/cos403-go/cos403"
)

// Status is the outcome of one check.
type Status string

// The statuses a [Finding] can carry.
const (
	// StatusPass: the check ran and ruled its cause out.
	StatusPass Status = "pass"
	// StatusFail: the check ran and confirmed its cause.
	StatusFail Status = "fail"
	// StatusWarn: the check found something likely to cause a denial, or
	// could not decide because the COS behaviour involved is undocumented.
	StatusWarn Status = "warn"
	// StatusNotApplicable: the check does not apply to the input (for
	// example, no Authorization to compare a SecretId against).
	StatusNotApplicable Status = "not_applicable"
)

// String returns the stable identifier.
func (s Status) String() string { return string(s) }

// Valid reports whether s is one of the declared statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusPass, StatusFail, StatusWarn, StatusNotApplicable:
		return true
	}
	return false
}

// Evidence is one named value a check compared or decided on, such as the
// deciding policy statement or the Origin that matched no CORS rule. Values
// never carry a secret: SecretKeys, signatures and tokens are left out or
// masked before they reach an Evidence.
type Evidence struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Finding is the result of one check: what was checked, the outcome, the
// [cos403.Cause] it confirms (when Status is [StatusFail]) or rules out (when
// Status is [StatusPass]), a one-line summary and the evidence behind it.
//
// A Finding never holds a secret, so it is safe to print, marshal and log.
type Finding struct {
	// Check names the check, e.g. "cors", "referer", "policy".
	Check string
	// Status is the outcome.
	Status Status
	// Cause is confirmed when Status is fail (or suspected when warn), and
	// ruled out when Status is pass. It may be empty when not applicable.
	Cause cos403.Cause
	// Summary is one human-readable line.
	Summary string
	// Evidence lists the values compared, in a stable order.
	Evidence []Evidence
}

// NewFinding builds a Finding. It is a convenience for code outside this
// package that reports its own checks in the same shape.
func NewFinding(check string, status Status, cause cos403.Cause, summary string, evidence ...Evidence) Finding {
	return Finding{Check: check, Status: status, Cause: cause, Summary: summary, Evidence: evidence}
}

// Failed reports whether the finding confirms its cause.
func (f Finding) Failed() bool { return f.Status == StatusFail }

// Value returns the value of the first evidence item with the given name.
func (f Finding) Value(name string) (string, bool) {
	for _, e := range f.Evidence {
		if e.Name == name {
			return e.Value, true
		}
	}
	return "", false
}

// String returns the finding on one line:
// "<check>: <status> (<cause>): <summary>". Evidence is left out; use the
// Evidence field, JSON or slog for it.
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Check)
	b.WriteString(": ")
	b.WriteString(string(f.Status))
	if f.Cause != "" {
		// A passing finding rules its cause out; say so, so that
		// "pass (invalid_access_key_id)" is not read as a diagnosis.
		if f.Status == StatusPass {
			b.WriteString(" (rules out ")
		} else {
			b.WriteString(" (")
		}
		b.WriteString(string(f.Cause))
		b.WriteString(")")
	}
	if f.Summary != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(f.Summary))
	}
	return b.String()
}

// findingJSON fixes the JSON key names and order.
type findingJSON struct {
	Check    string     `json:"check"`
	Status   Status     `json:"status"`
	Cause    string     `json:"cause"`
	Summary  string     `json:"summary"`
	Evidence []Evidence `json:"evidence"`
}

// MarshalJSON encodes the finding with the stable lower-case keys check,
// status, cause, summary and evidence (a list of {name, value}).
func (f Finding) MarshalJSON() ([]byte, error) {
	ev := f.Evidence
	if ev == nil {
		ev = []Evidence{}
	}
	return json.Marshal(findingJSON{
		Check: f.Check, Status: f.Status, Cause: string(f.Cause),
		Summary: f.Summary, Evidence: ev,
	})
}

// UnmarshalJSON decodes what MarshalJSON produces.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j findingJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("checks: decode finding: %w", err)
	}
	*f = Finding{Check: j.Check, Status: j.Status, Cause: cos403.Cause(j.Cause), Summary: j.Summary}
	if len(j.Evidence) > 0 {
		f.Evidence = j.Evidence
	}
	return nil
}

// LogValue implements [slog.LogValuer]: a group with check, status, cause,
// summary and an "evidence" group keyed by evidence name.
func (f Finding) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("check", f.Check),
		slog.String("status", string(f.Status)),
	}
	if f.Cause != "" {
		attrs = append(attrs, slog.String("cause", string(f.Cause)))
	}
	attrs = append(attrs, slog.String("summary", f.Summary))
	if len(f.Evidence) > 0 {
		ev := make([]slog.Attr, 0, len(f.Evidence))
		for _, e := range f.Evidence {
			ev = append(ev, slog.String(e.Name, e.Value))
		}
		attrs = append(attrs, slog.Attr{Key: "evidence", Value: slog.GroupValue(ev...)})
	}
	return slog.GroupValue(attrs...)
}

var _ slog.LogValuer = Finding{}

// ev is shorthand for an Evidence literal.
func ev(name, value string) Evidence { return Evidence{Name: name, Value: value} }

// oneLine folds line breaks so that a summary stays on one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
