package checks_test

import (
	"net/http"
	"strconv"
	"time"

	"errors"
	"github.com/cos403/cos403-go/signature"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

func hasKana(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana) }) >= 0
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// textEvidence are the evidence values a localized text must quote
// verbatim whenever the finding carries them.
var textEvidence = []string{
	"skew_minutes", "storage_class", "deciding_statement", "expired_by", "starts_in",
	"tier", "closest_rule", "stage", "element", "code", "message",
}

// assertLocalized checks Text in every language for every finding.
func assertLocalized(t *testing.T, fs []checks.Finding) {
	t.Helper()
	require.NotEmpty(t, fs)
	secrets := []string{fxRootCred.SecretKey, fxSubCred.SecretKey, fxReaderCred.SecretKey,
		fxDisabledCred.SecretKey, fxUnknownCred.SecretKey, fxTmpCred.SecretKey, fxTmpCred.SessionToken}
	for _, f := range fs {
		assert.Equal(t, f.Summary, f.Text(cos403.English), "%s: Text(en) is not the summary", f.Check)
		ja, zh := f.Text(cos403.Japanese), f.Text(cos403.Chinese)
		assert.Truef(t, hasKana(ja) || hasHan(ja), "%s Text(ja) = %q, want Japanese", f.Check, ja)
		assert.Truef(t, hasHan(zh), "%s Text(zh) = %q, want Han characters", f.Check, zh)
		assert.Falsef(t, hasKana(zh), "%s Text(zh) = %q holds kana", f.Check, zh)
		for _, s := range []string{ja, zh} {
			assert.NotEmpty(t, s, f.Check)
			assert.NotContains(t, s, "\n", f.Check)
			if f.Summary != "" {
				assert.NotEqual(t, f.Summary, s, f.Check)
			}
			// Every finding the flow produces has a template; the
			// generic "<check>：<status>" line is for the unforeseen.
			assert.Falsef(t, strings.HasPrefix(s, f.Check+"："), "%s %s: no template for %q", f.Check, f.Status, f.Summary)
			for _, name := range textEvidence {
				if v, _ := f.Value(name); v != "" {
					assert.Containsf(t, s, v, "%s Text = %q, want evidence %s", f.Check, s, name)
				}
			}
			for _, secret := range secrets {
				assert.NotContains(t, s, secret, f.Check)
			}
		}
	}
}

func TestFindingTextDiagnose(t *testing.T) {
	t.Parallel()
	for _, tc := range diagnoseSeedCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			assertLocalized(t, checks.Diagnose(testCtx(t), tc.target(f)).Findings)
		})
	}
}

func TestFindingTextDiagnoseError(t *testing.T) {
	t.Parallel()
	for _, tc := range diagnoseErrorCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			if tc.setup != nil {
				tc.setup(t, f)
			}
			err := tc.request(t, f)
			require.Error(t, err)
			assertLocalized(t, checks.DiagnoseError(testCtx(t), tc.target(f), err).Findings)
		})
	}
}

