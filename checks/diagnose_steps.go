package checks

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// diagnosis is one run of Diagnose or DiagnoseError.
type diagnosis struct {
	ctx    context.Context
	t      Target
	now    func() time.Time
	bucket *url.URL
	// object is the unsigned URL of the object, or of the bucket when the
	// key is empty.
	object *url.URL
	method string
	key    string
	signed bool
	// auth is t.Authorization parsed; nil when absent or unreadable.
	auth    *signature.Authorization
	authErr error
	err     *cos403.Error

	findings []Finding

	// Facts shared between steps, computed once.
	anon       *anonOutcome
	probe      *reply
	probeNote  string
	probeTried bool
}

// invalidTarget is a Target Diagnose cannot probe.
type invalidTarget struct{ err error }

func (p *invalidTarget) report() Report {
	f := Finding{Check: "target", Status: StatusWarn, Summary: "nothing was probed: " + p.err.Error()}
	return Report{Findings: []Finding{f}}
}

func newDiagnosis(ctx context.Context, t Target) (*diagnosis, *invalidTarget) {
	if ctx == nil {
		ctx = context.Background()
	}
	b, err := t.bucketURL()
	if err != nil {
		return nil, &invalidTarget{err}
	}
	d := &diagnosis{ctx: ctx, t: t, now: t.Now, bucket: b, signed: t.signed()}
	if d.now == nil {
		d.now = time.Now
	}
	d.key = strings.TrimPrefix(t.Key, "/")
	d.method = strings.ToUpper(strings.TrimSpace(t.Method))
	if d.method == "" {
		d.method = http.MethodGet
	}
	if d.key != "" {
		d.object = objectURL(b, d.key)
	} else {
		d.object = objectURL(b, "")
	}
	if a := strings.TrimSpace(t.Authorization); a != "" {
		d.auth, d.authErr = parseAuthInput(a)
	}
	return d, nil
}

func (d *diagnosis) add(f Finding) { d.findings = append(d.findings, f) }

func notApplicable(check, summary string) Finding {
	return Finding{Check: check, Status: StatusNotApplicable, Summary: summary}
}

// action is the CAM action of the diagnosed request (D-LANG).
func (d *diagnosis) action() string {
	if d.key == "" {
		switch d.method {
		case http.MethodHead:
			return "name/cos:HeadBucket"
		case http.MethodPut:
			return "name/cos:PutBucket"
		case http.MethodDelete:
			return "name/cos:DeleteBucket"
		}
		return "name/cos:GetBucket"
	}
	switch d.method {
	case http.MethodHead:
		return "name/cos:HeadObject"
	case http.MethodPut:
		return "name/cos:PutObject"
	case http.MethodPost:
		return "name/cos:PostObject"
	case http.MethodDelete:
		return "name/cos:DeleteObject"
	case http.MethodOptions:
		return "name/cos:OptionsObject"
	}
	return "name/cos:GetObject"
}

func (d *diagnosis) resource() string { return resourceFor(d.bucket, d.key) }

// --- step 1: CORS ---

func (d *diagnosis) stepCORS() {
	if strings.TrimSpace(d.t.Origin) == "" {
		d.add(notApplicable("cors", "no Origin: not a cross-origin browser request, so CORS does not apply (seed step 1); set Target.Origin to check it"))
		return
	}
	d.add(checkCORS(d.ctx, CORSProbe{
		Client: d.t.HTTPClient, URL: d.object.String(), Origin: d.t.Origin,
		Method: d.method, Headers: d.t.RequestHeaders, COS: d.t.COS,
	}, d.now))
}

// --- step 2: referer ---

func (d *diagnosis) stepReferer() {
	switch {
	case d.signed:
		d.add(notApplicable("referer", "the request is signed, and COS skips the referer check for signed requests (D-REF-CON, D-REF-FAQ)"))
		return
	case d.key == "":
		d.add(notApplicable("referer", "no object key: hotlink protection guards object downloads"))
		return
	}
	d.add(checkReferer(d.ctx, RefererProbe{
		Client: d.t.HTTPClient, URL: d.object.String(), Referer: d.t.Referer, COS: d.t.COS,
	}, d.now))
}

// --- step 3: anonymous ---

