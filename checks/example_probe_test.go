package checks_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	cos "github.com/tencentyun/cos-go-sdk-v5"

	"github.com/cos403/cos403-go/checks"
	"github.com/cos403/cos403-go/internal/fakecos"
)

// exampleCOS starts a loopback COS with one bucket owned by 100000000001,
// its root key and a sub-account key without permissions.
func exampleCOS(b fakecos.Bucket) (*fakecos.Server, func(id, key string) *cos.Client) {
	srv, err := fakecos.New(fakecos.Config{})
	if err != nil {
		panic(err)
	}
	b.Name, b.Region, b.OwnerUin = "examplebucket-1250000000", "ap-guangzhou", "100000000001"
	must(srv.AddBucket(b))
	must(srv.AddCredential(fakecos.Credential{SecretID: fxRootCred.SecretID, SecretKey: fxRootCred.SecretKey, OwnerUin: "100000000001"}))
	must(srv.AddCredential(fakecos.Credential{SecretID: fxSubCred.SecretID, SecretKey: fxSubCred.SecretKey, OwnerUin: "100000000001", Uin: "100000000011"}))
	client := func(id, key string) *cos.Client {
		auth := &cos.AuthorizationTransport{SecretID: id, SecretKey: key, Transport: srv.Transport()}
		return cos.NewClient(&cos.BaseURL{BucketURL: srv.BucketURL(b.Name, b.Region)}, &http.Client{Transport: auth})
	}
	return srv, client
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// A page on blog.example.net embeds an archived image from a bucket whose
// hotlink protection only lists *.example.com. Diagnose reports the
// referer rule, which COS answers with first, and still lists the archive.
func ExampleDiagnose() {
	srv, client := exampleCOS(fakecos.Bucket{
		Referer: &checks.RefererConfig{Enabled: true, Type: checks.RefererWhiteList, Domains: []string{"*.example.com"}},
	})
	defer srv.Close()
	must(srv.PutObject("examplebucket-1250000000", fakecos.Object{
		Key: "photo.jpg", Body: []byte("jpeg"), StorageClass: "ARCHIVE", ACL: checks.ACLPublicRead,
	}))

	report := checks.Diagnose(context.Background(), checks.Target{
		BucketURL:  "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
		Key:        "photo.jpg",
		Referer:    "https://blog.example.net/post/1",
		HTTPClient: srv.Client(),
		// The owner's key reads the referer rules and the storage class.
		COS: client(fxRootCred.SecretID, fxRootCred.SecretKey),
	})
	fmt.Println("cause:", report.Cause)
	list, _ := report.Deciding.Value("list")
	fmt.Println("decided by:", report.Deciding.Check, list)
	for _, f := range report.Failed() {
		fmt.Println("failed:", f.Check, f.Cause)
	}
	restore, _ := report.Failed()[1].Value("recommended_restore")
	fmt.Println(restore)
	// Output:
	// cause: referer_denied
	// decided by: referer White-List
	// failed: referer referer_denied
	// failed: archive archived_object
	// PostRestore Tier=Standard Days=3 (3-5 hours)
}

// A sub-account's download fails with "Access Denied."; DiagnoseError
// confirms it is a permission problem and evaluates the bucket's policy and
// ACLs for the sub-account.
func ExampleDiagnoseError() {
	srv, client := exampleCOS(fakecos.Bucket{})
	defer srv.Close()
	must(srv.PutObject("examplebucket-1250000000", fakecos.Object{Key: "report.csv", Body: []byte("a,b")}))

	sub := client(fxSubCred.SecretID, fxSubCred.SecretKey)
	_, err := sub.Object.Get(context.Background(), "report.csv", nil)

	target := checks.TargetFromClient(sub, "")
	target.HTTPClient = srv.Client()
	target.COS = client(fxRootCred.SecretID, fxRootCred.SecretKey)
	target.Principal = checks.Principal{OwnerUin: "100000000001", Uin: "100000000011"}
	report := checks.DiagnoseError(context.Background(), target, err)

	fmt.Println("cause:", report.Cause)
	fmt.Println("decided by:", report.Deciding.Check)
	decision, _ := report.Deciding.Value("decision")
	acl, _ := report.Deciding.Value("bucket_acl")
	fmt.Println(decision, "with bucket ACL", acl)
	// Output:
	// cause: permission_denied
	// decided by: permission
	// implicit_deny with bucket ACL private
}

// The local clock runs 20 minutes ahead of COS: CheckClockSkew fails and
// says which offset to sign with meanwhile.
func ExampleCheckClockSkew() {
	srv, _ := exampleCOS(fakecos.Bucket{})
	defer srv.Close()
	srv.SetOffset(-20 * time.Minute)

	res := checks.CheckClockSkew(context.Background(), srv.Client(), "https://cos.ap-guangzhou.myqcloud.com")
	minutes, _ := res.Finding.Value("skew_minutes")
	fmt.Println(res.Finding.Status, res.Finding.Cause, minutes, "minutes")
	fmt.Println("server behind:", res.Offset < 0)
	// Output:
	// fail request_time_too_skewed 20.0 minutes
	// server behind: true
}

// CheckObjectState tells an archived object from a readable one and gives
// the options for the SDK's Object.PostRestore.
func ExampleCheckObjectState() {
	srv, client := exampleCOS(fakecos.Bucket{})
	defer srv.Close()
	must(srv.PutObject("examplebucket-1250000000", fakecos.Object{Key: "2019/logs.tar", Body: []byte("tar"), StorageClass: "DEEP_ARCHIVE"}))

	c := client(fxRootCred.SecretID, fxRootCred.SecretKey)
	res := checks.CheckObjectState(context.Background(), c, "2019/logs.tar")
	fmt.Println(res.Finding.Status, res.State.StorageClass)
	fmt.Println("restore with tier", res.Restore.Tier.Tier, "for", res.Restore.Days, "days")
	for _, o := range res.State.Advice {
		fmt.Println(o.Tier, o.Duration)
	}
	// Output:
	// fail DEEP_ARCHIVE
	// restore with tier Standard for 3 days
	// Standard 12-24 hours
	// Bulk 24-48 hours
}
