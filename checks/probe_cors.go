package checks

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// CORSProbe is a CORS preflight for [CheckCORSWith]. Only URL and Origin are
// required.
type CORSProbe struct {
	// Client sends the preflight; nil means a private client with
	// [DefaultTimeout]. It is copied, never modified.
	Client *http.Client
	// URL is the object (or bucket) URL the browser calls. Signature
	// parameters are dropped: a preflight carries none (D-OPTIONS).
	URL string
	// Origin is the page's origin, scheme and port included
	// ("https://app.example.com").
	Origin string
	// Method is Access-Control-Request-Method; empty means GET.
	Method string
	// Headers are the names for Access-Control-Request-Headers.
	Headers []string
	// COS, when set, reads the bucket's CORS rules (GET Bucket cors) to say
	// which part of a refused preflight failed. It needs credentials
	// allowed GetBucketCORS.
	COS *cos.Client
	// Rules, when non-nil, are used instead of reading them.
	Rules []cos.BucketCORSRule
}

// CheckCORS sends the preflight a browser sends before a cross-origin
// request, unsigned as COS requires ("you cannot and need not include a
// request signature", D-OPTIONS): OPTIONS with Origin,
// Access-Control-Request-Method and Access-Control-Request-Headers. It is
// the check behind seed step 1 and the seed's curl command.
//
// The "cors" finding passes when COS answers 200 (with the
// Access-Control-Allow-* values it returned as evidence) and fails with
// [cos403.CauseCORSRejected] on 403 AccessForbidden. Use [CheckCORSWith] with
// a *cos.Client to also learn which part of the request (origin, method or
// which header) no rule accepted. CheckCORS is safe for concurrent use.
func CheckCORS(ctx context.Context, client *http.Client, objectURL, origin, method string, headers ...string) Finding {
	return CheckCORSWith(ctx, CORSProbe{Client: client, URL: objectURL, Origin: origin, Method: method, Headers: headers})
}

// CheckCORSWith is [CheckCORS] with the options of p. On a refusal it
// evaluates the bucket's CORS rules (p.Rules, or read with p.COS) with
// [EvaluateCORS] and names what the closest rule rejected; when the rules it
// read would accept the preflight, it says so, since COS then was not the
// one applying them (a CDN domain has its own CORS settings, D-CORS-FAQ).
func CheckCORSWith(ctx context.Context, p CORSProbe) Finding {
	return checkCORS(ctx, p, time.Now)
}