func (d *diagnosis) stepAnonymous() {
	if d.signed {
		d.add(notApplicable("anonymous", "the request is signed: COS checks a signature whenever one is present and never falls back to anonymous access, even on a public-read object (D-PERMFAQ)"))
		return
	}
	out := anonymousProbe(d.ctx, d.t.HTTPClient, d.object.String(), d.t.Referer, d.now)
	d.anon = &out
	f := out.finding
	if d.t.COS == nil || (f.Status != StatusFail && !out.blockedByReferer) {
		if out.blockedByReferer {
			f.Evidence = append(f.Evidence, ev("policy", "not evaluated: set Target.COS to read the bucket policy and ACLs"))
		}
		d.add(f)
		return
	}
	pr := CheckPolicy(d.ctx, d.t.COS, PolicyRequest{
		Principal: Principal{Anonymous: true}, Action: d.action(), Resource: d.resource(),
	})
	mergePolicyEvidence(&f, pr)
	if pr.Finding.Status == StatusNotApplicable {
		d.add(f)
		return
	}
	switch {
	case out.blockedByReferer && pr.Decision.Allowed:
		f.Status, f.Cause = StatusPass, cos403.CauseAnonymousDenied
		f.Summary = "the referer rule stopped the probe, but the bucket policy and ACLs allow anonymous access: " + pr.Decision.Reason
	case out.blockedByReferer:
		f.Status, f.Cause = pr.Finding.Status, cos403.CauseAnonymousDenied
		f.Summary = "the referer rule stopped the probe; past it, the bucket policy and ACLs refuse anonymous access: " + pr.Decision.Reason
	case pr.Decision.Allowed:
		f.Evidence = append(f.Evidence, ev("local_evaluation", "allowed"))
		f.Summary += "; yet the bucket policy and ACLs read allow it (" + pr.Decision.Reason + "): a condition (IP, VPC) or a change since may explain the difference"
	default:
		f.Summary += ": " + pr.Decision.Reason
	}
	d.add(f)
}

// mergePolicyEvidence copies CheckPolicy's deciding evidence into f.
func mergePolicyEvidence(f *Finding, pr PolicyResult) {
	for _, e := range pr.Finding.Evidence {
		switch e.Name {
		case "decision", "source", "principal", "action", "resource", "deciding_statement",
			"bucket_policy", "bucket_policy_input", "bucket_acl", "object_acl", "owner_uin",
			"user_policies", "sts_policy", "sts_policy_input", "invalid_policy":
			f.Evidence = append(f.Evidence, e)
		default:
			if strings.HasPrefix(e.Name, "user_policy[") {
				f.Evidence = append(f.Evidence, e)
			}
		}
	}
	if pr.Finding.Status == StatusNotApplicable || (pr.Finding.Status == StatusWarn && pr.Decision.Decision == "") {
		f.Evidence = append(f.Evidence, ev("policy", pr.Finding.Summary))
	}
}

// --- step 4: key, time and signature ---

// step4Causes are the refusals of seed step 4 (and the strict-signature
// and temporary-key variants of it).
var step4Causes = map[cos403.Cause]bool{
	cos403.CauseInvalidAccessKeyID:    true,
	cos403.CauseRequestTimeTooSkewed:  true,
	cos403.CauseRequestExpired:        true,
	cos403.CauseSignatureMismatch:     true,
	cos403.CauseTempCredentialExpired: true,
	cos403.CauseStrictSignature:       true,
}

func (d *diagnosis) stepKeyTimeSignature() {
	if !d.signed {
		d.add(notApplicable("signed_request", "the request is unsigned: no key, time or signature to check (seed step 4)"))
		return
	}
	cred := d.t.Credentials
	if strings.TrimSpace(cred.SecretID) != "" || cred.SecretKey != "" {
		for _, f := range CheckCredentials(cred, d.t.Authorization) {
			d.add(f)
		}
	} else if d.auth != nil {
		d.add(notApplicable("credentials", "no Target.Credentials to compare q-ak "+MaskSecretID(d.auth.SecretID)+" with"))
	}

	r := checkClockSkew(d.ctx, d.t.HTTPClient, d.bucket.String(), d.now)
	clockAt := len(d.findings)
	d.add(r.Finding)

	switch {
	case d.auth != nil:
		var server time.Time
		if !r.ServerTime.IsZero() {
			server = r.Correct(d.now())
		}
		d.add(CheckSignatureTime(d.auth, d.now(), server))
	case d.authErr != nil:
		// The input of the diagnosis, not COS, is at fault here.
		d.add(Finding{Check: "signature_time", Status: StatusWarn,
			Summary: "Target.Authorization cannot be read, so its times are not checked: " + authErrText(d.authErr)})
	}

	signed := d.signedFinding()
	weighClock(&d.findings[clockAt], signed)
	d.add(signed)
}

