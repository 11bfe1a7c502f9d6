package checks

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// secretIDPrefix starts every Tencent Cloud SecretId, permanent or
// temporary (D-SIGN vectors; STS responses).
const secretIDPrefix = "AKID"

// permanentIDLen is the length of a permanent SecretId: "AKID" and 32
// characters (D-SIGN vector 1). Temporary SecretIds issued by STS are
// longer and may contain '_' and '-' [INFERRED from STS responses; not
// documented].
const permanentIDLen = 36

// tokenName is the header and query parameter carrying a temporary key's
// session token (D-SIGN, D-REQ).
const tokenName = "x-cos-security-token"

// CheckCredentials looks for the credential mistakes behind
// InvalidAccessKeyId and SignatureDoesNotMatch that can be seen without
// asking COS (seed step 4.1, Access Denied steps 9-10). It returns one
// Finding per aspect, in this order:
//
//   - "credentials.secret_id": empty, surrounded by whitespace (the Go SDK
//     refuses a leading or trailing space with the bare message "SecretID
//     is invalid" and signs other whitespace such as a trailing newline as
//     is), a wrong-case "akid" prefix, or not shaped like a SecretId;
//   - "credentials.secret_key": empty or whitespace-padded, or looking like a
//     SecretId (the pair swapped);
//   - "credentials.security_token": a temporary SecretId without its token,
//     or a whitespace-padded token;
//   - "credentials.q_ak": when authorization is given, whether its q-ak is
//     the SecretId, differs only in case (SecretIds are case-sensitive,
//     seed) or is another key;
//   - "credentials.token_signed": when authorization is given, whether a
//     token is covered by q-header-list or q-url-param-list.
//
// authorization is an Authorization header value or a presigned URL (or
// just its query); it may be empty. No Finding carries the SecretKey, the
// token or the signature; SecretIds appear masked.
func CheckCredentials(cred signature.Credentials, authorization string) []Finding {
	fs := []Finding{
		checkSecretID(cred),
		checkSecretKey(cred),
		checkToken(cred),
	}
	auth, authErr := parseAuthInput(authorization)
	fs = append(fs, checkQAK(cred, auth, authErr, authorization == ""))
	fs = append(fs, checkTokenSigned(cred, auth, authErr, authorization == ""))
	for i := range fs {
		scrub(&fs[i], cred.SecretKey, cred.SessionToken)
		if auth != nil {
			scrub(&fs[i], auth.Signature)
		}
	}
	return fs
}

func checkSecretID(cred signature.Credentials) Finding {
	id := cred.SecretID
	f := Finding{Check: "credentials.secret_id", Cause: cos403.CauseInvalidAccessKeyID}
	f.Evidence = append(f.Evidence, ev("secret_id", MaskSecretID(id)), ev("length", strconv.Itoa(len(id))))
	trimmed := strings.TrimSpace(id)
	switch {
	case id == "":
		f.Status, f.Summary = StatusFail, "SecretId is empty"
	case trimmed != id:
		f.Status = StatusFail
		f.Summary = "SecretId has " + describeSpace(id) + "; cos-go-sdk-v5 refuses a leading or trailing space with \"SecretID is invalid\" and sends other whitespace in q-ak, which COS then does not recognise"
	case hasSpaceOrControl(id):
		f.Status, f.Summary = StatusFail, "SecretId contains whitespace or control characters"
	case !strings.HasPrefix(id, secretIDPrefix) && strings.HasPrefix(cred.SecretKey, secretIDPrefix):
		f.Status, f.Summary = StatusFail, "SecretId and SecretKey look swapped: the SecretKey starts with AKID, the SecretId does not"
	case !strings.HasPrefix(id, secretIDPrefix) && strings.EqualFold(id[:min(4, len(id))], secretIDPrefix):
		f.Status, f.Summary = StatusFail, "SecretId starts with "+strconv.Quote(id[:4])+" instead of AKID; SecretIds are case-sensitive (seed, InvalidAccessKeyId step 1)"
	case !strings.HasPrefix(id, secretIDPrefix):
		f.Status, f.Summary = StatusWarn, "SecretId does not start with AKID, as Tencent Cloud SecretIds do; check it was copied from API key management (seed, InvalidAccessKeyId step 2)"
	case !idCharset(id):
		f.Status, f.Summary = StatusWarn, "SecretId contains characters SecretIds do not use (only letters, digits, '_' and '-')"
	case len(id) < permanentIDLen:
		f.Status, f.Summary = StatusWarn, "SecretId is "+strconv.Itoa(len(id))+" characters, shorter than the 36 of a permanent SecretId; it may be truncated"
	default:
		f.Status = StatusPass
		f.Summary = "SecretId is well-formed; whether it exists and is enabled only CAM can tell (seed, InvalidAccessKeyId step 2)"
	}
	return f
}

