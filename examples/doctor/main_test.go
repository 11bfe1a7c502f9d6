package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/cos403"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// env is a getenv over a map.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// doctor runs the program and returns its exit status and output.
func doctor(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	code := run(ctx, args, &out, &errOut, env(vars))
	return code, out.String(), errOut.String()
}

// TestScenarios reproduces every scenario and checks that the refusal is
// classified as the cause it reproduces, with the evidence that cause
// should carry.
func TestScenarios(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	seen := map[cos403.Cause]bool{}
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			r := runScenario(ctx, sc)
			require.Empty(t, r.problem)
			require.NotNil(t, r.err, "scenario %s produced no classified error", sc.name)
			assert.Equal(t, sc.want, r.got, "Classify(%s).Cause = %v, want %v", sc.name, r.got, sc.want)
			assert.ErrorIs(t, r.err, sc.want.Err())
			assert.True(t, r.ok)
			assert.NotEmpty(t, r.raw, "the raw error is printed")
			seen[r.got] = true

			// checks.DiagnoseError confirms the cause with a check of its
			// own wherever a probe can reproduce it.
			require.GreaterOrEqual(t, r.deciding, 0, "no deciding finding")
			deciding := r.findings[r.deciding]
			assert.Equal(t, checks.StatusFail, deciding.Status)
			if want, ok := decidingCheck[sc.name]; ok {
				assert.Equal(t, want, deciding.Check, "deciding check of %s", sc.name)
				assert.Equal(t, sc.want, deciding.Cause)
			}

			ev := map[string]string{}
			for _, e := range r.evidence {
				ev[e.Name] = e.Value
			}
			switch sc.name {
			case "cors_preflight":
				assert.Equal(t, "origin", ev["cors.failed"])
			case "referer_hotlink":
				assert.Contains(t, ev["referer.referer_config"], checks.RefererWhiteList)
			case "anonymous_private_object":
				assert.Equal(t, "private", ev["anonymous.bucket_acl"])
			case "sub_account_no_policy":
				assert.Equal(t, string(checks.DecisionImplicitDeny), ev["permission.decision"])
			case "sub_account_denied":
				assert.Contains(t, ev["permission.deciding_statement"], `sid "DenyReaderPrivate"`)
			case "temp_key_outside_policy":
				assert.Equal(t, checks.SourceSTSPolicy, ev["permission.source"])
			case "middlebox_changed_header":
				assert.Equal(t, "headers", ev["signature.stage"])
				assert.Equal(t, "content-type", ev["signature.element"])
				assert.Equal(t, `"text/plain; charset=utf-8"`, ev["signature.server"])
			case "plus_in_key":
				assert.Equal(t, "path", ev["signature.stage"])
				assert.Equal(t, `"/docs/resume-zh en.pdf"`, ev["signature.server"])
			case "wrong_secret_key":
				assert.Equal(t, "secret_key", ev["signature.stage"])
			case "clock_skew":
				assert.Contains(t, ev["clock.skew"], "-20m")
			case "presigned_url_expired":
				assert.NotEmpty(t, ev["signature_time.expired_by"])
			case "archived_object":
				assert.Equal(t, checks.StorageClassArchive, ev["storage_class"])
				assert.Contains(t, ev["archive.recommended_restore"], "PostRestore")
			case "deep_archived_object":
				assert.Equal(t, checks.StorageClassDeepArchive, ev["storage_class"])
			case "strict_signature":
				assert.Contains(t, ev["request.unsigned_headers"], "content-language")
				assert.NotContains(t, ev["request.q_header_list"], "content-language")
			case "proxy_html":
				assert.Equal(t, "nginx", ev["reply.server"])
			}
		})
	}
	// Every cause of the seed's flow has a scenario.
	for _, c := range []cos403.Cause{
		cos403.CauseCORSRejected, cos403.CauseRefererDenied, cos403.CauseAnonymousDenied,
		cos403.CauseInvalidAccessKeyID, cos403.CauseRequestTimeTooSkewed, cos403.CauseRequestExpired,
		cos403.CauseSignatureMismatch, cos403.CausePermissionDenied, cos403.CauseArchivedObject,
		cos403.CauseTempCredentialExpired, cos403.CauseStrictSignature, cos403.CausePathStyleForbidden,
		cos403.CauseNotFromCOS,
	} {
		assert.True(t, seen[c], "no scenario reproduces %s", c)
	}
}

