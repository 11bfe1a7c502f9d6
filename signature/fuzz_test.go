package signature_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/signature"
)

// FuzzSign is a differential test against cos-go-sdk-v5: for any method,
// object key, raw query, headers, token, key and times, Sign with the zero
// Options (plus fixed times) must produce the Authorization the SDK's
// AddAuthorizationHeader adds to the same request, and Verify must accept
// the request the SDK signed.
//
// headers is a list of "name:value" lines; a line starting with '!' is
// stored in the header map as is (no canonicalisation), as a client
// setting req.Header[name] directly would.
func FuzzSign(f *testing.F) {
	f.Add("PUT", "exampleobject(腾讯云)", "", "Content-Type:text/plain\nContent-MD5:mQ/fVh815F3k6TAUm8m0eg==\nx-cos-acl:private", "", "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz", int64(1557989151), uint32(7200), uint32(0))
	f.Add("get", "a+b c/中文/!'()*~%", "prefix=a%2Fb&max-keys=10&acl&ACL=&k%3Deq=1&k%3Deq=0&x=a+b", "range:bytes=0-9\n!host:other\n!x-cos-meta-a:1\nX-Cos-Meta-A:0", "tok en", "k+e y%/", int64(1700000000), uint32(3600), uint32(60))
	f.Add("Options", "/leading", "a=1;b=2&%zz=1&=v&&", "Origin:http://x\nAccess-Control-Request-Method:PUT\nx-ci-trace: t \nUser-Agent:ua", "", "", int64(0), uint32(0), uint32(0))
	f.Add("DELETE", "", "uploadId=%E4%B8%AD", "\u0130f-Match:x\nX-COS-SECURITY-TOKEN:old\n!x-cos-security-token:older", "new", "長いキー", int64(1234567890), uint32(1), uint32(5))
	f.Fuzz(func(t *testing.T, method, key, rawQuery, headers, token, secretKey string, start int64, dur, signDelay uint32) {
		if len(key)+len(rawQuery)+len(headers)+len(token)+len(secretKey) > 2048 || start < 0 || start > 1<<40 {
			t.Skip()
		}
		u := &url.URL{Scheme: "https", Host: "b-1250000000.cos.ap-guangzhou.myqcloud.com", Path: "/" + key, RawQuery: rawQuery}
		req, err := http.NewRequest(method, u.String(), nil)
		if err != nil {
			t.Skip()
		}
		for _, line := range strings.Split(headers, "\n") {
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			if raw, isRaw := strings.CutPrefix(name, "!"); isRaw {
				req.Header[raw] = append(req.Header[raw], value)
			} else {
				req.Header.Add(name, value)
			}
		}
		kt := signature.Window{Start: time.Unix(start, 0), End: time.Unix(start+int64(dur), 0)}
		st := signature.Window{Start: time.Unix(start+int64(signDelay%(dur+1)), 0), End: kt.End}
		cred := signature.Credentials{SecretID: "AKIDfuzz", SecretKey: secretKey, SessionToken: token}

		sdkReq := req.Clone(req.Context())
		cos.AddAuthorizationHeader(cred.SecretID, cred.SecretKey, cred.SessionToken, sdkReq, sdkTime(kt, st))
		want := sdkReq.Header.Get("Authorization")

		before := snapshot(req)
		res, err := signature.Sign(req, cred, signature.Options{KeyTime: kt, SignTime: st})
		if err != nil {
			t.Fatalf("Sign: %v", err)
		}
		if res.Authorization != want {
			t.Fatalf("Authorization differs from the SDK's\n got: %s\nwant: %s\nFormatString: %q", res.Authorization, want, res.FormatString)
		}
		if got := snapshot(req); !equalSnapshot(got, before) {
			t.Fatalf("Sign modified the request")
		}
		// A lone parameter with an empty name ("?=v") is listed as
		// "q-url-param-list=", which reads back as no parameter at all: the
		// wire form cannot tell them apart, for COS neither.
		if len(res.URLParamList) == 1 && res.URLParamList[0] == "" {
			return
		}
		if _, err := signature.Verify(sdkReq, secretKey); err != nil {
			t.Fatalf("Verify of the SDK-signed request: %v", err)
		}
	})
}

func equalSnapshot(a, b reqSnapshot) bool {
	if a.Method != b.Method || a.URL != b.URL || a.Host != b.Host || a.RawPath != b.RawPath ||
		a.RawQuery != b.RawQuery || a.Path != b.Path || a.ContentLength != b.ContentLength ||
		len(a.Header) != len(b.Header) || strings.Join(a.TransferEncoding, ",") != strings.Join(b.TransferEncoding, ",") {
		return false
	}
	for k, v := range a.Header {
		w, ok := b.Header[k]
		if !ok || strings.Join(v, "\x00") != strings.Join(w, "\x00") || len(v) != len(w) {
			return false
		}
	}
	return true
}