// TestFindingTextEvidence pins the values each localized text must carry
// for the scenarios that produce them.
func TestFindingTextEvidence(t *testing.T) {
	t.Parallel()
	seed := map[string]diagnoseCase{}
	for _, tc := range diagnoseSeedCases() {
		seed[tc.name] = tc
	}
	errs := map[string]errCase{}
	for _, tc := range diagnoseErrorCases() {
		errs[tc.name] = tc
	}
	tests := []struct {
		name, scenario, check string
		fromError             bool
		want                  []string
	}{
		{name: "cors failed part", scenario: "1 cors origin not allowed", check: "cors", want: []string{"Origin", `0 (id "app")`, "AccessForbidden"}},
		{name: "referer list", scenario: "2 referer not on the allowlist", check: "referer", want: []string{"White-List", "You are denied by bucket referer rule"}},
		{name: "policy sid", scenario: "3 bucket policy denies anyone", check: "anonymous", want: []string{"DenyAnonymousDir"}},
		{name: "sub-account sid", scenario: "5.1 bucket policy denies the sub-account", check: "permission", want: []string{"DenyReaderPrivate", "Access Denied."}},
		{name: "unknown key", scenario: "4.1 unknown SecretId", check: "signed_request", want: []string{checks.MaskSecretID(fxUnknownCred.SecretID), "InvalidAccessKeyId"}},
		{name: "archive", scenario: "6 archived object", check: "archive", want: []string{"ARCHIVE", "InvalidObjectState", "POST Object restore"}},
		{name: "restoring", scenario: "6 deep archive still restoring", check: "archive", want: []string{"DEEP_ARCHIVE", "Standard"}},
		{name: "skew", scenario: "clock ahead by 20 minutes", check: "clock_skew", fromError: true, want: []string{"20.0"}},
		{name: "expired", scenario: "clock behind by two hours", check: "signed_request", fromError: true, want: []string{"120.0", "Request has expired"}},
		{name: "cos answer", scenario: "sub-account refused", check: "cos_error", fromError: true, want: []string{"403 AccessDenied", `"Access Denied."`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFx(t)
			var r checks.Report
			if tc.fromError {
				ec, ok := errs[tc.scenario]
				require.True(t, ok, tc.scenario)
				if ec.setup != nil {
					ec.setup(t, f)
				}
				err := ec.request(t, f)
				require.Error(t, err)
				require.True(t, errors.Is(classify.Classify(err), ec.cause.Err()), "%v", err)
				r = checks.DiagnoseError(testCtx(t), ec.target(f), err)
			} else {
				dc, ok := seed[tc.scenario]
				require.True(t, ok, tc.scenario)
				if dc.setup != nil {
					dc.setup(t, f)
				}
				r = checks.Diagnose(testCtx(t), dc.target(f))
			}
			fd := findingOf(t, r.Findings, tc.check)
			for _, lang := range []cos403.Lang{cos403.Japanese, cos403.Chinese} {
				got := fd.Text(lang)
				for _, want := range tc.want {
					assert.Containsf(t, got, want, "Text(%s) of %s = %q, want %q", lang, tc.check, got, want)
				}
			}
		})
	}
}

// TestFindingTextFallback: a check without a template still reads in the
// language, naming its status and cause, and English stays the summary.
func TestFindingTextFallback(t *testing.T) {
	t.Parallel()
	f := checks.NewFinding("custom.check", checks.StatusFail, cos403.CausePermissionDenied, "something custom failed")
	tests := []struct {
		lang cos403.Lang
		want string
	}{
		{cos403.English, "something custom failed"},
		{cos403.Lang("fr"), "something custom failed"},
		{cos403.Japanese, "custom.check：失敗（permission_denied）"},
		{cos403.Chinese, "custom.check：失败（permission_denied）"},
	}
	for _, tc := range tests {
		assert.Equalf(t, tc.want, f.Text(tc.lang), "Text(%s)", tc.lang)
	}
}

