package checks

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/cos403/cos403-go/cos403"
)

// CheckAnonymousAccess asks whether objectURL can be read without a
// signature (seed step 3): is the object, or its bucket, public-read? It
// sends an unsigned HEAD, with any signature parameters removed from the
// URL. COS answers a HEAD without a body, so when the HEAD is refused a
// ranged unsigned GET (one byte) reads the refusal's Code and Message.
//
// The "anonymous" finding passes when COS lets the unsigned request
// through (200, or a refusal that comes later, such as InvalidObjectState
// for an archived object), fails with [cos403.CauseAnonymousDenied] on
// "Access Denied.", and warns when something else answered first (the
// referer rule, for instance, which runs before permissions for unsigned
// requests).
//
// A pass does not mean a failing signed request would succeed without its
// signature removed: COS checks a signature whenever one is present, and
// an expired or wrong signature is refused even on a public-read object
// (D-PERMFAQ). The probe never retries a signed request anonymously; it
// answers only the question it is asked. CheckAnonymousAccess is safe for
// concurrent use; client may be nil and is never modified.
func CheckAnonymousAccess(ctx context.Context, client *http.Client, objectURL string) Finding {
	return anonymousProbe(ctx, client, objectURL, "", time.Now).finding
}

// anonOutcome is what the anonymous probe learnt, for Diagnose.
type anonOutcome struct {
	finding Finding
	// decisive is the answer the finding rests on.
	decisive reply
	// blockedByReferer: the referer rule refused the probe before COS
	// looked at permissions.
	blockedByReferer bool
	// header holds the headers of a successful HEAD or of the GET's answer,
	// which carry the storage class (D-HEADOBJ, D-GETOBJ).
	header http.Header
}

func anonymousProbe(ctx context.Context, client *http.Client, objectURL, referer string, now func() time.Time) anonOutcome {
	out := anonOutcome{finding: Finding{Check: "anonymous", Cause: cos403.CauseAnonymousDenied}}
	f := &out.finding
	u, err := parseProbeURL(objectURL)
	if err != nil {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "invalid object URL: " + err.Error()
		return out
	}
	signed := hasSignature(u)
	u = unsignedURL(u)
	f.Evidence = append(f.Evidence, ev("url", cos403.RedactedURL(u)))
	if signed {
		f.Evidence = append(f.Evidence, ev("signature_removed", "true"))
	}
	if referer != "" {
		f.Evidence = append(f.Evidence, ev("referer", refererText(referer)))
	}
	c := probeClient(client, sameHostRedirects)
	head := anonRequest(ctx, c, http.MethodHead, u, referer, now)
	f.Evidence = append(f.Evidence, ev("head", head.text()))
	r := head
	if head.err == nil && !head.ok() && (head.cosErr == nil || head.cosErr.Code == "") {
		// HEAD answers carry no body (D-HEADOBJ), so the Code that says
		// why is only in a GET's answer.
		r = anonRequest(ctx, c, http.MethodGet, u, referer, now)
		f.Evidence = append(f.Evidence, ev("get", r.text()))
	}
	out.decisive = r
	out.header = r.header
	switch cause := r.cause(); {
	case r.err != nil:
		f.Status, f.Cause = StatusWarn, ""
		f.Summary = "the unsigned request got no answer: " + errText(r.err)
	case r.ok():
		f.Status = StatusPass
		f.Summary = "COS serves the object without a signature: it is public-read (by ACL or bucket policy)"
	case cause == cos403.CauseAnonymousDenied:
		f.Status = StatusFail
		f.Summary = "COS refuses the unsigned request with \"Access Denied.\": the object is not public-read; sign the request, or grant anonymous read in the ACL or bucket policy (seed step 3, D-403)"
	case cause == cos403.CauseArchivedObject:
		f.Status = StatusPass
		f.Summary = "COS lets the unsigned request through its permission check (it is public-read) and then refuses it because the object is archived"
		if sc := r.header.Get("X-Cos-Storage-Class"); sc != "" {
			f.Evidence = append(f.Evidence, ev("storage_class", sc))
		}
	case r.status == http.StatusNotFound && r.cosErr != nil && r.cosErr.Code == "NoSuchKey":
		f.Status = StatusPass
		f.Summary = "COS lets the unsigned request through its permission check (it is public-read), but the object does not exist (404 NoSuchKey)"
	case cause == cos403.CauseRefererDenied:
		out.blockedByReferer = true
		f.Status, f.Cause = StatusWarn, cos403.CauseRefererDenied
		f.Summary = "the referer rule refused the unsigned request before COS looked at permissions (seed step 2 comes first)"
	default:
		f.Status, f.Cause = StatusWarn, cause
		f.Summary = "the unsigned request got an answer that does not say whether the object is public: " + r.text()
	}
	if signed {
		f.Summary += "; the signature was removed for this probe only: COS never treats a signed request as anonymous, and an expired or wrong signature is refused even on a public-read object (D-PERMFAQ)"
	}
	return out
}

func anonRequest(ctx context.Context, c *http.Client, method string, u *url.URL, referer string, now func() time.Time) reply {
	req, err := http.NewRequest(method, u.String(), nil)
	if err != nil {
		return reply{err: err}
	}
	if method == http.MethodGet {
		req.Header.Set("Range", "bytes=0-0")
	}
	if referer != "" {
		req.Header.Set("Referer", referer)
	}
	return send(ctx, c, req, now)
}