// decidingCheck is the check that must confirm each scenario's cause;
// scenarios not listed are confirmed by the error alone ("cos_error"): a
// probe cannot reproduce what only that request carried (a rewritten
// header, an unsigned Content-Language, a path-style URL, a proxy's page
// is reproduced, but as not_from_cos on every probe).
var decidingCheck = map[string]string{
	"cors_preflight":           "cors",
	"referer_hotlink":          "referer",
	"anonymous_private_object": "anonymous",
	"unknown_secret_id":        "signed_request",
	"disabled_secret_id":       "signed_request",
	"clock_skew":               "clock_skew",
	"presigned_url_expired":    "signature_time",
	"plus_in_key":              "signed_request",
	"wrong_secret_key":         "signed_request",
	"sub_account_no_policy":    "permission",
	"sub_account_denied":       "permission",
	"temp_key_outside_policy":  "permission",
	"archived_object":          "archive",
	"deep_archived_object":     "archive",
	"temp_key_expired":         "signed_request",
}

// TestScenarioNames keeps the names usable with -run and unique.
func TestScenarioNames(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, sc := range scenarios() {
		assert.Regexp(t, `^[a-z][a-z0-9_]*$`, sc.name)
		assert.False(t, names[sc.name], "duplicate scenario %s", sc.name)
		names[sc.name] = true
		assert.True(t, sc.want.Valid(), "%s: want %q is not a cause", sc.name, sc.want)
		for i, about := range sc.about {
			assert.NotEmpty(t, about, "%s: description %d", sc.name, i)
		}
	}
}

// jsonOutput mirrors the -json document loosely, as a consumer would read
// it.
type jsonOutput struct {
	Mode      string `json:"mode"`
	Lang      string `json:"lang"`
	Total     int    `json:"total"`
	Expected  int    `json:"classified_as_expected"`
	OK        bool   `json:"ok"`
	Scenarios []struct {
		Name          string `json:"name"`
		ExpectedCause string `json:"expected_cause"`
		GotCause      string `json:"got_cause"`
		RawError      string `json:"raw_error"`
		Error         struct {
			Cause     string `json:"cause"`
			Code      string `json:"code"`
			RequestID string `json:"request_id"`
		} `json:"error"`
		Remediation struct {
			Title string   `json:"title"`
			Steps []string `json:"steps"`
		} `json:"remediation"`
		Evidence []checks.Evidence `json:"evidence"`
		Findings []checks.Finding  `json:"findings"`
		OK       bool              `json:"ok"`
	} `json:"scenarios"`
}

func TestJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := doctor(t, nil, "-json")
	require.Equal(t, exitOK, code, "stderr: %s", errOut)
	var doc jsonOutput
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "embedded", doc.Mode)
	assert.Equal(t, "en", doc.Lang)
	assert.True(t, doc.OK)
	assert.Equal(t, len(scenarios()), doc.Total)
	assert.Equal(t, doc.Total, doc.Expected)
	require.Len(t, doc.Scenarios, doc.Total)
	for _, s := range doc.Scenarios {
		assert.True(t, s.OK, s.Name)
		assert.Equal(t, s.ExpectedCause, s.GotCause, s.Name)
		assert.Equal(t, s.GotCause, s.Error.Cause, s.Name)
		assert.NotEmpty(t, s.RawError, s.Name)
		assert.NotEmpty(t, s.Remediation.Title, s.Name)
		assert.NotEmpty(t, s.Remediation.Steps, s.Name)
		assert.NotNil(t, s.Findings, s.Name)
		if s.GotCause != string(cos403.CauseNotFromCOS) {
			assert.NotEmpty(t, s.Error.RequestID, s.Name)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	code, out, errOut := doctor(t, nil, "-lang", "en")
	require.Equal(t, exitOK, code, "stderr: %s", errOut)
	assert.Empty(t, errOut)
	n := len(scenarios())
	assert.Equal(t, fmt.Sprintf("%d scenarios, %d classified as expected", n, n), lastLine(out))
	for _, want := range []string{"SDK error", "Classification", "Evidence", "Remediation", "Checks", "signature_mismatch"} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "\x1b[", "no colour codes")
}

