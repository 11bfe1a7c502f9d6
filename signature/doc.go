// Package signature implements the Tencent Cloud COS request signature
// (q-sign-algorithm=sha1, the COS "Request Signature" document, D-SIGN):
// it signs, parses, verifies, compares and presigns, with the standard
// library only.
//
// # Signing
//
// [Sign] computes the signature of an *http.Request and returns a [Result]
// with every intermediate value named after the document's steps: KeyTime,
// SignKey, HeaderList, URLParamList, HTTPParameters, HTTPHeaders,
// FormatString (HttpString), StringToSign, Signature and Authorization. It
// never modifies the request; [SignRequest] returns a signed copy to send.
// With the zero [Options] the Authorization is byte for byte what
// cos-go-sdk-v5 v0.7.70 adds to the same request; Options can fix the key
// and sign times, and sign exactly a given header and parameter list, as a
// server re-verifying someone else's request does.
//
// # Parsing and verifying
//
// [ParseAuthorization] reads the Authorization string and
// [Authorization.String] writes it back. [FromRequest] finds a signature in
// the Authorization header, in q-* query parameters (a presigned URL) or in
// a sign= parameter. [Verify] recomputes a request's signature the way COS
// does, from the request's own q-key-time, q-header-list and
// q-url-param-list, and compares it in constant time; it works on requests
// built by a client and on requests received by a net/http server.
//
// # Comparing with COS
//
// When COS answers SignatureDoesNotMatch, its error body carries the
// <FormatString> and <StringToSign> it computed. [Compare] sets them against
// a local [Result] and returns a [Diff] naming the first stage that differs
// (method, path, parameters, headers, key time) and the element inside it,
// with an explanation: a '+' in the key read as a space, a Content-Type
// that gained "; charset=utf-8" after signing, a header present on one side
// only, or, when everything matches, a wrong SecretKey.
//
// # Presigned URLs
//
// [Presign] produces the query-string form of cos-go-sdk-v5's
// GetPresignedURL2, with a temporary key's token as x-cos-security-token.
//
// # Secrets
//
// A SecretKey, a SignKey, a valid signature and a security token are
// credentials. Every type here prints (String, GoString, fmt verbs, JSON,
// slog) a redacted form: [Credentials] shows only whether the key and token
// are set; [Result], [Authorization] and [MismatchError] replace signatures
// and tokens with "REDACTED"; error strings never quote them. The fields
// themselves hold the real values for programs that need them. [Redact]
// redacts a "name=value&..." string such as a query or an Authorization.
//
// # Where this differs from cos-go-sdk-v5
//
// The default signed-header set is a sorted table, not a mutable global map.
// An unknown q-sign-algorithm is an error, not a silent sha1. Input the SDK
// would sign silently wrongly (an empty SecretID, a window that ends before
// it starts, more than 10000 query parameters) is an error. Host comes from
// req.Host, else req.URL.Host (the SDK reads req.Host only), and an empty
// req.Method is signed as GET, as net/http sends it (the SDK signs an empty
// method). For every request http.NewRequest builds, the Authorization is
// the SDK's byte for byte; the tests check this on 300 SDK vectors and with
// a differential fuzz target.
//
// COS behaviour this package models but the documentation does not state:
// that the server hashes an empty value for a header listed in
// q-header-list but absent from the request, and that a '+' in the path may
// reach the FormatString as a space (one captured failure). A server model
// can express the latter with [Options].Path.
//
// COS's q-sign-algorithm is SHA-1; a program run with GODEBUG=fips140=only
// cannot use this package, as crypto/sha1 refuses to run in that mode.
//
// # Concurrency
//
// All functions are safe for concurrent use; the package has no mutable
// state.
package signature
