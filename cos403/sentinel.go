package cos403

// sentinel is the comparable error behind each Err* variable. A classified
// *Error matches the sentinel of its Cause through (*Error).Is.
type sentinel struct{ cause Cause }

func (s *sentinel) Error() string { return "cos403: " + string(s.cause) }

// Cause returns the cause the sentinel stands for.
func (s *sentinel) Cause() Cause { return s.cause }

// One sentinel per Cause, for errors.Is.
var (
	ErrCORSRejected          error = &sentinel{CauseCORSRejected}
	ErrRefererDenied         error = &sentinel{CauseRefererDenied}
	ErrAnonymousDenied       error = &sentinel{CauseAnonymousDenied}
	ErrInvalidAccessKeyID    error = &sentinel{CauseInvalidAccessKeyID}
	ErrRequestTimeTooSkewed  error = &sentinel{CauseRequestTimeTooSkewed}
	ErrRequestExpired        error = &sentinel{CauseRequestExpired}
	ErrSignatureMismatch     error = &sentinel{CauseSignatureMismatch}
	ErrStrictSignature       error = &sentinel{CauseStrictSignature}
	ErrPermissionDenied      error = &sentinel{CausePermissionDenied}
	ErrTempCredentialExpired error = &sentinel{CauseTempCredentialExpired}
	ErrArchivedObject        error = &sentinel{CauseArchivedObject}
	ErrPostPolicyRejected    error = &sentinel{CausePostPolicyRejected}
	ErrPathStyleForbidden    error = &sentinel{CausePathStyleForbidden}
	ErrDownloadForbidden     error = &sentinel{CauseDownloadForbidden}
	ErrNotBucketOwner        error = &sentinel{CauseNotBucketOwner}
	ErrNoProcessAuthority    error = &sentinel{CauseNoProcessAuthority}
	ErrNotFromCOS            error = &sentinel{CauseNotFromCOS}
	ErrUnknown               error = &sentinel{CauseUnknown}
)

// Err returns the sentinel for c, or nil when c is not a declared Cause.
func (c Cause) Err() error {
	switch c {
	case CauseCORSRejected:
		return ErrCORSRejected
	case CauseRefererDenied:
		return ErrRefererDenied
	case CauseAnonymousDenied:
		return ErrAnonymousDenied
	case CauseInvalidAccessKeyID:
		return ErrInvalidAccessKeyID
	case CauseRequestTimeTooSkewed:
		return ErrRequestTimeTooSkewed
	case CauseRequestExpired:
		return ErrRequestExpired
	case CauseSignatureMismatch:
		return ErrSignatureMismatch
	case CauseStrictSignature:
		return ErrStrictSignature
	case CausePermissionDenied:
		return ErrPermissionDenied
	case CauseTempCredentialExpired:
		return ErrTempCredentialExpired
	case CauseArchivedObject:
		return ErrArchivedObject
	case CausePostPolicyRejected:
		return ErrPostPolicyRejected
	case CausePathStyleForbidden:
		return ErrPathStyleForbidden
	case CauseDownloadForbidden:
		return ErrDownloadForbidden
	case CauseNotBucketOwner:
		return ErrNotBucketOwner
	case CauseNoProcessAuthority:
		return ErrNoProcessAuthority
	case CauseNotFromCOS:
		return ErrNotFromCOS
	case CauseUnknown:
		return ErrUnknown
	}
	return nil
}