func TestJapanese(t *testing.T) {
	t.Parallel()
	code, out, _ := doctor(t, nil, "-lang", "ja", "-run", "^(cors_preflight|archived_object)$")
	require.Equal(t, exitOK, code)
	assert.Regexp(t, `\p{Hiragana}|\p{Katakana}`, out)
	assert.Contains(t, out, labelSets[cos403.Japanese].remediation)
	assert.Contains(t, out, cos403.CauseCORSRejected.Remediation(cos403.Japanese).Title)
	assert.Equal(t, "2 scenarios, 2 classified as expected", lastLine(out))
}

func TestLangFromEnvironment(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		vars map[string]string
		want cos403.Lang
	}{
		{"none", nil, cos403.English},
		{"LANG", map[string]string{"LANG": "ja_JP.UTF-8"}, cos403.Japanese},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, cos403.Chinese},
		{"LC_ALL over all", map[string]string{"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LC_ALL": "C"}, cos403.English},
		{"unsupported", map[string]string{"LANG": "fr_FR.UTF-8"}, cos403.English},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o, err := parseArgs(nil, env(tc.vars), &bytes.Buffer{})
			require.NoError(t, err)
			assert.Equal(t, tc.want, o.lang, "envLang(%v) = %v, want %v", tc.vars, o.lang, tc.want)
		})
	}
}

// TestNoSecretInOutput runs every scenario in every language and format
// and looks for the scenarios' SecretKeys, tokens and any signature.
func TestNoSecretInOutput(t *testing.T) {
	t.Parallel()
	signatureValue := regexp.MustCompile(`(?i)(q-signature|sign)(=|%3D)[0-9a-f]`)
	for _, args := range [][]string{
		{"-lang", "en"}, {"-lang", "ja"}, {"-lang", "zh"}, {"-json"}, {"-json", "-lang", "ja"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := doctor(t, nil, args...)
			require.Equal(t, exitOK, code)
			for _, s := range secrets() {
				assert.NotContains(t, out, s)
				assert.NotContains(t, errOut, s)
			}
			assert.NotRegexp(t, signatureValue, out)
		})
	}
}

func TestRunSelection(t *testing.T) {
	t.Parallel()
	code, _, errOut := doctor(t, nil, "-run", "^no_such_scenario$")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "matches no scenario")

	code, out, _ := doctor(t, nil, "-run", "^wrong_secret_key$")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "1 scenarios, 1 classified as expected", lastLine(out))
}

