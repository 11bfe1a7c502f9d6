package checks

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// Target is the request Diagnose and DiagnoseError look into: which object,
// sent how, by whom, and the clients to probe with. Only the bucket is
// required (BucketURL, or COS with its BaseURL.BucketURL); every other field
// narrows or extends the checks, and a check that lacks what it needs is
// reported as not applicable, saying which field would enable it.
//
// A Target prints, marshals and logs without its SecretKey, security token
// or Authorization.
type Target struct {
	// BucketURL is the virtual-hosted bucket URL,
	// https://<bucket>-<appid>.cos.<region>.myqcloud.com. Empty means
	// COS.BaseURL.BucketURL.
	BucketURL string
	// Key is the object key; empty diagnoses a bucket request (GET Bucket).
	Key string
	// Method is the failing request's method; empty means GET.
	Method string

	// Credentials is the requester's key pair. A SecretID (or an
	// Authorization) makes the diagnosed request a signed one; empty
	// Credentials and Authorization make it anonymous. The SecretKey only
	// signs probes locally; it is never sent.
	Credentials signature.Credentials
	// Authorization is the failing request's Authorization header value or
	// presigned URL, if at hand: its q-ak and q-sign-time are checked
	// (case of the SecretId, expiry). Never printed.
	Authorization string

	// Origin and RequestHeaders describe a cross-origin browser request:
	// the page's origin and the non-simple headers it sends. Empty Origin
	// skips the CORS check.
	Origin         string
	RequestHeaders []string
	// Referer is the Referer the page sends; empty means none (a browser
	// opening the URL directly).
	Referer string

	// HTTPClient sends the probes (unsigned ones and those signed with
	// Credentials); nil means a private client with DefaultTimeout. It is
	// copied, never modified.
	HTTPClient *http.Client
	// COS, when set, reads the bucket's configuration (CORS, referer,
	// policy, ACLs) and the object's storage class, to explain a refusal.
	// Its credentials need not be the requester's: the bucket owner's
	// explain the most.
	COS *cos.Client

	// Principal is the requester's identity for policy evaluation (seed
	// step 5): the root account (OwnerUin) and the sub-account (Uin).
	// Without Uin, policies are not evaluated for a signed request.
	Principal Principal
	// UserPolicies are the CAM policies attached to the sub-account, and
	// STSPolicy the policy the temporary key was issued with (seed step
	// 5.2); COS cannot be asked for either.
	UserPolicies [][]byte
	STSPolicy    []byte

	// Now is the local clock; nil means time.Now.
	Now func() time.Time
}

// ErrInvalidTarget is matched by every *TargetError.
var ErrInvalidTarget = errors.New("checks: invalid target")

// TargetError reports a Target that cannot be diagnosed.
type TargetError struct {
	// Field is the Target field at fault, e.g. "BucketURL".
	Field string
	// Problem says what is wrong, in lower case.
	Problem string
}

// Error returns "checks: target BucketURL: no host".
func (e *TargetError) Error() string { return "checks: target " + e.Field + ": " + e.Problem }

// Is reports whether target is ErrInvalidTarget.
func (e *TargetError) Is(target error) bool { return target == ErrInvalidTarget }

// Validate reports whether Diagnose can probe t. If non-nil, the error is
// a *TargetError.
func (t Target) Validate() error {
	_, err := t.bucketURL()
	return err
}

func (t Target) bucketURL() (*url.URL, error) {
	raw := strings.TrimSpace(t.BucketURL)
	if raw == "" {
		if t.COS == nil || t.COS.BaseURL == nil || t.COS.BaseURL.BucketURL == nil {
			return nil, &TargetError{Field: "BucketURL", Problem: "empty, and no COS client with a BucketURL"}
		}
		raw = t.COS.BaseURL.BucketURL.String()
	}
	u, err := parseProbeURL(raw)
	if err != nil {
		return nil, &TargetError{Field: "BucketURL", Problem: err.Error()}
	}
	u = unsignedURL(u)
	u.Path, u.RawPath, u.RawQuery = "", "", ""
	return u, nil
}

