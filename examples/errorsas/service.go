package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

// Credentials is a temporary key as a token service (STS) issues it.
type Credentials struct {
	SecretID, SecretKey, SessionToken string
	Expires                           time.Time
}

// GoString is String, so that %#v cannot print the secret halves either.
func (c Credentials) GoString() string { return c.String() }

// String keeps the secret halves out of logs.
func (c Credentials) String() string {
	return fmt.Sprintf("temporary key %s (expires %s)", checks.MaskSecretID(c.SecretID), c.Expires.UTC().Format(time.RFC3339))
}

// Issuer hands out temporary keys: in production a call to STS
// (GetFederationToken or AssumeRole) with the policy the service needs.
type Issuer interface {
	Issue(ctx context.Context) (Credentials, error)
}

// signer signs requests like the SDK's AuthorizationTransport, with two
// differences the service needs: its key can be replaced while requests are
// in flight, and it signs with the local clock corrected by the offset
// learnt from COS, as the JavaScript SDK's CorrectClockSkew and the Java
// SDK's setLocalTimeDelta do. cos-go-sdk-v5 has no such setting.
type signer struct {
	mu     sync.RWMutex
	cred   Credentials
	offset atomic.Int64 // nanoseconds to add to the local clock
	next   http.RoundTripper
}

// expire is the signature validity the SDK uses by default.
const expire = time.Hour

func (s *signer) RoundTrip(req *http.Request) (*http.Response, error) {
	id, key, token, _ := s.GetCredential()
	req = req.Clone(req.Context()) // a RoundTripper must not modify its request
	now := time.Now().Add(time.Duration(s.offset.Load()))
	cos.AddAuthorizationHeader(id, key, token, req, &cos.AuthTime{
		SignStartTime: now, SignEndTime: now.Add(expire),
		KeyStartTime: now, KeyEndTime: now.Add(expire),
	})
	return s.next.RoundTrip(req)
}

// GetCredential makes the signer a classify.CredentialSource, so that
// classify.Transport can name the part of a mismatched signature.
func (s *signer) GetCredential() (string, string, string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cred.SecretID, s.cred.SecretKey, s.cred.SessionToken, nil
}

func (s *signer) set(c Credentials) {
	s.mu.Lock()
	s.cred = c
	s.mu.Unlock()
}

func (s *signer) current() Credentials {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cred
}

// Service serves the objects of one bucket over HTTP, reading them with
// cos-go-sdk-v5, and decides what to do about a refusal from its cause:
//
//   - an expired or revoked temporary key: get a new one and retry;
//   - a clock too far from COS's, or an expired signature: correct the
//     signing clock by the offset COS revealed and retry;
//   - an archived object: start a restore and answer 503 with Retry-After;
//   - a permission, anonymous-access or referer refusal: 403 to the caller,
//     whose request it is;
//   - a refusal that did not come from COS, or an unknown one: 502, since
//     the fault lies upstream.
//
// GET /objects/{key} reads with the service's temporary key; GET
// /public/{key} reads without a signature, passing on the caller's Referer,
// as a page embedding a public object does.
type Service struct {
	signed, anonymous *cos.Client
	signer            *signer
	issuer            Issuer
	logf              func(format string, args ...any)
	// MaxAttempts bounds the retries after a recovery.
	MaxAttempts int
}

// NewService builds a Service for the bucket at bucketURL, such as
// https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com. base reaches COS
// (http.DefaultTransport in production); logf receives one line per
// decision.
func NewService(ctx context.Context, bucketURL *url.URL, base http.RoundTripper, issuer Issuer, logf func(string, ...any)) (*Service, error) {
	if bucketURL == nil || bucketURL.Host == "" {
		return nil, errors.New("errorsas: a bucket URL is required")
	}
	cred, err := issuer.Issue(ctx)
	if err != nil {
		return nil, fmt.Errorf("errorsas: first temporary key: %w", err)
	}
	// classify.Transport sits under the signer, where it sees the signed
	// request, and keeps what the SDK drops from an error reply: the
	// server's clock, its StringToSign and FormatString.
	capture := &classify.Transport{Base: base}
	sg := &signer{cred: cred, next: capture}
	capture.Credentials = sg
	newClient := func(rt http.RoundTripper) *cos.Client {
		c := cos.NewClient(&cos.BaseURL{BucketURL: bucketURL}, &http.Client{Transport: rt, Timeout: 30 * time.Second})
		c.Conf.RetryOpt.Count = 1 // the service does its own retrying
		return c
	}
	return &Service{
		signed:      newClient(sg),
		anonymous:   newClient(&classify.Transport{Base: base}),
		signer:      sg,
		issuer:      issuer,
		logf:        logf,
		MaxAttempts: 3,
	}, nil
}

// Handler returns the service's routes.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /objects/{key...}", func(w http.ResponseWriter, r *http.Request) {
		s.serve(w, r, s.signed, nil)
	})
	mux.HandleFunc("GET /public/{key...}", func(w http.ResponseWriter, r *http.Request) {
		var opt *cos.ObjectGetOptions
		if ref := r.Header.Get("Referer"); ref != "" {
			h := http.Header{"Referer": {ref}}
			opt = &cos.ObjectGetOptions{XOptionHeader: &h}
		}
		s.serve(w, r, s.anonymous, opt)
	})
	return mux
}

