package fakecos_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
	"github.com/cos403/cos403-go/internal/fakecos"
)

// A cos-go-sdk-v5 client keeps the real bucket URL; the fake's Transport
// carries it to the loopback server.
func Example() {
	s, err := fakecos.New(fakecos.Config{})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	_ = s.AddBucket(fakecos.Bucket{Name: "examplebucket-1250000000", Region: "ap-guangzhou", OwnerUin: "100000000001"})
	_ = s.AddCredential(fakecos.Credential{SecretID: "AKIDEXAMPLE", SecretKey: "secretEXAMPLE", OwnerUin: "100000000001"})

	auth := &cos.AuthorizationTransport{SecretID: "AKIDEXAMPLE", SecretKey: "secretEXAMPLE"}
	auth.Transport = &classify.Transport{Base: s.Transport(), Credentials: auth}
	c := cos.NewClient(&cos.BaseURL{BucketURL: s.BucketURL("examplebucket-1250000000", "ap-guangzhou")}, &http.Client{Transport: auth})

	_, err = c.Object.Put(context.Background(), "hello.txt", strings.NewReader("hi"), nil)
	fmt.Println("put:", err)

	// A server clock 20 minutes behind makes the fresh signature start in
	// its future.
	s.SetOffset(-20 * time.Minute)
	_, err = c.Object.Get(context.Background(), "hello.txt", nil)
	fmt.Println("get:", cos403.CauseOf(classify.Classify(err)))
	// Output:
	// put: <nil>
	// get: request_time_too_skewed
}

// An unsigned request to a private object is refused with "Access
// Denied.", which classify reads as an anonymous denial.
func ExampleServer_PutObject() {
	s, err := fakecos.New(fakecos.Config{})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	_ = s.AddBucket(fakecos.Bucket{Name: "examplebucket-1250000000", Region: "ap-guangzhou", OwnerUin: "100000000001"})
	_ = s.PutObject("examplebucket-1250000000", fakecos.Object{Key: "private.txt", Body: []byte("secret")})

	anon := cos.NewClient(&cos.BaseURL{BucketURL: s.BucketURL("examplebucket-1250000000", "ap-guangzhou")}, &http.Client{Transport: s.Transport()})
	_, err = anon.Object.Get(context.Background(), "private.txt", nil)
	e, _ := cos403.As(classify.Classify(err))
	fmt.Println(e.StatusCode, e.Code, e.Message, e.Cause)
	// Output: 403 AccessDenied Access Denied. anonymous_denied
}

// A proxy in front of COS answers with HTML and no request id.
func ExampleServer_SetFault() {
	s, err := fakecos.New(fakecos.Config{})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	_ = s.AddBucket(fakecos.Bucket{Name: "examplebucket-1250000000", Region: "ap-guangzhou", OwnerUin: "100000000001"})
	s.SetFault("*", fakecos.Fault{ProxyHTML: true})

	resp, err := s.Client().Get(s.BucketURL("examplebucket-1250000000", "ap-guangzhou").String() + "/a.txt")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"), cos403.CauseOf(classify.Response(resp)))
	// Output: 403 text/html not_from_cos
}