// TestMisclassifiedExit checks the report and exit path of a scenario whose
// refusal is not the cause it expects.
func TestMisclassifiedExit(t *testing.T) {
	t.Parallel()
	sc := scenarios()[0]
	sc.want = cos403.CauseUnknown
	r := runScenario(context.Background(), sc)
	assert.False(t, r.ok)
	var out bytes.Buffer
	newPrinter(&out, cos403.English).result(1, 1, r)
	assert.Contains(t, out.String(), "NOT classified as expected: want unknown, got cors_rejected")
	assert.Equal(t, "1 scenarios, 0 classified as expected", summaryLine([]result{r}))
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	creds := map[string]string{"COS_SECRET_ID": "AKIDrealEXAMPLE", "COS_SECRET_KEY": "real-secret-EXAMPLE"}
	cases := []struct {
		name string
		args []string
		vars map[string]string
		want string
	}{
		{"region missing", []string{"-bucket", "examplebucket-1250000000", "-key", "a.txt"}, creds, "doctor: -region is required with -bucket"},
		{"key missing", []string{"-bucket", "examplebucket-1250000000", "-region", "ap-guangzhou"}, creds, "doctor: -key is required with -bucket"},
		{"region alone", []string{"-region", "ap-guangzhou"}, creds, "doctor: -region needs -bucket"},
		{"key alone", []string{"-key", "a.txt"}, creds, "doctor: -key needs -bucket"},
		{"bad bucket", []string{"-bucket", "examplebucket", "-region", "ap-guangzhou", "-key", "a.txt"}, creds, "doctor: -bucket must be <name>-<appid>"},
		{"bad region", []string{"-bucket", "examplebucket-1250000000", "-region", "Guangzhou", "-key", "a.txt"}, creds, "doctor: -region must be a COS region"},
		{"run with bucket", []string{"-bucket", "examplebucket-1250000000", "-region", "ap-guangzhou", "-key", "a.txt", "-run", "x"}, creds, "doctor: -run selects embedded scenarios"},
		{"no credentials", []string{"-bucket", "examplebucket-1250000000", "-region", "ap-guangzhou", "-key", "a.txt"}, nil, "doctor: -bucket needs credentials: set COS_SECRET_ID and COS_SECRET_KEY"},
		{"no secret key", []string{"-bucket", "examplebucket-1250000000", "-region", "ap-guangzhou", "-key", "a.txt"}, map[string]string{"COS_SECRET_ID": "AKIDrealEXAMPLE"}, "doctor: COS_SECRET_KEY is not set"},
		{"no secret id", []string{"-bucket", "examplebucket-1250000000", "-region", "ap-guangzhou", "-key", "a.txt"}, map[string]string{"COS_SECRET_KEY": "real-secret-EXAMPLE"}, "doctor: COS_SECRET_ID is not set"},
		{"bad lang", []string{"-lang", "fr"}, nil, `doctor: -lang must be en, ja or zh, not "fr"`},
		{"bad run", []string{"-run", "("}, nil, "doctor: -run: error parsing regexp"},
		{"argument", []string{"extra"}, nil, `doctor: unexpected argument "extra"`},
		{"unknown flag", []string{"-verbose"}, nil, "flag provided but not defined: -verbose"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := doctor(t, tc.vars, tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tc.want)
			assert.NotContains(t, errOut, "real-secret-EXAMPLE")
		})
	}
}

func TestRealOptions(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"COS_SECRET_ID": "AKIDrealEXAMPLE", "COS_SECRET_KEY": "real-secret-EXAMPLE", "COS_SESSION_TOKEN": "real-token-EXAMPLE"}
	o, err := parseArgs([]string{"-bucket", "examplebucket-1250000000", "-region", "ap-guangzhou", "-key", "/dir/a.txt", "-json"}, env(vars), &bytes.Buffer{})
	require.NoError(t, err)
	require.NotNil(t, o.real)
	assert.Equal(t, "examplebucket-1250000000", o.real.bucket)
	assert.Equal(t, "ap-guangzhou", o.real.region)
	assert.Equal(t, "dir/a.txt", o.real.key)
	assert.Equal(t, "real-token-EXAMPLE", o.real.sessionToken)
	assert.True(t, o.json)
}

func TestRedactText(t *testing.T) {
	t.Parallel()
	in := "GET https://b-1.cos.ap-guangzhou.myqcloud.com/a.txt?q-sign-algorithm=sha1&q-ak=AKIDx&q-signature=0123456789abcdef0123456789abcdef01234567&x-cos-security-token=tok: 403 AccessDenied(Message: Request has expired)"
	got := redactText(in)
	assert.NotContains(t, got, "0123456789abcdef")
	assert.NotContains(t, got, "tok:")
	assert.Contains(t, got, ": 403 AccessDenied(Message: Request has expired)")
	assert.Equal(t, "no url here", redactText("no url here"))
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}