func (s *Service) serve(w http.ResponseWriter, r *http.Request, c *cos.Client, opt *cos.ObjectGetOptions) {
	key := r.PathValue("key")
	resp, err := s.get(r.Context(), c, key, opt)
	if err != nil {
		s.fail(r.Context(), w, key, err)
		return
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(http.StatusOK)
	_, _ = io.Copy(w, resp.Body)
}

// get reads key, recovering from the refusals the service can repair
// itself. If non-nil, the error holds a *cos403.Error when COS (or
// something in front of it) answered.
func (s *Service) get(ctx context.Context, c *cos.Client, key string, opt *cos.ObjectGetOptions) (*cos.Response, error) {
	for attempt := 1; ; attempt++ {
		resp, err := c.Object.Get(ctx, key, opt)
		if err == nil {
			return resp, nil
		}
		err = classify.Classify(err)
		if attempt >= s.MaxAttempts || !s.recover(ctx, err) {
			return nil, err
		}
	}
}

// recover repairs what a retry can fix and reports whether to retry.
func (s *Service) recover(ctx context.Context, err error) bool {
	var ce *cos403.Error
	if !errors.As(err, &ce) {
		return false
	}
	switch {
	case errors.Is(err, cos403.ErrTempCredentialExpired),
		// A temporary key that STS revoked, or one presented after its
		// expiry, is an unknown SecretId to COS.
		errors.Is(err, cos403.ErrInvalidAccessKeyID) && ce.TempCredential:
		old := s.signer.current()
		cred, ierr := s.issuer.Issue(ctx)
		if ierr != nil {
			s.logf("%s: cannot refresh the temporary key: %v", ce.Cause, ierr)
			return false
		}
		s.signer.set(cred)
		s.logf("%s (request id %s): replaced %s with %s", ce.Cause, ce.RequestID, old, cred)
		return true

	case errors.Is(err, cos403.ErrRequestTimeTooSkewed), errors.Is(err, cos403.ErrRequestExpired):
		if ce.ServerTime.IsZero() || ce.LocalTime.IsZero() {
			return false
		}
		// COS's clock has one-second resolution; so does the correction.
		off := ce.ServerTime.Sub(ce.LocalTime.Truncate(time.Second))
		s.signer.offset.Store(int64(off))
		s.logf("%s (request id %s): COS clock reads %s, %s from ours; signing with that offset from now on",
			ce.Cause, ce.RequestID, ce.ServerTime.UTC().Format(time.RFC3339), signed(off))
		return true
	}
	return false
}

// fail answers the caller for a refusal the service could not repair.
func (s *Service) fail(ctx context.Context, w http.ResponseWriter, key string, err error) {
	var ce *cos403.Error
	if !errors.As(err, &ce) {
		// No reply at all: a network failure or a timeout.
		s.logf("GET %s: %v", key, err)
		http.Error(w, "upstream storage unreachable", http.StatusBadGateway)
		return
	}
	status := StatusFor(err)
	switch {
	case errors.Is(err, cos403.ErrArchivedObject):
		wait := s.restore(ctx, key, ce.StorageClass)
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		s.logf("%s (%s): answering 503, retry after %s", ce.Cause, ce.StorageClass, wait)
	default:
		s.logf("%s (%d %s, request id %s): answering %d", ce.Cause, ce.StatusCode, orDash(ce.Code), orDash(ce.RequestID), status)
	}
	http.Error(w, fmt.Sprintf("%s: %s", http.StatusText(status), ce.Cause), status)
}

// StatusFor maps a classified refusal to the status the service's caller
// gets. Causes the service repairs itself map to 502 here: they only reach
// this point when the repair failed.
func StatusFor(err error) int {
	switch {
	case errors.Is(err, cos403.ErrArchivedObject):
		return http.StatusServiceUnavailable
	case errors.Is(err, cos403.ErrPermissionDenied),
		errors.Is(err, cos403.ErrAnonymousDenied),
		errors.Is(err, cos403.ErrRefererDenied):
		// The caller asked for something it may not have.
		return http.StatusForbidden
	}
	var ce *cos403.Error
	if errors.As(err, &ce) && ce.Cause == cos403.CauseUnknown && ce.StatusCode == http.StatusNotFound {
		return http.StatusNotFound
	}
	// not_from_cos, unknown, and the service's own credential, clock and
	// signature trouble: the fault is upstream of the caller.
	return http.StatusBadGateway
}

// restore starts a POST Object restore with the fastest tier the storage
// class offers (D-RESTORE) and returns when to come back.
func (s *Service) restore(ctx context.Context, key, storageClass string) time.Duration {
	opts := checks.RestoreOptions(storageClass)
	if len(opts) == 0 {
		return time.Minute
	}
	opt := opts[0]
	wait := comeBack(storageClass, opt.Tier)
	_, err := s.signed.Object.PostRestore(ctx, key, opt.SDKOptions())
	var sdkErr *cos.ErrorResponse
	switch {
	case err == nil:
		s.logf("archived_object: started a restore of %s, tier %s (%s), copy kept %d days", key, opt.Tier, opt.Duration, opt.Days)
	case errors.As(err, &sdkErr) && sdkErr.Code == "RestoreAlreadyInProgress":
		s.logf("archived_object: a restore of %s is already running", key)
	default:
		s.logf("archived_object: restore of %s failed: %v", key, classify.Classify(err))
	}
	return wait
}

// comeBack is the upper end of a restore tier's documented duration
// (D-RESTORE).
func comeBack(storageClass, tier string) time.Duration {
	deep := strings.EqualFold(storageClass, checks.StorageClassDeepArchive)
	switch {
	case tier == checks.TierExpedited:
		return 5 * time.Minute
	case tier == checks.TierStandard && deep:
		return 24 * time.Hour
	case tier == checks.TierStandard:
		return 5 * time.Hour
	case deep:
		return 48 * time.Hour
	}
	return 12 * time.Hour
}

func signed(d time.Duration) string {
	if d >= 0 {
		return "+" + d.String()
	}
	return d.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
