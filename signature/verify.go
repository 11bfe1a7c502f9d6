package signature

import (
	"crypto/sha1"
	"crypto/subtle"
	"net/http"
)

// Verify recomputes the signature of req the way COS does and compares it,
// in constant time, with the one the request carries. Everything but the
// SecretKey comes from the request's own signature (see [FromRequest]):
// q-ak, q-key-time, q-sign-time, q-header-list and q-url-param-list, read as
// Options.HeaderList and Options.ParamList describe. Verify works on a
// request built by a client and on one received by a net/http server.
//
// Verify checks the signature only, not whether q-sign-time contains the
// current time; use [Window.Contains] on the parsed SignTime for that.
//
// On success it returns the recomputed [Result]. On a mismatch it returns
// the Result (for [Compare]) and a *[MismatchError] matching
// [ErrSignatureMismatch]. A request without a signature gives
// [ErrNoAuthorization]; a malformed one a *[ParseError].
func Verify(req *http.Request, secretKey string) (*Result, error) {
	return VerifyWith(req, secretKey, Options{})
}

// VerifyWith is [Verify] with opts.Path used as the signed path when it is
// non-empty, so that a server can model what COS saw (for instance '+'
// decoded as a space). The times and lists always come from the request;
// the other fields of opts are ignored.
func VerifyWith(req *http.Request, secretKey string, opts Options) (*Result, error) {
	a, err := FromRequest(req)
	if err != nil {
		return nil, err
	}
	o := Options{
		KeyTime:    a.KeyTime,
		SignTime:   a.SignTime,
		HeaderList: a.HeaderList,
		ParamList:  a.URLParamList,
		Path:       opts.Path,
	}
	res, sig, err := sign(req, Credentials{SecretID: a.SecretID, SecretKey: secretKey}, &o)
	if err != nil {
		return nil, err
	}
	// ParseAuthorization guarantees 40 lower-case hex digits.
	var got [sha1.Size]byte
	for i := range got {
		got[i] = unhex(a.Signature[2*i])<<4 | unhex(a.Signature[2*i+1])
	}
	if subtle.ConstantTimeCompare(sig[:], got[:]) != 1 {
		return res, &MismatchError{
			SecretID: a.SecretID,
			KeyTime:  a.KeyTime,
			Provided: a.Signature,
			Computed: res.Signature,
		}
	}
	return res, nil
}
