package classify

import (
	"strings"

	"github.com/cos403/cos403-go/cos403"
)

// facts is what a rule may look at: the decoded status, Code and Message,
// whether the request was signed, and what the response looked like.
type facts struct {
	status  int
	code    string // trimmed <Code>, or x-cos-error-code for bodiless replies
	message string // trimmed <Message> after entity decoding
	method  string
	signed  bool
	body    bodyKind
	// fromCOS is false when the reply carried headers but neither
	// x-cos-request-id nor Server: tencent-cos. cosHeaders is true when it
	// carried one of them.
	fromCOS      bool
	cosHeaders   bool
	storageClass string
}

// rule is one row of the classification table.
type rule struct {
	cause cos403.Cause
	// evidence cites the document or capture the row rests on; it is the
	// name of the golden case under testdata/responses that exercises it.
	evidence string
	match    func(f facts) bool
}

// accessDeniedAs matches the two shapes COS uses for one cause: the distinct
// Code with a sentence Message (real captures), and Code=AccessDenied with
// the cause name as Message (the 403 troubleshooting guide). cos-errors.md
// §1.1 recommends accepting both.
func accessDeniedAs(name string) func(f facts) bool {
	return func(f facts) bool {
		return f.code == name || f.code == "AccessDenied" && f.message == name
	}
}

func deniedWith(msgs ...string) func(f facts) bool {
	return func(f facts) bool {
		if f.code != "AccessDenied" {
			return false
		}
		for _, m := range msgs {
			if f.message == m {
				return true
			}
		}
		return false
	}
}

func codeIn(codes ...string) func(f facts) bool {
	return func(f facts) bool {
		for _, c := range codes {
			if f.code == c {
				return true
			}
		}
		return false
	}
}

