package cos403_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/cos403"
)

// The commands and addresses of the 403 troubleshooting guide, written out
// here independently of the catalog so a typo on either side fails.
const (
	curlCORS      = "curl 'http://bucket-appid.cos.ap-guangzhou.myqcloud.com/object' -v -o /dev/null -H 'Origin: <origin>'"
	curlPreflight = "curl 'http://bucket-appid.cos.ap-guangzhou.myqcloud.com/object' -v -o /dev/null -X OPTIONS -H 'Origin: <origin>' -H 'Access-Control-Request-Method: GET'"
	curlReferer   = "curl 'http://bucket-appid.cos.ap-guangzhou.myqcloud.com/object' -v -o /dev/null -H 'referer: <referer>'"
	consoleURL    = "https://console.cloud.tencent.com/cos5"
	capiURL       = "https://console.cloud.tencent.com/cam/capi"
	diagnoseURL   = "https://console.cloud.tencent.com/cos5/diagnose"
	contactURL    = "https://intl.cloud.tencent.com/contact-sales"
)

func TestCausesHaveDistinctSentinels(t *testing.T) {
	seen := map[error]cos403.Cause{}
	for _, c := range cos403.Causes() {
		t.Run(string(c), func(t *testing.T) {
			err := c.Err()
			require.NotNil(t, err, "%s.Err() = nil", c)
			prev, dup := seen[err]
			assert.False(t, dup, "%s.Err() is the sentinel of %s too", c, prev)
			seen[err] = c
			assert.Contains(t, err.Error(), string(c))
			assert.ErrorIs(t, &cos403.Error{Cause: c}, err)
			for _, other := range cos403.Causes() {
				if other != c {
					assert.NotErrorIs(t, &cos403.Error{Cause: other}, err, "an %s error matches the %s sentinel", other, c)
				}
			}
		})
	}
	assert.Len(t, seen, 18)
	assert.Nil(t, cos403.Cause("no_such_cause").Err())
}

func TestRemediationIsComplete(t *testing.T) {
	for _, c := range cos403.Causes() {
		for _, l := range cos403.Langs() {
			t.Run(string(c)+"/"+string(l), func(t *testing.T) {
				r := c.Remediation(l)
				assert.Equal(t, c, r.Cause, "Remediation(%s).Cause: the catalog has no entry and fell back", l)
				assert.Equal(t, l, r.Lang)
				assert.NotEmpty(t, r.Title)
				assert.NotEmpty(t, r.Summary)
				assert.NotEmpty(t, r.Steps)
				u, err := url.Parse(r.DocURL)
				require.NoError(t, err, "DocURL %q", r.DocURL)
				assert.Equal(t, "https", u.Scheme, "DocURL %q", r.DocURL)
				assert.Contains(t, []string{"intl.cloud.tencent.com", "cloud.tencent.com"}, u.Host, "DocURL %q", r.DocURL)
				assert.True(t, strings.HasPrefix(u.Path, "/document/product/436/"), "DocURL %q is not a COS document", r.DocURL)
			})
		}
	}
}

// Every text line is printed as is by Remediation.String, one step per
// numbered line; stray whitespace or line breaks would break that layout.
func TestRemediationTextShape(t *testing.T) {
	for _, c := range cos403.Causes() {
		t.Run(string(c), func(t *testing.T) {
			en := c.Remediation(cos403.English)
			for _, l := range cos403.Langs() {
				r := c.Remediation(l)
				assert.Len(t, r.Steps, len(en.Steps), "%s has %d steps in %s, %d in English", c, len(r.Steps), l, len(en.Steps))
				for _, s := range append([]string{r.Title, r.Summary}, r.Steps...) {
					assert.NotEmpty(t, s, "%s/%s: empty text", c, l)
					assert.Equal(t, strings.TrimSpace(s), s, "%s/%s: leading or trailing space in %q", c, l, s)
					assert.NotContains(t, s, "\n", "%s/%s: line break in %q", c, l, s)
					assert.NotContains(t, s, "  ", "%s/%s: double space in %q", c, l, s)
				}
				assert.NotContains(t, r.Title, "\t")
			}
		})
	}
}

func hasScript(s string, tables ...*unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.In(r, tables...) {
			return true
		}
	}
	return false
}