// weighClock tempers a failed clock comparison with the signed probe, which
// was signed with the same local clock and so is COS's own verdict on it.
// COS judges the time through the signature's window (cos-errors.md section
// 4): a clock behind the server's by less than the signature's lifetime is
// accepted, and one further behind makes the signature arrive expired
// ("Request has expired"), not skewed. In both cases the clock is not the
// refusal the request gets under that name, so it stays a warning and the
// signed probe's finding carries COS's answer.
func weighClock(clock *Finding, probe Finding) {
	if clock.Status != StatusFail || clock.Cause != cos403.CauseRequestTimeTooSkewed {
		return
	}
	switch {
	case probe.Status == StatusPass:
		clock.Status = StatusWarn
		clock.Summary += "; yet COS accepted a request signed now with this clock, because the signature's validity window still covers the server's time: sync the clock all the same, since signatures that live shorter than the skew (presigned URLs) arrive expired"
	case probe.Status == StatusFail && probe.Cause == cos403.CauseRequestExpired:
		clock.Status, clock.Cause = StatusWarn, cos403.CauseRequestExpired
		clock.Summary += "; COS answers a request signed with this clock \"Request has expired\" (see signed_request), since the signature's window ends before the server's time"
	case probe.Status == StatusFail && probe.Cause != cos403.CauseRequestTimeTooSkewed:
		// COS looks the SecretId up before it reads the signature's time
		// (an unknown key is InvalidAccessKeyId whatever the clock), so
		// the probe's refusal is the one the request gets first; the clock
		// is the next thing to fix.
		clock.Status = StatusWarn
		clock.Summary += "; COS refuses a request signed now for another reason first (" + string(probe.Cause) + ", see signed_request): fix that, then the clock"
	}
}

// signedProbe sends, once, a GET of the object (one byte) or of the bucket
// (no keys), signed locally with the target's credentials.
func (d *diagnosis) signedProbe() (*reply, string) {
	if d.probeTried {
		return d.probe, d.probeNote
	}
	d.probeTried = true
	cred := d.t.Credentials
	if strings.TrimSpace(cred.SecretID) == "" || cred.SecretKey == "" {
		d.probeNote = "no signed probe: Target.Credentials needs a SecretID and SecretKey to sign one (locally; the key is never sent)"
		return nil, d.probeNote
	}
	u := *d.object
	if d.key == "" {
		u.RawQuery = "max-keys=0"
	}
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		d.probeNote = "no signed probe: " + err.Error()
		return nil, d.probeNote
	}
	if d.key != "" {
		req.Header.Set("Range", "bytes=0-0")
	}
	signed, _, err := signature.SignRequest(req, cred, signature.Options{Now: d.now})
	if err != nil {
		d.probeNote = "no signed probe: the credentials cannot sign: " + authErrText(err)
		return nil, d.probeNote
	}
	r := send(d.ctx, probeClient(d.t.HTTPClient, noRedirects), signed, d.now)
	d.probe = &r
	return d.probe, ""
}

// signedFinding reports the signed probe as seed step 4 sees it: did COS
// accept the SecretId, the time and the signature?
func (d *diagnosis) signedFinding() Finding {
	f := Finding{Check: "signed_request"}
	r, note := d.signedProbe()
	if r == nil {
		f.Status, f.Summary = StatusNotApplicable, note
		return f
	}
	cred := d.t.Credentials
	defer scrub(&f, cred.SecretKey, cred.SessionToken)
	f.Evidence = append(f.Evidence,
		ev("url", cos403.RedactedURL(d.object)),
		ev("q_ak", MaskSecretID(cred.SecretID)),
		ev("answer", r.text()),
	)
	cause := r.cause()
	switch {
	case r.err != nil:
		f.Status = StatusWarn
		f.Summary = "the signed probe got no answer: " + errText(r.err)
	case r.ok():
		f.Status = StatusPass
		f.Summary = "COS accepted a request signed now with these credentials: the SecretId, the clock and the signature are right"
	case step4Causes[cause]:
		f.Status, f.Cause = StatusFail, cause
		d.explainStep4(&f, r)
	case cause == cos403.CauseNotFromCOS:
		f.Status, f.Cause = StatusWarn, cause
		f.Summary = "the signed probe was answered by something in front of COS: " + r.text()
	case cause == cos403.CausePermissionDenied || cause == cos403.CauseArchivedObject || r.status == http.StatusNotFound:
		f.Status = StatusPass
		f.Summary = "COS accepted the SecretId, the clock and the signature, and refused the request later: " + r.text()
	default:
		f.Status, f.Cause = StatusWarn, cause
		f.Summary = "the signed probe got an answer outside seed step 4: " + r.text()
	}
	return f
}

