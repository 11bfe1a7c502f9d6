package classify_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"testing"

	"github.com/cos403/cos403-go/classify"
	cos "github.com/tencentyun/cos-go-sdk-v5"
)

// sigBody is fixture C of cos-errors.md §11: a SignatureDoesNotMatch body
// with StringToSign and FormatString.
var sigBody = []byte("<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n\t<Code>SignatureDoesNotMatch</Code>\n\t<Message>The Signature you specified is invalid.</Message>\n\t<StringToSign>sha1\n1666158568;1666218568\n488ab174d5f7a6ec0966aeeb82600e185114d7d1\n</StringToSign>\n\t<FormatString>put\n/\ncors=\ncontent-length=454&amp;content-md5=DfuiC7IOBwIeiVanWPG%2FKg%3D%3D&amp;content-type=application%2Fxml%3B%20charset%3Dutf-8&amp;date=Wed%2C%2019%20Oct%202022%2005%3A49%3A28%20GMT&amp;host=test-app-1251021022.cos.ap-guangzhou.myqcloud.com\n</FormatString>\n\t<Resource>/</Resource>\n\t<RequestId>NjM0ZjhmZThfNDgzNjQwMGJfMTMwZWFfNDhmODEyZg==</RequestId>\n\t<TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTBjYzE2MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0MjFmNzE4ZjVmM2M0ZTcxNjYwMmQ3N2QzYjA3NzYyNmM=</TraceId>\n</Error>")

var sigHeader = http.Header{
	"Content-Type":     {"application/xml"},
	"Server":           {"tencent-cos"},
	"X-Cos-Request-Id": {"NjM0ZjhmZThfNDgzNjQwMGJfMTMwZWFfNDhmODEyZg=="},
}

// BenchmarkClassifyBody classifies the raw body; compare with
// BenchmarkSDKUnmarshal, which is what cos-go-sdk-v5 does with it.
func BenchmarkClassifyBody(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if e := classify.Reply(403, sigHeader, sigBody, nil); e == nil {
			b.Fatal("nil")
		}
	}
}

// BenchmarkSDKUnmarshal is the SDK's checkResponse parse of the same body
// (error.go: xml.Unmarshal into cos.ErrorResponse).
func BenchmarkSDKUnmarshal(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var r cos.ErrorResponse
		if err := xml.Unmarshal(sigBody, &r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClassifyWrapped classifies an SDK error wrapped by the caller.
func BenchmarkClassifyWrapped(b *testing.B) {
	req, _ := http.NewRequest("GET", "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/exampleobject", nil)
	req.Header.Set("Authorization", "q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list=&q-signature=00")
	resp := &http.Response{StatusCode: 403, Header: http.Header{
		"X-Cos-Request-Id": {"NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4MTE="},
		"Date":             {"Thu, 09 Jul 2020 11:45:26 GMT"},
	}, Request: req}
	sdkErr := &cos.ErrorResponse{Response: resp, Code: "AccessDenied", Message: "Request has expired", RequestID: "NWYwNzAzNTZfNzNjODJhMDlfMzRiM2ZfMThjMjk4MTE="}
	err := fmt.Errorf("download %q: %w", "exampleobject", sdkErr)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if classify.Classify(err) == err {
			b.Fatal("not classified")
		}
	}
}
