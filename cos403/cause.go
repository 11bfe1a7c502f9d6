package cos403

// Cause names why COS (or something in front of it) refused a request. The
// values are stable snake_case identifiers, safe to store, log and compare.
type Cause string

// The causes, in the order the 403 troubleshooting guide walks through them
// (CORS, referer, anonymous, key/time/signature, permissions, archive),
// followed by the causes documented elsewhere in the COS error catalog.
const (
	// CauseCORSRejected: a CORS preflight (OPTIONS) matched no CORS rule.
	// COS answers Code=AccessForbidden, or AccessDenied/AccessForbidden.
	CauseCORSRejected Cause = "cors_rejected"
	// CauseRefererDenied: hotlink protection rejected the Referer header.
	CauseRefererDenied Cause = "referer_denied"
	// CauseAnonymousDenied: an unsigned request reached an object that is not
	// public-read, or an endpoint that always needs a signature.
	CauseAnonymousDenied Cause = "anonymous_denied"
	// CauseInvalidAccessKeyID: the q-ak SecretId does not exist, is disabled,
	// or belongs to an expired temporary key.
	CauseInvalidAccessKeyID Cause = "invalid_access_key_id"
	// CauseRequestTimeTooSkewed: the client clock differs from the server
	// clock by more than 15 minutes.
	CauseRequestTimeTooSkewed Cause = "request_time_too_skewed"
	// CauseRequestExpired: the request arrived after the end of q-sign-time.
	CauseRequestExpired Cause = "request_expired"
	// CauseSignatureMismatch: the server computed a different signature.
	CauseSignatureMismatch Cause = "signature_mismatch"
	// CauseStrictSignature: a strict-signature rule requires a header or
	// parameter that the request carried but did not sign.
	CauseStrictSignature Cause = "strict_signature"
	// CausePermissionDenied: a signed request whose account, sub-account or
	// temporary key has no grant for the action and resource.
	CausePermissionDenied Cause = "permission_denied"
	// CauseTempCredentialExpired: the temporary key's token has expired
	// (400 ExpiredToken).
	CauseTempCredentialExpired Cause = "temp_credential_expired"
	// CauseArchivedObject: the object is ARCHIVE or DEEP_ARCHIVE and has no
	// restored copy (InvalidObjectState).
	CauseArchivedObject Cause = "archived_object"
	// CausePostPolicyRejected: a POST Object form upload failed its policy
	// (expired, or a condition such as q-ak, bucket or key did not match).
	CausePostPolicyRejected Cause = "post_policy_rejected"
	// CausePathStyleForbidden: a path-style URL was used for a bucket created
	// on or after 2024-01-01 (PathStyleDomainForbidden).
	CausePathStyleForbidden Cause = "path_style_forbidden"
	// CauseDownloadForbidden: an APK/IPA download through the default COS
	// domain (DownloadForbidden).
	CauseDownloadForbidden Cause = "download_forbidden"
	// CauseNotBucketOwner: the caller is not the owner of the source or
	// destination bucket (UserNotSourceBucketOwner, UserNotTargetBucketOwner).
	CauseNotBucketOwner Cause = "not_bucket_owner"
	// CauseNoProcessAuthority: the caller may not use image processing
	// (NoProcessAuthority).
	CauseNoProcessAuthority Cause = "no_process_authority"
	// CauseNotFromCOS: the refusal did not come from COS but from a proxy,
	// CDN, gateway or another S3-compatible service in front of it.
	CauseNotFromCOS Cause = "not_from_cos"
	// CauseUnknown: a COS error that matches no documented cause.
	CauseUnknown Cause = "unknown"
)

// causes lists every Cause in documentation order.
var causes = [...]Cause{
	CauseCORSRejected,
	CauseRefererDenied,
	CauseAnonymousDenied,
	CauseInvalidAccessKeyID,
	CauseRequestTimeTooSkewed,
	CauseRequestExpired,
	CauseSignatureMismatch,
	CauseStrictSignature,
	CausePermissionDenied,
	CauseTempCredentialExpired,
	CauseArchivedObject,
	CausePostPolicyRejected,
	CausePathStyleForbidden,
	CauseDownloadForbidden,
	CauseNotBucketOwner,
	CauseNoProcessAuthority,
	CauseNotFromCOS,
	CauseUnknown,
}

// Causes returns every Cause in documentation order. The slice is a copy.
func Causes() []Cause {
	out := make([]Cause, len(causes))
	copy(out, causes[:])
	return out
}

// String returns the stable identifier.
func (c Cause) String() string { return string(c) }

// Valid reports whether c is one of the declared causes.
func (c Cause) Valid() bool { return c.index() >= 0 }

func (c Cause) index() int {
	for i, k := range causes {
		if k == c {
			return i
		}
	}
	return -1
}
