package checks

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// RefererProbe is a hotlink-protection probe for [CheckRefererWith]. Only
// URL is required.
type RefererProbe struct {
	// Client sends the probes; nil means a private client with
	// [DefaultTimeout]. It is copied, never modified.
	Client *http.Client
	// URL is the object URL, unsigned (COS skips the referer check for
	// signed requests, D-REF-CON).
	URL string
	// Referer is the value the page sends; empty probes the empty-referer
	// case only (a browser opening the URL directly sends none, D-REF-FAQ).
	Referer string
	// COS, when set, reads the bucket's referer configuration (GET Bucket
	// referer) to name the deciding rule. It needs credentials allowed
	// GetBucketReferer.
	COS *cos.Client
	// Config, when non-nil, is used instead of reading it.
	Config *RefererConfig
}

// CheckReferer probes the bucket's hotlink protection the way the seed's
// curl command does (seed step 2): an unsigned GET of objectURL with the
// Referer, and one without it. Each asks for the first byte only.
//
// The "referer" finding fails with [cos403.CauseRefererDenied] when COS
// answers "You are denied by bucket referer rule" to the request with the
// Referer (or, when referer is empty, to the one without), and passes
// otherwise; both answers are in the evidence, so a refused empty referer is
// reported even when the page's Referer passes. A signed URL is not
// probed: COS skips the referer check for signed requests (D-REF-CON,
// D-REF-FAQ). Use [CheckRefererWith] to name the deciding rule. CheckReferer
// is safe for concurrent use.
func CheckReferer(ctx context.Context, client *http.Client, objectURL, referer string) Finding {
	return CheckRefererWith(ctx, RefererProbe{Client: client, URL: objectURL, Referer: referer})
}

// CheckRefererWith is [CheckReferer] with the options of p: with p.Config,
// or p.COS to read the configuration, the finding names the deciding list
// entry through [EvaluateReferer].
func CheckRefererWith(ctx context.Context, p RefererProbe) Finding {
	return checkReferer(ctx, p, time.Now)
}

func checkReferer(ctx context.Context, p RefererProbe, now func() time.Time) Finding {
	f := Finding{Check: "referer", Cause: cos403.CauseRefererDenied}
	u, err := parseProbeURL(p.URL)
	if err != nil {
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "invalid object URL: " + err.Error()
		return f
	}
	if hasSignature(u) {
		f.Status = StatusNotApplicable
		f.Summary = "the URL is signed, and COS skips the referer check for signed requests (D-REF-CON, D-REF-FAQ)"
		f.Evidence = append(f.Evidence, ev("url", cos403.RedactedURL(u)))
		return f
	}
	referer := strings.TrimSpace(p.Referer)
	f.Evidence = append(f.Evidence, ev("url", cos403.RedactedURL(u)), ev("referer", refererText(referer)))
	client := probeClient(p.Client, sameHostRedirects)

	var with reply
	if referer != "" {
		with = refererGet(ctx, client, u, referer, now)
		f.Evidence = append(f.Evidence, ev("with_referer", with.text()))
	}
	without := refererGet(ctx, client, u, "", now)
	f.Evidence = append(f.Evidence, ev("without_referer", without.text()))

	// refused opens the summary of a refusal; the configuration's reason,
	// when read, replaces what follows it, since it quotes COS's answer too.
	var refused string
	decisive := &without
	if referer != "" {
		decisive = &with
	}
	switch {
	case decisive.err != nil:
		f.Status, f.Cause = StatusWarn, ""
		f.Summary = "the probe got no answer: " + errText(decisive.err)
		return f
	case decisive.cause() == cos403.CauseRefererDenied:
		f.Status = StatusFail
		refused = "COS refused a request without Referer"
		if referer != "" {
			refused = "COS refused Referer " + refererText(referer)
			f.Summary = refused + ": \"You are denied by bucket referer rule\" (D-403)"
		} else {
			f.Summary = refused + ": \"You are denied by bucket referer rule\"; the bucket denies an empty referer (EmptyReferConfiguration=Deny is the default, D-REF-API)"
		}
	default:
		f.Status = StatusPass
		f.Summary = "COS's referer rule let " + refererText(referer) + " through"
		if c := decisive.cause(); c != "" {
			f.Summary += " (the request was refused later: " + string(c) + ")"
		}
		if referer != "" && without.cause() == cos403.CauseRefererDenied {
			f.Summary += "; a request without Referer is refused, so opening the URL directly in a browser fails: allow empty referer if that should work (D-REF-FAQ)"
		}
	}

	cfg, source := p.Config, "given"
	if cfg == nil && p.COS != nil {
		c, why := readRefererConfig(ctx, p.COS)
		if why != "" {
			f.Evidence = append(f.Evidence, ev("referer_config", why))
			return f
		}
		cfg, source = &c, "read from the bucket"
	}
	if cfg == nil {
		if f.Status == StatusFail {
			f.Evidence = append(f.Evidence, ev("referer_config", "not read: no cos.Client to read GET Bucket referer"))
		}
		return f
	}
	f.Evidence = append(f.Evidence, ev("referer_config", refererConfigText(*cfg)+", "+source))
	d := EvaluateReferer(*cfg, referer, false)
	df := d.Finding()
	for _, name := range []string{"list", "rule"} {
		if v, ok := df.Value(name); ok {
			f.Evidence = append(f.Evidence, ev(name, v))
		}
	}
	switch {
	case f.Status == StatusFail && !d.Allowed:
		f.Summary = refused + ": " + d.Reason
	case f.Status == StatusFail && d.Allowed:
		f.Evidence = append(f.Evidence, ev("local_evaluation", "allowed"))
		f.Summary += ", yet the configuration " + source + " allows it (" + d.Reason + "): a CDN in front of COS applies its own referer rules first (D-REF-CON), or the configuration changed"
	case f.Status == StatusPass && !d.Allowed:
		f.Evidence = append(f.Evidence, ev("local_evaluation", "denied"))
		f.Summary += ", although the configuration " + source + " refuses it (" + d.Reason + ")"
	}
	return f
}

// refererGet sends the unsigned GET of the seed's curl check, asking for
// one byte.
func refererGet(ctx context.Context, c *http.Client, u *url.URL, referer string, now func() time.Time) reply {
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		return reply{err: err}
	}
	req.Header.Set("Range", "bytes=0-0")
	if referer != "" {
		req.Header.Set("Referer", referer)
	}
	return send(ctx, c, req, now)
}

// readRefererConfig reads GET Bucket referer; why is non-empty when it
// could not be read.
func readRefererConfig(ctx context.Context, c *cos.Client) (cfg RefererConfig, why string) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	res, _, err := c.Bucket.GetReferer(ctx)
	if err != nil {
		return RefererConfig{}, "unreadable: " + sdkErrText(err)
	}
	return RefererConfigFromSDK(res), ""
}

// refererText shows a Referer without its query and fragment (a page URL
// may carry a token), or "(empty)".
func refererText(r string) string {
	if r == "" {
		return "(empty)"
	}
	return stripQuery(r)
}

func refererConfigText(c RefererConfig) string {
	if !c.Enabled {
		return "disabled"
	}
	empty := "Deny"
	if c.AllowEmpty {
		empty = "Allow"
	}
	return "enabled " + c.Type + " with " + strconv.Itoa(len(c.Domains)) + " domain(s) [" +
		strings.Join(c.Domains, ", ") + "], empty referer " + empty
}
