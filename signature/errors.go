package signature

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
)

// Sentinels for [errors.Is]. Every error this package returns matches one of
// them.
var (
	// ErrNoAuthorization: the request carries no signature at all: no
	// Authorization header, no q-* query parameters and no sign= parameter.
	// COS answers such a request as anonymous.
	ErrNoAuthorization = errors.New("signature: no authorization in request")
	// ErrUnknownAlgorithm: q-sign-algorithm is not "sha1", the only value
	// COS documents (D-SIGN). There is no fallback.
	ErrUnknownAlgorithm = errors.New("signature: unknown q-sign-algorithm")
	// ErrMalformed: an Authorization, window or FormatString could not be
	// parsed.
	ErrMalformed = errors.New("signature: malformed input")
	// ErrInvalidInput: the arguments cannot produce a signature (nil request,
	// empty SecretID, a window ending before it starts, an unusable URL).
	ErrInvalidInput = errors.New("signature: invalid input")
	// ErrSignatureMismatch: the recomputed signature differs from the one the
	// request carries.
	ErrSignatureMismatch = errors.New("signature: signature mismatch")
)

// A ParseError names the field of the input that could not be used and why.
// It never quotes a signature, key or token: Reason describes the problem
// without repeating the value. Err is one of the sentinels above
// ([ErrMalformed], [ErrUnknownAlgorithm], [ErrInvalidInput]) and is what
// [errors.Is] matches.
type ParseError struct {
	Field  string // e.g. "q-ak", "q-key-time", "cred.SecretID"
	Reason string // e.g. "missing", "repeated", "end before start"
	Err    error
}

// Error returns "signature: <field>: <reason>".
func (e *ParseError) Error() string {
	return "signature: " + e.Field + ": " + e.Reason
}

// Unwrap returns the sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

// A MismatchError reports that a request's q-signature differs from the
// signature recomputed from the request with the given SecretKey. Both
// signatures are kept for programs that need them, but Error, fmt verbs, JSON
// and slog never print them: a valid signature is a credential until its
// q-sign-time ends.
type MismatchError struct {
	SecretID string // q-ak of the request
	KeyTime  Window // q-key-time of the request
	Provided string // q-signature carried by the request; secret
	Computed string // signature recomputed from the request; secret
}

// Error describes the mismatch without either signature.
func (e MismatchError) Error() string {
	return "signature: q-signature does not match the signature recomputed from the request (key time " +
		e.KeyTime.String() + ")"
}

// Is reports whether target is [ErrSignatureMismatch].
func (e MismatchError) Is(target error) bool { return target == ErrSignatureMismatch }

type mismatchView struct {
	SecretID string
	KeyTime  string
	Provided string
	Computed string
}

func (e MismatchError) view() mismatchView {
	return mismatchView{SecretID: e.SecretID, KeyTime: e.KeyTime.String(), Provided: redacted, Computed: redacted}
}

// GoString prints the fields with both signatures redacted. The methods have
// value receivers so that a MismatchError value prints redacted too.
func (e MismatchError) GoString() string {
	return fmt.Sprintf("signature.MismatchError%+v", e.view())
}

// Format prints Error() for %v and %s, and the redacted fields for %+v and
// %#v.
func (e MismatchError) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = fmt.Fprint(f, e.GoString())
	case verb == 'v' && f.Flag('+'):
		_, _ = fmt.Fprintf(f, "%s %+v", e.Error(), e.view())
	default:
		_, _ = fmt.Fprint(f, e.Error())
	}
}

// MarshalJSON writes the fields with both signatures redacted.
func (e MismatchError) MarshalJSON() ([]byte, error) { return json.Marshal(e.view()) }

// LogValue logs the fields with both signatures redacted.
func (e MismatchError) LogValue() slog.Value {
	v := e.view()
	return slog.GroupValue(
		slog.String("error", e.Error()),
		slog.String("secret_id", v.SecretID),
		slog.String("key_time", v.KeyTime),
		slog.String("provided", v.Provided),
		slog.String("computed", v.Computed),
	)
}

var (
	_ error          = (*ParseError)(nil)
	_ error          = (*MismatchError)(nil)
	_ fmt.Formatter  = (*MismatchError)(nil)
	_ json.Marshaler = (*MismatchError)(nil)
	_ slog.LogValuer = (*MismatchError)(nil)
)
