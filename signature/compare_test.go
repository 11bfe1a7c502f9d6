package signature_test

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cos403/cos403-go/signature"
)

// stsFor is the StringToSign COS would build for a FormatString.
func stsFor(keyTime, fs string) string {
	sum := sha1.Sum([]byte(fs))
	return "sha1\n" + keyTime + "\n" + hex.EncodeToString(sum[:]) + "\n"
}

// Fixture C of cos-errors.md section 11: PUT /?cors whose Content-Type
// gained "; charset=utf-8" after signing (TryImpossible/blog).
const (
	fixtureCFormatString = "put\n/\ncors=\ncontent-length=454&amp;content-md5=DfuiC7IOBwIeiVanWPG%2FKg%3D%3D&amp;content-type=application%2Fxml%3B%20charset%3Dutf-8&amp;date=Wed%2C%2019%20Oct%202022%2005%3A49%3A28%20GMT&amp;host=test-app-1251021022.cos.ap-guangzhou.myqcloud.com\n"
	fixtureCStringToSign = "sha1\n1666158568;1666218568\n488ab174d5f7a6ec0966aeeb82600e185114d7d1\n"
)

func fixtureCLocal(t *testing.T) *signature.Result {
	t.Helper()
	req := newReq(t, http.MethodPut, "https://test-app-1251021022.cos.ap-guangzhou.myqcloud.com/?cors",
		"Content-Length", "454",
		"Content-MD5", "DfuiC7IOBwIeiVanWPG/Kg==",
		"Content-Type", "application/xml",
		"Date", "Wed, 19 Oct 2022 05:49:28 GMT")
	kt, err := signature.ParseWindow("1666158568;1666218568")
	require.NoError(t, err)
	res, err := signature.Sign(req, testCred, signature.Options{KeyTime: kt,
		HeaderList: []string{"content-length", "content-md5", "content-type", "date", "host"}})
	require.NoError(t, err)
	return res
}

func TestCompareFixtureC(t *testing.T) {
	local := fixtureCLocal(t)
	// The body as pasted from the XML, with its indentation and CRLFs.
	pasted := "\r\n\t" + strings.ReplaceAll(fixtureCFormatString, "\n", "\r\n") + "\t"
	d := signature.Compare(local, pasted, fixtureCStringToSign)
	assert.Equal(t, signature.StageHeaders, d.Stage)
	assert.Equal(t, "content-type", d.Element)
	assert.Equal(t, "application/xml", d.Client)
	assert.Equal(t, "application/xml; charset=utf-8", d.Server)
	assert.Contains(t, d.Explanation, "; charset=utf-8")
	assert.Contains(t, d.Explanation, "after signing")
	assert.False(t, d.Equal())
	assert.True(t, strings.HasPrefix(d.String(), "headers: "))

	// The server's StringToSign is the hash of its decoded FormatString.
	fs := strings.ReplaceAll(fixtureCFormatString, "&amp;", "&")
	assert.Equal(t, fixtureCStringToSign, stsFor("1666158568;1666218568", fs))
}

