package main

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// result is one scenario's outcome, ready to print.
type result struct {
	sc scenario
	// raw is the error text the caller saw (redacted when presigned).
	raw       string
	plainHTTP bool
	// err is the classified refusal; nil when the request was not refused
	// by anything classify recognises.
	err *cos403.Error
	got cos403.Cause
	// evidence is what the refusal and the configuration that decided it
	// show, in a stable order.
	evidence []checks.Evidence
	findings []checks.Finding
	// deciding is the index of the finding that confirmed the cause, or -1.
	deciding int
	// problem says why the scenario could not run or was not refused.
	problem string
	ok      bool
}

// runScenario reproduces one cause in a world of its own and classifies the
// refusal.
func runScenario(ctx context.Context, sc scenario) result {
	r := result{sc: sc, deciding: -1}
	w, err := newWorld()
	if err != nil {
		r.problem = err.Error()
		return r
	}
	defer w.close()
	a, err := sc.run(ctx, w)
	if err != nil {
		r.problem = "set-up failed: " + err.Error()
		return r
	}
	r.raw, r.plainHTTP = a.raw, a.plainHTTP
	if a.err == nil {
		r.problem = "the request succeeded; COS refused nothing"
		return r
	}
	classified := classify.Classify(a.err)
	e, ok := cos403.As(classified)
	if !ok {
		r.problem = "no COS reply to classify: " + redactText(classified.Error())
		return r
	}
	r.err, r.got = e, e.Cause
	rep := diagnoseScenario(ctx, w, a, classified)
	r.findings = rep.Findings
	r.deciding = rep.DecidingIndex()
	r.evidence = append(errorEvidence(e, a.err), configEvidence(rep.Findings)...)
	r.ok = e.Cause == sc.want && errors.Is(classified, sc.want.Err())
	return r
}

// errorEvidence lists what the refusal itself carried: the signature
// comparison, the two clocks, the storage class, how the request was signed
// and, for a reply that did not come from COS, the headers that show it.
func errorEvidence(e *cos403.Error, orig error) []checks.Evidence {
	var out []checks.Evidence
	add := func(name, value string) {
		if value != "" {
			out = append(out, checks.Evidence{Name: name, Value: value})
		}
	}
	if d := e.Signature; d != nil && d.Stage != "" {
		add("signature.stage", d.Stage)
		add("signature.element", d.Element)
		add("signature.client", quoteIfSet(d.Client))
		add("signature.server", quoteIfSet(d.Server))
		add("signature.explanation", d.Explanation)
	}
	switch e.Cause {
	case cos403.CauseRequestTimeTooSkewed, cos403.CauseRequestExpired, cos403.CauseTempCredentialExpired:
		if e.ServerTime.IsZero() {
			break
		}
		add("clock.server", e.ServerTime.UTC().Format(time.RFC3339))
		if !e.LocalTime.IsZero() {
			// COS's clock has one-second resolution (Date, ServerTime);
			// cutting the local one the same way keeps a zero skew zero.
			local := e.LocalTime.Truncate(time.Second)
			add("clock.local", local.UTC().Format(time.RFC3339))
			add("clock.skew", e.ServerTime.Sub(local).String()+" (COS minus this machine)")
		}
	}
	add("storage_class", e.StorageClass)
	add("resource", e.Resource)
	switch e.Cause {
	case cos403.CauseNotFromCOS:
		var sdkErr *cos.ErrorResponse
		if errors.As(orig, &sdkErr) && sdkErr.Response != nil {
			h := sdkErr.Response.Header
			add("reply.server", h.Get("Server"))
			add("reply.content_type", h.Get("Content-Type"))
			if h.Get("X-Cos-Request-Id") == "" {
				add("reply.x-cos-request-id", "absent: COS stamps every reply with one")
			}
		}
	default:
		add("request.signed", yesNo(e.Signed))
		if e.TempCredential {
			add("request.temporary_key", "yes (x-cos-security-token)")
		}
	}
	if e.Cause == cos403.CauseStrictSignature {
		// COS does not say which header it wanted signed; the signed
		// request shows which ones went out unsigned.
		var sdkErr *cos.ErrorResponse
		if errors.As(orig, &sdkErr) && sdkErr.Response != nil && sdkErr.Response.Request != nil {
			if list, unsigned, ok := unsignedHeaders(sdkErr.Response.Request); ok {
				add("request.q_header_list", list)
				add("request.unsigned_headers", unsigned)
			}
		}
	}
	return out
}

// unsignedHeaders returns the q-header-list of a signed request and the
// headers it carried outside that list.
func unsignedHeaders(req *http.Request) (list, unsigned string, ok bool) {
	auth, err := signature.FromRequest(req)
	if err != nil {
		return "", "", false
	}
	signedSet := map[string]bool{"authorization": true}
	for _, h := range auth.HeaderList {
		signedSet[strings.ToLower(h)] = true
	}
	var names []string
	for name := range req.Header {
		if n := strings.ToLower(name); !signedSet[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return strings.Join(auth.HeaderList, ";"), strings.Join(names, ", "), true
}

// configEvidence lifts, from the checks that failed, the configuration
// that decided the refusal: the CORS field, the referer rule, the deciding
// policy statement, the restore state, the signature window. The checks
// themselves are printed in full under Checks.
func configEvidence(fs []checks.Finding) []checks.Evidence {
	var out []checks.Evidence
	for _, f := range fs {
		keep := decidingEvidence[f.Check]
		if f.Status != checks.StatusFail || keep == nil {
			continue
		}
		for _, ev := range f.Evidence {
			if ev.Value != "" && keep[ev.Name] {
				out = append(out, checks.Evidence{Name: f.Check + "." + ev.Name, Value: ev.Value})
			}
		}
	}
	return out
}

// decidingEvidence names, per check, the evidence items that say what
// decided.
var decidingEvidence = map[string]map[string]bool{
	"cors":           set("origin", "method", "failed", "closest_rule", "rule_allowed_origins", "rule_allowed_methods"),
	"referer":        set("referer", "referer_config"),
	"anonymous":      set("decision", "source", "deciding_statement", "bucket_acl", "object_acl"),
	"permission":     set("principal", "decision", "source", "deciding_statement", "sts_policy"),
	"archive":        set("restore", "recommended_restore"),
	"signature_time": set("q_sign_time", "server_time", "expired_by"),
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func quoteIfSet(s string) string {
	if s == "" {
		return ""
	}
	return `"` + s + `"`
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no (anonymous)"
}

// urlInText finds URLs inside an error string. The SDK prints the request
// URL decoded, so a presigned URL would show its q-signature and token.
var urlInText = regexp.MustCompile(`https?://[^\s"]+`)

// redactText redacts the secret query values of every URL in s.
func redactText(s string) string {
	return urlInText.ReplaceAllStringFunc(s, func(u string) string {
		trail := ""
		if strings.HasSuffix(u, ":") {
			u, trail = u[:len(u)-1], ":"
		}
		return cos403.RedactURL(u) + trail
	})
}