// TestFindingTextEvaluators runs the pure evaluators through their
// variants; every finding must have a localized template.
func TestFindingTextEvaluators(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	auth := func(sign, key string) *signature.Authorization {
		a, err := signature.ParseAuthorization("q-sign-algorithm=sha1&q-ak=" + fxRootCred.SecretID +
			"&q-sign-time=" + sign + "&q-key-time=" + key + "&q-header-list=host&q-url-param-list=&q-signature=" + strings.Repeat("0", 40))
		require.NoError(t, err)
		return a
	}
	unix := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	window := func(from, to time.Duration) string { return unix(from) + ";" + unix(to) }
	var fs []checks.Finding
	for _, cred := range []signature.Credentials{
		fxRootCred, fxTmpCred, {}, {SecretID: " " + fxRootCred.SecretID, SecretKey: fxRootCred.SecretKey + "\t"},
		{SecretID: fxRootCred.SecretKey, SecretKey: fxRootCred.SecretID}, {SecretID: "akid" + fxRootCred.SecretID[4:], SecretKey: "k"},
		{SecretID: "AKIDshort", SecretKey: "k"}, {SecretID: fxRootCred.SecretID, SecretKey: "k", SessionToken: "sessionTokenExample-0123456789"},
		{SecretID: fxTmpCred.SecretID, SecretKey: "k"},
	} {
		fs = append(fs, checks.CheckCredentials(cred, "")...)
	}
	a := auth(window(-time.Minute, time.Hour), window(-time.Minute, time.Hour))
	s := a.String()
	fs = append(fs, checks.CheckCredentials(fxRootCred, s)...)
	fs = append(fs, checks.CheckCredentials(fxSubCred, s)...)
	fs = append(fs, checks.CheckCredentials(fxRootCred, "q-sign-algorithm=md5")...)
	for _, tc := range []struct {
		a      *signature.Authorization
		server time.Time
	}{
		{a, time.Time{}},
		{a, now.Add(20 * time.Minute)},
		{auth(window(-2*time.Hour, -time.Hour), window(-2*time.Hour, -time.Hour)), time.Time{}},
		{auth(window(time.Minute, time.Hour), window(time.Minute, time.Hour)), time.Time{}},
		{auth(window(time.Hour, 2*time.Hour), window(time.Hour, 2*time.Hour)), time.Time{}},
		{auth(window(-time.Minute, 2*time.Hour), window(-time.Minute, time.Hour)), time.Time{}},
		{auth(window(0, time.Hour), window(-time.Minute, 2*time.Hour)), time.Time{}},
		{nil, time.Time{}},
	} {
		fs = append(fs, checks.CheckSignatureTime(tc.a, now, tc.server))
	}
	fs = append(fs,
		checks.EvaluateCORS(fxCORSRules, "https://app.example.com", "GET", nil).Finding(),
		checks.EvaluateCORS(fxCORSRules, "https://evil.example.net", "GET", nil).Finding(),
		checks.EvaluateCORS(nil, "https://app.example.com", "GET", nil).Finding(),
		checks.EvaluateReferer(*fxWhiteList, "https://www.example.com/", false).Finding(),
		checks.EvaluateReferer(*fxWhiteList, "https://evil.test/", false).Finding(),
		checks.EvaluateReferer(*fxBlackList, "https://evil.test/", false).Finding(),
	)
	for _, h := range []http.Header{
		{},
		{"X-Cos-Storage-Class": {"ARCHIVE"}},
		{"X-Cos-Storage-Class": {"DEEP_ARCHIVE"}, "X-Cos-Restore": {`ongoing-request="true"`}},
		{"X-Cos-Storage-Class": {"ARCHIVE"}, "X-Cos-Restore": {`ongoing-request="false", expiry-date="Fri, 01 May 2026 18:00:00 GMT"`}},
		{"X-Cos-Storage-Class": {"ARCHIVE"}, "X-Cos-Restore": {`ongoing-request="false", expiry-date="Thu, 30 Apr 2026 18:00:00 GMT"`}},
	} {
		fs = append(fs, checks.ParseRestore(h).Finding(now))
	}
	policy := []byte(`{"version":"2.0","statement":[{"sid":"ReadDir","effect":"allow","principal":{"qcs":["qcs::cam::uin/` + fxOwner + `:uin/` + fxSubUin + `"]},"action":["name/cos:GetObject"],"resource":["` + fxResource("dir/*") + `"]}]}`)
	for _, key := range []string{"dir/a.txt", "private.txt"} {
		req := checks.PolicyRequest{Principal: checks.Principal{OwnerUin: fxOwner, Uin: fxSubUin}, Action: "name/cos:GetObject", Resource: fxResource(key), Signed: true}
		d, err := checks.EvaluatePolicy(policy, req)
		require.NoError(t, err)
		fs = append(fs, d.Finding())
		ad, err := checks.EvaluateAccess(checks.AccessPolicies{BucketPolicy: policy, OwnerUin: fxOwner}, req)
		require.NoError(t, err)
		fs = append(fs, ad.Finding())
	}
	assertLocalized(t, fs)
	// The deciding statement's sid reaches the text.
	assert.Contains(t, fs[len(fs)-4].Text(cos403.Japanese), "ReadDir")
	assert.Contains(t, fs[len(fs)-4].Text(cos403.Chinese), "ReadDir")
}