func checkSecretKey(cred signature.Credentials) Finding {
	key := cred.SecretKey
	f := Finding{Check: "credentials.secret_key", Cause: cos403.CauseSignatureMismatch}
	f.Evidence = append(f.Evidence, ev("length", strconv.Itoa(len(key))))
	switch {
	case key == "":
		f.Status, f.Summary = StatusFail, "SecretKey is empty"
	case strings.TrimSpace(key) != key:
		f.Status = StatusFail
		f.Summary = "SecretKey has " + describeSpace(key) + "; cos-go-sdk-v5 refuses a leading or trailing space with \"SecretKey is invalid\" and signs with other whitespace included, giving SignatureDoesNotMatch"
	case hasSpaceOrControl(key):
		f.Status, f.Summary = StatusFail, "SecretKey contains whitespace or control characters"
	case strings.HasPrefix(key, secretIDPrefix) && !strings.HasPrefix(cred.SecretID, secretIDPrefix):
		f.Status, f.Summary = StatusFail, "SecretKey starts with AKID like a SecretId: the SecretId and SecretKey look swapped"
	default:
		f.Status, f.Summary = StatusPass, "SecretKey is set and has no stray whitespace; only a signature comparison can tell whether it is the right one"
	}
	return f
}

func checkToken(cred signature.Credentials) Finding {
	tok := cred.SessionToken
	f := Finding{Check: "credentials.security_token", Cause: cos403.CauseInvalidAccessKeyID}
	temporary := looksTemporary(cred.SecretID)
	kind := "permanent"
	if temporary {
		kind = "temporary"
	}
	f.Evidence = append(f.Evidence, ev("secret_id_kind", kind), ev("token_set", strconv.FormatBool(tok != "")))
	switch {
	case tok == "" && temporary:
		f.Status = StatusWarn
		f.Summary = "SecretId looks like a temporary key (longer than 36 characters) but no session token is set; a temporary key must send x-cos-security-token (D-SIGN, D-REQ)"
	case tok == "":
		f.Status, f.Summary = StatusNotApplicable, "no session token: a permanent key needs none"
		f.Cause = ""
	case strings.TrimSpace(tok) != tok || hasSpaceOrControl(tok):
		f.Status, f.Summary = StatusFail, "session token has "+describeSpace(tok)+"; COS compares it byte for byte"
	case !temporary && strings.HasPrefix(cred.SecretID, secretIDPrefix) && len(cred.SecretID) == permanentIDLen:
		f.Status = StatusWarn
		f.Summary = "a session token is set with what looks like a permanent SecretId; the token belongs to the temporary SecretId and SecretKey of the same STS response"
	default:
		f.Status, f.Summary = StatusPass, "temporary key with a session token; an expired one gives ExpiredToken or InvalidAccessKeyId (catalog 1.4)"
	}
	return f
}

func checkQAK(cred signature.Credentials, auth *signature.Authorization, authErr error, none bool) Finding {
	f := Finding{Check: "credentials.q_ak", Cause: cos403.CauseInvalidAccessKeyID}
	if none {
		f.Status, f.Cause, f.Summary = StatusNotApplicable, "", "no Authorization given to compare q-ak with"
		return f
	}
	if authErr != nil {
		f.Status, f.Cause = StatusFail, cos403.CauseSignatureMismatch
		f.Summary = "the Authorization cannot be read: " + authErrText(authErr)
		return f
	}
	qak := auth.SecretID
	f.Evidence = append(f.Evidence, ev("q_ak", MaskSecretID(qak)), ev("secret_id", MaskSecretID(cred.SecretID)))
	switch {
	case qak == cred.SecretID:
		f.Status, f.Summary = StatusPass, "q-ak is the SecretId"
	case strings.EqualFold(qak, cred.SecretID):
		i := firstDiffFold(qak, cred.SecretID)
		f.Status = StatusFail
		f.Summary = "q-ak differs from the SecretId only in letter case (first at character " + strconv.Itoa(i+1) +
			"); SecretIds are case-sensitive, so COS answers InvalidAccessKeyId (seed, InvalidAccessKeyId step 1)"
		f.Evidence = append(f.Evidence, ev("first_difference", strconv.Itoa(i+1)))
	case strings.TrimSpace(qak) == strings.TrimSpace(cred.SecretID):
		f.Status, f.Summary = StatusFail, "q-ak and the SecretId differ only in surrounding whitespace"
	default:
		f.Status = StatusFail
		f.Summary = "q-ak is a different SecretId from the one given: the request was signed with another key; check it belongs to the account that owns the bucket (seed, Access Denied step 9)"
	}
	return f
}