// signed reports whether the diagnosed request carries a signature.
func (t Target) signed() bool {
	return strings.TrimSpace(t.Credentials.SecretID) != "" || strings.TrimSpace(t.Authorization) != ""
}

// TargetFromClient describes the requests c makes for key: c's bucket, its
// credentials (read through c.GetCredential, as the SDK's
// AuthorizationTransport holds them) and c itself to read the
// configuration. Set HTTPClient when the probes must go through the same
// network path as c (a proxy, a test server).
func TargetFromClient(c *cos.Client, key string) Target {
	t := Target{Key: key, COS: c}
	if c == nil {
		return t
	}
	if c.BaseURL != nil && c.BaseURL.BucketURL != nil {
		t.BucketURL = c.BaseURL.BucketURL.String()
	}
	if cred := c.GetCredential(); cred != nil {
		t.Credentials = signature.Credentials{SecretID: cred.SecretID, SecretKey: cred.SecretKey, SessionToken: cred.SessionToken}
	}
	return t
}

// Diagnose walks the seed's troubleshooting flow for t, in its order, and
// reports what it found (cos-errors.md section 1.6):
//
//  1. "cors": a cross-origin request's preflight (when Origin is set);
//  2. "referer": hotlink protection (unsigned requests only: COS skips it
//     for signed ones, D-REF-CON);
//  3. "anonymous": whether the object is public-read (unsigned requests);
//  4. key, time and signature (signed requests): "credentials.*" from
//     CheckCredentials, "clock_skew", "signature_time" for Authorization,
//     and "signed_request", a GET signed locally with Credentials;
//  5. "permission": sub-account and temporary-key permissions, from the
//     signed probe and CheckPolicy;
//  6. "archive": the storage class, for GET of an object.
//
// What does not apply is reported as not applicable, with the reason.
// Report.Cause is the cause of the first failed finding: the flow follows
// the order in which COS refuses (the referer rule before permissions, the
// signature before permissions, permissions before the storage class), so
// it is the refusal the request gets, and later failures stay listed as
// the next ones to fix. A clock more than 15 minutes off fails "clock_skew"
// unless the signed probe, signed with the same clock, shows COS accepting
// it or answering "Request has expired" instead; then it is a warning and
// "signed_request" carries COS's answer.
//
// Every request honours ctx (each bounded by DefaultTimeout when ctx has no
// deadline), reads bounded bodies and follows no redirect to another host;
// signed probes follow none at all. Diagnose is safe for concurrent use.
func Diagnose(ctx context.Context, t Target) Report {
	d, problem := newDiagnosis(ctx, t)
	if problem != nil {
		return problem.report()
	}
	d.stepCORS()
	d.stepReferer()
	d.stepAnonymous()
	d.stepKeyTimeSignature()
	d.stepPermission()
	d.stepArchive()
	return d.report(firstFailed(d.findings, ""))
}

