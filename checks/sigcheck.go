package checks

import (
	"errors"
	"net/http"
	"strings"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/signature"
)

// CheckSignature recomputes the signature of req with secretKey (through
// [signature.Verify]) and, when COS's <FormatString> and <StringToSign> from
// a SignatureDoesNotMatch body are given (either may be empty), names the
// first element COS saw differently (through [signature.Compare]). The
// result is a "signature" [Finding]:
//
//   - not applicable when req carries no signature (COS then treats it as
//     anonymous, seed step 3);
//   - fail with [cos403.CauseSignatureMismatch] when the signature cannot be
//     read, when it does not match the recomputation (the SecretKey is not
//     the one that signed, or the request changed after signing), or when
//     COS's strings differ from the local ones or match them all (then the
//     SecretKey COS holds for q-ak is not secretKey);
//   - pass when the signature matches and no server strings contradict it.
//
// The finding carries the stage, element and both values of the
// difference, with tokens and signatures redacted, and never the SecretKey.
func CheckSignature(req *http.Request, secretKey, serverFormatString, serverStringToSign string) (f Finding) {
	// f is named so that the deferred scrubs below reach the returned value.
	f = Finding{Check: "signature", Cause: cos403.CauseSignatureMismatch}
	if req == nil {
		f.Status, f.Cause, f.Summary = StatusNotApplicable, "", "no request to check"
		return f
	}
	res, err := signature.Verify(req, secretKey)
	serverGiven := strings.TrimSpace(serverFormatString) != "" || strings.TrimSpace(serverStringToSign) != ""
	var mismatch *signature.MismatchError
	switch {
	case errors.Is(err, signature.ErrNoAuthorization):
		f.Status, f.Cause = StatusNotApplicable, ""
		f.Summary = "the request carries no signature, so COS treats it as anonymous (seed step 3)"
		return f
	case err != nil && !errors.As(err, &mismatch):
		f.Status = StatusFail
		f.Summary = "the signature cannot be read: " + authErrText(err)
		return f
	}
	if auth, aerr := signature.FromRequest(req); aerr == nil {
		f.Evidence = append(f.Evidence,
			ev("q_ak", MaskSecretID(auth.SecretID)),
			ev("q_key_time", auth.KeyTime.String()),
			ev("q_header_list", strings.Join(auth.HeaderList, ";")),
			ev("q_url_param_list", strings.Join(auth.URLParamList, ";")),
			ev("form", string(auth.Form)),
		)
		defer scrub(&f, auth.Signature)
	}
	tok, _ := signature.SecurityToken(req)
	defer scrub(&f, secretKey, tok)
	if res != nil {
		f.Evidence = append(f.Evidence,
			ev("format_string", redactedFormatString(res.FormatString)),
			ev("string_to_sign", res.StringToSign),
		)
	}
	verified := mismatch == nil
	f.Evidence = append(f.Evidence, ev("recomputed_matches", boolText(verified)))

	if serverGiven {
		d := signature.Compare(res, serverFormatString, serverStringToSign)
		stage := stageText(d.Stage)
		if d.Equal() {
			// Every string COS sent matches: the keys differ. Named as
			// classify names it, so both reports agree.
			stage = classify.StageSecretKey
		}
		f.Evidence = append(f.Evidence, ev("stage", stage))
		if d.Element != "" {
			f.Evidence = append(f.Evidence, ev("element", d.Element))
		}
		if d.Client != "" || d.Server != "" {
			f.Evidence = append(f.Evidence, ev("client", d.Client), ev("server", d.Server))
		}
		f.Status = StatusFail
		switch {
		case d.Stage == signature.StageMalformed:
			f.Summary = "cannot compare with COS: " + oneLine(d.Explanation)
			if verified {
				f.Status = StatusWarn
			}
		case !d.Equal():
			f.Summary = "COS signed something different at " + string(d.Stage) + ": " + oneLine(d.Explanation)
		case verified:
			f.Summary = "the request's signature matches its recomputation with this SecretKey and COS's strings match too, so COS holds a different SecretKey for q-ak: " + oneLine(d.Explanation)
		default:
			f.Summary = "COS's strings match the request, but the request's signature does not match this SecretKey: the request was signed with another SecretKey (D-SIGN step 2)"
		}
		return f
	}
	if verified {
		f.Status = StatusPass
		f.Summary = "the signature matches its recomputation from the request with this SecretKey"
		return f
	}
	f.Status = StatusFail
	f.Summary = "the signature does not match its recomputation with this SecretKey: either the SecretKey is not the one that signed, or a signed header, parameter or the path changed after signing; pass COS's <FormatString> and <StringToSign> to find which"
	return f
}

// redactedFormatString hides token and signature values in the parameter
// and header lines of an HttpString.
func redactedFormatString(fs string) string {
	lines := strings.Split(fs, "\n")
	for i := 2; i < len(lines) && i < 4; i++ {
		lines[i] = signature.Redact(lines[i])
	}
	return strings.Join(lines, "\n")
}

func stageText(s signature.Stage) string {
	if s == signature.StageNone {
		return "none"
	}
	return string(s)
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