func checkTokenSigned(cred signature.Credentials, auth *signature.Authorization, authErr error, none bool) Finding {
	f := Finding{Check: "credentials.token_signed", Cause: cos403.CauseStrictSignature}
	if none || authErr != nil {
		f.Status, f.Cause, f.Summary = StatusNotApplicable, "", "no readable Authorization to check the token against"
		return f
	}
	inHeaders := containsFold(auth.HeaderList, tokenName)
	inParams := containsFold(auth.URLParamList, tokenName)
	f.Evidence = append(f.Evidence,
		ev("q_header_list", strings.Join(auth.HeaderList, ";")),
		ev("q_url_param_list", strings.Join(auth.URLParamList, ";")),
	)
	switch {
	case cred.SessionToken == "" && (inHeaders || inParams):
		f.Status, f.Cause = StatusWarn, cos403.CauseInvalidAccessKeyID
		f.Summary = "the signature covers x-cos-security-token but no session token was given: the request was signed with a temporary key"
	case cred.SessionToken == "":
		f.Status, f.Cause, f.Summary = StatusNotApplicable, "", "no session token"
	case inHeaders || inParams:
		f.Status, f.Summary = StatusPass, "x-cos-security-token is signed"
	default:
		f.Status = StatusWarn
		f.Summary = "the session token is not in q-header-list or q-url-param-list; cos-go-sdk-v5 signs it (as a header, or as a parameter of a presigned URL), and a strict-signature rule refuses unsigned x-cos-* headers and parameters (D-STRICT)"
	}
	return f
}

// parseAuthInput reads an Authorization header value, a presigned URL or a
// bare query string.
func parseAuthInput(s string) (*signature.Authorization, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if strings.HasPrefix(s, "q-sign-algorithm=") && !strings.Contains(s, "%") {
		return signature.ParseAuthorization(s)
	}
	raw := s
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[i+1:]
	}
	req := &http.Request{Header: http.Header{}, URL: &url.URL{RawQuery: raw}}
	if a, err := signature.FromRequest(req); err == nil || !errors.Is(err, signature.ErrNoAuthorization) {
		return a, err
	}
	return signature.ParseAuthorization(s)
}

// authErrText returns the signature package's error text, which names the
// field and never the value (its ParseError contract).
func authErrText(err error) string {
	var pe *signature.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	switch {
	case errors.Is(err, signature.ErrNoAuthorization):
		return "no q-sign-algorithm, q-ak, ... fields found"
	case errors.Is(err, signature.ErrUnknownAlgorithm):
		return "q-sign-algorithm is not sha1"
	}
	return "malformed"
}

// MaskSecretID returns a SecretId shortened for display: its first four and
// last four characters ("AKID…9U5q"), or "****" when it is too short to
// mask or does not start with AKID. A SecretId is an identifier rather than
// a secret, but it is masked anyway so that findings can be shared; a value
// without the AKID prefix may be a SecretKey pasted in the wrong place, so
// none of it is shown.
func MaskSecretID(id string) string {
	if id == "" {
		return ""
	}
	if !utf8.ValidString(id) || utf8.RuneCountInString(id) < 12 || !strings.EqualFold(id[:4], secretIDPrefix) {
		return "****"
	}
	r := []rune(id)
	return visible(string(r[:4])) + "…" + visible(string(r[len(r)-4:]))
}

// visible shows whitespace in a masked id, so a trailing newline is seen.
func visible(s string) string {
	q := strconv.Quote(s)
	q = q[1 : len(q)-1]
	return strings.ReplaceAll(q, " ", "␠")
}

func describeSpace(s string) string {
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	trail := len(s) - len(strings.TrimRightFunc(s, unicode.IsSpace))
	var parts []string
	if lead > 0 {
		parts = append(parts, "leading "+spaceName(s[:lead]))
	}
	if trail > 0 && lead < len(s) {
		parts = append(parts, "trailing "+spaceName(s[len(s)-trail:]))
	}
	if len(parts) == 0 {
		return "whitespace or control characters inside"
	}
	return strings.Join(parts, " and ")
}

func spaceName(ws string) string {
	switch {
	case strings.ContainsAny(ws, "\r\n"):
		return "line break"
	case strings.Contains(ws, "\t"):
		return "tab"
	}
	return "space"
}

func hasSpaceOrControl(s string) bool {
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return true
		}
	}
	return false
}

func idCharset(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func looksTemporary(id string) bool {
	return strings.HasPrefix(id, secretIDPrefix) && len(id) > permanentIDLen
}

func firstDiffFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(strings.TrimSpace(x), s) {
			return true
		}
	}
	return false
}

// scrub replaces any secret that reached a finding's text. The checks never
// put one there; this is a last line of defence for text taken from other
// packages.
func scrub(f *Finding, secrets ...string) {
	for _, s := range secrets {
		if len(strings.TrimSpace(s)) < 4 {
			continue
		}
		f.Summary = strings.ReplaceAll(f.Summary, s, "REDACTED")
		for i := range f.Evidence {
			f.Evidence[i].Value = strings.ReplaceAll(f.Evidence[i].Value, s, "REDACTED")
		}
	}
}