func TestRemediationLanguages(t *testing.T) {
	kana := []*unicode.RangeTable{unicode.Hiragana, unicode.Katakana}
	for _, c := range cos403.Causes() {
		t.Run(string(c), func(t *testing.T) {
			en := c.Remediation(cos403.English)
			ja := c.Remediation(cos403.Japanese)
			zh := c.Remediation(cos403.Chinese)

			assert.False(t, hasScript(en.Title+en.Summary, append(kana, unicode.Han)...), "English text of %s has CJK characters", c)
			for i, s := range ja.Steps {
				assert.True(t, hasScript(s, kana...), "Japanese step %d of %s has no kana: %q", i+1, c, s)
			}
			assert.True(t, hasScript(ja.Title, append(kana, unicode.Han)...), "Japanese title of %s: %q", c, ja.Title)
			assert.True(t, hasScript(ja.Summary, kana...), "Japanese summary of %s has no kana", c)
			for _, s := range append([]string{zh.Title, zh.Summary}, zh.Steps...) {
				assert.True(t, hasScript(s, unicode.Han), "Chinese text of %s has no Han characters: %q", c, s)
				assert.False(t, hasScript(s, kana...), "Chinese text of %s has kana: %q", c, s)
			}
			for _, tr := range []cos403.Remediation{ja, zh} {
				assert.NotEqual(t, en.Title, tr.Title, "%s title not translated to %s", c, tr.Lang)
				assert.NotEqual(t, en.Summary, tr.Summary, "%s summary not translated to %s", c, tr.Lang)
				for i := range tr.Steps {
					if i < len(en.Steps) {
						assert.NotEqual(t, en.Steps[i], tr.Steps[i], "%s step %d not translated to %s", c, i+1, tr.Lang)
					}
				}
			}
			assert.NotEqual(t, ja.Summary, zh.Summary)
		})
	}
}

// where selects the part of a Remediation a want must appear in.
type where int

const (
	inSummary where = iota
	inSteps
	inLastStep
)

func (w where) text(r cos403.Remediation) string {
	switch w {
	case inSummary:
		return r.Summary
	case inLastStep:
		if len(r.Steps) == 0 {
			return ""
		}
		return r.Steps[len(r.Steps)-1]
	}
	return strings.Join(r.Steps, "\n")
}

