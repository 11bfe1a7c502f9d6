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