// explainStep4 adds what a step-4 refusal of the signed probe says.
func (d *diagnosis) explainStep4(f *Finding, r *reply) {
	e := r.cosErr
	switch e.Cause {
	case cos403.CauseInvalidAccessKeyID:
		f.Summary = "COS does not accept SecretId " + MaskSecretID(d.t.Credentials.SecretID) +
			": it does not exist, is disabled, or is a temporary key used without its valid token (seed step 4.1)"
	case cos403.CauseTempCredentialExpired:
		f.Summary = "the temporary key has expired (400 ExpiredToken): request a new one from STS"
	case cos403.CauseRequestTimeTooSkewed, cos403.CauseRequestExpired:
		f.Summary = "COS refused a request signed now: " + r.text() + "; the local clock is off (seed step 4.2)"
		if !e.ServerTime.IsZero() {
			skew := serverSkew(e.ServerTime, r.sent)
			f.Evidence = append(f.Evidence,
				ev("server_time", rfc3339(e.ServerTime)),
				ev("local_time", rfc3339(r.sent)),
				ev("skew", skew.String()),
				ev("skew_minutes", minutesText(skew)))
			f.Summary += " by about " + roundSec(abs(skew)).String()
		}
	case cos403.CauseStrictSignature:
		f.Summary = "the bucket's strict-signature rule wants a header or parameter signed that the probe did not sign: " + r.text()
	case cos403.CauseSignatureMismatch:
		var sb struct {
			StringToSign string `xml:"StringToSign"`
			FormatString string `xml:"FormatString"`
		}
		_ = xml.Unmarshal(r.body, &sb)
		sig := CheckSignature(r.req, d.t.Credentials.SecretKey, sb.FormatString, sb.StringToSign)
		for _, e := range sig.Evidence {
			switch e.Name {
			case "stage", "element", "client", "server", "recomputed_matches":
				f.Evidence = append(f.Evidence, e)
			}
		}
		f.Summary = "COS computed another signature for a request signed now with these credentials (seed step 4.3): " + sig.Summary
	default:
		f.Summary = "COS refused the signed probe: " + r.text()
	}
}

// --- step 5: permissions ---

func (d *diagnosis) stepPermission() {
	if !d.signed {
		d.add(notApplicable("permission", "the request is unsigned: its permissions are those of an anonymous user, checked in seed step 3"))
		return
	}
	f := Finding{Check: "permission", Cause: cos403.CausePermissionDenied}
	// The probe is a GET, so its answer speaks for GET only.
	decided := false
	if r, note := d.signedProbe(); r == nil {
		f.Evidence = append(f.Evidence, ev("probe", note))
	} else if d.method == http.MethodGet {
		f.Evidence = append(f.Evidence, ev("probe", r.text()))
		switch cause := r.cause(); {
		case r.err != nil:
		case cause == cos403.CausePermissionDenied:
			f.Status, decided = StatusFail, true
			f.Summary = "COS refused the signed request with \"Access Denied.\": the account, sub-account or temporary key has no grant for " +
				displayAction(d.action()) + " (seed step 5)"
		case r.ok() || cause == cos403.CauseArchivedObject || r.status == http.StatusNotFound:
			f.Status, decided = StatusPass, true
			f.Summary = "COS let the signed request through its permission check"
		case step4Causes[cause]:
			f.Evidence = append(f.Evidence, ev("probe_stopped", "at seed step 4 ("+string(cause)+"), before permissions"))
		}
	} else {
		f.Evidence = append(f.Evidence, ev("probe", "GET only; "+d.method+" is judged from the policies"))
	}

	var pr *PolicyResult
	switch {
	case strings.TrimSpace(d.t.Principal.Uin) == "":
		f.Evidence = append(f.Evidence, ev("policy", "not evaluated: set Target.Principal (and Target.COS to read the bucket policy and ACLs)"))
	case d.t.COS == nil && d.t.UserPolicies == nil && d.t.STSPolicy == nil:
		f.Evidence = append(f.Evidence, ev("policy", "not evaluated: set Target.COS, Target.UserPolicies or Target.STSPolicy"))
	default:
		res := CheckPolicy(d.ctx, d.t.COS, PolicyRequest{
			Principal: d.t.Principal, Action: d.action(), Resource: d.resource(), Signed: true,
		}, AccessPolicies{UserPolicies: d.t.UserPolicies, STSPolicy: d.t.STSPolicy})
		pr = &res
		mergePolicyEvidence(&f, res)
	}
	if d.t.Credentials.SessionToken != "" && d.t.STSPolicy == nil {
		f.Evidence = append(f.Evidence, ev("sts_policy", "unknown: the temporary key's policy may limit it (seed step 5.2); set Target.STSPolicy"))
	}

	switch {
	case decided && pr != nil && pr.Decision.Decision != "":
		switch {
		case f.Status == StatusFail && !pr.Decision.Allowed:
			f.Summary += ": " + pr.Decision.Reason
		case f.Status == StatusFail:
			f.Evidence = append(f.Evidence, ev("local_evaluation", "allowed"))
			f.Summary += "; the policies evaluated here allow it (" + pr.Decision.Reason + "), so one not given here (a CAM user policy, the temporary key's policy) or a condition denies it"
		case !pr.Decision.Allowed:
			f.Evidence = append(f.Evidence, ev("local_evaluation", string(pr.Decision.Decision)))
		}
	case decided:
	case pr != nil && pr.Decision.Decision != "":
		f.Status, f.Summary = pr.Finding.Status, "from the policies (no probe decided): "+pr.Finding.Summary
	default:
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "cannot tell: no signed GET probe decided, and the policies were not evaluated"
	}
	d.add(f)
}