// TestRemediationFollowsTheGuide checks that the elements of the 403
// troubleshooting guide's procedure for each message, and the COS facts
// around them, are in the text of every language.
func TestRemediationFollowsTheGuide(t *testing.T) {
	all := cos403.Langs()
	en := []cos403.Lang{cos403.English}
	ja := []cos403.Lang{cos403.Japanese}
	zh := []cos403.Lang{cos403.Chinese}
	tests := []struct {
		name  string
		cause cos403.Cause
		langs []cos403.Lang
		where where
		wants []string
	}{
		// The Code/Message shapes that lead to each cause.
		{"cors codes", cos403.CauseCORSRejected, all, inSummary, []string{"Code=AccessForbidden", "CORSResponse: This CORS request is not allowed.", "Message=AccessForbidden", "OPTIONS"}},
		{"referer message", cos403.CauseRefererDenied, all, inSummary, []string{"Message=You are denied by bucket referer rule"}},
		{"anonymous messages", cos403.CauseAnonymousDenied, all, inSummary, []string{"Message=Access Denied.", "Check auth failure because signature empty.", "response-*"}},
		{"key codes", cos403.CauseInvalidAccessKeyID, all, inSummary, []string{"Code=InvalidAccessKeyId", "Message=InvalidAccessKeyId", "q-ak"}},
		{"skew codes", cos403.CauseRequestTimeTooSkewed, all, inSummary, []string{"Code=RequestTimeTooSkewed", "Message=RequestTimeTooSkewed", "15"}},
		{"expired message", cos403.CauseRequestExpired, all, inSummary, []string{"Message=Request has expired", "q-sign-time"}},
		{"mismatch codes", cos403.CauseSignatureMismatch, all, inSummary, []string{"Code=SignatureDoesNotMatch", "Message=SignatureDoesNotMatch", "<FormatString>", "<StringToSign>"}},
		{"strict messages", cos403.CauseStrictSignature, all, inSummary, []string{"Strict signature missing header that must be signed", "Strict signature missing param that must be signed"}},
		{"permission message", cos403.CausePermissionDenied, all, inSummary, []string{"Message=Access Denied.", "q-ak"}},
		{"token code", cos403.CauseTempCredentialExpired, all, inSummary, []string{"Code=ExpiredToken", "400", "x-cos-security-token"}},
		{"archive codes", cos403.CauseArchivedObject, all, inSummary, []string{"Code=InvalidObjectState", "Message=InvalidObjectState", "x-cos-storage-class", "ARCHIVE", "DEEP_ARCHIVE", "POST Object restore"}},
		{"post policy messages", cos403.CausePostPolicyRejected, all, inSummary, []string{"You post object request has been expired", "Condition key", "InvalidPolicyDocument"}},
		{"path style code", cos403.CausePathStyleForbidden, all, inSummary, []string{"Code=PathStyleDomainForbidden", "2024"}},
		{"download code", cos403.CauseDownloadForbidden, all, inSummary, []string{"Code=DownloadForbidden", ".apk", ".ipa"}},
		{"owner codes", cos403.CauseNotBucketOwner, all, inSummary, []string{"UserNotSourceBucketOwner", "UserNotTargetBucketOwner"}},
		{"process code", cos403.CauseNoProcessAuthority, all, inSummary, []string{"Code=NoProcessAuthority"}},
		{"not from cos marks", cos403.CauseNotFromCOS, all, inSummary, []string{"x-cos-request-id", "Server: tencent-cos", "MinIO", "Access Denied."}},
		{"unknown head", cos403.CauseUnknown, all, inSummary, []string{"HEAD", "x-cos-error-code"}},

		// CORS: console path and both curl forms.
		{"cors curl", cos403.CauseCORSRejected, all, inSteps, []string{curlCORS, curlPreflight, "Access-Control-Allow-Origin", "AllowedOrigin", "AllowedMethod", "AllowedHeader", "ExposeHeader", "CDN", consoleURL}},
		{"cors console en", cos403.CauseCORSRejected, en, inSteps, []string{"Bucket List", "Security Management > CORS Settings"}},
		{"cors console ja", cos403.CauseCORSRejected, ja, inSteps, []string{"バケットリスト", "セキュリティ管理>クロスドメインアクセスCORS設定"}},
		{"cors console zh", cos403.CauseCORSRejected, zh, inSteps, []string{"存储桶列表", "安全管理 > 跨域访问 CORS 设置"}},

		// Referer: console path, curl, empty referer, Mini Program, signing.
		{"referer curl", cos403.CauseRefererDenied, all, inSteps, []string{curlReferer, "servicewechat.com", "*.example.com", contactURL, consoleURL}},
		{"referer console en", cos403.CauseRefererDenied, en, inSteps, []string{"Bucket List", "Security Management > Hotlink Protection", "empty referer", "allowlist", "blocklist", "presigned"}},
		{"referer console ja", cos403.CauseRefererDenied, ja, inSteps, []string{"バケットリスト", "セキュリティ管理>リンク不正アクセス防止の設定", "空のReferer", "ホワイトリスト", "ブラックリスト", "署名付きURL"}},
		{"referer console zh", cos403.CauseRefererDenied, zh, inSteps, []string{"存储桶列表", "安全管理 > 防盗链设置", "空 Referer", "白名单", "黑名单", "预签名 URL"}},

		// Anonymous: sign, or make public through the ACL or a policy.
		{"anonymous fixes", cos403.CauseAnonymousDenied, all, inSteps, []string{"Authorization", "x-cos-security-token", "name/cos:GetObject", "response-*", consoleURL}},
		{"anonymous console en", cos403.CauseAnonymousDenied, en, inSteps, []string{"Permission Management > Bucket ACL", "Public Read/Private Write", "Policy Settings", "Everyone"}},
		{"anonymous console ja", cos403.CauseAnonymousDenied, ja, inSteps, []string{"権限管理>バケットアクセス許可", "パブリック読み取り/プライベート書き込み", "Policy権限設定", "全ユーザー"}},
		{"anonymous console zh", cos403.CauseAnonymousDenied, zh, inSteps, []string{"权限管理 > 存储桶访问权限", "公有读私有写", "Policy 权限设置", "所有用户"}},

		// InvalidAccessKeyId: q-ak, API key management, temporary keys.
		{"key steps", cos403.CauseInvalidAccessKeyID, all, inSteps, []string{"q-ak", "SecretId", capiURL, "x-cos-security-token", "1800", "7200", "129600"}},
		{"key support", cos403.CauseInvalidAccessKeyID, all, inLastStep, []string{contactURL, diagnoseURL, "RequestId"}},
		{"key case en", cos403.CauseInvalidAccessKeyID, en, inSteps, []string{"upper and lower case", "API key management"}},
		{"key case ja", cos403.CauseInvalidAccessKeyID, ja, inSteps, []string{"大文字と小文字", "APIキー管理"}},
		{"key case zh", cos403.CauseInvalidAccessKeyID, zh, inSteps, []string{"大小写", "API 密钥管理"}},

		// RequestTimeTooSkewed: read both clocks, 15 minutes, NTP.
		{"skew steps", cos403.CauseRequestTimeTooSkewed, all, inSteps, []string{"date -R", "15", "NTP", "Date", "curl http://cos.ap-guangzhou.myqcloud.com -v"}},
		{"skew support", cos403.CauseRequestTimeTooSkewed, all, inLastStep, []string{contactURL, "RequestId", "15"}},
		{"skew windows en", cos403.CauseRequestTimeTooSkewed, en, inSteps, []string{"Control Panel > Clock, Language, and Region > Date and Time"}},
		{"skew windows ja", cos403.CauseRequestTimeTooSkewed, ja, inSteps, []string{"コントロールパネル>時計、言語および地域>日付と時刻の設定"}},
		{"skew windows zh", cos403.CauseRequestTimeTooSkewed, zh, inSteps, []string{"控制面板 > 时钟、语言和区域 > 日期和时间"}},

		// Request has expired: new KeyTime, clock, support.
		{"expired steps", cos403.CauseRequestExpired, all, inSteps, []string{"q-sign-time", "KeyTime", "date -R", "NTP"}},
		{"expired support", cos403.CauseRequestExpired, all, inLastStep, []string{contactURL, "RequestId"}},

		// SignatureDoesNotMatch: compare with the server, usual culprits.
		{"mismatch steps", cos403.CauseSignatureMismatch, all, inSteps, []string{"<FormatString>", "<StringToSign>", "&amp;", "%2B", "%20", "; charset=utf-8", "Content-Type", "q-header-list", "/<BucketName-APPID>", "SecretKey", capiURL, "https://cos5.cloud.tencent.com/static/cos-sign/"}},
		{"mismatch support", cos403.CauseSignatureMismatch, all, inLastStep, []string{contactURL, "RequestId"}},

		// Strict signature: sign the missing names.
		{"strict steps", cos403.CauseStrictSignature, all, inSteps, []string{"q-header-list", "q-url-param-list", "Host", "PUT Bucket StrictSignature"}},

		// Access Denied.: the guide's ten steps.
		{"permission steps", cos403.CausePermissionDenied, all, inSteps, []string{consoleURL, "q-ak", "action", "resource", "allowPrefix", "name/cos:GetObject", "/*", "CAM"}},
		{"permission support", cos403.CausePermissionDenied, all, inLastStep, []string{contactURL, diagnoseURL, "RequestId"}},
		{"permission console en", cos403.CausePermissionDenied, en, inSteps, []string{
			"Bucket List", "Permission Management > Bucket ACL", "Add User", "Edit", "Policy Settings", "Add Policy",
			"case-sensitively", "cross-account",
			"private read/write and a policy allows anonymous access, the policy prevails over the ACL",
			"both allowed and denied an action, the deny wins",
			"a policy for Everyone ranks below a policy for a Specified user",
		}},
		{"permission console ja", cos403.CausePermissionDenied, ja, inSteps, []string{
			"バケットリスト", "権限管理>バケットアクセス許可", "ユーザーを追加", "編集", "Policy権限設定", "ポリシーの追加",
			"大文字と小文字を区別", "クロスアカウント",
			"プライベート読み取り/書き込みで、ポリシーが匿名アクセスを許可している場合は、ポリシーがバケットアクセス許可より優先",
			"許可と禁止の両方がある場合は、禁止が優先",
			"「全ユーザー」のポリシーは「指定ユーザー」のポリシーより優先順位が低く",
		}},
		{"permission console zh", cos403.CausePermissionDenied, zh, inSteps, []string{
			"存储桶列表", "权限管理 > 存储桶访问权限", "添加用户", "编辑", "Policy 权限设置", "添加策略",
			"区分大小写", "跨账号",
			"存储桶访问权限为私有读写而 Policy 允许匿名访问时，Policy 优先于存储桶访问权限",
			"既有允许又有拒绝时，拒绝优先",
			"“所有用户”策略的优先级低于“指定用户”策略",
		}},

		// ExpiredToken: new key, token, lifetimes.
		{"token steps", cos403.CauseTempCredentialExpired, all, inSteps, []string{"SecretId", "SecretKey", "x-cos-security-token", "1800"}},
		{"token lifetimes", cos403.CauseTempCredentialExpired, all, inSummary, []string{"1800", "7200", "129600", "InvalidAccessKeyId"}},

		// InvalidObjectState: restore, tiers, x-cos-restore.
		{"archive steps", cos403.CauseArchivedObject, all, inSteps, []string{
			"x-cos-storage-class", "x-cos-restore", "ongoing-request=\"true\"", "POST Object restore", "POST /<ObjectKey>?restore",
			"<RestoreRequest><Days>", "202 Accepted", "PostRestore",
			"ARCHIVE", "DEEP_ARCHIVE", "RestoreAlreadyInProgress", contactURL,
		}},
		{"archive tiers", cos403.CauseArchivedObject, []cos403.Lang{cos403.English, cos403.Chinese}, inSteps, []string{
			"Expedited 1–5", "Standard 3–5", "Bulk 5–12", "Standard 12–24", "Bulk 24–48",
		}},
		{"archive tiers ja", cos403.CauseArchivedObject, ja, inSteps, []string{
			"Expedited 1～5分", "Standard 3～5時間", "Bulk 5～12時間", "Standard 12～24時間", "Bulk 24～48時間",
		}},

		// POST Object: policy expiration and conditions.
		{"post policy steps", cos403.CausePostPolicyRejected, all, inSteps, []string{"expiration", "30", "Condition key q-ak", "Condition key bucket", "Condition key key", "BucketName-APPID", "q-sign-algorithm=sha1", "InvalidPolicyDocument"}},

		{"path style steps", cos403.CausePathStyleForbidden, all, inSteps, []string{"https://<BucketName-APPID>.cos.<region>.myqcloud.com/<key>", "ForcePathStyle", "cos.NewBucketURL", "/<BucketName-APPID>"}},
		{"download steps", cos403.CauseDownloadForbidden, all, inSteps, []string{".apk", ".ipa"}},
		{"owner steps", cos403.CauseNotBucketOwner, all, inSteps, []string{"Source", "Target", "q-ak", capiURL, contactURL}},
		{"process steps", cos403.CauseNoProcessAuthority, all, inSteps, []string{"q-ak", "CAM", contactURL}},
		{"not from cos steps", cos403.CauseNotFromCOS, all, inSteps, []string{"<BucketName-APPID>.cos.<region>.myqcloud.com", "curl -v", "Server: tencent-cos", "x-cos-request-id", "CDN"}},
		{"unknown steps", cos403.CauseUnknown, all, inSteps, []string{"x-cos-request-id", "HEAD", "GET", "x-cos-error-code", diagnoseURL, "CORS"}},
		{"unknown support", cos403.CauseUnknown, all, inLastStep, []string{contactURL, "RequestId"}},
	}
	for _, tc := range tests {
		for _, l := range tc.langs {
			t.Run(tc.name+"/"+string(l), func(t *testing.T) {
				got := tc.where.text(tc.cause.Remediation(l))
				for _, w := range tc.wants {
					assert.Contains(t, got, w, "%s.Remediation(%s) lacks %q", tc.cause, l, w)
				}
			})
		}
	}
}