// TestRealModeOnLoopback runs the real mode's code against the embedded
// COS on 127.0.0.1 (never the internet): the real host names are routed to
// the emulator by its transport.
func TestRealModeOnLoopback(t *testing.T) {
	t.Parallel()
	w, err := newWorld()
	require.NoError(t, err)
	defer w.close()
	cases := []struct {
		name  string
		key   identity
		obj   string
		code  int
		cause cos403.Cause
	}{
		{"root reads", rootKey, "private.txt", exitOK, ""},
		{"sub-account without policy", subKey, "private.txt", exitFound, cos403.CausePermissionDenied},
		{"wrong secret key", identity{id: rootKey.id, key: wrongKey}, "private.txt", exitFound, cos403.CauseSignatureMismatch},
		{"archived", rootKey, "backup/2019.tar", exitFound, cos403.CauseArchivedObject},
		{"temporary key outside its policy", tmpKey, "private.txt", exitFound, cos403.CausePermissionDenied},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ro := &realOptions{bucket: bucket, region: region, key: tc.obj,
				secretID: tc.key.id, secretKey: tc.key.key, sessionToken: tc.key.token, transport: w.srv.Transport()}
			for _, asJSON := range []bool{false, true} {
				var out, errOut bytes.Buffer
				o := &options{lang: cos403.English, json: asJSON, timeout: time.Minute, real: ro}
				code := runReal(context.Background(), o, &out, &errOut)
				assert.Equal(t, tc.code, code, "stderr: %s", errOut.String())
				for _, s := range secrets() {
					assert.NotContains(t, out.String(), s)
				}
				if !asJSON {
					if tc.cause == "" {
						assert.Contains(t, out.String(), "=> no check confirmed a cause")
					} else {
						assert.Contains(t, out.String(), "=> cause "+string(tc.cause))
					}
					continue
				}
				var doc struct {
					Mode   string `json:"mode"`
					OK     bool   `json:"ok"`
					Report struct {
						Cause string `json:"cause"`
					} `json:"report"`
					Error *struct {
						Cause string `json:"cause"`
					} `json:"error"`
				}
				require.NoError(t, json.Unmarshal(out.Bytes(), &doc))
				assert.Equal(t, "real", doc.Mode)
				assert.Equal(t, tc.code == exitOK, doc.OK)
				assert.Equal(t, string(tc.cause), doc.Report.Cause)
				if tc.cause != "" {
					require.NotNil(t, doc.Error)
					assert.Equal(t, string(tc.cause), doc.Error.Cause)
				}
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name, text  string
		first, rest int
		want        []string
	}{
		{"spaces", "aaa bbb ccc ddd eee fff ggg hhh", 20, 20, []string{"aaa bbb ccc ddd eee", "fff ggg hhh"}},
		{"long word alone", "a " + strings.Repeat("x", 30) + " b", 20, 20, []string{"a", strings.Repeat("x", 30), "b"}},
		// Ten ideographs are twenty columns.
		{"wide characters break anywhere", strings.Repeat("漢", 25), 20, 20, []string{strings.Repeat("漢", 10), strings.Repeat("漢", 10), strings.Repeat("漢", 5)}},
		{"no closing punctuation first", strings.Repeat("漢", 10) + "。" + strings.Repeat("漢", 3), 20, 20, []string{strings.Repeat("漢", 9), "漢。" + strings.Repeat("漢", 3)}},
		{"no small kana first", strings.Repeat("漢", 10) + "ィング", 20, 20, []string{strings.Repeat("漢", 9), "漢ィング"}},
		{"no opening punctuation last", strings.Repeat("漢", 9) + "（漢漢）", 20, 20, []string{strings.Repeat("漢", 9), "（漢漢）"}},
		{"mixed keeps Latin words whole", "COSはCode=AccessForbiddenを返します", 20, 20, []string{"COSは", "Code=AccessForbidden", "を返します"}},
		{"ellipsis counts one column", "AKID…0005 " + strings.Repeat("a", 10), 20, 20, []string{"AKID…0005 aaaaaaaaaa"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := wrap(tc.text, tc.first, tc.rest)
			assert.Equalf(t, tc.want, got, "wrap(%q, %d, %d)", tc.text, tc.first, tc.rest)
		})
	}
}

// TestLabelsAligned: the values of the classification block start in one
// column in every language, whatever the labels' display width.
func TestLabelsAligned(t *testing.T) {
	for _, lang := range []string{"en", "ja", "zh"} {
		code, out, _ := doctor(t, nil, "-lang", lang, "-run", "^cors_preflight$")
		require.Equal(t, exitOK, code)
		var cols []int
		for _, l := range strings.Split(out, "\n") {
			for _, id := range []string{"cors_rejected:", "403 AccessForbidden \"", "Nm"} {
				if i := strings.Index(l, id); i > 0 && strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   ") && !strings.Contains(l[:i], ":") {
					cols = append(cols, columns(l[:i]))
				}
			}
		}
		require.Len(t, cols, 3, "%s:\n%s", lang, out)
		assert.Equal(t, cols[0], cols[1], lang)
		assert.Equal(t, cols[0], cols[2], lang)
	}
}