func TestCompare(t *testing.T) {
	const base = "https://b-1250000000.cos.ap-guangzhou.myqcloud.com"
	sign := func(t *testing.T, method, rawURL string, opts signature.Options, headers ...string) *signature.Result {
		t.Helper()
		if opts.KeyTime.IsZero() {
			opts.KeyTime = testKT
		}
		cred := testCred
		cred.SessionToken = "secret-session-token"
		res, err := signature.Sign(newReq(t, method, rawURL, headers...), cred, opts)
		require.NoError(t, err)
		return res
	}
	edit := func(s, old, new string) string {
		require.Contains(t, s, old)
		return strings.Replace(s, old, new, 1)
	}
	kt := testKT.String()

	tests := []struct {
		name        string
		local       func(t *testing.T) *signature.Result
		server      func(local *signature.Result) (fs, sts string)
		stage       signature.Stage
		element     string
		client, srv string
		explains    []string
		lacks       []string
	}{
		{
			name: "plus in the path read as a space",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/resume-zh+en_1.png", signature.Options{})
			},
			server: func(l *signature.Result) (string, string) {
				fs := edit(l.FormatString, "resume-zh+en", "resume-zh en")
				return fs, stsFor(kt, fs)
			},
			stage: signature.StagePath, element: "path", client: "/resume-zh+en_1.png", srv: "/resume-zh en_1.png",
			explains: []string{"'+'", "%2B"},
		},
		{
			name: "percent-encoded path signed",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/a%20b", signature.Options{Path: "/a%20b"})
			},
			server: func(l *signature.Result) (string, string) {
				fs := edit(l.FormatString, "/a%20b", "/a b")
				return fs, ""
			},
			stage: signature.StagePath, element: "path", client: "/a%20b", srv: "/a b",
			explains: []string{"percent-encoded", "decoded"},
		},
		{
			name:  "key encoded twice",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/a%20b", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "/a b", "/a%20b"), ""
			},
			stage: signature.StagePath, element: "path", client: "/a b", srv: "/a%20b",
			explains: []string{"twice"},
		},
		{
			name:  "double slash prefix",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"//key", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "//key", "/key"), ""
			},
			stage: signature.StagePath, element: "path", client: "//key", srv: "/key",
			explains: []string{"'//'", "%2F"},
		},
		{
			name:  "empty path",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base, signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "get\n\n", "get\n/\n"), ""
			},
			stage: signature.StagePath, element: "path", client: "", srv: "/",
			explains: []string{"empty path"},
		},
		{
			name:  "path-style bucket in the path",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/dir/key", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "/dir/key", "/b-1250000000/dir/key"), ""
			},
			stage: signature.StagePath, element: "path", explains: []string{"path-style"},
		},
		{
			name:  "other path",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/dir/key", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "/dir/key", "/dir/kez"), ""
			},
			stage: signature.StagePath, element: "path", explains: []string{"byte 7"},
		},
		{
			name:  "method",
			local: func(t *testing.T) *signature.Result { return sign(t, "PUT", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "put\n", "get\n"), ""
			},
			stage: signature.StageMethod, element: "method", client: "put", srv: "get", explains: []string{"GET", "PUT"},
		},
		{
			name:  "method case",
			local: func(t *testing.T) *signature.Result { return sign(t, "PUT", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "put\n", "PUT\n"), ""
			},
			stage: signature.StageMethod, element: "method", explains: []string{"case"},
		},
		{
			name:  "parameter added after signing",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k?prefix=a", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "prefix=a", "prefix=a&versionid=3"), ""
			},
			stage: signature.StageParameters, element: "versionid", srv: "3", explains: []string{"COS's FormatString only", "q-url-param-list"},
		},
		{
			name: "parameter missing at COS",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k?acl&prefix=a", signature.Options{})
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "acl=&", ""), ""
			},
			stage: signature.StageParameters, element: "acl", explains: []string{"local FormatString only"},
		},
		{
			name: "plus in a query value",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k?prefix=a%2Bb", signature.Options{})
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "prefix=a%2Bb", "prefix=a%20b"), ""
			},
			stage: signature.StageParameters, element: "prefix", client: "a+b", srv: "a b", explains: []string{"%2B"},
		},
		{
			name: "parameter value changed",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k?max-keys=10", signature.Options{})
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "max-keys=10", "max-keys=20"), ""
			},
			stage: signature.StageParameters, element: "max-keys", client: "10", srv: "20", explains: []string{"URL was changed"},
		},
		{
			name: "same value, other encoding",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k?prefix=a%2Fb", signature.Options{})
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "prefix=a%2Fb", "prefix=a%2fb"), ""
			},
			stage: signature.StageParameters, element: "prefix", client: "a/b", srv: "a/b", explains: []string{"encoding"},
		},
		{
			name: "header missing at COS",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k", signature.Options{}, "x-cos-meta-a", "1")
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "x-cos-meta-a=1&", ""), ""
			},
			stage: signature.StageHeaders, element: "x-cos-meta-a", client: "1", srv: "",
			explains: []string{"local FormatString only", "q-header-list"},
		},
		{
			name:  "header added at COS",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "&x-cos-security-token=", "&range=bytes%3D0-9&x-cos-security-token="), ""
			},
			stage: signature.StageHeaders, element: "range", client: "", srv: "bytes=0-9",
			explains: []string{"COS's FormatString only", "q-header-list"},
		},
		{
			name: "header whitespace",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k", signature.Options{}, "x-cos-meta-a", " padded ")
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "x-cos-meta-a=%20padded%20", "x-cos-meta-a=padded"), ""
			},
			stage: signature.StageHeaders, element: "x-cos-meta-a", client: " padded ", srv: "padded", explains: []string{"whitespace"},
		},
		{
			name:  "host rewritten",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "host=b-1250000000", "host=cdn"), ""
			},
			stage: signature.StageHeaders, element: "host", explains: []string{"Host", "CDN"},
		},
		{
			name: "body changed",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "PUT", base+"/k", signature.Options{}, "Content-Length", "13")
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "content-length=13", "content-length=14"), ""
			},
			stage: signature.StageHeaders, element: "content-length", explains: []string{"body"},
		},
		{
			name: "other header value",
			local: func(t *testing.T) *signature.Result {
				return sign(t, "GET", base+"/k", signature.Options{}, "Range", "bytes=0-9")
			},
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "range=bytes%3D0-9", "range=bytes%3D0-8"), ""
			},
			stage: signature.StageHeaders, element: "range", client: "bytes=0-9", srv: "bytes=0-8", explains: []string{"changed it after signing"},
		},
		{
			name:  "security token differs, redacted",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return edit(l.FormatString, "x-cos-security-token=secret-session-token", "x-cos-security-token=secret-session-tokeX"), ""
			},
			stage: signature.StageHeaders, element: "x-cos-security-token", client: "REDACTED", srv: "REDACTED", explains: []string{"redacted"},
		},
		{
			name:  "header order",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				h := strings.Split(l.HTTPHeaders, "&")
				return edit(l.FormatString, l.HTTPHeaders, h[1]+"&"+h[0]), ""
			},
			stage: signature.StageHeaders, element: "",
			client:   "host=b-1250000000.cos.ap-guangzhou.myqcloud.com&x-cos-security-token=REDACTED",
			srv:      "x-cos-security-token=REDACTED&host=b-1250000000.cos.ap-guangzhou.myqcloud.com",
			explains: []string{"order"},
		},
		{
			name:  "key time",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return l.FormatString, stsFor("1700000000;1700009999", l.FormatString)
			},
			stage: signature.StageKeyTime, element: "q-key-time", client: kt, srv: "1700000000;1700009999",
			explains: []string{"The FormatStrings agree", "wrong SecretKey or key time"},
		},
		{
			name:  "key time, no server FormatString",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return "", stsFor("1700000000;1700009999", l.FormatString)
			},
			stage: signature.StageKeyTime, element: "q-key-time", client: kt, srv: "1700000000;1700009999",
			explains: []string{"COS built its StringToSign with key time 1700000000;1700009999", "wrong SecretKey or key time"},
			lacks:    []string{"FormatStrings agree"},
		},
		{
			name:  "hash differs although the FormatStrings agree",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return l.FormatString, stsFor(kt, l.FormatString+" ")
			},
			stage: signature.StageStringToSign, element: "hash", explains: []string{"copied"},
		},
		{
			name:  "only a StringToSign, hash differs",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return "", stsFor(kt, "other")
			},
			stage: signature.StageStringToSign, element: "hash", explains: []string{"<FormatString>"},
		},
		{
			name:  "algorithm",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return "", strings.Replace(l.StringToSign, "sha1", "md5", 1)
			},
			stage: signature.StageStringToSign, element: "algorithm",
		},
		{
			name:  "everything agrees: wrong SecretKey",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return l.FormatString, l.StringToSign
			},
			stage: signature.StageNone, explains: []string{"SecretKey is wrong"},
		},
		{
			name:  "only the FormatString, agreeing",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return l.FormatString, ""
			},
			stage: signature.StageNone, explains: []string{"key time and the SecretKey"},
		},
		{
			name:  "only the StringToSign, agreeing",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return "", l.StringToSign
			},
			stage: signature.StageNone, explains: []string{"SecretKey is wrong"},
		},
		{
			name:  "nothing from the server",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return " \n", ""
			},
			stage: signature.StageMalformed,
		},
		{
			name:  "server FormatString too short",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return "get\n/k\n", ""
			},
			stage: signature.StageMalformed, element: "FormatString",
		},
		{
			name:  "server StringToSign too short",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return "", "sha1\n"
			},
			stage: signature.StageMalformed, element: "StringToSign",
		},
		{
			name:  "XML numeric references",
			local: func(t *testing.T) *signature.Result { return sign(t, "GET", base+"/k?a=1&b=2", signature.Options{}) },
			server: func(l *signature.Result) (string, string) {
				return strings.ReplaceAll(l.FormatString, "&", "&#38;"), strings.ReplaceAll(l.StringToSign, "\n", "&#xA;")
			},
			stage: signature.StageNone,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			local := tc.local(t)
			fs, sts := tc.server(local)
			d := signature.Compare(local, fs, sts)
			assert.Equal(t, tc.stage, d.Stage, "Compare(%s).Stage; explanation: %s", tc.name, d.Explanation)
			assert.Equal(t, tc.stage == signature.StageNone, d.Equal())
			assert.Equal(t, tc.element, d.Element, "Element")
			if tc.client != "" || tc.srv != "" {
				assert.Equal(t, tc.client, d.Client, "Client")
				assert.Equal(t, tc.srv, d.Server, "Server")
			}
			for _, want := range tc.explains {
				assert.Contains(t, d.Explanation, want)
			}
			for _, bad := range tc.lacks {
				assert.NotContains(t, d.Explanation, bad)
			}
			assert.NotEmpty(t, d.Explanation)
			for _, s := range []string{d.Client, d.Server, d.Explanation, d.String()} {
				assert.NotContains(t, s, "secret-session-tok")
			}
		})
	}
}

func TestCompareNilLocal(t *testing.T) {
	d := signature.Compare(nil, "get\n/\n\n\n", "")
	assert.Equal(t, signature.StageMalformed, d.Stage)
	bad := &signature.Result{FormatString: "x", StringToSign: "y"}
	assert.Equal(t, signature.StageMalformed, signature.Compare(bad, "get\n/\n\n\n", "").Stage)
	assert.Equal(t, signature.StageMalformed, signature.Compare(bad, "", "sha1\n1;2\nab\n").Stage)
}