// rules is the classification table, evaluated top to bottom; the first row
// that matches decides. It follows cos-errors.md §9, with the evidence for
// every row in §1 and §2. String matching on COS messages happens here only.
var rules = [...]rule{
	// A web page without COS headers, or a reply with headers but no trace of COS (no
	// x-cos-request-id, no Server: tencent-cos), came from a proxy, CDN or
	// gateway in front of COS, or from another S3-compatible service (MinIO
	// also answers "Access Denied.", §1.3).
	{cos403.CauseNotFromCOS, "proxy_html", func(f facts) bool {
		// An HTML page with COS's headers is COS's own (a static-website
		// error document), not an intermediary's.
		return !f.fromCOS || f.body == bodyHTML && !f.cosHeaders
	}},
	// §1.2 AccessForbidden; OPTIONS Object Example 4 (fixture A); the D-403
	// doc shape Code=AccessDenied Message=AccessForbidden (fixture G).
	{cos403.CauseCORSRejected, "cors_preflight", func(f facts) bool {
		return accessDeniedAs("AccessForbidden")(f) || strings.HasPrefix(f.message, "CORSResponse:")
	}},
	// §1.3, D-403 and D-REF-FAQ.
	{cos403.CauseRefererDenied, "referer_denied", deniedWith("You are denied by bucket referer rule")},
	// §1.3, D-STRICT (fixture I).
	{cos403.CauseStrictSignature, "strict_header", deniedWith(
		"Strict signature missing header that must be signed",
		"Strict signature missing param that must be signed")},
	// §1.3, D-JAVAQS (fixture E): an unsigned request to an endpoint that
	// always needs a signature. The Chinese copy misspells "signture".
	{cos403.CauseAnonymousDenied, "signature_empty", deniedWith(
		"Check auth failure because signature empty.",
		"Check auth failure because signture empty.")},
	// §1.1: real responses carry Code=AccessDenied, Message=Request has
	// expired; the JS and Node SDKs test exactly that pair.
	{cos403.CauseRequestExpired, "request_expired", func(f facts) bool {
		return deniedWith("Request has expired", "Request has expired.")(f) || f.code == "Request has expired"
	}},
	// §1.3, D-POSTEXC (fixture H): POST Object policy expired or a
	// condition did not match; InvalidPolicyDocument (400, §1.4).
	{cos403.CausePostPolicyRejected, "post_policy_expired", func(f facts) bool {
		if f.code == "InvalidPolicyDocument" {
			return true
		}
		return f.code == "AccessDenied" && (strings.HasPrefix(f.message, "You post object request has been expired") ||
			strings.HasPrefix(f.message, "Condition key ") && strings.Contains(f.message, "match the value"))
	}},
	// §1.2 and §4: more than 15 minutes between the client and server clocks.
	{cos403.CauseRequestTimeTooSkewed, "time_skewed", accessDeniedAs("RequestTimeTooSkewed")},
	// §1.2; InvaildAccessKeyId is the 2019 table's spelling (D-ERR-2019).
	{cos403.CauseInvalidAccessKeyID, "invalid_access_key", func(f facts) bool {
		return accessDeniedAs("InvalidAccessKeyId")(f) || f.code == "InvaildAccessKeyId"
	}},
	// §1.4: 400 ExpiredToken, "The temporary key token has expired" (403
	// "Signature string expired" in the 2019 table).
	{cos403.CauseTempCredentialExpired, "expired_token", codeIn("ExpiredToken")},
	// §1.2 and §2.2 (fixtures C, F); InvalidSecurity "Signature string is
	// invalid" is the 2019 table's name for the same failure.
	{cos403.CauseSignatureMismatch, "signature_mismatch", func(f facts) bool {
		return accessDeniedAs("SignatureDoesNotMatch")(f) || f.code == "InvalidSecurity"
	}},
	// §1.2 and §6 (fixture B): 403 InvalidObjectState with
	// x-cos-storage-class. The 409 InvalidObjectState is a different
	// conflict and is left to the unknown row.
	{cos403.CauseArchivedObject, "archived_get", func(f facts) bool {
		if f.status == 409 {
			return false
		}
		return accessDeniedAs("InvalidObjectState")(f) ||
			f.code == "" && f.status == 403 && isArchiveClass(f.storageClass) && f.method != "HEAD"
	}},
	// §1.2, seen live (BucketCat e2e tests): buckets created on or after
	// 2024-01-01 refuse path-style addressing.
	{cos403.CausePathStyleForbidden, "path_style", codeIn("PathStyleDomainForbidden")},
	// §1.2, seen live: APK/IPA over the default domain.
	{cos403.CauseDownloadForbidden, "download_forbidden", codeIn("DownloadForbidden")},
	// §1.2, D-ERR.
	{cos403.CauseNotBucketOwner, "not_owner", codeIn("UserNotSourceBucketOwner", "UserNotTargetBucketOwner")},
	// §1.2, D-ERR.
	{cos403.CauseNoProcessAuthority, "no_process_authority", codeIn("NoProcessAuthority")},
	// §1.3, D-403 step 3: "Access Denied." on an unsigned request.
	{cos403.CauseAnonymousDenied, "anonymous", func(f facts) bool {
		return deniedWith("Access Denied.", "Access Denied")(f) && !f.signed
	}},
	// §1.3, D-403 step 5: "Access Denied." on a signed request: the
	// account, sub-account or temporary key lacks the grant.
	// AccountProblem is the 2019 table's account-level denial.
	{cos403.CausePermissionDenied, "permission", func(f facts) bool {
		return deniedWith("Access Denied.", "Access Denied")(f) && f.signed || f.code == "AccountProblem"
	}},
	// HEAD replies have no body (§2.3): a bare 403 to an unsigned HEAD is
	// the seed's step 3, an anonymous request to a private object.
	{cos403.CauseAnonymousDenied, "head_anonymous", func(f facts) bool {
		return f.code == "" && f.status == 403 && f.method == "HEAD" && !f.signed
	}},
}

func isArchiveClass(s string) bool {
	return strings.EqualFold(s, "ARCHIVE") || strings.EqualFold(s, "DEEP_ARCHIVE")
}

// decide runs the table. It returns the cause and the row's evidence name.
func decide(f *facts) (cos403.Cause, string) {
	for i := range rules {
		if rules[i].match(*f) {
			return rules[i].cause, rules[i].evidence
		}
	}
	return cos403.CauseUnknown, "unknown"
}