// The CORS and referer commands are the guide's; they must appear verbatim,
// once each, in the steps of every language.
func TestRemediationCurlCommandsVerbatim(t *testing.T) {
	tests := []struct {
		cause cos403.Cause
		cmds  []string
	}{
		{cos403.CauseCORSRejected, []string{curlCORS, curlPreflight}},
		{cos403.CauseRefererDenied, []string{curlReferer}},
	}
	for _, tc := range tests {
		for _, l := range cos403.Langs() {
			t.Run(string(tc.cause)+"/"+string(l), func(t *testing.T) {
				steps := strings.Join(tc.cause.Remediation(l).Steps, "\n")
				for _, cmd := range tc.cmds {
					assert.Equal(t, 1, strings.Count(steps, cmd), "%s.Remediation(%s): %q should appear once", tc.cause, l, cmd)
				}
			})
		}
	}
}

func TestRemediationStepsAreCopies(t *testing.T) {
	r := cos403.CauseSignatureMismatch.Remediation(cos403.English)
	require.NotEmpty(t, r.Steps)
	want := r.Steps[0]
	r.Steps[0] = "changed"
	assert.Equal(t, want, cos403.CauseSignatureMismatch.Remediation(cos403.English).Steps[0])
}

func TestRemediationFallsBack(t *testing.T) {
	r := cos403.Cause("no_such_cause").Remediation(cos403.Lang("fr"))
	assert.Equal(t, cos403.CauseUnknown, r.Cause)
	assert.Equal(t, cos403.English, r.Lang)
	assert.Equal(t, cos403.CauseUnknown.Remediation(cos403.English).Title, r.Title)
	assert.True(t, errors.Is(&cos403.Error{Cause: r.Cause}, cos403.ErrUnknown))
}
