// Package checks explains COS 403 denials by evaluating the configuration
// that decides them: bucket, CAM and temporary-key policies, ACLs, CORS and
// referer rules, the signature's time window, the credentials and the
// archive state of an object. Each check says which rule decided and why.
//
// # Findings
//
// Every check reports a [Finding]: the check's name, a [Status] (pass,
// fail, warn, not applicable), the [cos403.Cause] it confirms (fail) or
// rules out (pass), a one-line summary and [Evidence]. Findings never carry
// a secret, so they can be printed, marshalled to JSON and logged with
// log/slog as they are.
//
// # Local evaluators
//
// The evaluators are pure functions: no context, no I/O, and the time is a
// parameter. They follow the COS documentation and cite it by the source
// keys of the project's error catalog (D-EVAL, D-LANG, D-COND, D-CORS-API,
// D-REF-CON, D-RESTORE, ...):
//
//   - [EvaluatePolicy] and [ParsePolicy] for one bucket policy or CAM /
//     temporary-key policy, and [EvaluateAccess] for the combination COS
//     applies (root account, explicit deny, identity and resource union,
//     temporary-key limits, ACLs).
//   - [EvaluateCORS] for a preflight against the bucket's CORS rules.
//   - [EvaluateReferer] for hotlink protection.
//   - [ParseRestore] for the storage class and restore headers of an
//     archived object, with the restore tiers to use.
//   - [SkewFromDate] and [CheckSignatureTime] for clocks and signature
//     windows.
//   - [CheckCredentials] and [CheckSignature] for the key pair, the
//     Authorization string and the server's FormatString/StringToSign.
//
// The evaluators are safe for concurrent use; a parsed [Policy] is
// immutable.
//
// # Probes
//
// The Check* probes ask COS itself, each with a context and a
// caller-supplied client (*http.Client, nil for a private one with
// [DefaultTimeout], or *cos.Client), and explain the answer with the
// evaluators above when the configuration is readable:
//
//   - [CheckClockSkew]: the local clock against the server's Date or
//     ServerTime, with the offset to sign with;
//   - [CheckCORS] and [CheckCORSWith]: the unsigned preflight, and which
//     part of it the closest CORS rule refused;
//   - [CheckReferer] and [CheckRefererWith]: hotlink protection with and
//     without the Referer, as the seed's curl check does;
//   - [CheckAnonymousAccess]: whether an unsigned request reads the object;
//   - [CheckObjectState]: storage class, restore status and the
//     PostRestore options to use;
//   - [CheckPolicy]: the bucket policy and ACLs read and evaluated with the
//     caller's CAM and temporary-key policies.
//
// Probes honour the context's deadline (and apply DefaultTimeout when it
// has none), read bounded bodies, never modify the caller's client, follow
// no redirect to another host (signed probes follow none at all), never
// send a SecretKey, and are safe for concurrent use. The probes that take a
// *cos.Client (CheckObjectState, CheckPolicy, and the configuration reads
// of CheckCORSWith and CheckRefererWith) read through the SDK, which reads
// response bodies whole; give that client an http.Client whose transport
// bounds what it accepts if the endpoint is not trusted.
//
// # Diagnose
//
// [Diagnose] runs the seed's troubleshooting flow for a [Target] in its
// order (CORS, referer, anonymous access, key / time / signature,
// permissions, archive), reports what does not apply and why, and returns
// a [Report] whose Cause is the first confirmed one: the refusal COS sends
// first, with the problems behind it still listed. [DiagnoseError] starts
// from a failed request's error and runs only the checks that can confirm
// or refute the cause COS gave.
//
// # Precedence
//
// COS's documented precedence, as implemented by [EvaluatePolicy] and
// [EvaluateAccess]: an explicit deny beats any allow (D-EVAL); a deny for
// everyone applies only to unsigned requests (D-EVAL), so a statement for a
// specified user beats one for everyone (D-403); a policy granting
// anonymous access beats a private ACL (D-403); the object ACL beats the
// bucket ACL (D-ANON). The catalog's worked example (a bucket policy
// denying everyone GetObject, and a sub-account with a read-only user
// policy) is allowed when signed and denied when not.
package checks
