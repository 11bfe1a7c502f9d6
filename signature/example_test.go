package signature_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/cos403/cos403-go/signature"
)

// The first worked example of the COS "Request Signature" document, with
// the SecretId, SecretKey and signature published before the document masked
// them.
func ExampleSign() {
	req, _ := http.NewRequest(http.MethodPut,
		"https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/exampleobject(%E8%85%BE%E8%AE%AF%E4%BA%91)", nil)
	req.Header.Set("Date", "Thu, 16 May 2019 06:45:51 GMT")
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Content-Length", "13")
	req.Header.Set("Content-MD5", "mQ/fVh815F3k6TAUm8m0eg==")
	req.Header.Set("x-cos-acl", "private")
	req.Header.Set("x-cos-grant-read", `uin="100000000011"`)

	cred := signature.Credentials{SecretID: "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", SecretKey: "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz"}
	res, err := signature.Sign(req, cred, signature.Options{
		KeyTime: signature.Window{Start: time.Unix(1557989151, 0), End: time.Unix(1557996351, 0)},
		// The document signs Date too, which the SDKs' default selection
		// leaves out.
		HeaderList: []string{"content-length", "content-md5", "content-type", "date", "host", "x-cos-acl", "x-cos-grant-read"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("SignKey:     ", res.SignKey)
	fmt.Printf("FormatString: %q\n", res.FormatString)
	fmt.Printf("StringToSign: %q\n", res.StringToSign)
	fmt.Println("Signature:   ", res.Signature)
	// Printing the Result itself redacts the secrets.
	fmt.Println(strings.Contains(fmt.Sprint(res), res.Signature))
	// Output:
	// SignKey:      eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f
	// FormatString: "put\n/exampleobject(腾讯云)\n\ncontent-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain&date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&x-cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22\n"
	// StringToSign: "sha1\n1557989151;1557996351\n8b2751e77f43a0995d6e9eb9477f4b685cca4172\n"
	// Signature:    3b8851a11a569213c17ba8fa7dcf2abec6935172
	// false
}

// A SignatureDoesNotMatch whose body shows that the HTTP client appended
// "; charset=utf-8" to Content-Type after the request was signed (a real
// capture: PUT /?cors).
func ExampleCompare() {
	req, _ := http.NewRequest(http.MethodPut, "https://test-app-1251021022.cos.ap-guangzhou.myqcloud.com/?cors", nil)
	req.Header.Set("Content-Length", "454")
	req.Header.Set("Content-MD5", "DfuiC7IOBwIeiVanWPG/Kg==")
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("Date", "Wed, 19 Oct 2022 05:49:28 GMT")
	local, _ := signature.Sign(req, signature.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "example"}, signature.Options{
		KeyTime:    signature.Window{Start: time.Unix(1666158568, 0), End: time.Unix(1666218568, 0)},
		HeaderList: []string{"content-length", "content-md5", "content-type", "date", "host"},
	})

	// <FormatString> and <StringToSign> from the error body, XML escapes and all.
	serverFormatString := "put\n/\ncors=\ncontent-length=454&amp;content-md5=DfuiC7IOBwIeiVanWPG%2FKg%3D%3D&amp;content-type=application%2Fxml%3B%20charset%3Dutf-8&amp;date=Wed%2C%2019%20Oct%202022%2005%3A49%3A28%20GMT&amp;host=test-app-1251021022.cos.ap-guangzhou.myqcloud.com\n"
	serverStringToSign := "sha1\n1666158568;1666218568\n488ab174d5f7a6ec0966aeeb82600e185114d7d1\n"

	d := signature.Compare(local, serverFormatString, serverStringToSign)
	fmt.Println("stage:  ", d.Stage)
	fmt.Println("element:", d.Element)
	fmt.Printf("client:  %q\n", d.Client)
	fmt.Printf("server:  %q\n", d.Server)
	fmt.Println(d.Explanation)
	// Output:
	// stage:   headers
	// element: content-type
	// client:  "application/xml"
	// server:  "application/xml; charset=utf-8"
	// Content-Type was signed as "application/xml" but COS received "application/xml; charset=utf-8": a proxy or HTTP library changed it after signing by appending "; charset=utf-8". Set the full Content-Type (with the charset) before signing, or stop the library from adding it.
}

func ExampleVerify() {
	cred := signature.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "example-key"}
	req, _ := http.NewRequest(http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/report.csv", nil)
	signed, _, _ := signature.SignRequest(req, cred, signature.Options{
		KeyTime: signature.Window{Start: time.Unix(1700000000, 0), End: time.Unix(1700003600, 0)},
	})

	_, err := signature.Verify(signed, "example-key")
	fmt.Println("right key:", err)

	_, err = signature.Verify(signed, "other-key")
	var mismatch *signature.MismatchError
	fmt.Println("wrong key:", errors.Is(err, signature.ErrSignatureMismatch), errors.As(err, &mismatch))
	fmt.Println(err)
	// Output:
	// right key: <nil>
	// wrong key: true true
	// signature: q-signature does not match the signature recomputed from the request (key time 1700000000;1700003600)
}

func ExampleParseAuthorization() {
	a, err := signature.ParseAuthorization("q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.SecretID, a.KeyTime, a.HeaderList, a.URLParamList)
	fmt.Println(a) // redacted

	_, err = signature.ParseAuthorization("q-sign-algorithm=sha256&q-ak=x")
	fmt.Println(err, errors.Is(err, signature.ErrUnknownAlgorithm))
	// Output:
	// AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q 1557989753;1557996953 [date host] [response-cache-control response-content-type]
	// q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type&q-signature=REDACTED
	// signature: q-sign-algorithm: "sha256" is not sha1 true
}

func ExamplePresign() {
	cred := signature.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "example-key"}
	u, err := signature.Presign(http.MethodGet, "https://b-1250000000.cos.ap-guangzhou.myqcloud.com/photos/a+b.jpg", cred, signature.Options{
		KeyTime: signature.Window{Start: time.Unix(1700000000, 0), End: time.Unix(1700003600, 0)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(signature.Redact(u[len("https://b-1250000000.cos.ap-guangzhou.myqcloud.com/photos/a%2Bb.jpg?"):]))
	// Output:
	// q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1700000000%3B1700003600&q-key-time=1700000000%3B1700003600&q-header-list=host&q-url-param-list=&q-signature=REDACTED
}
