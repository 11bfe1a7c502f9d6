package checks

import (
	"strings"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// The referer list types (D-REF-API).
const (
	RefererWhiteList = "White-List"
	RefererBlackList = "Black-List"
)

// RefererConfig is a bucket's hotlink-protection (referer) configuration
// (D-REF-API). The zero value is a disabled configuration.
type RefererConfig struct {
	// Enabled is Status=Enabled.
	Enabled bool
	// Type is "White-List" (only listed referers pass) or "Black-List"
	// (listed referers are refused).
	Type string
	// Domains are the list entries, such as "www.example.com",
	// "*.example.com" or "example.com:8080".
	Domains []string
	// AllowEmpty is EmptyReferConfiguration=Allow: requests without a
	// Referer pass. COS defaults to Deny (D-REF-API).
	AllowEmpty bool
}

// RefererConfigFromSDK converts the SDK's GetReferer result. A nil result is
// a disabled configuration.
func RefererConfigFromSDK(r *cos.BucketGetRefererResult) RefererConfig {
	if r == nil {
		return RefererConfig{}
	}
	return RefererConfigFromOptions((*cos.BucketPutRefererOptions)(r))
}

// RefererConfigFromOptions converts the SDK's PutReferer options. A nil value
// is a disabled configuration.
func RefererConfigFromOptions(o *cos.BucketPutRefererOptions) RefererConfig {
	if o == nil {
		return RefererConfig{}
	}
	return RefererConfig{
		Enabled:    strings.EqualFold(strings.TrimSpace(o.Status), "Enabled"),
		Type:       strings.TrimSpace(o.RefererType),
		Domains:    append([]string(nil), o.DomainList...),
		AllowEmpty: strings.EqualFold(strings.TrimSpace(o.EmptyReferConfiguration), "Allow"),
	}
}

// RefererDecision is the result of checking one Referer value.
type RefererDecision struct {
	// Allowed reports whether the referer rule lets the request through.
	Allowed bool
	// Rule is the list entry that matched, or "empty_referer",
	// "signed_request_skips" or "disabled"; empty when no entry matched.
	Rule string
	// Reason explains the decision in one line.
	Reason string

	// referer is the Referer without its query and fragment: a page URL
	// may carry a signature or token, and fmt and slog print unexported
	// fields.
	referer string
	listed  string
}

// Finding reports the decision as a "referer" [Finding]: pass when allowed,
// fail with [cos403.CauseRefererDenied] otherwise. The Referer's query
// string and fragment are left out of the evidence: a page URL may carry a
// signature or token.
func (d RefererDecision) Finding() Finding {
	f := Finding{Check: "referer", Status: StatusFail, Cause: cos403.CauseRefererDenied, Summary: d.Reason}
	if d.Allowed {
		f.Status = StatusPass
	}
	f.Evidence = append(f.Evidence, ev("referer", d.referer))
	if d.listed != "" {
		f.Evidence = append(f.Evidence, ev("list", d.listed))
	}
	if d.Rule != "" {
		f.Evidence = append(f.Evidence, ev("rule", d.Rule))
	}
	return f
}

func stripQuery(s string) string {
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		return s[:i]
	}
	return s
}

// EvaluateReferer applies a bucket's hotlink protection to one Referer value
// the way COS does (D-REF-API, D-REF-CON, D-REF-FAQ). It is pure.
//
// The rules:
//
//   - A disabled configuration lets everything through.
//   - A signed request (signature in the URL or the headers) skips the
//     referer check (D-REF-CON, D-REF-FAQ).
//   - An empty referer (no Referer header, or an empty one) passes only with
//     EmptyReferConfiguration=Allow, on either list type (D-REF-API).
//   - An entry is a prefix of the Referer with its scheme removed:
//     "www.example.com" covers "www.example.com/123" and
//     "www.example.com.cn"; "*.example.com" covers "a.b.example.com/123"
//     ("*" stands for any run of characters within the host part, so it
//     does not cover "example.com" itself); host:port and IP:port entries
//     work the same way (D-REF-CON). Hosts compare case-insensitively.
//   - White-List: a listed referer passes, others are refused; Black-List:
//     a listed referer is refused, others pass (D-REF-API).
func EvaluateReferer(cfg RefererConfig, referer string, signed bool) RefererDecision {
	referer = strings.TrimSpace(referer)
	d := RefererDecision{referer: stripQuery(referer), listed: cfg.Type}
	if !cfg.Enabled {
		d.Allowed, d.Rule = true, "disabled"
		d.Reason = "hotlink protection is disabled"
		return d
	}
	if signed {
		d.Allowed, d.Rule = true, "signed_request_skips"
		d.Reason = "signed requests skip the referer check (D-REF-CON, D-REF-FAQ)"
		return d
	}
	if referer == "" {
		d.Rule = "empty_referer"
		if cfg.AllowEmpty {
			d.Allowed = true
			d.Reason = "empty referer allowed by EmptyReferConfiguration=Allow"
		} else {
			d.Reason = "empty referer refused: EmptyReferConfiguration is Deny (the default); browsers opening a URL directly send no Referer (D-REF-FAQ)"
		}
		return d
	}
	target := refererTarget(referer)
	entry := ""
	for _, e := range cfg.Domains {
		if refererEntryMatch(e, target) {
			entry = e
			break
		}
	}
	white := strings.EqualFold(cfg.Type, RefererWhiteList)
	black := strings.EqualFold(cfg.Type, RefererBlackList)
	shown := d.referer
	switch {
	case white && entry != "":
		d.Allowed, d.Rule = true, entry
		d.Reason = "referer " + shown + " matches allowlist entry " + entry
	case white:
		d.Reason = "referer " + shown + " matches no allowlist entry " + quoteList(cfg.Domains) +
			"; COS answers AccessDenied \"You are denied by bucket referer rule\" (D-403)"
	case black && entry != "":
		d.Rule = entry
		d.Reason = "referer " + shown + " matches blocklist entry " + entry +
			"; COS answers AccessDenied \"You are denied by bucket referer rule\" (D-403)"
	case black:
		d.Allowed = true
		d.Reason = "referer " + shown + " matches no blocklist entry"
	default:
		d.Allowed = true
		d.Reason = "unknown referer list type " + quoteList([]string{cfg.Type}) + "; COS accepts only White-List and Black-List (D-REF-API)"
	}
	return d
}

// refererTarget removes the scheme and lower-cases the host part.
func refererTarget(r string) string {
	s := r
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	return strings.ToLower(s[:end]) + s[end:]
}

// refererEntryMatch reports whether entry is a prefix of target, with "*"
// standing for any run of characters other than "/".
func refererEntryMatch(entry, target string) bool {
	e := refererTarget(strings.TrimSpace(entry))
	if e == "" {
		return false
	}
	if !strings.Contains(e, "*") {
		return strings.HasPrefix(target, e)
	}
	// reach[i] is true when the pattern read so far matches target[:i].
	reach := make([]bool, len(target)+1)
	next := make([]bool, len(target)+1)
	reach[0] = true
	for k := 0; k < len(e); k++ {
		clear(next)
		c := e[k]
		alive := false
		for i, ok := range reach {
			if !ok {
				continue
			}
			if c == '*' {
				for j := i; j <= len(target); j++ {
					next[j] = true
					if j == len(target) || target[j] == '/' {
						break
					}
				}
			} else if i < len(target) && target[i] == c {
				next[i+1] = true
			}
		}
		reach, next = next, reach
		for _, ok := range reach {
			if ok {
				alive = true
				break
			}
		}
		if !alive {
			return false
		}
	}
	return true
}