// --- step 6: archive ---

func (d *diagnosis) stepArchive() {
	switch {
	case d.key == "":
		d.add(notApplicable("archive", "no object key: only objects have a storage class (seed step 6)"))
		return
	case d.method != http.MethodGet:
		d.add(notApplicable("archive", "only GET is refused for an unrestored ARCHIVE or DEEP_ARCHIVE object (D-GETOBJ); "+d.method+" is not"))
		return
	}
	if d.t.COS != nil {
		res := checkObjectState(d.ctx, d.t.COS, d.key, d.now)
		if res.Finding.Status != StatusWarn {
			d.add(res.Finding)
			return
		}
		if f, ok := d.archiveFromAnswers(); ok {
			f.Evidence = append(f.Evidence, ev("head_object", res.Finding.Summary))
			d.add(f)
			return
		}
		d.add(res.Finding)
		return
	}
	if f, ok := d.archiveFromAnswers(); ok {
		d.add(f)
		return
	}
	d.add(notApplicable("archive", "no cos.Client to send HEAD Object with, and no probe reached the object; set Target.COS"))
}

// archiveFromAnswers judges the storage class from what COS already
// answered: an InvalidObjectState refusal carries x-cos-storage-class
// (D-GETOBJ Sample 11), and a successful read is not blocked.
func (d *diagnosis) archiveFromAnswers() (Finding, bool) {
	var answers []*reply
	if d.probe != nil {
		answers = append(answers, d.probe)
	}
	if d.anon != nil {
		answers = append(answers, &d.anon.decisive)
	}
	for _, r := range answers {
		if r.err != nil || (!r.ok() && r.cause() != cos403.CauseArchivedObject) {
			continue
		}
		h := r.header
		if r.cause() == cos403.CauseArchivedObject && h.Get("X-Cos-Storage-Class") == "" {
			continue
		}
		at := headerDate(r.header)
		if at.IsZero() {
			at = d.now()
		}
		f := ParseRestore(h).Finding(at)
		f.Evidence = append(f.Evidence, ev("from_answer", r.text()))
		return f, true
	}
	if d.err != nil && d.err.Cause == cos403.CauseArchivedObject {
		if d.err.StorageClass == "" {
			return Finding{Check: "archive", Status: StatusFail, Cause: cos403.CauseArchivedObject,
				Summary:  "COS answered InvalidObjectState without naming the storage class: the object is ARCHIVE or DEEP_ARCHIVE without a restored copy; restore it first with POST Object restore (D-RESTORE)",
				Evidence: []Evidence{ev("from_answer", cosErrText(d.err))}}, true
		}
		f := ParseRestore(http.Header{"X-Cos-Storage-Class": {d.err.StorageClass}}).Finding(d.now())
		f.Evidence = append(f.Evidence, ev("from_answer", cosErrText(d.err)))
		return f, true
	}
	return Finding{}, false
}
