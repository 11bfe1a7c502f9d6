// Package cos403 is the vocabulary for Tencent Cloud Object Storage (COS)
// refusals: why COS answered 403 (or a related 400), and what to do about it.
//
// # Causes
//
// A [Cause] is a stable snake_case identifier such as "signature_mismatch".
// [Causes] lists them in the order COS's 403 troubleshooting guide walks
// through them: CORS, referer, anonymous access, key / time / signature,
// sub-account and temporary-key permissions, archived objects; followed by
// the causes documented elsewhere in the COS error catalog.
//
// # Errors
//
// Package classify turns SDK errors and HTTP responses into an [*Error]. It
// wraps the original error and matches the sentinel of its cause, so
// application code can write
//
//	if errors.Is(err, cos403.ErrRequestExpired) { ... }
//
// or take the details with [As]. Every field of [Error] is safe to print;
// [Error.Error], %v, %+v, %#v, JSON and log/slog output never contain a
// secret key, a signature, a security token or a presigned query value.
//
// # Remediation
//
// [Cause.Remediation] and [Error.Remediation] return a title, a summary,
// ordered steps and a documentation link in [English], [Japanese] or
// [Chinese]. On an *Error the summary ends with the evidence the refusal
// carried (signature difference, storage class, server clock, request id).
//
// The package does no I/O and imports only the standard library.
package cos403
