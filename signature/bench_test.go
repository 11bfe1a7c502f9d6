package signature_test

import (
	"net/http"
	"testing"
	"time"

	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/signature"
)

// benchRequest is the official PUT vector's request (D-SIGN) with two query
// parameters, as cos-go-sdk-v5 would send it.
func benchRequest(b *testing.B) *http.Request {
	req, err := http.NewRequest(http.MethodPut,
		"https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)?acl&versionId=1", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Date", "Thu, 16 May 2019 06:45:51 GMT")
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Content-Length", "13")
	req.Header.Set("Content-MD5", "mQ/fVh815F3k6TAUm8m0eg==")
	req.Header.Set("x-cos-acl", "private")
	req.Header.Set("x-cos-grant-read", `uin="100000000011"`)
	// cos-go-sdk-v5's Client.newRequest sets User-Agent on every request it
	// sends; it is not signed.
	req.Header.Set("User-Agent", "cos-go-sdk-v5/0.7.70")
	// AddAuthorizationHeader leaves Host and Authorization in req.Header;
	// sign once so that every benchmark sees the request in that state.
	cos.AddAuthorizationHeader(benchCred.SecretID, benchCred.SecretKey, "", req, benchAuthTime())
	return req
}

func benchAuthTime() *cos.AuthTime {
	return &cos.AuthTime{SignStartTime: benchKT.Start, SignEndTime: benchKT.End, KeyStartTime: benchKT.Start, KeyEndTime: benchKT.End}
}

var (
	benchCred = signature.Credentials{SecretID: "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", SecretKey: "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz"}
	benchKT   = signature.Window{Start: time.Unix(1557989151, 0), End: time.Unix(1557996351, 0)}
)

func BenchmarkSign(b *testing.B) {
	req := benchRequest(b)
	opts := signature.Options{KeyTime: benchKT}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signature.Sign(req, benchCred, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSDKSign signs the same request with the same key time through
// cos-go-sdk-v5. AddAuthorizationHeader overwrites Host and Authorization,
// so reusing the request signs the same headers every time.
func BenchmarkSDKSign(b *testing.B) {
	req := benchRequest(b)
	at := benchAuthTime()
	b.ReportAllocs()
	for b.Loop() {
		cos.AddAuthorizationHeader(benchCred.SecretID, benchCred.SecretKey, "", req, at)
	}
}

func BenchmarkVerify(b *testing.B) {
	signed, _, err := signature.SignRequest(benchRequest(b), benchCred, signature.Options{KeyTime: benchKT})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signature.Verify(signed, benchCred.SecretKey); err != nil {
			b.Fatal(err)
		}
	}
}