func checkCORS(ctx context.Context, p CORSProbe, now func() time.Time) Finding {
	f := Finding{Check: "cors", Cause: cos403.CauseCORSRejected}
	method := strings.ToUpper(strings.TrimSpace(p.Method))
	if method == "" {
		method = http.MethodGet
	}
	headers := splitHeaderNames(p.Headers)
	if strings.TrimSpace(p.Origin) == "" {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "no Origin: only cross-origin browser requests are subject to CORS (seed step 1)"
		return f
	}
	u, err := parseProbeURL(p.URL)
	if err != nil {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "invalid object URL: " + err.Error()
		return f
	}
	u = unsignedURL(u)
	f.Evidence = append(f.Evidence,
		ev("url", cos403.RedactedURL(u)),
		ev("origin", p.Origin),
		ev("method", method),
		ev("request_headers", strings.Join(headers, ",")),
	)
	req, err := http.NewRequest(http.MethodOptions, u.String(), nil)
	if err != nil {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "cannot build the preflight: " + err.Error()
		return f
	}
	req.Header.Set("Origin", p.Origin)
	req.Header.Set("Access-Control-Request-Method", method)
	if len(headers) > 0 {
		req.Header.Set("Access-Control-Request-Headers", strings.Join(headers, ","))
	}
	r := send(ctx, probeClient(p.Client, sameHostRedirects), req, now)
	f.Evidence = append(f.Evidence, ev("answer", r.text()))
	switch {
	case r.err != nil:
		f.Status, f.Cause = StatusWarn, ""
		f.Summary = "the preflight got no answer: " + errText(r.err)
		return f
	case r.ok():
		f.Status = StatusPass
		h := r.header
		for _, name := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age"} {
			if v := h.Get(name); v != "" {
				f.Evidence = append(f.Evidence, ev(strings.ToLower(strings.ReplaceAll(name, "-", "_")), v))
			}
		}
		f.Summary = "COS accepted the preflight from " + p.Origin + " for " + method
		if h.Get("Access-Control-Allow-Origin") == "" {
			f.Status = StatusWarn
			f.Summary += ", but its answer has no Access-Control-Allow-Origin, so a browser would still block the request; is something in front of COS (a CDN, D-CORS-FAQ)?"
		}
		return f
	case r.cause() != cos403.CauseCORSRejected:
		f.Status, f.Cause = StatusWarn, r.cause()
		f.Summary = "the preflight got an answer that is not a CORS decision: " + r.text()
		return f
	}

	f.Status = StatusFail
	f.Summary = "COS refused the preflight from " + p.Origin + " for " + method + " (403 AccessForbidden)"
	rules, source := p.Rules, "given"
	if rules == nil {
		if p.COS == nil {
			f.Evidence = append(f.Evidence, ev("cors_rules", "not read: no cos.Client to read GET Bucket cors"))
			f.Summary += "; no CORS rule accepts this origin, method and header set (D-CORS-API)"
			return f
		}
		var why string
		rules, why = readCORSRules(ctx, p.COS)
		if why != "" {
			f.Evidence = append(f.Evidence, ev("cors_rules", why))
			f.Summary += "; the bucket's CORS rules could not be read (" + why + ")"
			return f
		}
		source = "read from the bucket"
	}
	f.Evidence = append(f.Evidence, ev("cors_rules", strconv.Itoa(len(rules))+" rule(s), "+source))
	d := EvaluateCORS(rules, p.Origin, method, headers)
	if d.Allowed {
		f.Evidence = append(f.Evidence, ev("local_evaluation", "allowed by rule "+ruleLabel(d.RuleIndex, d.RuleID)))
		f.Summary += ", yet rule " + strconv.Itoa(d.RuleIndex) + " of the rules " + source +
			" accepts it: the answer did not come from these rules (a CDN domain has its own CORS settings, D-CORS-FAQ; or the rules changed since)"
		return f
	}
	f.Evidence = append(f.Evidence, ev("failed", d.Failed))
	if d.Closest >= 0 && d.Closest < len(rules) {
		cr := rules[d.Closest]
		f.Evidence = append(f.Evidence,
			ev("closest_rule", ruleLabel(d.Closest, cr.ID)),
			ev("rule_allowed_origins", strings.Join(cr.AllowedOrigins, ",")),
			ev("rule_allowed_methods", strings.Join(cr.AllowedMethods, ",")),
			ev("rule_allowed_headers", strings.Join(cr.AllowedHeaders, ",")),
		)
	}
	f.Summary += ": " + d.Reason
	return f
}

// readCORSRules reads GET Bucket cors. A bucket without a configuration
// has no rules (404 NoSuchCORSConfiguration); why is non-empty when the
// rules could not be read.
func readCORSRules(ctx context.Context, c *cos.Client) (rules []cos.BucketCORSRule, why string) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	res, _, err := c.Bucket.GetCORS(ctx)
	if err != nil {
		if sdkCode(err) == "NoSuchCORSConfiguration" {
			return []cos.BucketCORSRule{}, ""
		}
		return nil, "unreadable: " + sdkErrText(err)
	}
	if res == nil || res.Rules == nil {
		return []cos.BucketCORSRule{}, ""
	}
	return res.Rules, ""
}

// splitHeaderNames accepts names or comma-separated lists and trims them.
func splitHeaderNames(in []string) []string {
	var out []string
	for _, v := range in {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}
