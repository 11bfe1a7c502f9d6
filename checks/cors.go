package checks

import (
	"strconv"
	"strings"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// CORSDecision is the result of matching one preflight against a bucket's
// CORS rules.
type CORSDecision struct {
	// Allowed reports whether a rule matched; COS then answers the OPTIONS
	// preflight 200, otherwise 403 AccessForbidden (D-OPTIONS).
	Allowed bool
	// RuleIndex is the matching rule's position, or -1.
	RuleIndex int
	// RuleID is the matching rule's ID, if it has one.
	RuleID string
	// Failed names what the closest rule did not accept when nothing
	// matched: "origin", "method", "header:<name>", or "no_rules" when the
	// bucket has no CORS rule. Empty when Allowed.
	Failed string
	// Closest is the index of the rule that came nearest to matching (the
	// one Failed describes), or -1.
	Closest int
	// Reason explains the decision in one line.
	Reason string
	// AllowOrigin, AllowMethods, AllowHeaders, ExposeHeaders and MaxAge are
	// the Access-Control-* response headers COS sends on a match
	// (D-OPTIONS): the origin is "*" when the rule allows any origin and the
	// request's Origin otherwise; MaxAge is 0 when the rule sets none.
	AllowOrigin, AllowMethods, AllowHeaders, ExposeHeaders string
	MaxAge                                                 int

	origin, method string
	headers        []string
}

// Finding reports the decision as a "cors" [Finding]: pass when a rule
// matched, fail with [cos403.CauseCORSRejected] otherwise.
func (d CORSDecision) Finding() Finding {
	f := Finding{Check: "cors", Status: StatusFail, Cause: cos403.CauseCORSRejected, Summary: d.Reason}
	if d.Allowed {
		f.Status = StatusPass
	}
	f.Evidence = append(f.Evidence,
		ev("origin", d.origin),
		ev("method", d.method),
		ev("request_headers", strings.Join(d.headers, ",")),
	)
	if d.Allowed {
		f.Evidence = append(f.Evidence, ev("rule", ruleLabel(d.RuleIndex, d.RuleID)))
	} else {
		f.Evidence = append(f.Evidence, ev("failed", d.Failed))
		if d.Closest >= 0 {
			f.Evidence = append(f.Evidence, ev("closest_rule", strconv.Itoa(d.Closest)))
		}
	}
	return f
}

func ruleLabel(i int, id string) string {
	s := strconv.Itoa(i)
	if id != "" {
		s += " (id " + strconv.Quote(id) + ")"
	}
	return s
}

// corsMethods are the methods a CORS rule may allow (D-CORS-API).
var corsMethods = []string{"PUT", "GET", "POST", "DELETE", "HEAD"}

// EvaluateCORS matches a preflight (its Origin, Access-Control-Request-Method
// and Access-Control-Request-Headers) against a bucket's CORS rules the way
// COS does, and names the deciding rule or, when none matches, what the
// closest rule rejected. It is pure.
//
// The rules (D-CORS-API, D-OPTIONS):
//
//   - Rules are tried in order; the first that accepts the origin, the
//     method and every requested header wins.
//   - AllowedOrigin is "*", an exact origin with scheme (and port unless
//     80/443), or an origin with a "*" wildcard. Scheme and host compare
//     case-insensitively, and an explicit :80 (http) or :443 (https) equals
//     no port, since browsers omit default ports from Origin.
//   - AllowedMethod lists PUT, GET, POST, DELETE, HEAD.
//   - Every name in Access-Control-Request-Headers (comma-separated, in any
//     case) must match an AllowedHeader; "*" matches all, and "*" inside an
//     entry matches any run of characters.
//   - With no rule at all, every preflight is refused.
//
// requestHeaders may hold header names or whole comma-separated header
// values.
func EvaluateCORS(rules []cos.BucketCORSRule, origin, method string, requestHeaders []string) CORSDecision {
	d := CORSDecision{RuleIndex: -1, Closest: -1, origin: strings.TrimSpace(origin), method: strings.TrimSpace(method)}
	for _, h := range requestHeaders {
		for _, name := range strings.Split(h, ",") {
			if name = strings.ToLower(strings.TrimSpace(name)); name != "" {
				d.headers = append(d.headers, name)
			}
		}
	}
	if len(rules) == 0 {
		d.Failed = "no_rules"
		d.Reason = "the bucket has no CORS rule, so COS refuses every preflight with 403 AccessForbidden (D-OPTIONS)"
		return d
	}
	if d.origin == "" {
		d.Failed, d.Closest = "origin", 0
		d.Reason = "the preflight has no Origin header, which COS requires (D-OPTIONS)"
		return d
	}
	if d.method == "" {
		d.Failed, d.Closest = "method", 0
		d.Reason = "the preflight has no Access-Control-Request-Method header, which COS requires (D-OPTIONS)"
		return d
	}
	origin = normalizeOrigin(d.origin)
	method = strings.ToUpper(d.method)
	bestScore := -1
	var bestWhy string
	for i := range rules {
		rule := &rules[i]
		score, failed, why, pattern := corsMatch(rule, origin, method, d.headers)
		if failed == "" {
			d.Allowed, d.RuleIndex, d.RuleID = true, i, rule.ID
			d.Failed, d.Closest = "", -1
			d.AllowOrigin = d.origin
			if strings.TrimSpace(pattern) == "*" {
				d.AllowOrigin = "*"
			}
			methods := make([]string, 0, len(rule.AllowedMethods))
			for _, m := range rule.AllowedMethods {
				methods = append(methods, strings.ToUpper(strings.TrimSpace(m)))
			}
			d.AllowMethods = strings.Join(methods, ",")
			d.AllowHeaders = strings.Join(d.headers, ",")
			d.ExposeHeaders = strings.Join(rule.ExposeHeaders, ",")
			d.MaxAge = rule.MaxAgeSeconds
			d.Reason = "CORS rule " + ruleLabel(i, rule.ID) + " allows origin " + d.origin + " with method " + method
			if len(d.headers) > 0 {
				d.Reason += " and headers " + d.AllowHeaders
			}
			d.Reason += "; the first matching rule wins (D-CORS-API)"
			return d
		}
		if score > bestScore {
			bestScore, d.Closest, d.Failed, bestWhy = score, i, failed, why
		}
	}
	d.Reason = "no CORS rule allows this preflight, so COS answers 403 AccessForbidden (D-OPTIONS); closest: rule " +
		ruleLabel(d.Closest, rules[d.Closest].ID) + ": " + bestWhy
	return d
}

// corsMatch tries one rule. score orders near misses: origin failed (0),
// method failed (1), header failed (2 + headers accepted).
func corsMatch(rule *cos.BucketCORSRule, origin, method string, headers []string) (score int, failed, why, pattern string) {
	matched := false
	for _, o := range rule.AllowedOrigins {
		if glob(normalizeOrigin(o), origin) {
			matched, pattern = true, o
			break
		}
	}
	if !matched {
		return 0, "origin", originWhy(rule.AllowedOrigins, origin), ""
	}
	mok := false
	for _, m := range rule.AllowedMethods {
		if strings.EqualFold(strings.TrimSpace(m), method) {
			mok = true
			break
		}
	}
	if !mok {
		why := "method " + method + " is not among AllowedMethod " + quoteList(rule.AllowedMethods)
		if !contains(corsMethods, method) {
			why += "; COS rules can allow only PUT, GET, POST, DELETE and HEAD (D-CORS-API)"
		}
		return 1, "method", why, pattern
	}
	accepted := 0
	for _, h := range headers {
		hok := false
		for _, a := range rule.AllowedHeaders {
			if glob(strings.ToLower(strings.TrimSpace(a)), h) {
				hok = true
				break
			}
		}
		if !hok {
			return 2 + accepted, "header:" + h, "request header " + h + " matches no AllowedHeader " +
				quoteList(rule.AllowedHeaders) + "; list it or use * (D-CORS-API)", pattern
		}
		accepted++
	}
	return 2 + accepted, "", "", pattern
}

// originWhy explains an origin mismatch, spotting the usual slips: a rule
// written without the scheme, the other scheme, or a missing port.
func originWhy(patterns []string, origin string) string {
	why := "origin " + origin + " matches no AllowedOrigin " + quoteList(patterns)
	oScheme, oHost, oPort := splitOrigin(origin)
	for _, p := range patterns {
		pScheme, pHost, pPort := splitOrigin(normalizeOrigin(p))
		if !glob(pHost, oHost) {
			continue
		}
		switch {
		case pScheme == "":
			return why + "; AllowedOrigin must include the scheme, e.g. " + oScheme + "://" + strings.TrimSpace(p) + " (D-CORS-API)"
		case pScheme != oScheme:
			return why + "; " + strings.TrimSpace(p) + " has scheme " + pScheme + ", the request uses " + oScheme
		case pPort != oPort:
			return why + "; the port differs: AllowedOrigin must include the port unless it is 80 or 443 (D-CORS-API)"
		}
	}
	return why
}

// normalizeOrigin lower-cases an origin and drops a default port.
func normalizeOrigin(o string) string {
	s := strings.ToLower(strings.TrimSpace(o))
	s = strings.TrimSuffix(s, "/")
	switch {
	case strings.HasPrefix(s, "http://"):
		s = strings.TrimSuffix(s, ":80")
	case strings.HasPrefix(s, "https://"):
		s = strings.TrimSuffix(s, ":443")
	}
	return s
}

// splitOrigin splits "https://a.example.com:8080" into scheme, host, port.
func splitOrigin(o string) (scheme, host, port string) {
	rest := o
	if i := strings.Index(rest, "://"); i >= 0 {
		scheme, rest = rest[:i], rest[i+3:]
	}
	host = rest
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.Contains(rest[i:], "]") {
		host, port = rest[:i], rest[i+1:]
	}
	return scheme, host, port
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
