package classify_test

import (
	"errors"
	"fmt"
	"net/http"

	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/classify"
	"github.com/cos403/cos403-go/cos403"
)

// The one-line setup: put classify.Transport inside the SDK's
// AuthorizationTransport so it sees signed requests and keeps what the SDK
// discards from error bodies.
func ExampleTransport() {
	auth := &cos.AuthorizationTransport{SecretID: "AKIDEXAMPLE", SecretKey: "example-key"}
	auth.Transport = &classify.Transport{Credentials: auth}
	client := &http.Client{Transport: auth}
	_ = cos.NewClient(nil, client)
	fmt.Printf("%v\n", auth.Transport)
	// Output: classify.Transport{Base:http.DefaultTransport MaxBody:65536 SecretKey:"" Credentials:true}
}

func ExampleClassify() {
	// What cos-go-sdk-v5 returns for an expired signature.
	sdkErr := &cos.ErrorResponse{Code: "AccessDenied", Message: "Request has expired"}
	err := classify.Classify(fmt.Errorf("download: %w", sdkErr))

	if errors.Is(err, cos403.ErrRequestExpired) {
		fmt.Println("re-sign with a fresh key time")
	}
	e, _ := cos403.As(err)
	fmt.Println(e.Cause, "-", e.Remediation(cos403.English).Title != "")
	// Output:
	// re-sign with a fresh key time
	// request_expired - true
}

func ExampleReply() {
	body := []byte(`<?xml version='1.0' encoding='utf-8' ?>
<Error>
	<Code>InvalidObjectState</Code>
	<Message>The operation is not valid for the object storage class.</Message>
</Error>`)
	h := http.Header{"X-Cos-Request-Id": {"NWUwNGEwMjRfZDcyNzVkNjRfNjZlM183Zjcx"}, "X-Cos-Storage-Class": {"ARCHIVE"}}
	e := classify.Reply(403, h, body, nil)
	fmt.Println(e.Cause, e.StorageClass)
	fmt.Println(e)
	// Output:
	// archived_object ARCHIVE
	// cos403: 403 InvalidObjectState "The operation is not valid for the object storage class." (cause archived_object, request id NWUwNGEwMjRfZDcyNzVkNjRfNjZlM183Zjcx)
}