// DiagnoseError starts from err, the error of a failed request: it
// classifies it with classify.Classify and runs only the checks that can
// confirm or refute the cause COS gave. The error itself is the first
// finding ("cos_error"), and Report.Error holds it.
//
// Fields of t left empty are taken from the error where it knows them: the
// bucket URL, the key and the method of the refused request, and whether
// it was signed. Report.Cause is the error's cause; Report.Deciding is the
// check that confirmed it, or the error finding when no check could.
//
// A nil err runs Diagnose. An error holding no COS answer (a network
// failure, for instance) is reported as a warning, followed by the full
// Diagnose flow.
func DiagnoseError(ctx context.Context, t Target, err error) Report {
	if err == nil {
		return Diagnose(ctx, t)
	}
	e, ok := cos403.As(classify.Classify(err))
	if !ok {
		r := Diagnose(ctx, t)
		f := Finding{Check: "cos_error", Status: StatusWarn,
			Summary: "the error holds no COS answer, so the full flow ran: " + errText(err)}
		return r.prepend(f)
	}
	t = fillFromError(t, e)
	errF := errorFinding(e)
	d, problem := newDiagnosis(ctx, t)
	if problem != nil {
		r := problem.report().prepend(errF)
		r.Cause, r.Error = e.Cause, e
		r.setDeciding(0)
		return r
	}
	d.err = e
	d.signed = e.Signed
	d.findings = append(d.findings, errF)
	switch e.Cause {
	case cos403.CauseCORSRejected:
		d.stepCORS()
	case cos403.CauseRefererDenied:
		d.stepReferer()
	case cos403.CauseAnonymousDenied:
		d.stepAnonymous()
	case cos403.CauseInvalidAccessKeyID, cos403.CauseRequestTimeTooSkewed, cos403.CauseRequestExpired,
		cos403.CauseSignatureMismatch, cos403.CauseTempCredentialExpired, cos403.CauseStrictSignature:
		d.stepKeyTimeSignature()
	case cos403.CausePermissionDenied:
		d.stepPermission()
	case cos403.CauseArchivedObject:
		d.stepArchive()
	}
	r := d.report(-1)
	r.Cause, r.Error = e.Cause, e
	if i := firstFailed(r.Findings[1:], e.Cause); i >= 0 {
		r.setDeciding(i + 1)
	} else {
		r.setDeciding(0)
	}
	return r
}

// fillFromError completes t with what the refused request's URL and method
// say.
func fillFromError(t Target, e *cos403.Error) Target {
	u, err := url.Parse(e.URL)
	if err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https") {
		if strings.TrimSpace(t.BucketURL) == "" && (t.COS == nil || t.COS.BaseURL == nil || t.COS.BaseURL.BucketURL == nil) {
			t.BucketURL = u.Scheme + "://" + u.Host
		}
		if t.Key == "" {
			t.Key = strings.TrimPrefix(u.Path, "/")
		}
	}
	// A preflight's own method says nothing of the request it precedes.
	if t.Method == "" && e.Method != "" && e.Method != http.MethodOptions {
		t.Method = e.Method
	}
	return t
}

// errorFinding reports the refusal itself.
func errorFinding(e *cos403.Error) Finding {
	f := Finding{Check: "cos_error", Status: StatusFail, Cause: e.Cause}
	if e.Cause == cos403.CauseNotFromCOS {
		f.Summary = "something in front of COS (a proxy, CDN or gateway) answered " + cosErrText(e)
	} else {
		f.Summary = "COS answered " + cosErrText(e)
	}
	add := func(name, v string) {
		if v != "" {
			f.Evidence = append(f.Evidence, ev(name, v))
		}
	}
	if e.StatusCode != 0 {
		add("status", strconv.Itoa(e.StatusCode))
	}
	add("code", e.Code)
	add("message", e.Message)
	add("request_id", e.RequestID)
	add("method", e.Method)
	add("url", e.URL)
	add("signed", boolText(e.Signed))
	if e.TempCredential {
		add("temp_credential", "true")
	}
	add("storage_class", e.StorageClass)
	if !e.ServerTime.IsZero() {
		add("server_time", rfc3339(e.ServerTime))
		if !e.LocalTime.IsZero() {
			skew := serverSkew(e.ServerTime, e.LocalTime)
			add("local_time", rfc3339(e.LocalTime))
			add("skew", skew.String())
		}
	}
	if s := e.Signature; s != nil {
		add("signature_stage", s.Stage)
		add("signature_element", s.Element)
		add("signature_client", s.Client)
		add("signature_server", s.Server)
	}
	return f
}

// firstFailed returns the index of the first failed finding (with the
// given cause, when not empty), or -1.
func firstFailed(fs []Finding, cause cos403.Cause) int {
	for i := range fs {
		if fs[i].Status == StatusFail && (cause == "" || fs[i].Cause == cause) {
			return i
		}
	}
	return -1
}
